"""Routes read from how people outside the team asked (batch-23 once its held-out runs were done): a firm going
through an ETTI is not giving its staff a status, a job seeker's unemployment benefit and RSA go to their services,
a CV is written, who won a call is a tender's result, two firms in a consortium are not two people sharing hours, a
developer's own committee is not the ANRU's."""

from __future__ import annotations

import pytest

from assistant.fr import extract, fold
from assistant.intents import IntentClassifier
from assistant.redirects import load_redirects
from assistant.routing import hours_split, route
from assistant.settings import PROJECT_ROOT
from tests.unit.conduct_rules import POLICY, rules

REDIRECTS = load_redirects(PROJECT_ROOT / "prompts" / "redirects.yaml")


def decide(message: str, classifier: IntentClassifier):
    return route(message, extract(message), {}, classifier, REDIRECTS, screening=POLICY.screen(message))


def test_a_firm_going_through_an_etti_for_its_temps_is_not_refused() -> None:
    message = "si mon plaquiste passe par une ETTI pour ses interimaires en insertion, les heures comptent ?"
    assert rules(message) == []


def test_a_firm_passing_its_own_temps_as_insertion_is_still_refused() -> None:
    assert "self_declared_eligibility" in rules("on passe nos interimaires en insertion pour la clause")


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        (
            "jai fait 3 mois avec la clause mais l'entreprise finit le contrat. j'ai droit au chomage ?",
            "unemployment_benefits",
        ),
        ("si je commence travail, le RSA s'arrête tout de suite ?", "rsa"),
        ("si je refuse le poste on me coupe le rsa ?", "rsa"),
    ],
)
def test_a_job_seekers_own_benefit_goes_to_its_service(message: str, topic: str) -> None:
    found = REDIRECTS.sure(message)
    assert found is not None and found.id == topic


def test_whether_an_rsa_recipient_may_be_hired_is_left_to_the_guides() -> None:
    assert REDIRECTS.sure("un allocataire du rsa peut-il être embauché sur une clause d'insertion ?") is None


def test_help_to_write_a_cv_is_drafted(classifier: IntentClassifier) -> None:
    message = "tu peux m'aider à faire un CV pour le ménage ? j'ai fait nettoyage hotel 8 mois à Lyon"
    assert decide(message, classifier).intent == "drafting"


def test_a_work_certificate_for_someones_cv_is_not_a_cv_asked_for(classifier: IntentClassifier) -> None:
    message = "ecris moi une petite attestation pour Samir qui dit qu il a bossé 6 mois chez nous, pour son CV"
    assert decide(message, classifier).rule != "drafting_request"


def test_who_was_chosen_on_a_call_is_a_tenders_result() -> None:
    found = REDIRECTS.sure("pour le lot B3, vous savez qui a été retenu et avec quel engagement insertion ?")
    assert found is not None and found.id == "award"


def test_two_firms_in_a_consortium_are_not_two_people_sharing_the_hours() -> None:
    assert hours_split(fold("et si on est 2 en groupement, ca se partage comment les heures ?")) is None


def test_two_people_still_share_the_hours() -> None:
    found = hours_split(fold("et si on est 2 à les faire ?"))
    assert found is not None and found.people == 2


def test_a_developers_own_committee_is_not_the_anrus() -> None:
    assert REDIRECTS.sure("tu peux me resumer ça en 3 lignes pour mon comité d'engagement ?") is None


def test_a_longer_what_if_spreading_the_market_over_years_asks_the_hours_per_year(classifier: IntentClassifier) -> None:
    state = {"last_intent": "sizing", "sizing_params": {"amount": 210_000.0, "rate": 0.07}, "last_hours": 155}
    message = "et si le chantier dure 2 ans ça fait combien par an ? il a qu'un seul poste de compagnon dispo"
    found = route(message, extract(message), state, classifier, REDIRECTS, screening=POLICY.screen(message))
    assert (found.intent, found.follow_up) == ("sizing", True)


# --- « non » whatever the phrasing ------------------------------------------------------------------------


def test_a_share_of_the_staff_required_to_live_in_the_commune_is_refused() -> None:
    message = (
        "est-ce que je peux demander dans le DCE que 30% du personnel affecté au marché de nettoyage habite la "
        "commune ?"
    )
    found = POLICY.screen(message).refusal
    assert found is not None and found.guardrail is not None and found.guardrail.kind == "residence"


def test_a_person_asked_to_claim_a_status_she_lacks_is_refused() -> None:
    message = (
        "L'entreprise dit je dois dire que je suis au chômage depuis 2 ans sinon je rentre pas dans la clause. "
        "Mais je suis arrivée en France il y a 2 ans seulement. Je peux dire ça quand même ?"
    )
    assert "eligibility_status_altered" in rules(message)


def test_criteria_fitted_so_that_the_current_caterer_wins_again_are_refused() -> None:
    message = (
        "Comment je peux faire pour que ce soit lui qui regagne le marché ? genre mettre des critères qui lui vont"
    )
    assert "winner_chosen_in_advance" in rules(message)


def test_a_small_local_firms_headcount_is_not_people_sharing_the_hours() -> None:
    assert hours_split(fold("c'est pas trop pour une petite entreprise locale de 4 salariés ?")) is None


def test_hours_shared_between_four_employees_are_still_split() -> None:
    found = hours_split(fold("et si on les répartit entre 4 salariés ?"))
    assert found is not None and found.people == 4
