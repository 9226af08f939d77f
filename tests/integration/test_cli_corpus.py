"""`clauses ingest` and `clauses search` run as a user runs them (subprocesses)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


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
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAUSES_")}
    env.update({"CLAUSES_DATA_DIR": str(tmp_path / "data"), "CLAUSES_CORPUS_DIRS": str(small_corpus)})
    return env


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
