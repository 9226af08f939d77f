"""The public Python API: ``from assistant import Assistant``, over the real corpus index."""

from __future__ import annotations

from pathlib import Path

import pytest

import assistant
from assistant import Assistant
from assistant.errors import RequestRefused


@pytest.fixture(scope="module")
def helper(product_context) -> Assistant:
    return Assistant(context=product_context)


def test_the_package_exports_the_assistant_class() -> None:
    assert assistant.Assistant is Assistant and "Assistant" in assistant.__all__


def test_ask_answers_and_continues_a_conversation(helper: Assistant) -> None:
    first = helper.ask("Marché de 1,2 M€ HT de gros œuvre sur 18 mois, combien d'heures d'insertion ?")
    second = helper.ask("et à 7 % ?", first.session_id)
    assert first.intent == second.intent == "sizing"
    assert second.tool_calls[0].result["hours"] == 1400


def test_stream_ends_with_the_same_response_as_its_deltas(helper: Assistant) -> None:
    events = list(helper.stream("Qu'est-ce qu'une sortie dynamique ?"))
    assert events[0].event == "start" and events[-1].event == "done"
    assert "".join(e.data["text"] for e in events if e.event == "delta") == events[-1].data["answer"]
    assert not helper.streams_live and helper.backend_name == "embedded"


def test_size_reads_french_amounts(helper: Assistant) -> None:
    assert helper.size({"amount": "1 200 000 €", "trade": "gros œuvre", "rate": "7 %"}).hours == 1400


def test_draft_refuses_a_residence_requirement(helper: Assistant) -> None:
    with pytest.raises(RequestRefused):
        helper.draft("execution", {"publics": "habitants de Grenoble uniquement"})


def test_search_returns_passages(helper: Assistant) -> None:
    hits = helper.search("facilitateur", k=3)
    assert 0 < len(hits) <= 3 and all(hit.chunk.source for hit in hits)


def test_with_sessions_keeps_conversations_elsewhere(helper: Assistant, tmp_path: Path) -> None:
    detached = helper.with_sessions(tmp_path / "eval.sqlite3")
    response = detached.ask("Bonjour")
    assert detached.engine.store.count_messages(response.session_id) == 2
    assert helper.engine.store.count_messages(response.session_id) == 0
