"""`clauses ingest` and `clauses search` run as a user runs them (subprocesses)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.office_files import write_docx, write_html, write_legacy_doc, write_scanned_pdf
from tests.processes import child_env


def clauses(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from clauses_cli.main import app; app()", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture
def cli_env(tmp_path: Path, small_corpus: Path) -> dict[str, str]:
    return child_env(data_dir=str(tmp_path / "data"), corpus_dirs=str(small_corpus))


def test_ingest_then_search_print_parsable_json(cli_env: dict[str, str]) -> None:
    ingest = clauses("ingest", "--json", env=cli_env)
    assert ingest.returncode == 0, ingest.stderr
    report = json.loads(ingest.stdout)
    assert report["files"] == 3 and report["chunks"] == 6 and report["skipped"] == []

    search = clauses("search", "pénalité par heure manquante", "--k", "2", "--json", env=cli_env)
    assert search.returncode == 0, search.stderr
    hits = json.loads(search.stdout)
    assert len(hits) == 2
    assert set(hits[0]) >= {"text", "title", "source", "page", "section", "score"}
    assert hits[0]["source"] == "guide-penalites.md"


def test_ingest_reports_a_skipped_pdf_with_its_name(cli_env: dict[str, str], small_corpus: Path) -> None:
    (small_corpus / "abime.pdf").write_bytes(b"%PDF-1.4 broken")
    result = clauses("ingest", env=cli_env)
    assert result.returncode == 0, result.stderr
    assert "abime.pdf" in result.stdout and "Ignoré" in result.stdout


def test_search_without_an_index_explains_how_to_build_it(cli_env: dict[str, str]) -> None:
    result = clauses("search", "clause", env=cli_env)
    assert result.returncode == 2
    assert "clauses ingest" in result.stderr


def test_a_broken_pdf_gives_only_the_french_report_no_library_warning(
    cli_env: dict[str, str], small_corpus: Path
) -> None:
    (small_corpus / "abime.pdf").write_bytes(b"%PDF-1.4 broken")
    result = clauses("ingest", env=cli_env)
    assert "endommagé" in result.stdout
    assert result.stderr.strip() == ""


def test_ingesting_a_folder_adds_it_and_keeps_the_corpus(cli_env: dict[str, str], tmp_path: Path) -> None:
    assert clauses("ingest", env=cli_env).returncode == 0
    folder = tmp_path / "achats"
    folder.mkdir()
    write_docx(folder / "guide.docx")
    write_legacy_doc(folder / "ancien.doc")
    result = clauses("ingest", str(folder), "--json", env=cli_env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["files"] == 4 and report["removed_files"] == []
    assert report["added_files"] == ["achats/guide.docx"]
    assert report["skipped"][0]["file"] == "achats/ancien.doc"
    assert "enregistrez-le en .docx ou en PDF" in report["skipped"][0]["reason"]


def test_removing_a_document_prints_what_goes_away(cli_env: dict[str, str]) -> None:
    assert clauses("ingest", env=cli_env).returncode == 0
    result = clauses("ingest", "--remove", "guide-publics.md", env=cli_env)
    assert result.returncode == 0, result.stderr
    assert "Retiré de l'index guide-publics.md" in result.stdout


def test_replacing_prints_every_document_that_goes_away(cli_env: dict[str, str], tmp_path: Path) -> None:
    assert clauses("ingest", env=cli_env).returncode == 0
    page = write_html(tmp_path / "page.html")
    result = clauses("ingest", "--replace", str(page), env=cli_env)
    assert result.returncode == 0, result.stderr
    for name in ("guide-calcul.md", "guide-penalites.md", "guide-publics.md"):
        assert f"Retiré de l'index {name}" in result.stdout


def test_removing_an_unknown_document_is_a_french_error(cli_env: dict[str, str]) -> None:
    assert clauses("ingest", env=cli_env).returncode == 0
    result = clauses("ingest", "--remove", "absent.md", env=cli_env)
    assert result.returncode == 2 and "Aucun document indexé ne correspond à « absent.md »" in result.stderr


def test_without_tesseract_a_scan_is_skipped_saying_how_to_install_it(
    cli_env: dict[str, str], small_corpus: Path
) -> None:
    write_scanned_pdf(small_corpus / "scan.pdf", ["Bon de commande"])
    result = clauses("ingest", env={**cli_env, "PATH": "/nonexistent"})
    assert result.returncode == 0, result.stderr
    assert "scan.pdf" in result.stdout and "apt-get install tesseract-ocr tesseract-ocr-fra" in result.stdout


def test_an_out_of_range_option_is_reported_in_french(cli_env: dict[str, str]) -> None:
    result = clauses("search", "clause", "--k", "0", env=cli_env)
    assert result.returncode == 2
    assert "Valeur invalide pour '--k' : la valeur doit être supérieure ou égale à 1" in result.stderr
    assert "Invalid value" not in result.stderr and "Input should" not in result.stderr


def test_a_missing_argument_and_an_unknown_option_are_reported_in_french(cli_env: dict[str, str]) -> None:
    assert "Argument manquant" in clauses("search", env=cli_env).stderr
    unknown = clauses("search", "clause", "--bogus", env=cli_env).stderr
    assert "Option inconnue : --bogus" in unknown and "No such option" not in unknown


def test_help_is_in_french(cli_env: dict[str, str]) -> None:
    result = clauses("ingest", "--help", env=cli_env)
    assert "Affiche cette aide et quitte." in result.stdout and "Utilisation :" in result.stdout
    assert "Show this message" not in result.stdout and "Usage:" not in result.stdout
