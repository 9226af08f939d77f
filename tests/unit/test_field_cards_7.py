"""Answer cards for field questions, set 7 (corpus/cards/terrain-questions-7.yaml and the cards completed with it).

What is specified: the verdict and the decisive facts each card states, the verdicts its readings give, and that
a wording other than the card's own reaches it on the lexical side alone (the dense side is made neutral here).
"""

from __future__ import annotations

import pytest

from assistant.cards import Card
from assistant.fr.text import fold
from assistant.matching import CardMatcher
from tests.card_checks import best_card_id, opens_with, says

FIELD_CARDS = [
    pytest.param(
        "sous-traitant-heures-comprises-dans-le-prix",
        "cela dépend",
        ("pas des heures en plus", "comprises dans le prix", "contrat de sous-traitance", "seul responsable"),
        id="a_subcontractor_s_insertion_hours_are_in_his_price_when_his_contract_carries_the_clause",
    ),
    pytest.param(
        "titulaire-retenue-sous-traitant-heures",
        "cela dépend",
        ("seul responsable", "contrat de sous-traitance", "par écrit"),
        id="a_main_contractor_withholds_a_penalty_only_if_the_subcontract_provides_it",
    ),
    pytest.param(
        "organisme-prive-soumis-code",
        "cela dépend",
        ("L1211-1", "pouvoir adjudicateur", "financé majoritairement", "contrôlé"),
        id="a_private_body_applies_the_code_only_when_it_is_a_contracting_authority",
    ),
    pytest.param(
        "critere-insertion-note-zero-sans-salarie",
        "non, pas pour cette seule raison",
        ("R2152-7", "grille", "non discriminatoire", "motifs", "référé précontractuel"),
        id="no_zero_on_the_insertion_criterion_only_for_having_no_employees",
    ),
    pytest.param(
        "contester-notation-critere-social",
        "demandez d'abord",
        ("motifs", "signature", "lié à l'objet", "Gravelines"),
        id="a_score_is_contested_by_asking_the_reasons_then_before_signature",
    ),
    pytest.param(
        "structure-insertion-prix-face-grands-groupes",
        "non, pas d'office",
        ("critères annoncés", "R2152-7", "facultatif", "L2113-13", "anormalement bas"),
        id="the_buyer_counts_insertion_only_through_a_criterion_or_a_reservation",
    ),
    pytest.param(
        "offre-reservee-au-dessus-estimation",
        "cela dépend",
        ("crédits", "critères annoncés", "inacceptable", "aucun chiffre"),
        id="an_offer_above_the_estimate_on_a_reserved_market_depends_on_credits_and_criteria",
    ),
    pytest.param(
        "rqth-independant-marches",
        "non",
        ("entreprise adaptée", "50 %", "R2113-7", "donnée de santé"),
        id="a_self_employed_person_s_rqth_gives_neither_points_nor_a_reserved_market",
    ),
    pytest.param(
        "cession-marche-clause-suit",
        "oui",
        ("toutes ses obligations", "avenant", "rachat des actions"),
        id="a_transferred_contract_keeps_its_insertion_clause",
    ),
    pytest.param(
        "clauses-sociales-effet-sur-les-prix",
        "nos sources ne donnent aucun chiffre",
        ("tous les candidats", "ne fausse pas la concurrence", "facilitateur"),
        id="no_figure_on_the_price_effect_of_social_clauses",
    ),
    pytest.param(
        "dirigeant-compter-ses-propres-heures",
        "non, en principe",
        ("à l'entrée sur le marché", "n'est plus allocataire", "facilitateur", "ETTI"),
        id="a_manager_no_longer_on_rsa_does_not_count_his_own_hours",
    ),
    pytest.param(
        "achat-fournitures-esat-compte",
        "pas par un simple achat",
        ("heures travaillées sur le marché", "CCAP", "atteste", "règle locale"),
        id="a_mere_purchase_from_an_esat_is_not_insertion_hours",
    ),
    pytest.param(
        "refuser-candidat-insertion-poste-risque",
        "oui, vous pouvez refuser un candidat",
        ("pas l'obligation d'heures", "liberté des moyens", "pas dire débutant", "facilitateur"),
        id="a_firm_may_refuse_an_unsuited_candidate_not_the_hours",
    ),
    pytest.param(
        "co-traitance-groupement-heures",
        "le titulaire",
        ("au moment de la candidature", "sous-traitant", "en principe"),
        id="a_group_forms_at_tender_after_award_only_subcontracting_remains",
    ),
    pytest.param(
        "groupement-avec-esat-siae",
        "en formant un groupement",
        ("Marché de l'inclusion", "CCAP", "facilitateur"),
        id="a_partner_ea_or_esat_is_found_on_the_inclusion_market",
    ),
    pytest.param(
        "sous-traitance-clause-repercutee",
        "c'est recommandé",
        ("seul responsable", "accepté par l'acheteur"),
        id="an_accepted_subcontractor_s_hours_count_for_the_main_contractor",
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
            "sous-traitant-heures-comprises-dans-le-prix",
            "Les heures d'insertion sont-elles payées en plus au sous-traitant qui les réalise ?",
            "Non",
        ),
        (
            "titulaire-retenue-sous-traitant-heures",
            "Le titulaire peut-il faire payer au sous-traitant la pénalité d'insertion que l'acheteur lui applique ?",
            "Cela dépend",
        ),
        ("organisme-prive-soumis-code", "Un EHPAD public doit-il appliquer le Code de la commande publique ?", "Oui"),
        (
            "contester-notation-critere-social",
            "Un critère social noté sur les salariés en insertion employés par le candidat les années passées est-il légal ?",
            "Non",
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
            "mon entreprise generale veut que je fasse ses heures d'insertion sans me payer plus, c'est dans mon prix ?",
            "sous-traitant-heures-comprises-dans-le-prix",
        ),
        ("une clinique privee doit-elle respecter le code de la commande publique ?", "organisme-prive-soumis-code"),
        (
            "je suis seule dans ma societe et j'ai eu zero au critere social, c'est legal ?",
            "critere-insertion-note-zero-sans-salarie",
        ),
        ("le titulaire a ete rachete par un groupe, la clause d'insertion continue ?", "cession-marche-clause-suit"),
        (
            "si je commande mes impressions a un esat, est-ce que ca remplit ma clause d'insertion ?",
            "achat-fournitures-esat-compte",
        ),
    ],
)
def test_the_field_wording_reaches_its_card_on_the_lexical_side(
    lexical_matcher: CardMatcher, message: str, expected: str
) -> None:
    assert best_card_id(lexical_matcher, message) == expected
