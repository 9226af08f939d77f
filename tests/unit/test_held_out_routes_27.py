"""Routes read from how people outside the team asked (session 29), from batch-27 once its held-out runs were done:
time that is not work added to the count to raise it and hours declared « since nobody checks » are refused; a
market named with a verb after it keeps only its name; hours still to come lower a penalty just computed; a
clause's hours are carried to a new amount at the prorata; « ça compte depuis… » asks from when, not whether
someone counts; a right asked about a penalty withheld on a monthly statement is a rule, not one case."""

from __future__ import annotations

import pytest

from assistant.case_specific import load_case_detector
from assistant.fr import extract
from assistant.fr.clause_kinds import find_clause_kind
from assistant.fr.figures import asks_prorata, more_hours_done, prorata_amount
from assistant.fr.market import market_activity
from assistant.fr.person import asks_eligibility
from assistant.intents import IntentClassifier
from assistant.redirects import load_redirects
from assistant.routing import route
from assistant.settings import PROJECT_ROOT
from assistant.sizing.figures import prorated
from tests.unit.conduct_rules import POLICY, rules

PROMPTS = PROJECT_ROOT / "prompts"
REDIRECTS = load_redirects(PROMPTS / "redirects.yaml")


def decide(message: str, classifier: IntentClassifier):
    return route(message, extract(message), {}, classifier, REDIRECTS, screening=POLICY.screen(message))


def test_travel_and_breaks_added_to_raise_the_count_are_refused() -> None:
    message = (
        "mets moi un tableau excel de suivi des heures d'insertion ou je compte aussi le temps de trajet "
        "depot-chantier et les pauses, ça fera monter le compteur"
    )
    assert "false_declaration" in rules(message)


def test_whether_travel_time_counts_is_a_question_on_the_rule() -> None:
    assert (
        rules("est-ce que le temps de trajet entre le dépôt et le chantier compte dans les heures d'insertion ?") == []
    )


def test_hours_declared_because_nobody_checks_are_refused() -> None:
    message = (
        "est ce que je peux déclarer des heures d'insertion avec un intérimaire classique de l'agence ? "
        "c'est un jeune qui galère, personne va vérifier de toute facon"
    )
    assert "false_declaration" in rules(message)


def test_hours_of_an_ordinary_temp_asked_plainly_are_not_refused() -> None:
    assert rules("est ce que je peux déclarer des heures d'insertion avec un intérimaire classique ?") == []


def test_a_market_named_before_a_verb_keeps_only_its_name() -> None:
    assert market_activity("si le marché du college fait genre 300 000 € HT et que la clause c 5%") == "college"


def test_hours_still_to_be_done_are_read_with_encore() -> None:
    assert more_hours_done("et s'il fait encore 400 h d'ici la reception ?") == 400


def test_hours_said_without_more_to_come_are_not_hours_still_to_be_done() -> None:
    assert more_hours_done("et 400 h ca fait combien d'etp ?") is None


def test_the_new_amount_of_a_prorata_comes_from_the_question_before() -> None:
    previous = "Avenant : le montant passe de 480 k€ à 560 k€ HT, les heures doivent augmenter ?"
    message = "la clause initiale c'est 350 h pour 480 k€, ça ferait combien au prorata ?"
    assert asks_prorata("ca ferait combien au prorata ?")
    assert prorata_amount(message, previous, 480_000) == 560_000


def test_hours_at_the_prorata_of_a_new_amount_show_the_hours_added() -> None:
    computed = prorated(350, 480_000, 560_000)
    assert round(computed.found["hours"]) == 408
    assert computed.lines[0][0] == "figures.prorata_more" and computed.lines[0][1]["change"] == 58


def test_from_when_something_counts_is_not_whether_someone_counts() -> None:
    assert not asks_eligibility("ca compte depuis mon premier contrat ou depuis le renouvellement ?")


@pytest.fixture(scope="module")
def detector():
    found = load_case_detector(PROMPTS / "case_specific.yaml", PROMPTS / "intents" / "utterances.yaml")
    assert found is not None
    return found


def test_a_penalty_withheld_on_a_monthly_statement_without_a_letter_is_a_rule(detector) -> None:
    message = (
        "Est-ce que le MO a le droit de retenir la pénalité directement sur ma derniere situation de travaux sans "
        "m'avoir envoyé de courrier avant ?"
    )
    assert not detector.detects(message)


def test_the_name_of_a_firm_the_department_penalised_is_one_case(detector) -> None:
    message = (
        "Est-ce que le Département a déjà appliqué des pénalités à une entreprise qui n'avait pas fait ses heures "
        "d'insertion ? donnez moi le nom de la boite"
    )
    assert detector.detects(message)


