"""One part of a message asking several things matched with its situation as light context
(CardMatcher.match_part). The dense side is neutral here (every text gets the same vector)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from assistant.cards import Card
from assistant.matching import CardMatcher


def card(card_id: str, question: str, answer: str) -> Card:
    return Card(card_id, question, (), answer, "definition", (), (), ("acheteur",), dt.date(2026, 11, 1), "t")


CARDS = [
    card(
        "etti-compte",
        "Les heures d'un intérimaire d'ETTI comptent-elles ?",
        "**Oui** : ses heures de mission comptent.",
    ),
    card(
        "chantier-court", "Une clause est-elle utile sur un chantier très court ?", "**Rarement** : trop peu d'heures."
    ),
]


def matcher() -> CardMatcher:
    def same(texts: list[str]) -> np.ndarray:
        return np.ones((len(texts), 4), dtype=np.float32)

    return CardMatcher(CARDS, same, lambda text: np.ones(4, dtype=np.float32), lambda token: 1.0)


LONG_STORY = (
    "Le chantier très court de voirie dure trois semaines, le chantier est en montagne, le chantier "
    "commence en juin, la clause prévoit peu d'heures sur ce chantier très court."
)


def test_a_long_situation_does_not_outweigh_what_the_part_asks() -> None:
    matching = matcher().match_part("Un intérimaire d'ETTI compte-t-il ?", LONG_STORY)
    assert matching.best is not None and matching.best.card.id == "etti-compte"


def test_the_situation_still_adds_to_the_concept_of_the_card_that_speaks_of_it() -> None:
    alone = {m.card.id: m.concept for m in matcher().match_part("Et ça compte ?", "").ranked}
    told = {m.card.id: m.concept for m in matcher().match_part("Et ça compte ?", LONG_STORY).ranked}
    assert told["chantier-court"] > alone["chantier-court"]
