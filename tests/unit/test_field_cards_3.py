"""Answer cards for field questions (corpus/cards/terrain-questions-3.yaml and the cards widened with it).

What is specified: the decisive fact each card states (the one a field user asks for). The wordings that must
reach these cards on the lexical side are in tests/data/field_cards.yaml, checked by test_field_cards.py.
"""

from __future__ import annotations

from assistant.cards import Card
from assistant.fr.text import fold
from tests.card_checks import opens_with, says


def test_an_eatt_is_said_not_to_be_an_siae_and_the_four_siae_types_are_named(cards: dict[str, Card]) -> None:
    card = cards["eatt-pas-une-siae"]
    assert opens_with(card, "non")
    assert says(card, "L5132-4", "EI", "ETTI", "AI", "ACI")


def test_an_inclusive_status_earns_no_points_because_a_criterion_follows_the_contract(cards: dict[str, Card]) -> None:
    card = cards["statut-inclusif-pas-de-points-en-plus"]
    assert opens_with(card, "non")
    assert says(card, "objet du marché", "politique sociale générale")


def test_a_person_leaving_an_esat_is_pointed_to_the_disabled_workers_category(cards: dict[str, Card]) -> None:
    assert says(cards["sortie-esat-eligible"], "L5212-13", "facilitateur", "avis motivé")


def test_an_intern_still_in_training_is_not_an_eligible_public(cards: dict[str, Card]) -> None:
    assert says(cards["jeune-encore-etudiant"], "stagiaire", "pas un public éligible", "6 mois")


def test_a_reserved_market_is_said_closed_to_a_classic_company(cards: dict[str, Card]) -> None:
    assert says(cards["marche-reserve-definition"], "ne peut pas candidater")


def test_the_insertion_rate_card_says_there_is_no_legal_ceiling_first(cards: dict[str, Card]) -> None:
    # « Cela dépend », not « Oui »: a 30 % rate is lawful only if proportionate, and « Oui » would read as
    # « yes, there is a ceiling » to « y a-t-il un plafond légal ? »
    first = fold(cards["taux-insertion-eleve"].first_sentence)
    assert first.startswith("pas de plafond legal") and "cela depend" in first


def test_a_mapa_card_says_no_minimum_amount_exists(cards: dict[str, Card]) -> None:
    assert says(cards["clause-mapa"], "aucun montant minimum")


def test_volunteer_tutoring_outside_the_contract_counts_neither_in_the_clause_nor_in_a_criterion(
    cards: dict[str, Card],
) -> None:
    assert says(cards["heures-tutorat-comptent"], "mécénat de compétences", "objet du marché")