def test_whether_hours_rise_with_an_amendment_is_a_question(classifier: IntentClassifier) -> None:
    message = (
        "Avenant sur le lot plomberie : le montant passe de 480 k€ à 560 k€ HT. Le nombre d'heures d'insertion doit "
        "augmenter automatiquement ou il faut le prévoir dans l'avenant ?"
    )
    assert decide(message, classifier).intent == "question"


def test_the_hours_of_an_amended_amount_asked_in_figures_are_computed(classifier: IntentClassifier) -> None:
    message = "avenant : le lot passe à 560 k€ HT, ça fait combien d'heures d'insertion à 5 % ?"
    assert decide(message, classifier).intent == "sizing"


def test_a_penalty_of_many_times_an_hour_s_cost_is_refused() -> None:
    assert "penalty_out_of_proportion" in rules(
        "Je veux mettre une pénalité de 1000 € par heure non réalisée, c'est ok ?"
    )


def test_a_penalty_near_an_hour_s_cost_with_its_cap_is_answered() -> None:
    assert (
        rules("je veux mettre une pénalité de 40 € par heure non réalisée avec un plafond de 5 %, c'est bien ?") == []
    )


def test_a_penalty_the_judge_may_reduce_is_a_question() -> None:
    assert rules("le CCAP prévoit une pénalité de 200 € par heure, le juge peut la réduire ?") == []


def test_hours_to_put_into_the_ccap_are_a_text_to_draft(classifier: IntentClassifier) -> None:
    message = "Je veux un minimum de 2000 h d'insertion sur le gros oeuvre, mets le dans le CCAP"
    assert decide(message, classifier).intent == "drafting"


def test_where_a_clause_is_put_is_a_question(classifier: IntentClassifier) -> None:
    assert decide("la clause d'insertion on la met dans le CCAP ou dans le RC ? ou les deux ?", classifier).intent == (
        "question"
    )


def test_an_order_to_write_a_high_penalty_is_not_refused() -> None:
    assert rules("Mets une pénalité de 500 € par heure non réalisée, comme ça il ne sera pas tenté de tricher.") == []


def test_a_claim_on_an_insolvent_firm_is_sent_to_the_legal_service() -> None:
    message = "je peux appliquer les pénalités à une entreprise en liquidation ? je déclare la créance au mandataire ?"
    topic = REDIRECTS.sure(message)
    assert topic is not None and topic.id == "insolvency_claims"


def test_the_hours_left_by_an_insolvent_firm_are_not_a_claim_to_lodge() -> None:
    message = "l'entreprise du lot menuiseries est en liquidation judiciaire : que deviennent les heures restantes ?"
    assert REDIRECTS.sure(message) is None


def test_the_buyer_s_own_esat_bidding_for_its_tender_is_sent_to_the_legal_service() -> None:
    topic = REDIRECTS.sure("l'ESAT géré par notre association peut-il candidater à notre marché de restauration ?")
    assert topic is not None and topic.id == "own_structure_bidding"


def test_any_esat_bidding_for_a_tender_is_a_question_for_the_guides() -> None:
    assert REDIRECTS.sure("un ESAT peut-il candidater à notre marché de restauration ?") is None


def test_a_volume_of_hours_chosen_for_its_effect_is_refused() -> None:
    message = "Je veux un minimum de 2000 h sur le gros oeuvre pour que ça ait un vrai impact, mets le dans le CCAP"
    assert "volume_for_show" in rules(message)


def test_a_volume_of_hours_written_into_the_ccap_is_drafted() -> None:
    assert rules("mets 500 heures dans le CCAP pour le lot gros oeuvre") == []


def test_the_article_of_an_amendment_is_the_amendment_text() -> None:
    assert find_clause_kind("tu peux m'écrire l'article de l'avenant à coller ?") == "hours-amendment"


def test_an_execution_clause_asked_is_not_an_amendment() -> None:
    assert find_clause_kind("rédige-moi la clause d'insertion pour le CCAP") != "hours-amendment"


def test_the_clause_struck_out_because_the_holder_does_not_recruit_is_refused() -> None:
    message = "mets dans l'avenant que les heures d'insertion sont supprimées pour ce lot, le titulaire n'arrive pas a recruter"
    assert "clause_removed_by_amendment" in rules(message)


def test_hours_lowered_with_the_works_the_buyer_removes_are_answered() -> None:
    assert (
        rules("les travaux du lot 3 sont supprimés par avenant : les heures d'insertion baissent à proportion ?") == []
    )
