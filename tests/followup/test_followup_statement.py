"""Importing a company's filled monthly hours statement (the hours-report clause kind)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.db import Database
from assistant.followup.codes import Codes
from assistant.followup.service import Followup
from assistant.followup.statement import parse_period
from assistant.followup.texts import Texts

HEADER = (
    "Identifiant de la personne;Catégorie de public (validée par le facilitateur);Modalité (embauche directe, ETTI, AI, "
    "GEIQ, sous-traitance EI, ACI, EA ou ESAT, formation);Type de contrat;Date d'entrée sur le marché;Heures du mois;"
    "Heures cumulées"
)


def _statement(path: Path, rows: list[str], period: str = "avril 2026", market: str = "OP-1-001") -> Path:
    lines = [
        "Rubrique;Renseignement",
        f"Marché;{market} — Voirie et réseaux divers — lot 2",
        "Titulaire;Entreprise 17",
        f"Période;{period}",
        "Heures d'insertion dues sur le marché;2500",
        "",
        HEADER,
        *rows,
        "",
        "Indicateur;Heures",
        "Heures réalisées dans le mois;",
    ]
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    return path


@pytest.fixture
def followup(database: Database, codes: Codes, texts: Texts, sample: Path) -> Followup:
    service = Followup(database, codes, texts)
    assert service.import_path(sample).ok
    return service


def _hours(followup: Followup, month: str, company: str = "Entreprise 17") -> dict[str, float]:
    data = followup.store.load()
    return {
        h.participant_id: h.heures
        for h in data.hours
        if h.operation_id == "OP-1-001" and h.mois == month and h.entreprise == company
    }


def test_a_filled_statement_replaces_the_month_of_that_company(followup: Followup, tmp_path: Path) -> None:
    path = _statement(
        tmp_path / "etat.csv",
        ["P10011;RSA;embauche directe;CDI;2026-01-05;80,5;210", "P10012;Jeune;ETTI;Intérim;2026-02-01;35;35"],
    )
    result = followup.import_path(path)
    assert result.ok and result.kind == "etat_mensuel", [str(e) for e in result.report.errors]
    assert _hours(followup, "2026-04") == {"P10011": 80.5, "P10012": 35.0}


def test_importing_the_same_statement_twice_stores_it_once(followup: Followup, tmp_path: Path) -> None:
    path = _statement(tmp_path / "etat.csv", ["P10011;RSA;embauche directe;CDI;2026-01-05;80;210"])
    followup.import_path(path)
    before = followup.store.counts()
    followup.import_path(path)
    assert followup.store.counts() == before


def test_the_statement_wording_becomes_the_format_codes(followup: Followup, tmp_path: Path) -> None:
    followup.import_path(
        _statement(tmp_path / "etat.csv", ["P10011;RSA;sous-traitance EI;Contrat de professionnalisation;;12;12"])
    )
    row = next(h for h in followup.store.load().hours if h.mois == "2026-04" and h.participant_id == "P10011")
    assert (row.modalite, row.type_contrat) == ("sous_traitance", "contrat_pro")


def test_a_statement_for_an_unknown_market_is_refused(followup: Followup, tmp_path: Path) -> None:
    result = followup.import_path(
        _statement(tmp_path / "etat.csv", ["P10011;RSA;embauche directe;CDI;;8;8"], market="MARCHE-X")
    )
    assert not result.ok and result.report.errors[0].line == 2
    assert "inconnue" in result.report.errors[0].message


def test_a_statement_row_with_impossible_hours_points_at_its_line(followup: Followup, tmp_path: Path) -> None:
    before = followup.store.counts()
    result = followup.import_path(
        _statement(tmp_path / "etat.csv", ["P10011;RSA;embauche directe;CDI;;8;8", "P10012;RSA;AI;CDD;;400;400"])
    )
    assert [(e.line, e.column.split(" ")[0]) for e in result.report.errors] == [(9, "heures")]
    assert followup.store.counts() == before


def test_a_statement_with_a_name_column_is_refused_whole(followup: Followup, tmp_path: Path) -> None:
    path = tmp_path / "etat.csv"
    _statement(path, ["P10011;RSA;embauche directe;CDI;;8;8;Dupont"])
    path.write_bytes(path.read_bytes().replace(b"Heures cumul\xe9es", b"Heures cumul\xe9es;Nom du salari\xe9"))
    before = followup.store.counts()
    result = followup.import_path(path)
    assert result.report.forbidden and "identifie une personne" in result.report.errors[0].message
    assert followup.store.counts() == before


def test_a_statement_saved_as_xlsx_is_read(followup: Followup, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in [
        ["Rubrique", "Renseignement"],
        ["Marché", "OP-1-001 — Voirie"],
        ["Titulaire", "Entreprise 17"],
        ["Période", "2026-05"],
        [],
        HEADER.split(";"),
        ["P10013", "RSA", "GEIQ", "CDD", None, 42.5, 42.5],
    ]:
        sheet.append(row)
    workbook.save(tmp_path / "etat.xlsx")
    assert followup.import_path(tmp_path / "etat.xlsx").ok
    assert _hours(followup, "2026-05") == {"P10013": 42.5}


@pytest.mark.parametrize(
    ("text", "month"), [("2026-04", "2026-04"), ("04/2026", "2026-04"), ("Février 2026", "2026-02")]
)
def test_the_period_is_read_in_the_usual_french_forms(text: str, month: str) -> None:
    assert parse_period(text) == month
