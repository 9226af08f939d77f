"""`clauses ask --json` and `clauses chat` end to end, as subprocesses, on the real corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from eval.examples import EXAMPLES, Example
from tests.processes import child_env

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cli_env(product_settings, product_index) -> dict[str, str]:
    return child_env(
        data_dir=str(product_settings.data_dir),
        corpus_dirs=",".join(str(p) for p in product_settings.corpus_dirs),
    )


def clauses(*args: str, env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from clauses_cli.main import app; app()", *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=300,
    )


# One example per intent: each `clauses ask` is a fresh process that loads the model, the card bank
# and the index (seconds of CPU), and every example is already asked in process by
# tests/integration/test_conversation.py; here the point is that the CLI runs that same engine.
CLI_EXAMPLES = list({example.intent: example for example in reversed(EXAMPLES)}.values())


@pytest.fixture(scope="module")
def example_answers(cli_env) -> dict[str, dict]:
    """Each chosen example asked through the CLI once (two at a time: one per core)."""

    def ask(example: Example) -> tuple[str, dict]:
        result = clauses("ask", example.question, "--json", env=cli_env)
        assert result.returncode == 0, result.stderr
        return example.id, json.loads(result.stdout)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(ask, CLI_EXAMPLES))


@pytest.mark.parametrize("example", CLI_EXAMPLES, ids=lambda e: e.id)
def test_example_through_clauses_ask_json(example_answers, example: Example) -> None:
    answer = example_answers[example.id]
    assert set(answer) >= {"answer", "sources", "tool_calls", "backend", "session_id"}
    assert answer["backend"] == "embedded" and answer["intent"] == example.intent
    text = answer["answer"] + " ".join(c["result"].get("text", "") for c in answer["tool_calls"])
    for expected in example.contains:
        assert expected in text
    for reference in example.references:
        assert any(reference in c["result"].get("references", []) for c in answer["tool_calls"]) or reference in text
    if example.hours is not None:
        assert [c["result"]["hours"] for c in answer["tool_calls"] if c["name"] == "size"] == [example.hours]
    for source in answer["sources"]:
        assert set(source) >= {"title", "source", "excerpt"} and ("page" in source or "section" in source)
    for call in answer["tool_calls"]:
        assert set(call) >= {"name", "arguments", "result"}


@pytest.mark.parametrize("example", CLI_EXAMPLES, ids=lambda e: e.id)
def test_clauses_ask_answers_as_the_engine_does_in_process(example_answers, product_context, example: Example) -> None:
    in_process = product_context.engine.ask(example.question)
    assert example_answers[example.id]["answer"] == in_process.answer


def test_successive_asks_with_a_session_continue_one_conversation(cli_env) -> None:
    first = json.loads(
        clauses(
            "ask",
            "Marché de 1,2 M€ HT de gros œuvre sur 18 mois, combien d'heures d'insertion ?",
            "--json",
            env=cli_env,
        ).stdout
    )
    second = json.loads(clauses("ask", "et à 7 % ?", "--session", first["session_id"], "--json", env=cli_env).stdout)
    third = json.loads(
        clauses(
            "ask", "rédige la clause correspondante", "--session", first["session_id"], "--json", env=cli_env
        ).stdout
    )
    assert second["session_id"] == first["session_id"] == third["session_id"]
    assert second["tool_calls"][0]["result"]["hours"] == 1400
    assert third["tool_calls"][0]["arguments"]["parameters"]["hours"] == 1400


def test_ask_with_an_empty_message_exits_with_a_french_error(cli_env) -> None:
    result = clauses("ask", "  ", env=cli_env)
    assert result.returncode == 2 and "vide" in result.stderr


def test_interactive_chat_answers_and_keeps_the_conversation(cli_env) -> None:
    script = "Lot peinture intérieure de 180 000 € HT, taux d'insertion 7 % ?\net à 10 % ?\n/quitter\n"
    result = clauses("chat", env=cli_env, stdin=script)
    assert result.returncode == 0, result.stderr
    assert "294 heures" in result.stdout and "420 heures" in result.stdout
