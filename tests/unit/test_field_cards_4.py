"""Answer cards for field questions (corpus/cards/terrain-questions-4.yaml and the cards completed with it).

What is specified: the verdict and the decisive facts each card states (the ones a field user asks
for), and that the card's own wording reaches it on the lexical side alone: the dense side is made
neutral here, so the ranking does not depend on the embedder.
"""

from __future__ import annotations

import numpy as np
import pytest

from assistant.cards import Card, load_cards
from assistant.fr.text import fold
from assistant.matching import CardMatcher
from assistant.settings import PROJECT_ROOT

CARDS_DIR = PROJECT_ROOT / "corpus" / "cards"


@pytest.fixture(scope="module")
def cards() -> dict[str, Card]:
    return {card.id: card for card in load_cards(CARDS_DIR)}


@pytest.fixture(scope="module")
def lexical_matcher(cards: dict[str, Card]) -> CardMatcher:
    def same_vector(texts: list[str]) -> np.ndarray:
        return np.ones((len(texts), 4), dtype=np.float32)

    return CardMatcher(list(cards.values()), same_vector, lambda text: np.ones(4, dtype=np.float32), lambda token: 1.0)


def says(card: Card, *words: str) -> bool:
    answer = fold(card.answer)
    return all(fold(word) in answer for word in words)


def opens_with(card: Card, verdict: str) -> bool:
    return fold(card.first_sentence).lstrip("*").startswith(fold(verdict))


def test_the_dc4_is_the_subcontracting_declaration_for_acceptance_and_payment(cards: dict[str, Card]) -> None:
    assert says(cards["dc4-declaration-sous-traitance"], "déclaration de sous-traitance", "acceptation", "paiement")


def test_a_grouping_names_its_agent_and_the_joint_or_several_liability(cards: dict[str, Card]) -> None:
    card = cards["groupement-signature-responsabilite"]
    assert opens_with(card, "oui")
    assert says(card, "mandataire", "conjoint", "solidaire", "L2113-14")


def test_tenders_are_found_on_buyer_profiles_boamp_and_the_inclusion_market(cards: dict[str, Card]) -> None:
    assert says(cards["ou-sont-publies-les-marches"], "profil d'acheteur", "BOAMP", "Marché de l'inclusion")


def test_a_clause_needs_no_specific_deliberation_and_the_cgct_article_is_left_to_check(
    cards: dict[str, Card],
) -> None:
    card = cards["deliberation-ou-delegation-clause"]
    assert opens_with(card, "pas forcement")
    assert says(card, "délégation", "à vérifier")


def test_two_departements_are_answered_by_the_place_of_execution_without_any_residence_rule(
    cards: dict[str, Card],
) -> None:
    card = cards["facilitateur-deux-departements"]
    assert opens_with(card, "cela depend du lieu d'execution")
    assert says(card, "04 76 00 38 38", "aucune clause ne peut imposer")


def test_an_unsuccessful_lot_keeps_its_clause_unless_it_is_relaunched_with_publicity(cards: dict[str, Card]) -> None:
    card = cards["lot-infructueux-relance-clause"]
    assert opens_with(card, "oui en principe")
    assert says(card, "substantiellement", "avec publicité", "L2112-2-1")


def test_volunteering_and_poe_hours_do_not_count_but_hiring_after_a_poe_does(cards: dict[str, Card]) -> None:
    card = cards["benevolat-stage-poe-heures"]
    assert opens_with(card, "non")
    assert says(card, "bénévole", "dès son embauche")


def test_an_agreement_without_minimum_may_bring_no_order_and_then_no_hour_is_due(cards: dict[str, Card]) -> None:
    card = cards["accord-cadre-sans-minimum-aucune-commande"]
    assert opens_with(card, "oui")
    assert says(card, "aucune obligation", "aucune heure n'est due")


def test_an_abnormally_low_offer_is_never_rejected_before_asking_for_justifications(cards: dict[str, Card]) -> None:
    card = cards["offre-anormalement-basse-rejet-direct"]
    assert opens_with(card, "non")
    assert says(card, "justifications", "à vérifier")


def test_accounts_may_be_asked_but_a_deficit_alone_does_not_exclude(cards: dict[str, Card]) -> None:
    assert says(cards["capacite-financiere-bilans"], "proportionnés", "n'écarte pas à lui seul")


def test_the_yearly_or_total_volume_depends_on_the_ccap(cards: dict[str, Card]) -> None:
    assert opens_with(cards["volume-heures-annuel-ou-global"], "cela depend de la redaction du ccap")


def test_no_number_of_hours_validates_a_path(cards: dict[str, Card]) -> None:
    assert opens_with(cards["parcours-nombre-heures-minimum"], "aucun seuil")


def test_a_site_manager_leaves_a_sanction_to_the_employer(cards: dict[str, Card]) -> None:
    card = cards["sanction-personne-insertion-chantier"]
    assert opens_with(card, "non")
    assert says(card, "employeur", "procédure disciplinaire", "facilitateur")


def test_the_clause_is_priced_inside_the_offer_with_no_published_extra_cost(cards: dict[str, Card]) -> None:
    assert says(cards["cout-clause-ligne-de-prix"], "compris dans les prix", "aucun chiffre")


def test_a_departure_keeps_the_hours_already_done(cards: dict[str, Card]) -> None:
    assert says(cards["remplacer-personne-partie"], "restent acquises")


def test_overtime_counts_one_hour_for_one_hour(cards: dict[str, Card]) -> None:
    assert says(cards["heures-supplementaires-comptent"], "une heure pour une heure", "jamais double")


def test_a_shared_employee_counts_pro_rata_of_the_time_on_the_contract(cards: dict[str, Card]) -> None:
    assert says(cards["heures-autre-chantier"], "au prorata")


def test_the_clause_definition_names_freedom_of_means_and_the_facilitator(cards: dict[str, Card]) -> None:
    assert says(cards["clause-insertion-definition"], "librement", "facilitateur", "L2112-2")


def test_an_siae_reserved_market_is_read_as_open_to_an_aci(cards: dict[str, Card]) -> None:
    verdicts = {fold(r.question): r.verdict for r in cards["reserver-siae"].readings}
    assert (
        verdicts[fold("Un atelier et chantier d'insertion (ACI) peut-il répondre à un marché réservé aux SIAE ?")]
        == "Oui"
    )


def test_the_dume_is_optional_for_the_candidate_but_accepted_by_the_buyer(cards: dict[str, Card]) -> None:
    card = cards["dume-obligatoire"]
    assert opens_with(card, "non")
    assert says(card, "DC1", "accepter")


def test_an_insertion_company_works_as_a_subcontractor_not_by_lending_staff(cards: dict[str, Card]) -> None:
    card = cards["ei-pas-de-mise-a-disposition"]
    assert opens_with(card, "non")
    assert says(card, "ETTI", "associations intermédiaires", "sous-traitance")


def test_tutoring_is_required_only_by_the_ccap_the_offer_or_a_work_study_contract(cards: dict[str, Card]) -> None:
    card = cards["tutorat-obligatoire-clause"]
    assert opens_with(card, "pas en soi")
    assert says(card, "CCAP", "critère", "alternance")


def test_a_minimum_turnover_is_capped_at_twice_the_estimated_value(cards: dict[str, Card]) -> None:
    assert says(cards["capacite-financiere-bilans"], "le double de la valeur estimée")


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
    best = lexical_matcher.match(message).best
    assert best is not None and best.card.id == expected
