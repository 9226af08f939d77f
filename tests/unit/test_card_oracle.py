"""The card oracle tells matching problems from missing card content (eval/card_oracle.py, pure parts)."""

from __future__ import annotations

import datetime as dt

from assistant.cards import Card
from eval.card_oracle import best_cards, bucket_of


def card(card_id: str, answer: str) -> Card:
    return Card(card_id, f"{card_id} ?", (), answer, "explanation", (), (), ("acheteur",), dt.date(2026, 11, 1), "t")


CARDS = [
    card("penalites", "**Oui** : une pénalité par heure manquante, souvent 30 à 50 € de l'heure."),
    card("facilitateur", "**Le facilitateur** accompagne l'acheteur ; son service est gratuit."),
]


def test_the_best_card_is_the_one_stating_the_most_labelled_facts() -> None:
    facts = (("penalite",), ("30",), ("gratuit",))
    assert best_cards(CARDS, facts) == (("penalites",), 2)


def test_no_card_stating_any_fact_is_missing_content() -> None:
    best, stated = best_cards(CARDS, (("rgpd",),))
    assert (best, stated) == ((), 0)
    assert bucket_of(None, best) == "no card"


def test_the_bucket_says_where_the_matcher_ranked_the_best_card() -> None:
    assert bucket_of(1, ("a",)) == "rank 1"
    assert bucket_of(4, ("a",)) == "rank 2-5"
    assert bucket_of(9, ("a",)) == "absent"
    assert bucket_of(None, ("a",)) == "absent"
