"""Importing the exchange format: everything checked before anything is stored, on both backends."""

from __future__ import annotations

import json
import multiprocessing
from datetime import date
from pathlib import Path

import pytest

from assistant.db import Database
from assistant.followup.codes import Codes
from assistant.followup.period import Period
from assistant.followup.service import Followup
from assistant.followup.texts import Texts
from tests.followup.helpers import as_french_excel, as_workbook, copy_sample, edit_cell, read_rows, write_rows

EMPTY = {"operations": 0, "participants": 0, "structures": 0, "heures": 0}
SAMPLE_COUNTS = {"operations": 14, "participants": 60, "structures": 10, "heures": 103}


@pytest.fixture
def followup(database: Database, codes: Codes, texts: Texts) -> Followup:
    return Followup(database, codes, texts)


@pytest.fixture
def folder(sample: Path, tmp_path: Path) -> Path:
    return copy_sample(sample, tmp_path / "import")


def _expected(sample: Path) -> dict:
    return json.loads((sample / "expected-2026.json").read_text(encoding="utf-8"))


def test_the_sample_is_stored_whole(followup: Followup, sample: Path) -> None:
    result = followup.import_path(sample)
    assert result.ok and result.stored == SAMPLE_COUNTS
    assert followup.store.counts() == SAMPLE_COUNTS


def test_the_stored_sample_gives_the_expected_2026_indicators(followup: Followup, sample: Path) -> None:
    followup.import_path(sample)
    assert followup.bilan(Period.year(2026)) == _expected(sample)


def test_a_french_excel_export_gives_the_same_figures(followup: Followup, folder: Path, sample: Path) -> None:
    result = followup.import_path(as_french_excel(folder, folder.parent / "excel"))
    assert result.ok, [str(e) for e in result.report.errors]
    assert followup.bilan(Period.year(2026)) == _expected(sample)


def test_utf8_with_bom_and_semicolons_is_read(followup: Followup, folder: Path) -> None:
    result = followup.import_path(as_french_excel(folder, folder.parent / "bom", bom=True, encoding="utf-8"))
    assert result.ok and followup.store.operations()[1].maitre_ouvrage == "Grenoble-Alpes Métropole"


def test_an_xlsx_workbook_gives_the_same_figures(followup: Followup, folder: Path, sample: Path) -> None:
    result = followup.import_path(as_workbook(folder, folder.parent / "suivi.xlsx"))
    assert result.ok, [str(e) for e in result.report.errors]
    assert followup.bilan(Period.year(2026)) == _expected(sample)


def test_reimporting_the_same_operations_changes_nothing(followup: Followup, sample: Path) -> None:
    followup.import_path(sample)
    followup.import_path(sample)
    assert followup.store.counts() == SAMPLE_COUNTS
    assert followup.bilan(Period.year(2026)) == _expected(sample)


def test_reimporting_some_operations_replaces_them_and_keeps_the_others(followup: Followup, folder: Path) -> None:
    followup.import_path(folder)
    operations = read_rows(folder, "operations")
    hours = read_rows(folder, "heures")
    write_rows(folder, "operations", [operations[0], operations[1]])
    kept_hours = [hours[0]] + [r for r in hours[1:] if r[0] == "OP-1-001"][:2]
    write_rows(folder, "heures", kept_hours)
    assert followup.import_path(folder).ok
    counts = followup.store.counts()
    assert counts["operations"] == 14
    assert counts["heures"] == 103 - sum(1 for r in hours[1:] if r[0] == "OP-1-001") + 2


def test_an_hours_row_of_an_unknown_operation_is_reported_and_nothing_stored(followup: Followup, folder: Path) -> None:
    edit_cell(folder, "heures", 5, "operation_id", "OP-9-999")
    result = followup.import_path(folder)
    assert not result.ok and followup.store.counts() == EMPTY
    assert [str(e) for e in result.report.errors] == [
        "heures.csv, ligne 5, colonne operation_id : opération « OP-9-999 » inconnue (absente de la table operations)."
    ]


def test_an_unknown_participant_is_reported_with_file_line_and_column(followup: Followup, folder: Path) -> None:
    edit_cell(folder, "heures", 3, "participant_id", "P99999")
    error = followup.import_path(folder).report.errors[0]
    assert (error.source, error.line, error.column) == ("heures.csv", 3, "participant_id")


@pytest.mark.parametrize(
    ("value", "fragment"),
    [("-7", "ne peut pas être négatif"), ("300", "au-delà de 250 h"), ("beaucoup", "n'est pas un nombre")],
)
def test_impossible_hours_are_refused(followup: Followup, folder: Path, value: str, fragment: str) -> None:
    edit_cell(folder, "heures", 2, "heures", value)
    result = followup.import_path(folder)
    assert fragment in result.report.errors[0].message and followup.store.counts() == EMPTY


