"""Answer cards for field questions, set 6 (corpus/cards/terrain-questions-6.yaml and the cards completed with
it), and the follow-up to a question on a reserved market (assistant/backends/embedded/guides.py, pure).

What is specified: the verdict and the decisive facts each card states, the verdicts its readings give, that
the card's own wording reaches it on the lexical side alone (the dense side is made neutral here), and that a
follow-up naming no reservation (« et si c'est un accord-cadre ? ») keeps the reserved market as its subject.
"""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.backends.embedded.guides import reserved_follow_up
from assistant.cards import Card
from assistant.fr.text import fold
from assistant.matching import CardMatch, CardMatcher, Matching
from tests.card_checks import best_card_id, opens_with, says

FIELD_CARDS = [
    pytest.param(
        "reserve-accord-cadre-bons-de-commande",
        "oui",
        ("accord-cadre", "montant maximum", "toute la durée", "L2112-2-1", "n'est pas tranché", "à vérifier"),
        id="a_reserved_market_may_be_a_framework_agreement_valued_on_its_maximum",
    ),
    pytest.param(
        "offre-economiquement-plus-avantageuse",
        "l'offre économiquement la plus avantageuse",
        ("critères annoncés", "prix ou le coût", "environnemental", "jamais obligatoire", "Gravelines"),
        id="the_most_advantageous_offer_is_scored_on_announced_criteria_a_social_one_optional",
    ),
    pytest.param(
        "reserve-relance-offres-inappropriees",
        "cela dépend",
        ("procédure négociée sans publicité", "nouvelle consultation avec publicité", "à vérifier", "50 %"),
        id="a_failed_reserved_procedure_is_relaunched_without_notice_only_if_nothing_changes",
    ),
    pytest.param(
        "salarie-deja-en-cdi",
        "non, pas automatiquement",
        ("facilitateur", "en principe"),
        id="an_employee_already_in_post_does_not_count_automatically",
    ),
    pytest.param(
        "capacite-financiere-bilans",
        "oui",
        ("tout autre moyen", "proportionnés", "à vérifier"),
        id="a_small_structure_may_prove_its_financial_capacity_by_any_other_means",
    ),
]


@pytest.mark.parametrize(("card_id", "verdict", "facts"), FIELD_CARDS)
def test_a_field_card_opens_with_its_verdict_and_states_its_decisive_facts(
    cards: dict[str, Card], card_id: str, verdict: str, facts: tuple[str, ...]
) -> None:
    card = cards[card_id]
    assert opens_with(card, verdict)
    assert says(card, *facts)


@pytest.mark.parametrize(
    ("card_id", "question", "verdict"),
    [
        (
            "offre-economiquement-plus-avantageuse",
            "Peut-on attribuer un marché à l'offre socialement la plus avantageuse indépendamment du prix ?",
            "Non",
        ),
        ("offre-economiquement-plus-avantageuse", "Le marché va-t-il forcément à l'offre la moins chère ?", "Non"),
        (
            "personnel-repris-heures-insertion",
            "Avec la reprise du personnel, la clause d'insertion ne sert plus à rien ?",
            "Pas forcément",
        ),
        (
            "nettoyage-reprise-clause-utile",
            "Si tout le personnel est repris, la clause ne sert-elle à rien ?",
            "Pas forcément",
        ),
        (
            "capacite-financiere-bilans",
            "Est-il légal d'exiger des bilans et un chiffre d'affaires minimum pour un MAPA ?",
            "Cela dépend",
        ),
    ],
)
def test_a_reading_gives_the_verdict_of_its_question(
    cards: dict[str, Card], card_id: str, question: str, verdict: str
) -> None:
    verdicts = {fold(r.question): r.verdict for r in cards[card_id].readings}
    assert verdicts[fold(question)] == verdict


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "reserver aux esat un accord-cadre a bons de commande, c'est permis ?",
            "reserve-accord-cadre-bons-de-commande",
        ),
        ("oepa c'est quoi exactement ?", "offre-economiquement-plus-avantageuse"),
        (
            "lot reserve siae : que des offres irregulieres, on relance comment ?",
            "reserve-relance-offres-inappropriees",
        ),
    ],
)
def test_the_field_wording_reaches_its_card_on_the_lexical_side(
    lexical_matcher: CardMatcher, message: str, expected: str
) -> None:
    assert best_card_id(lexical_matcher, message) == expected


def _card(question: str) -> Card:
    return Card(question, question, (), "**Oui.**", "yes_no", (), (), ("acheteur",), dt.date(2026, 12, 1), "t")


def _matching(*scored: tuple[str, float]) -> Matching:
    return Matching(tuple(CardMatch(_card(q), s, s, s, s) for q, s in scored))


GENERAL = "Comment dimensionner un accord-cadre à bons de commande ?"
RESERVED = "Un marché réservé aux SIAE peut-il être un accord-cadre ?"


def test_a_follow_up_on_a_reserved_market_takes_the_reserved_card_that_leads_clearly() -> None:
    found = reserved_follow_up(_matching((GENERAL, 0.7)), lambda: _matching((RESERVED, 0.76), (GENERAL, 0.7)))
    assert found is not None and found.confident and found.best is not None and found.best.card.question == RESERVED


def test_a_reserved_card_within_the_margin_of_another_leaves_the_follow_up_s_own_cards() -> None:
    found = reserved_follow_up(_matching((GENERAL, 0.7)), lambda: _matching((RESERVED, 0.76), (GENERAL, 0.755)))
    assert found is not None and found.best is not None and found.best.card.question == GENERAL


def test_a_general_card_leading_the_reserved_reading_leaves_the_follow_up_s_own_cards() -> None:
    found = reserved_follow_up(_matching((GENERAL, 0.7)), lambda: _matching((GENERAL, 0.8), (RESERVED, 0.6)))
    assert found is not None and found.best is not None and found.best.card.question == GENERAL


def test_a_follow_up_already_on_a_reserved_card_keeps_it() -> None:
    other = "Un lot réservé aux EA peut-il durer cinq ans ?"
    found = reserved_follow_up(_matching((other, 0.6)), lambda: _matching((RESERVED, 0.9)))
    assert found is not None and found.best is not None and found.best.card.question == other
