"""A buyer who asks « par où je commence ? » is not answered with the steps of the firm that won the market."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.audience import asker, for_asker
from assistant.cards import Card
from assistant.matching import CardMatch, Matching


def card(card_id: str, kind: str, audience: tuple[str, ...]) -> Card:
    return Card(card_id, f"Question {card_id} ?", (), "**Réponse.**", kind, (), (), audience, dt.date(2026, 11, 1), "t")


FIRM_STEPS = card("firm-steps", "procedure", ("entreprise",))
BUYER_STEPS = card("buyer-steps", "procedure", ("acheteur",))
FIRM_FACT = card("firm-fact", "yes_no", ("entreprise", "facilitateur"))


def ranked(*cards: Card) -> Matching:
    return Matching(tuple(CardMatch(c, 0.6 - n * 0.05, 0.5, 0.6) for n, c in enumerate(cards)))


@pytest.mark.parametrize(
    "message",
    [
        "je prépare le renouvellement de notre marché de collecte, par où je commence ?",
        "Bonjour, je suis secrétaire de mairie, on rénove la salle des fêtes : par où je commence ?",
        "on relance nos marchés de nettoyage l'an prochain, comment faire ?",
    ],
)
def test_a_buyer_is_recognised_by_the_market_it_prepares_or_its_body(message: str) -> None:
    assert asker(message) == "acheteur"


@pytest.mark.parametrize(
    "message",
    [
        "on vient d'avoir le lot 8 plomberie, il y a une clause d'insertion",
        "on vient d avoir le lot peinture, je commence par quoi",
        "j ai remporté le marché d'entretien, c'est ma première clause",
        "mon entreprise a une clause à faire",
    ],
)
def test_a_firm_is_recognised_by_the_lot_it_won_or_its_company(message: str) -> None:
    assert asker(message) == "entreprise"


def test_a_message_that_does_not_say_who_asks_has_no_asker() -> None:
    assert asker("les heures d'un intérimaire d'ETTI comptent-elles ?") is None


def test_a_buyer_asking_about_the_firm_keeps_the_firm_cards() -> None:
    assert asker("je prépare notre DCE : que devra faire le titulaire pour la clause ?") is None


def test_steps_addressed_to_the_firm_are_dropped_for_a_buyer() -> None:
    message = "je prépare notre marché de collecte, par où je commence ?"
    kept = for_asker(ranked(FIRM_STEPS, BUYER_STEPS), message)
    assert [m.card.id for m in kept.ranked] == ["buyer-steps"]


def test_facts_addressed_to_the_firm_still_answer_a_buyer() -> None:
    message = "je prépare notre marché : les heures d'ETTI comptent-elles ?"
    kept = for_asker(ranked(FIRM_FACT, BUYER_STEPS), message)
    assert [m.card.id for m in kept.ranked] == ["firm-fact", "buyer-steps"]


def test_without_an_asker_the_ranking_is_unchanged() -> None:
    matching = ranked(FIRM_STEPS, BUYER_STEPS)
    assert for_asker(matching, "par où commencer ?") is matching
