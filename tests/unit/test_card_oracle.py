"""The card oracle tells matching problems from missing card content (eval/card_oracle.py, pure parts)."""

from __future__ import annotations

import datetime as dt

from assistant.cards import Card
from eval.card_oracle import OracleRow, best_cards, bucket_of, summary


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


def row(bucket: str, confident: bool) -> OracleRow:
    return OracleRow("cas#1", "partial", bucket, ("a",), 1, 2, 1 if bucket == "rank 1" else 3, "b", confident)


def test_the_summary_counts_confident_answers_with_a_card_that_is_not_a_best_one() -> None:
    rows = [row("rank 2-5", True), row("rank 1", True), row("absent", False)]
    assert summary(rows).endswith("confident elsewhere 1")
