"""The concept a message asks about weighs in card matching (assistant/matching.py).

The dense side is made neutral here (every text gets the same vector), so what is specified is
the lexical ranking alone: phrasing shared with a card's question (« c'est quoi exactement… »)
does not beat the card that speaks of what is asked.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from assistant.cards import Card
from assistant.lexical import FrenchAnalyzer
from assistant.matching import CardMatcher, key_words


def card(card_id: str, question: str, paraphrases: tuple[str, ...], answer: str) -> Card:
    return Card(card_id, question, paraphrases, answer, "definition", (), (), ("acheteur",), dt.date(2026, 11, 1), "t")


CARDS = [
    card(
        "clause-definition",
        "C'est quoi exactement une clause d'insertion ?",
        ("c quoi une clause sociale exactement", "definition clause d'insertion", "clause insertion c'est quoi"),
        "**Une clause qui réserve des heures de travail** à des personnes éloignées de l'emploi.",
    ),
    card(
        "facilitateur-role",
        "Quel est le rôle du facilitateur ?",
        ("mission du facilitateur", "role facilitateur clauses", "a qui sert le facilitateur de clauses sociales"),
        "**Le facilitateur accompagne l'acheteur et les entreprises** : il repère les publics et suit les heures.",
    ),
]


def same_vector(texts: list[str]) -> np.ndarray:
    return np.ones((len(texts), 4), dtype=np.float32)


def matcher() -> CardMatcher:
    return CardMatcher(CARDS, same_vector, lambda text: np.ones(4, dtype=np.float32), lambda token: 1.0)


def test_the_card_about_the_concept_asked_wins_over_the_card_with_the_same_phrasing() -> None:
    matching = matcher().match("c'est quoi exactement un facilitateur ?")
    assert matching.best is not None and matching.best.card.id == "facilitateur-role"


def test_the_concept_share_counts_the_asked_key_words_the_card_uses() -> None:
    ranked = {m.card.id: m for m in matcher().match("c'est quoi exactement un facilitateur ?").ranked}
    assert ranked["facilitateur-role"].concept == 1.0
    assert ranked["clause-definition"].concept == 0.0


def test_a_story_before_the_question_does_not_decide_the_concept() -> None:
    message = (
        "On a une clause d'insertion sur notre marché de nettoyage depuis deux ans avec une entreprise "
        "du secteur. Qui est le facilitateur et que fait-il ?"
    )
    matching = matcher().match(message)
    assert matching.best is not None and matching.best.card.id == "facilitateur-role"


def test_a_second_part_about_another_concept_gets_its_own_card() -> None:
    first, other = CARDS
    assert matcher().answers_another_concept("et qui est le facilitateur ?", first, other)


def test_a_short_follow_on_part_without_key_words_asks_nothing_new() -> None:
    first, other = CARDS
    assert not matcher().answers_another_concept("et c'est quoi exactement ?", first, other)


def test_a_second_part_the_first_card_already_speaks_of_keeps_the_first_card_alone() -> None:
    first, other = CARDS
    assert not matcher().answers_another_concept("et il suit les heures des entreprises ?", other, first)


def test_an_asked_word_only_the_answer_uses_counts_less_than_one_the_questions_ask_about() -> None:
    ranked = {m.card.id: m for m in matcher().match("qui repère les publics éloignés ?").ranked}
    assert 0.0 < ranked["facilitateur-role"].concept < 1.0


def test_an_asked_word_the_card_questions_use_counts_in_full() -> None:
    ranked = {m.card.id: m for m in matcher().match("quelle mission pour le facilitateur ?").ranked}
    assert ranked["facilitateur-role"].concept == 1.0


def test_modal_verbs_say_nothing_of_what_is_asked() -> None:
    assert key_words("est-ce qu'on peut, qu'on doit ou qu'on voudrait la même chose ?", FrenchAnalyzer()) == set()