def test_more_than_250_hours_for_one_person_in_one_month_across_rows_is_refused(
    followup: Followup, folder: Path
) -> None:
    rows = read_rows(folder, "heures")
    first = rows[1]
    rows.append([first[0], first[1], "Autre entreprise", first[3], "200", *first[5:]])
    write_rows(folder, "heures", rows)
    result = followup.import_path(folder)
    assert "cumule" in result.report.errors[0].message and result.report.errors[0].line == len(rows)


def test_a_duplicate_row_is_refused(followup: Followup, folder: Path) -> None:
    rows = read_rows(folder, "heures")
    write_rows(folder, "heures", [*rows, rows[4]])
    error = followup.import_path(folder).report.errors[0]
    assert "en double" in error.message and error.line == len(rows) + 1


def test_a_duplicate_operation_id_is_refused(followup: Followup, folder: Path) -> None:
    rows = read_rows(folder, "operations")
    write_rows(folder, "operations", [*rows, rows[2]])
    assert "en double (déjà ligne 3)" in followup.import_path(folder).report.errors[0].message


def test_an_unknown_code_lists_the_accepted_ones(followup: Followup, folder: Path) -> None:
    edit_cell(folder, "operations", 2, "type_clause", "clause_magique")
    error = followup.import_path(folder).report.errors[0]
    assert error.column == "type_clause" and "reserve_siae" in error.message


def test_an_invalid_date_is_refused(followup: Followup, folder: Path) -> None:
    edit_cell(folder, "participants", 4, "date_entree", "31/02/2026")
    error = followup.import_path(folder).report.errors[0]
    assert (error.source, error.line, error.column) == ("participants.csv", 4, "date_entree")


def test_every_error_is_reported_not_only_the_first(followup: Followup, folder: Path) -> None:
    edit_cell(folder, "heures", 2, "heures", "-1")
    edit_cell(folder, "heures", 9, "mois", "2026-13")
    edit_cell(folder, "structures", 3, "type", "SCOP")
    assert len(followup.import_path(folder).report.errors) == 3


@pytest.mark.parametrize(
    "column",
    [
        "nom",
        "Prénom",
        "date_de_naissance",
        "Adresse",
        "NIR",
        "N° sécurité sociale",
        "E-mail",
        "Téléphone",
        "nom_famille",
        "Courriel",
        "tel_portable",
    ],
)
def test_a_column_identifying_a_person_rejects_the_whole_import(followup: Followup, folder: Path, column: str) -> None:
    rows = read_rows(folder, "participants")
    write_rows(folder, "participants", [[*rows[0], column]] + [[*r, "x"] for r in rows[1:]])
    result = followup.import_path(folder)
    assert result.report.forbidden and followup.store.counts() == EMPTY
    assert "identifie une personne" in result.report.errors[0].message
    assert "données qui identifient des personnes" in result.summary()


def test_the_name_of_a_structure_is_not_a_person(followup: Followup, folder: Path) -> None:
    assert followup.import_path(folder).ok


def test_an_extra_column_is_ignored_with_a_warning(followup: Followup, folder: Path) -> None:
    rows = read_rows(folder, "operations")
    write_rows(folder, "operations", [[*rows[0], "commentaire"]] + [[*r, "ok"] for r in rows[1:]])
    result = followup.import_path(folder)
    assert result.ok and "colonne inconnue" in result.report.warnings[0].message


def test_a_missing_column_is_reported(followup: Followup, folder: Path) -> None:
    rows = read_rows(folder, "operations")
    write_rows(folder, "operations", [r[:-1] for r in rows])
    error = followup.import_path(folder).report.errors[0]
    assert error.column == "date_fin" and "obligatoire" in error.message


def test_purge_removes_operations_ended_before_the_retention(followup: Followup, sample: Path) -> None:
    followup.import_path(sample)
    purged = followup.purge(5, today=date(2031, 6, 1))
    assert purged.operations == 3  # OP-1-003, 004 and 005 ended before 2026-06-01
    assert followup.store.counts()["operations"] == 11


def _import_and_read(url: str, folder: str, rounds: int) -> None:
    from assistant.settings import Settings

    followup = Followup.from_settings(Settings(_env_file=None), Database(url))
    for _ in range(rounds):
        assert followup.import_path(Path(folder)).ok
        assert followup.bilan(Period.year(2026))["heures"]["realisees"] > 0


def test_concurrent_imports_and_reads_from_several_processes_lose_nothing(
    database_url: str, sample: Path, tmp_path: Path, followup: Followup
) -> None:
    second = copy_sample(sample, tmp_path / "second")
    for name in ("operations", "heures"):
        rows = read_rows(second, name)
        write_rows(second, name, [rows[0]] + [[r[0].replace("OP-1-", "OP-2-"), *r[1:]] for r in rows[1:]])
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_import_and_read, args=(database_url, str(path), 4))
        for path in (sample, second, sample, second)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    assert followup.store.counts() == {**SAMPLE_COUNTS, "operations": 28, "heures": 206}
