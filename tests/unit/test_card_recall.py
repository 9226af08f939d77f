"""The card recall measure (eval/card_recall.py) counts what the matcher decides, card by card."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from assistant.cards import Card, load_cards
from assistant.matching import CardMatcher
from eval.card_recall import KINDS, Probe, load_probes, run, tally

ROOT = Path(__file__).resolve().parents[2]


def card(card_id: str, question: str, paraphrases: tuple[str, ...]) -> Card:
    return Card(
        card_id, question, paraphrases, "**Réponse.**", "definition", (), (), ("acheteur",), dt.date(2026, 11, 1), "t"
    )


def matcher() -> CardMatcher:
    cards = [
        card(
            "facilitateur-role",
            "Quel est le rôle du facilitateur ?",
            ("mission du facilitateur", "a quoi sert le facilitateur", "facilitateur role"),
        ),
        card(
            "penalites-principe",
            "Quelles pénalités si les heures ne sont pas faites ?",
            ("penalite heures non realisees", "sanction clause insertion", "amende heures manquantes"),
        ),
    ]
    return CardMatcher(
        cards,
        lambda texts: np.ones((len(texts), 4), dtype=np.float32),
        lambda text: np.ones(4, dtype=np.float32),
        lambda token: 1.0,
    )


def test_a_message_matched_to_its_card_counts_at_rank_one() -> None:
    counts = tally(run(matcher(), [Probe("penalites-principe", "short", "quelle penalite si heures non realisees")]))
    assert counts["rank 1"] == 1 and counts["top 5"] == 1 and counts["confident wrong"] == 0


def test_a_message_matched_to_another_card_is_not_at_rank_one() -> None:
    counts = tally(run(matcher(), [Probe("facilitateur-role", "short", "quelle penalite si heures non realisees")]))
    assert counts["rank 1"] == 0 and counts["top 5"] == 1


def test_a_probe_of_a_removed_card_is_left_out() -> None:
    assert run(matcher(), [Probe("carte-supprimee", "short", "mission du facilitateur")]) == []


def test_the_recall_set_names_only_cards_of_the_bank_with_every_kind_of_message() -> None:
    probes = load_probes()
    bank = {c.id for c in load_cards(ROOT / "corpus" / "cards")}
    assert {p.card for p in probes} <= bank
    assert all(sum(p.card == c and p.kind in KINDS for p in probes) == len(KINDS) for c in {p.card for p in probes})
