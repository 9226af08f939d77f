"""Specifications of ``clauses size`` and ``clauses draft`` run as a user runs them."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

SCRIPT = Path(sys.executable).with_name("clauses")


def clauses(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-c", "from clauses_cli.main import app; app()"]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run([*command, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


# --- size ------------------------------------------------------------------------------


def test_size_json_gives_833_hours_for_the_published_example(tmp_path):
    run = clauses(
        "size",
        "--amount",
        "1000000",
        "--labour-share",
        "0.5",
        "--rate",
        "0.05",
        "--hourly-cost",
        "30",
        "--json",
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["hours"] == 833
    assert data["formula"] == "1 000 000 € × 50 % × 5 % ÷ 30 €/h = 833 h"


def test_size_json_has_required_keys_with_origins(tmp_path):
    run = clauses(
        "size",
        "--amount",
        "1200000",
        "--trade",
        "gros œuvre",
        "--rate",
        "5 %",
        "--months",
        "18",
        "--json",
        cwd=tmp_path,
    )
    data = json.loads(run.stdout)
    assert data["hours"] == 1000 and data["hours_worked"] == 20000 and data["etp_per_year"] == 0.41
    assert data["warnings"]
    assert {a["name"]: a["origin"] for a in data["assumptions"]}["labour_share"] == "grille"
    assert all("value" in a and "origin" in a for a in data["assumptions"])


def test_size_json_gives_480_hours_for_the_cleaning_example(tmp_path):
    run = clauses(
        "size",
        "--amount",
        "600000",
        "--months",
        "36",
        "--rate",
        "5 %",
        "--transferred-hours-per-month",
        "400",
        "--json",
        cwd=tmp_path,
    )
    assert json.loads(run.stdout)["hours"] == 480


def test_size_multi_lot_prints_one_line_per_lot(tmp_path):
    run = clauses(
        "size",
        "--lot",
        "Lot 1 - peinture:180000",
        "--lot",
        "Lot 3 - charpente métallique:400000",
        "--rate",
        "0.05",
        "--json",
        cwd=tmp_path,
    )
    data = json.loads(run.stdout)
    assert [lot["hours"] for lot in data["lots"]] == [210, 133] and data["hours"] == 343
    assert data["lots"][1]["small"] is True


def test_size_converts_hours_to_etp(tmp_path):
    run = clauses("size", "--hours", "2400", "--json", cwd=tmp_path)
    assert json.loads(run.stdout)["etp_total"] == 1.49


def test_size_human_output_shows_hours_formula_and_assumptions(tmp_path):
    run = clauses("size", "--amount", "1200000", "--trade", "gros œuvre", "--rate", "0.05", cwd=tmp_path)
    assert run.returncode == 0
    assert "1 000 h" in run.stdout and "Hypothèses" in run.stdout and "grille" in run.stdout


def test_size_bad_amount_exits_2_with_french_message(tmp_path):
    run = clauses("size", "--amount", "-5", "--labour-share", "0.5", cwd=tmp_path)
    assert run.returncode == 2
    assert "montant" in run.stderr.lower() and "strictement positif" in run.stderr


def test_size_unknown_trade_exits_2_with_suggestions(tmp_path):
    run = clauses("size", "--amount", "100000", "--trade", "plombrie", cwd=tmp_path)
    assert run.returncode == 2 and "Plomberie" in run.stderr


def test_size_without_amount_exits_2(tmp_path):
    run = clauses("size", "--trade", "peinture", cwd=tmp_path)
    assert run.returncode == 2 and "--amount" in run.stderr


# --- draft -------------------------------------------------------------------------------


def test_draft_json_has_text_references_parameters_to_complete_and_warnings(tmp_path):
    run = clauses(
        "draft",
        "execution",
        "--hours",
        "1000",
        "--lots",
        "Lot 2 - gros œuvre",
        "--penalty",
        "50",
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert "L2112-2" in data["references"] and "1 000 heures" in data["text"]
    assert {"parameters", "to_complete", "warnings"} <= set(data)
    assert "montant de la pénalité par heure non réalisée" not in data["to_complete"]


def test_draft_markdown_goes_to_stdout(tmp_path):
    run = clauses("draft", "criterion", "--weight", "10", cwd=tmp_path)
    assert run.returncode == 0
    assert run.stdout.startswith("## Critère d'attribution") and "pondéré à 10 %" in run.stdout


def test_draft_param_option_sets_any_parameter(tmp_path):
    run = clauses(
        "draft", "execution", "--param", "market_object=Réfection des chaussées", "--format", "json", cwd=tmp_path
    )
    assert "« Réfection des chaussées »" in json.loads(run.stdout)["text"]


def test_refused_draft_exits_non_zero_with_reason_and_alternative(tmp_path):
    run = clauses("draft", "execution", "--hours", "1000", "--publics", "habitants de la commune", cwd=tmp_path)
    assert run.returncode != 0
    assert "Demande refusée" in run.stderr and "Alternative légale" in run.stderr
    assert run.stdout == ""


def test_unknown_kind_exits_2_listing_kinds(tmp_path):
    run = clauses("draft", "magique", cwd=tmp_path)
    assert run.returncode == 2 and "reserved-siae" in run.stderr


def test_draft_docx_is_written_and_readable(tmp_path):
    target = tmp_path / "clause.docx"
    run = clauses(
        "draft",
        "execution",
        "--hours",
        "1000",
        "--lots",
        "Lot 2 - gros œuvre",
        "--format",
        "docx",
        "-o",
        str(target),
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    document = docx.Document(io.BytesIO(target.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Références" in text and "L2112-2" in text and "1 000 heures" in text


def test_draft_docx_without_output_uses_default_name(tmp_path):
    run = clauses("draft", "penalties", "--penalty", "40", "--format", "docx", cwd=tmp_path)
    assert run.returncode == 0 and (tmp_path / "clause-penalties.docx").is_file()


@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_draft_unknown_format_exits_2(tmp_path, fmt):
    run = clauses("draft", "execution", "--format", fmt, cwd=tmp_path)
    assert run.returncode == 2 and "md, docx, json" in run.stderr


def test_size_reads_an_amount_written_as_in_chat(tmp_path):
    result = clauses("size", "--amount", "1,2 M€", "--trade", "gros œuvre", "--rate", "7 %", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["hours"] == 1400
