"""When a matched answer card is confident enough to answer (pure)."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.cards import Card
from assistant.matching import CONFIDENT, CardMatch, Matching, asked_type


def card(card_id: str, kind: str = "explain") -> Card:
    return Card(card_id, f"Question {card_id} ?", (), "**Réponse.**", kind, (), (), (), dt.date(2026, 11, 1), "test")


def matching(score: float, lexical: float, runner_up: float = 0.0) -> Matching:
    return Matching((CardMatch(card("a"), score, lexical, 0.6), CardMatch(card("b"), runner_up, 0.0, 0.3)))


def test_a_card_well_above_the_threshold_answers() -> None:
    assert matching(CONFIDENT + 0.05, lexical=0.3).confident


def test_a_card_well_below_the_threshold_does_not_answer() -> None:
    assert not matching(CONFIDENT - 0.05, lexical=0.9).confident


def test_near_the_threshold_a_card_sharing_most_key_words_answers() -> None:
    assert matching(CONFIDENT - 0.005, lexical=0.6).confident


def test_near_the_threshold_a_card_matched_mostly_by_the_embedding_does_not_answer() -> None:
    assert not matching(CONFIDENT + 0.005, lexical=0.3).confident


def test_a_card_barely_ahead_of_the_next_one_does_not_answer() -> None:
    assert not matching(CONFIDENT + 0.05, lexical=0.6, runner_up=CONFIDENT + 0.04).confident


@pytest.mark.parametrize(
    "message", ["c'est quand la date limite ?", "depuis quand c'est obligatoire ?", "quand doit-on valider ?"]
)
def test_quand_asking_for_a_date_asks_for_a_figure(message: str) -> None:
    assert asked_type(message) == "figure"


@pytest.mark.parametrize("message", ["quand même, il compte ?", "quand on embauche en CDI, ça compte ?"])
def test_quand_as_a_conjunction_leaves_yes_no_cards_in_play(message: str) -> None:
    assert asked_type(message) is None
