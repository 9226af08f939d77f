"""Answer cards for field questions (corpus/cards/terrain-questions-5.yaml and the cards completed with it).

What is specified: the verdict and the decisive facts each card states (the ones a field user asks
for), the verdicts its readings give, and that the card's own wording reaches it on the lexical side
alone: the dense side is made neutral here, so the ranking does not depend on the embedder.
"""

from __future__ import annotations

import pytest

from assistant.cards import Card
from assistant.fr.text import fold
from assistant.matching import CardMatcher
from tests.card_checks import best_card_id, opens_with, says

# Each row: a card, the verdict its first sentence opens with (None: no verdict asked), the facts it states.
FIELD_CARDS = [
    pytest.param(
        "concession-heures-par-an",
        None,
        ("masse salariale prévisionnelle du délégataire", "par année d'exploitation", "5 à 10 %", "1 607"),
        id="a_concession_is_sized_per_year_on_the_operator_s_payroll_not_on_a_trade_share",
    ),
    pytest.param(
        "clause-sans-structure-insertion-locale",
        "oui",
        ("embauche directe", "GEIQ", "32 000 heures"),
        id="a_rural_area_without_insertion_structure_can_still_carry_a_clause",
    ),
    pytest.param(
        "exclure-candidat-clause-mal-executee",
        "non",
        ("cas d'exclusion prévus par le code", "résiliation", "à vérifier"),
        id="past_penalties_alone_do_not_exclude_a_candidate_and_the_article_is_left_to_check",
    ),
    pytest.param(
        "creer-structure-insertion-conventionnement",
        None,
        ("conventionnement de l'État", "DDETS", "50 %", "à vérifier"),
        id="an_insertion_structure_needs_state_approval_through_the_ddets",
    ),
    pytest.param(
        "financer-formation-obligatoire-recrue",
        "cela depend",
        ("titulaire", "alternance", "GEIQ", "préparation opérationnelle à l'emploi", "à vérifier"),
        id="a_recruit_s_mandatory_training_is_the_holder_s_cost_unless_work_study_or_france_travail_fund_it",
    ),
    pytest.param(
        "sous-traitance-ei-aci",
        "oui",
        ("seul responsable",),
        id="hours_of_an_insertion_subcontractor_count_but_the_holder_stays_liable",
    ),
    pytest.param(
        "imposer-une-voie-realisation",
        "non",
        ("liberté des moyens", "comptent"),
        id="a_buyer_cannot_impose_subcontracting_to_an_siae_whose_hours_count_when_chosen",
    ),
    pytest.param(
        "critere-emploi-equipe-affectee",
        "oui",
        ("équipe affectée", "L2113-12"),
        id="a_disability_criterion_looks_at_the_team_and_a_reserved_lot_is_the_alternative",
    ),
    pytest.param(
        "clause-contrat-deja-signe",
        "pas unilatéralement",
        ("avenant négocié", "modification substantielle"),
        id="a_clause_added_after_signature_needs_a_negotiated_non_substantial_amendment",
    ),
]


@pytest.mark.parametrize(("card_id", "verdict", "facts"), FIELD_CARDS)
def test_a_field_card_opens_with_its_verdict_and_states_its_decisive_facts(
    cards: dict[str, Card], card_id: str, verdict: str | None, facts: tuple[str, ...]
) -> None:
    card = cards[card_id]
    assert verdict is None or opens_with(card, verdict)
    assert says(card, *facts)


@pytest.mark.parametrize(
    ("card_id", "question", "verdict"),
    [
        (
            "concession-heures-par-an",
            "Pour une DSP, calcule-t-on les heures d'insertion sur la masse salariale du délégataire ?",
            "Oui",
        ),
        (
            "entreprise-clause-obligatoire-respecter",
            "Peut-on demander à l'acheteur d'enlever la clause d'insertion après la signature du marché ?",
            "Non",
        ),
        (
            "cout-clause-pour-acheteur",
            "Est-il prouvé que les clauses sociales font monter les prix de 10 à 15 % ?",
            "Non",
        ),
        ("rsa-eligible", "Un allocataire du RSA sans PASS IAE est-il éligible à la clause d'insertion ?", "Oui"),
        (
            "heures-avenant-automatique",
            "Si l'acheteur réduit les travaux, l'objectif d'heures d'insertion baisse-t-il ?",
            "Oui",
        ),
        ("critere-emploi-equipe-affectee", "Peut-on noter le pourcentage de salariés RQTH du candidat ?", "Non"),
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
        ("dsp sans bpu : on calcule les heures d'insertion sur la masse salariale ?", "concession-heures-par-an"),
        (
            "aucune siae sur notre territoire de montagne, une clause peut marcher ?",
            "clause-sans-structure-insertion-locale",
        ),
        (
            "exclure une entreprise des prochains appels d'offres pour ses penalites d'insertion ?",
            "exclure-candidat-clause-mal-executee",
        ),
        ("creer une siae : il faut un agrement ou un conventionnement ?", "creer-structure-insertion-conventionnement"),
        ("qui paie le permis poids lourd de la recrue en insertion ?", "financer-formation-obligatoire-recrue"),
    ],
)
def test_the_field_wording_reaches_its_card_on_the_lexical_side(
    lexical_matcher: CardMatcher, message: str, expected: str
) -> None:
    assert best_card_id(lexical_matcher, message) == expected
