"""Who asks decides which cards answer: a buyer who asks « par où je commence ? » is not answered with the steps of
the firm that won the market, and an association that bids is answered by the candidate's card before the buyer's."""

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


BUYER_FACT = card("buyer-fact", "yes_no", ("acheteur",))
CANDIDATE_FACT = card("candidate-fact", "yes_no", ("entreprise", "public"))


def ranked(*cards: Card, step: float = 0.05) -> Matching:
    return Matching(tuple(CardMatch(c, round(0.6 - n * step, 3), 0.5, 0.6) for n, c in enumerate(cards)))


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


@pytest.mark.parametrize(
    "message",
    [
        "je dirige une association de 80 salariés : pouvons-nous candidater ?",
        "est-ce qu'une association comme la nôtre peut répondre ?",
        "ma cliente, une SARL, a été écartée du lot réservé",
        "on veut répondre avec une de nos filiales",
        "nos salariées en reconversion comptent-elles ?",
    ],
)
def test_a_structure_that_bids_or_employs_is_an_operator(message: str) -> None:
    assert asker(message) == "entreprise"


@pytest.mark.parametrize(
    "message",
    [
        "je suis au RSA depuis deux ans, comment trouver un poste sur une clause ?",
        "je suis journaliste : combien de personnes ont été embauchées ?",
        "mon conseiller France Travail m'a parlé des clauses, c'est quoi ?",
    ],
)
def test_a_job_seeker_or_a_journalist_is_a_person_of_the_public(message: str) -> None:
    assert asker(message) == "public"


def test_a_message_naming_two_sides_has_no_asker() -> None:
    assert asker("notre association répond au marché de notre commune") is None


def test_the_candidates_card_goes_before_a_close_buyers_card_for_an_operator() -> None:
    message = "notre association peut-elle répondre à un marché réservé ?"
    kept = for_asker(ranked(BUYER_FACT, CANDIDATE_FACT, step=0.01), message)
    assert [m.card.id for m in kept.ranked] == ["candidate-fact", "buyer-fact"]


def test_a_buyers_card_that_leads_clearly_stays_first_for_an_operator() -> None:
    message = "notre association peut-elle répondre à un marché réservé ?"
    matching = ranked(BUYER_FACT, CANDIDATE_FACT, step=0.05)
    assert for_asker(matching, message) is matching


def test_the_side_said_earlier_in_the_conversation_leans_a_question_that_does_not_say_it() -> None:
    kept = for_asker(ranked(BUYER_FACT, CANDIDATE_FACT, step=0.01), "et pour un marché réservé ?", "entreprise")
    assert kept.ranked[0].card.id == "candidate-fact"


def test_the_side_said_in_the_message_wins_over_the_one_said_earlier() -> None:
    message = "je prépare notre marché : peut-on le réserver ?"
    kept = for_asker(ranked(BUYER_FACT, CANDIDATE_FACT, step=0.01), message, "entreprise")
    assert kept.ranked[0].card.id == "buyer-fact"
