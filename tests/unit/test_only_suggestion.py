"""Asking back with a single suggestion: the nearest card is given at once instead
(assistant/backends/embedded/guides.py, ``only_suggestion``; pure)."""

from __future__ import annotations

import datetime as dt

from assistant.backends.embedded.guides import asking_back, only_suggestion
from assistant.backends.embedded.nearest import CLOSE
from assistant.cards import Card
from assistant.matching import SUGGEST, CardMatch, Matching

_QUESTION = "Peut-on mettre une clause sociale dans un petit marché ?"
_IN_SCOPE = 0.05
_MAYBE_OUT = 0.5


def _match(question: str = _QUESTION, score: float = SUGGEST + 0.01, theme: str = "marches") -> CardMatch:
    card = Card(
        question.lower(),
        question,
        (),
        "**Oui** : aucun montant minimum.",
        "yes_no",
        (),
        (),
        (),
        dt.date(2026, 12, 1),
        theme,
    )
    return CardMatch(card, score, lexical=0.4, dense=score, concept=0.4)


def test_a_single_suggestion_that_is_the_nearest_card_gives_that_card() -> None:
    matching = Matching((_match(),))
    found = only_suggestion(matching, [_QUESTION], _IN_SCOPE)
    assert found is not None and found.card.question == _QUESTION


def test_several_suggestions_still_ask_back() -> None:
    other = _match("Comment calculer les heures d'un petit marché ?", SUGGEST + 0.005)
    matching = Matching((_match(), other))
    assert only_suggestion(matching, [_QUESTION, other.card.question], _IN_SCOPE) is None


def test_a_question_that_may_be_out_of_scope_still_asks_back() -> None:
    assert only_suggestion(Matching((_match(),)), [_QUESTION], _MAYBE_OUT) is None


def test_without_the_classifier_s_reading_the_suggestion_is_asked_back() -> None:
    assert only_suggestion(Matching((_match(),)), [_QUESTION], None) is None


def test_a_redirect_card_is_never_given_in_place_of_asking_back() -> None:
    matching = Matching((_match(theme="hors-champ"),))
    assert only_suggestion(matching, [_QUESTION], _IN_SCOPE) is None


def test_a_suggestion_that_is_not_the_nearest_card_is_asked_back() -> None:
    assert SUGGEST > CLOSE  # a suggested card is always close enough to be given
    matching = Matching((_match(),))
    assert only_suggestion(matching, ["Une autre question ?"], _IN_SCOPE) is None


def test_asking_back_numbers_the_suggestions_then_names_who_to_ask() -> None:
    text = asking_back("Vouliez-vous dire :", ["Première ?", "Seconde ?"], "Le facilitateur vous orientera.")
    assert text.splitlines()[1:3] == ["1. Première ?", "2. Seconde ?"]
    assert text.endswith("Le facilitateur vous orientera.")
