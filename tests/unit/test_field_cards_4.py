"""Answer cards for field questions (corpus/cards/terrain-questions-4.yaml and the cards completed with it).

What is specified: the verdict and the decisive facts each card states (the ones a field user asks
for), and that the card's own wording reaches it on the lexical side alone: the dense side is made
neutral here, so the ranking does not depend on the embedder.
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
        "dc4-declaration-sous-traitance",
        None,
        ("déclaration de sous-traitance", "acceptation", "paiement"),
        id="the_dc4_is_the_subcontracting_declaration_for_acceptance_and_payment",
    ),
    pytest.param(
        "groupement-signature-responsabilite",
        "oui",
        ("mandataire", "conjoint", "solidaire", "L2113-14"),
        id="a_grouping_names_its_agent_and_the_joint_or_several_liability",
    ),
    pytest.param(
        "ou-sont-publies-les-marches",
        None,
        ("profil d'acheteur", "BOAMP", "Marché de l'inclusion"),
        id="tenders_are_found_on_buyer_profiles_boamp_and_the_inclusion_market",
    ),
    pytest.param(
        "deliberation-ou-delegation-clause",
        "pas forcement",
        ("délégation", "à vérifier"),
        id="a_clause_needs_no_specific_deliberation_and_the_cgct_article_is_left_to_check",
    ),
    pytest.param(
        "facilitateur-deux-departements",
        "cela depend du lieu d'execution",
        ("04 76 00 38 38", "aucune clause ne peut imposer"),
        id="two_departements_are_answered_by_the_place_of_execution_without_any_residence_rule",
    ),
    pytest.param(
        "lot-infructueux-relance-clause",
        "oui en principe",
        ("substantiellement", "avec publicité", "L2112-2-1"),
        id="an_unsuccessful_lot_keeps_its_clause_unless_it_is_relaunched_with_publicity",
    ),
    pytest.param(
        "benevolat-stage-poe-heures",
        "non",
        ("bénévole", "dès son embauche"),
        id="volunteering_and_poe_hours_do_not_count_but_hiring_after_a_poe_does",
    ),
    pytest.param(
        "accord-cadre-sans-minimum-aucune-commande",
        "oui",
        ("aucune obligation", "aucune heure n'est due"),
        id="an_agreement_without_minimum_may_bring_no_order_and_then_no_hour_is_due",
    ),
    pytest.param(
        "offre-anormalement-basse-rejet-direct",
        "non",
        ("justifications", "à vérifier"),
        id="an_abnormally_low_offer_is_never_rejected_before_asking_for_justifications",
    ),
    pytest.param(
        "capacite-financiere-bilans",
        None,
        ("proportionnés", "n'écarte pas à lui seul"),
        id="accounts_may_be_asked_but_a_deficit_alone_does_not_exclude",
    ),
    pytest.param(
        "volume-heures-annuel-ou-global",
        "cela depend de la redaction du ccap",
        (),
        id="the_yearly_or_total_volume_depends_on_the_ccap",
    ),
    pytest.param("parcours-nombre-heures-minimum", "aucun seuil", (), id="no_number_of_hours_validates_a_path"),
    pytest.param(
        "sanction-personne-insertion-chantier",
        "non",
        ("employeur", "procédure disciplinaire", "facilitateur"),
        id="a_site_manager_leaves_a_sanction_to_the_employer",
    ),
    pytest.param(
        "cout-clause-ligne-de-prix",
        None,
        ("compris dans les prix", "aucun chiffre"),
        id="the_clause_is_priced_inside_the_offer_with_no_published_extra_cost",
    ),
    pytest.param(
        "remplacer-personne-partie", None, ("restent acquises",), id="a_departure_keeps_the_hours_already_done"
    ),
    pytest.param(
        "heures-supplementaires-comptent",
        None,
        ("une heure pour une heure", "jamais double"),
        id="overtime_counts_one_hour_for_one_hour",
    ),
    pytest.param(
        "heures-autre-chantier",
        None,
        ("au prorata",),
        id="a_shared_employee_counts_pro_rata_of_the_time_on_the_contract",
    ),
    pytest.param(
        "clause-insertion-definition",
        None,
        ("librement", "facilitateur", "L2112-2"),
        id="the_clause_definition_names_freedom_of_means_and_the_facilitator",
    ),
    pytest.param(
        "dume-obligatoire",
        "non",
        ("DC1", "accepter"),
        id="the_dume_is_optional_for_the_candidate_but_accepted_by_the_buyer",
    ),
    pytest.param(
        "ei-pas-de-mise-a-disposition",
        "non",
        ("ETTI", "associations intermédiaires", "sous-traitance"),
        id="an_insertion_company_works_as_a_subcontractor_not_by_lending_staff",
    ),
    pytest.param(
        "tutorat-obligatoire-clause",
        "pas en soi",
        ("CCAP", "critère", "alternance"),
        id="tutoring_is_required_only_by_the_ccap_the_offer_or_a_work_study_contract",
    ),
    pytest.param(
        "capacite-financiere-bilans",
        None,
        ("le double de la valeur estimée",),
        id="a_minimum_turnover_is_capped_at_twice_the_estimated_value",
    ),
]


@pytest.mark.parametrize(("card_id", "verdict", "facts"), FIELD_CARDS)
def test_a_field_card_opens_with_its_verdict_and_states_its_decisive_facts(
    cards: dict[str, Card], card_id: str, verdict: str | None, facts: tuple[str, ...]
) -> None:
    card = cards[card_id]
    assert verdict is None or opens_with(card, verdict)
    assert says(card, *facts)


def test_an_siae_reserved_market_is_read_as_open_to_an_aci(cards: dict[str, Card]) -> None:
    verdicts = {fold(r.question): r.verdict for r in cards["reserver-siae"].readings}
    assert (
        verdicts[fold("Un atelier et chantier d'insertion (ACI) peut-il répondre à un marché réservé aux SIAE ?")]
        == "Oui"
    )


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("le dc4 sert a quoi exactement ?", "dc4-declaration-sous-traitance"),
        ("sans minimum dans l'accord-cadre, zero commande possible ?", "accord-cadre-sans-minimum-aucune-commande"),
        (
            "deliberation du conseil municipal obligatoire pour une clause sociale ?",
            "deliberation-ou-delegation-clause",
        ),
        ("benevolat des allocataires du rsa compte dans la clause ?", "benevolat-stage-poe-heures"),
    ],
)
def test_the_field_wording_reaches_its_card_on_the_lexical_side(
    lexical_matcher: CardMatcher, message: str, expected: str
) -> None:
    assert best_card_id(lexical_matcher, message) == expected
