"""The blind evaluation end to end: `clauses eval --set blind` and a real run over the product's index."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from eval import blind as b

# --- the command and a real run ------------------------------------------------------------------


def test_eval_command_offers_the_blind_set() -> None:
    from clauses_cli.main import app

    runner = CliRunner()
    result = runner.invoke(app, ["eval", "--help"])
    assert result.exit_code == 0 and "--set" in result.output and "--batch" in result.output
    assert runner.invoke(app, ["eval", "--set", "nope"]).exit_code == 2


SAMPLE = {
    "cases": [
        {
            "id": "essai-01",
            "persona": "essai",
            "turns": [
                {
                    "text": "Combien d'heures d'insertion pour 1,2 M€ HT de gros œuvre ?",
                    "expect": "compute",
                    "facts": [["heures"]],
                },
                {"text": "Quelle est la météo à Grenoble demain ?", "expect": "abstain", "in_corpus": "no"},
            ],
        }
    ]
}


def test_a_real_run_reports_per_persona_and_writes_markdown_and_json(product_context, tmp_path: Path) -> None:
    cases = b.parse_batch(SAMPLE)
    run = b.evaluate(product_context, cases, batch="essai", limits={"max": {"harmful": 0.0}}, report_dir=tmp_path)
    assert [r.cls for r in run.results] == ["correct", "right_abstention"]
    assert run.counts["essai"]["correct"] == 1 and run.exit_code == 0
    assert "| essai |" in run.report.read_text(encoding="utf-8")
    assert run.json_report.is_file()
    strict = b.evaluate(product_context, cases, batch="essai", limits={"min": {"correct": 0.9}}, report_dir=tmp_path)
    assert strict.exit_code == 1
