"""``clauses suivi import | bilan | alertes`` and ``clauses purge`` from the terminal (real SQLite file)."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clauses_cli.main import app
from tests.followup.helpers import copy_sample, edit_cell

runner = CliRunner()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLAUSES_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def imported(data_dir: Path, sample: Path) -> Path:
    assert runner.invoke(app, ["suivi", "import", str(sample)]).exit_code == 0
    return data_dir


def test_import_reports_what_was_stored(data_dir: Path, sample: Path) -> None:
    result = runner.invoke(app, ["suivi", "import", str(sample)])
    assert result.exit_code == 0 and "Import réussi : 14 operations" in result.output
    assert (data_dir / "clauses.sqlite3").exists()


def test_a_refused_import_exits_with_the_errors_in_french(data_dir: Path, sample: Path, tmp_path: Path) -> None:
    folder = copy_sample(sample, tmp_path / "bad")
    edit_cell(folder, "heures", 4, "heures", "-3")
    result = runner.invoke(app, ["suivi", "import", str(folder), "--json"])
    report = json.loads(result.stdout)
    assert result.exit_code == 1 and not report["ok"]
    assert report["erreurs"][0] | {"message": ""} == {
        "fichier": "heures.csv",
        "ligne": 4,
        "colonne": "heures",
        "message": "",
    }


def test_bilan_json_prints_the_expected_2026_object(imported: Path, sample: Path) -> None:
    result = runner.invoke(app, ["suivi", "bilan", "--debut", "2026-01-01", "--fin", "2026-12-31", "--json"])
    assert json.loads(result.stdout) == json.loads((sample / "expected-2026.json").read_text(encoding="utf-8"))


def test_bilan_of_one_territory_counts_only_its_operations(imported: Path) -> None:
    result = runner.invoke(
        app, ["suivi", "bilan", "--debut", "2026-01-01", "--fin", "2026-12-31", "--territoire", "Voironnais", "--json"]
    )
    assert json.loads(result.stdout)["heures"] == {"prevues": 1177.14, "realisees": 805.01, "taux_realisation": 0.6839}


def test_bilan_docx_is_the_yearly_report_with_tables_and_charts(imported: Path, tmp_path: Path) -> None:
    from docx import Document

    target = tmp_path / "bilan.docx"
    result = runner.invoke(
        app, ["suivi", "bilan", "--debut", "2026-01-01", "--fin", "2026-12-31", "--format", "docx", "-o", str(target)]
    )
    assert result.exit_code == 0
    document = Document(BytesIO(target.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Bilan des clauses sociales" in text and "89,1\u00a0%" in text
    assert document.tables[0].rows[0].cells[-1].text == "Voironnais-Chartreuse"
    assert len(document.inline_shapes) == 3


def test_bilan_xlsx_has_one_sheet_per_indicator_with_plain_values(imported: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "bilan.xlsx"
    runner.invoke(
        app, ["suivi", "bilan", "--debut", "2026-01-01", "--fin", "2026-12-31", "--format", "xlsx", "-o", str(target)]
    )
    workbook = load_workbook(target)
    assert {
        "Heures",
        "Participants",
        "Recrutements",
        "Clauses",
        "Structures",
        "Sorties à 6 mois",
        "Sorties à 12 mois",
    } <= set(workbook.sheetnames)
    assert workbook["Heures"]["B3"].value == 6253.39
    assert not any(isinstance(c.value, str) and c.value.startswith("=") for ws in workbook for row in ws for c in row)


def test_a_reversed_period_is_refused(imported: Path) -> None:
    result = runner.invoke(app, ["suivi", "bilan", "--debut", "2026-12-31", "--fin", "2026-01-01"])
    assert result.exit_code == 2 and "précède" in result.output


def test_alertes_lists_late_operations_with_company_gap_and_months_left(imported: Path) -> None:
    result = runner.invoke(app, ["suivi", "alertes", "--date", "2026-07-15", "--seuil", "0.8", "--json"])
    alerts = json.loads(result.stdout)["alertes"]
    first = alerts[0]
    assert (first["operation_id"], first["ecart_heures"], first["mois_restants"]) == ("OP-1-001", 619.99, 9)
    assert "Entreprise 17" in first["entreprises"]
    assert all(a["heures_realisees"] < 0.8 * a["heures_prevues_a_date"] for a in alerts)


def test_purge_reports_the_follow_up_purge_and_keeps_data_within_the_retention(imported: Path, sample: Path) -> None:
    result = runner.invoke(app, ["purge"])
    assert result.exit_code == 0 and "Suivi : 0 opération(s) terminée(s) depuis plus de 5 ans" in result.output
    bilan = runner.invoke(app, ["suivi", "bilan", "--debut", "2026-01-01", "--fin", "2026-12-31", "--json"])
    assert json.loads(bilan.stdout) == json.loads((sample / "expected-2026.json").read_text(encoding="utf-8"))


def test_the_markdown_report_comments_each_territory(imported: Path) -> None:
    result = runner.invoke(app, ["suivi", "bilan", "--debut", "2026-01-01", "--fin", "2026-12-31", "--format", "md"])
    text = result.stdout.replace("\u00a0", " ").replace("\u202f", " ")
    assert "- **Voironnais-Chartreuse** : Les heures réalisées (805,01 h) ne représentent que 68,4 %" in text


def test_territoires_lists_the_territories_of_the_data(imported: Path) -> None:
    result = runner.invoke(app, ["suivi", "territoires"])
    assert result.stdout.split("\n")[:2] == ["Agglomération grenobloise", "Grésivaudan"]


def test_db_upgrade_reports_the_schema_version(data_dir: Path) -> None:
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0 and "version du schéma : 0001" in result.stdout
