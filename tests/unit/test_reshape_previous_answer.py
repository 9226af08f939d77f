"""« Mets-le sous forme de tableau » right after an answer: the answer is given again as the material
to shape, not a question about which clause to draft (assistant/backends/embedded/drafting.py)."""

from __future__ import annotations

from pathlib import Path

from assistant.backends.base import Turn
from assistant.backends.embedded.drafting import DraftingAnswers, previous_answer
from assistant.presenting import load_messages
from assistant.sessions import Message
from assistant.state import ConversationState

PROMPTS = Path(__file__).resolve().parents[2] / "prompts"
SOURCE = {"n": 1, "title": "Guide", "source": "11-evaluation-indicateurs.md", "excerpt": "Sorties à 6 mois."}


def message(role: str, content: str, intent: str | None = None) -> Message:
    return Message("id", role, content, "2026-12-01T00:00:00", intent, sources=[SOURCE] if intent else [])


def turn(*history: Message) -> Turn:
    return Turn("tu peux me le présenter en plan ?", ConversationState(last_intent="question"), list(history))


def test_the_answer_to_the_last_question_is_the_one_to_shape() -> None:
    history = (
        message("user", "Quels indicateurs suivre ?"),
        message("assistant", "Les sorties à 6 mois [1].", "question"),
    )
    found = previous_answer(turn(*history))
    assert found is not None and found.content == "Les sorties à 6 mois [1]."


def test_a_drafted_text_is_not_an_answer_to_shape() -> None:
    history = (message("user", "Rédige la clause"), message("assistant", "## Clause d'insertion", "drafting"))
    assert previous_answer(turn(*history)) is None


def test_without_a_previous_answer_there_is_nothing_to_shape() -> None:
    assert previous_answer(turn()) is None


def test_the_reshaped_answer_repeats_the_previous_one_with_its_citations() -> None:
    answers = object.__new__(DraftingAnswers)
    answers.messages = load_messages(PROMPTS / "messages.yaml")
    answered = message("assistant", "Les sorties à 6 mois [1].", "question")
    answer = answers._reshaped(answered, ConversationState(last_intent="drafting"))
    assert "Les sorties à 6 mois [1]." in answer.text
    assert [source.n for source in answer.sources] == [1]
    assert answer.intent == "drafting"
