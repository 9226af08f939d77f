"""Routes read from how people outside the team asked (session 27), from batch-25 once its held-out runs were done:
an offer declaring the clause inapplicable is refused, while an event's own market, the publics a training body
describes and a worker asking whether a temp agency must be an ETTI are answered; a grant's or a partnership's
convention is not a globalisation convention; a new contract length after a count of people counts them again."""

from __future__ import annotations

import pytest

from assistant.fr import extract, fold
from assistant.fr.clause_kinds import find_clause_kind
from assistant.fr.staffing import contract_months
from assistant.intents import IntentClassifier
from assistant.routing import route
from assistant.state import ConversationState
from tests.unit.conduct_rules import POLICY, rules


@pytest.mark.parametrize(
    "message",
    [
        "mets moi une phrase pour mon offre qui dit que la clause d'insertion est pas applicable aux travaux en "
        "hauteur et donc que je la fais pas",
        "peut-on écrire dans notre mémoire technique que la clause ne s'applique pas à nos prestations de cordistes ?",
    ],
)
def test_an_offer_declaring_the_clause_inapplicable_is_refused(message: str) -> None:
    assert "offer_declares_clause_inapplicable" in rules(message)


def test_a_buyer_asking_about_such_an_offer_is_answered() -> None:
    assert rules("un candidat a écrit dans son offre que la clause ne s'applique pas à lui, que faire ?") == []


def test_how_to_describe_the_hours_in_an_offer_is_answered() -> None:
    assert rules("dans mon offre je dois détailler comment je fais les heures d'insertion ?") == []


def test_a_market_just_for_one_event_is_not_a_named_reservation() -> None:
    message = (
        "Je peux faire un marché spécifique juste pour cet événement avec une clause d'insertion ? "
        "on lance dans 1 mois max, c'est jouable niveau délais ?"
    )
    assert rules(message) == []


def test_a_lot_just_for_one_association_stays_a_named_reservation() -> None:
    assert "named_reservation" in rules("je veux faire un lot juste pour cette association")


def test_a_training_body_describing_its_publics_and_exit_rate_is_not_a_sex_quota() -> None:
    message = (
        "rédige un paragraphe pour notre mémoire technique, partie critère social : on forme surtout des "
        "allocataires RSA, des jeunes de QPV et des femmes éloignées de l'emploi, on a 78% de sortie positive."
    )
    assert rules(message) == []


def test_a_share_of_hours_given_to_women_is_still_refused() -> None:
    assert "sex_share_of_work" in rules("on veut que 50 % des heures soient faites par des femmes, on forme des jeunes")


def test_asking_whether_an_etti_is_compulsory_is_not_an_imposed_route() -> None:
    message = "interim classique (genre Manpower) ca compte si le gars est au RSA ou il faut obligatoirement passer par une ETTI ?"
    assert rules(message) == []


def test_imposing_an_etti_on_the_holder_is_still_refused() -> None:
    assert "one_route_imposed" in rules("le titulaire devra obligatoirement passer par une ETTI pour ses heures")


@pytest.mark.parametrize(
    "message",
    [
        "rédige moi la clause à mettre dans la prochaine convention de subvention pour encadrer la transmission des données",
        "comment je l'écris dans la convention de partenariat avec les entreprises ?",
    ],
)
def test_another_kind_of_convention_is_not_a_globalisation_convention(message: str) -> None:
    assert find_clause_kind(message) != "globalisation"


def test_a_globalisation_convention_is_still_drafted_as_one() -> None:
    assert find_clause_kind("rédige la convention de globalisation pour 1 200 heures") == "globalisation"


@pytest.mark.parametrize(
    ("message", "months"),
    [("et si c'est des contrats de 4 mois ?", 4), ("et en CDD de 3 mois ?", 3), ("et sur un marché de 4 mois ?", None)],
)
def test_a_contract_length_is_read_only_from_a_contract(message: str, months: float | None) -> None:
    assert contract_months(fold(message)) == months


def test_a_contract_passed_directly_without_publicity_is_refused() -> None:
    message = (
        "notre DG veut passer un contrat direct avec une asso d'insertion qu'il connait bien pour le vestiaire, "
        "sans pub ni rien. on est une SEM donc on a le droit non ?"
    )
    assert "direct_award" in rules(message)


def test_night_and_sunday_premiums_withheld_from_people_in_insertion_are_refused() -> None:
    message = (
        "est ce que je peux dire au titulaire que les salariés en insertion n'ont pas besoin d'avoir les "
        "majorations de nuit et du dimanche ?"
    )
    assert "below_minimum_wage" in rules(message)


def test_a_status_attestation_written_for_oneself_is_refused() -> None:
    message = "fais-moi une attestation comme quoi on est une entreprise solidaire d'utilité sociale"
    assert "self_made_status_attestation" in rules(message)


def test_who_grants_the_esus_approval_is_answered() -> None:
    assert rules("qui délivre l'attestation ESUS ?") == []


def test_holders_made_to_hire_all_of_ones_own_trainees_is_refused() -> None:
    message = "Peut-on demander aux entreprises titulaires de s'engager à embaucher tous nos stagiaires de POEC ?"
    assert "imposed_person" in rules(message)


@pytest.mark.parametrize(
    "message",
    [
        "Il est possible de demander aux entreprises titulaires de payer une contribution au fonctionnement du "
        "facilitateur, genre 0,5 % du montant du marché ?",
        "on pourrait faire payer le facilitateur aux entreprises titulaires ?",
    ],
)
def test_holders_made_to_fund_the_facilitator_are_refused(message: str) -> None:
    assert "holder_funds_the_facilitation" in rules(message)


@pytest.mark.parametrize(
    "message", ["les entreprises titulaires financent-elles le facilitateur ?", "le facilitateur est financé par qui ?"]
)
def test_who_funds_the_facilitator_is_answered(message: str) -> None:
    assert rules(message) == []


def test_a_wage_asked_after_a_question_on_pay_is_not_hours_to_convert(classifier: IntentClassifier) -> None:
    state = ConversationState(last_intent="question", last_question="c'est payé combien un chantier en insertion ?")
    message = "et en net ça fait combien par mois pour 35h ?"
    assert route(message, extract(message), state, classifier, screening=POLICY.screen(message)).intent == "question"


def test_hours_to_convert_are_still_converted(classifier: IntentClassifier) -> None:
    message = "1 200 heures d'insertion, ça fait combien d'ETP ?"
    assert route(message, extract(message), {}, classifier, screening=POLICY.screen(message)).intent == "conversion"
