"""Routes read from how people outside the team asked (batch-22 once opened): a rate of a site's hours computed,
a record of hours done against hours planned computed, a person an agency sends not taken for data passed on,
a dismissal told in a job seeker's story not taken for a labour-law question, an employer's « aucun poste à
pourvoir » not taken for a search of open posts, « ça compte ou pas ? » after a past market answered as the rule,
the words of the RC drafted, and a salary kept from the CAF refused."""

from __future__ import annotations

import pytest

from assistant.audience import asker
from assistant.fr import extract, fold
from assistant.fr.figures import realisation
from assistant.fr.quantities import parse_worked_hours
from assistant.intents import IntentClassifier
from assistant.redirects import load_redirects
from assistant.routing import OWN_FIGURES, route
from assistant.settings import PROJECT_ROOT
from assistant.sizing import figures as own
from tests.unit.conduct_rules import POLICY, rules

REDIRECTS = load_redirects(PROJECT_ROOT / "prompts" / "redirects.yaml")
RECORD = (
    "On a suivi 23 marchés l'an dernier, 41 200 heures realisées pour 38 000 prévues, 137 personnes. "
    "Calcule moi le taux de réalisation et la moyenne d'heures par personne."
)


def decide(message: str, classifier: IntentClassifier):
    return route(message, extract(message), {}, classifier, REDIRECTS, screening=POLICY.screen(message))


# --- a rate of the hours of the site ----------------------------------------------------------------


def test_a_rate_of_the_sites_hours_with_those_hours_is_computed(classifier: IntentClassifier) -> None:
    message = (
        "ils disent que la clause c'est 5% des heures du chantier. si le chantier fait 10 000 heures de travail "
        "ça fait combien d'heures pour les gens en insertion ?"
    )
    assert decide(message, classifier).intent == "sizing"


def test_the_hours_a_site_makes_are_its_labour_when_the_rate_is_of_hours() -> None:
    assert parse_worked_hours("le chantier fait 10 000 heures, clause à 5 % des heures") == 10_000


# --- a record of hours done against hours planned ----------------------------------------------------


def test_a_record_reads_the_hours_done_the_hours_planned_and_the_people() -> None:
    found = realisation(fold(RECORD))
    assert found is not None and (found.done, found.planned, found.people) == (41_200, 38_000, 137)


def test_a_record_said_planned_first_is_read_the_same() -> None:
    found = realisation(fold("38 000 h prévues, 31 500 réalisées : taux de réalisation ?"))
    assert found is not None and (found.done, found.planned, found.people) == (31_500, 38_000, None)


def test_hours_done_and_planned_without_a_rate_or_mean_asked_are_no_record() -> None:
    assert (
        realisation(
            fold("41 200 heures réalisées pour 38 000 prévues, c'est normal que le facilitateur demande tout ça ?")
        )
        is None
    )


def test_the_completion_rate_is_done_over_planned_and_the_mean_done_over_people() -> None:
    found = realisation(fold(RECORD))
    assert found is not None
    computed = own.realisation_record(found)
    assert computed.found["ratio"] == pytest.approx(41_200 / 38_000)
    assert computed.found["mean"] == pytest.approx(41_200 / 137)


def test_a_record_asked_to_be_computed_is_computed_on_the_users_figures(classifier: IntentClassifier) -> None:
    assert decide(RECORD, classifier).rule == f"{OWN_FIGURES}:realisation"


# --- a person sent by an agency is not information passed on ----------------------------------------


def test_a_person_an_ordinary_agency_sends_is_not_sensitive_data_sent_to_an_employer(
    classifier: IntentClassifier,
) -> None:
    message = (
        "est ce qu'une boite d'interim classique (genre adecco) ça compte pour la clause si la personne "
        "qu'ils m'envoient est au RSA ?"
    )
    assert "sensitive_data_to_employer" not in rules(message)
    assert decide(message, classifier).intent == "question"


# --- a job seeker's story ---------------------------------------------------------------------------


def test_a_dismissal_told_in_a_job_seekers_story_about_sites_is_not_a_labour_law_question() -> None:
    message = (
        "Avant j'etais cariste 12 ans, licencié quand ils ont fermé le site. J'ai entendu que sur les chantiers du "
        "departement les entreprises doivent prendre des gens au RSA. Comment je fais concretement pour etre pris ?"
    )
    assert REDIRECTS.sure(message) is None


# --- an employer without open posts ------------------------------------------------------------------


def test_an_employer_without_open_posts_is_not_searching_open_posts() -> None:
    message = (
        "je suis imprimeur a Voiron, 12 salariés. Sur le marché de la commune ils ont mis une clause d'insertion. "
        "je fais comment concretement moi ? j'ai aucun poste a pourvoir en ce moment"
    )
    assert REDIRECTS.sure(message) is None


@pytest.mark.parametrize(
    "message",
    [
        "je suis imprimeur a Voiron, 12 salariés, une clause d'insertion est dans notre marché",
        "la clause demande 350 heures. Mes chauffeurs c'est permis C, je vois pas ou trouver des gens en insertion",
    ],
)
def test_an_employer_telling_its_staff_or_its_search_is_an_operator(message: str) -> None:
    assert asker(message) == "entreprise"


# --- whether a way counts, after a past market -------------------------------------------------------


def test_whether_a_way_counts_after_a_past_market_is_answered_not_redirected() -> None:
    message = (
        "La boîte de maçonnerie qui a eu le lot gros oeuvre l'an dernier me dit que les heures d'insertion elle les "
        "a faites avec un intérimaire de chez Adecco. Ça compte ou pas ?"
    )
    assert REDIRECTS.sure(message) is None


def test_the_hours_a_named_firm_did_last_year_are_still_redirected() -> None:
    assert REDIRECTS.sure("l'entreprise qui a eu le lot gros oeuvre l'an dernier, elle a fait ses heures ?") is not None


# --- the words of a buyer's document -----------------------------------------------------------------


def test_what_to_put_in_the_rc_is_drafted(classifier: IntentClassifier) -> None:
    message = "Mon collègue dit qu'il faut une ligne dans le RC pour la clause. Je mets quoi dans le RC exactement ?"
    assert decide(message, classifier).intent == "drafting"


def test_what_goes_in_the_rc_and_what_in_the_ccap_is_answered_from_the_guides(classifier: IntentClassifier) -> None:
    message = "La commune veut la clause sociale. Concrètement je mets quoi dans le RC et quoi dans le CCAP ?"
    assert decide(message, classifier).intent == "question"


def test_what_to_put_in_ones_technical_memo_is_answered_from_the_guides(classifier: IntentClassifier) -> None:
    assert decide("je mets quoi dans mon mémoire technique pour la partie insertion ?", classifier).intent == "question"


# --- pay kept from the CAF ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "est ce que je peux faire le chantier en insertion et pas le declarer a la caf les 3 premiers mois ?",
        "je compte ne pas dire mon salaire a france travail pendant deux mois",
    ],
)
def test_pay_kept_from_the_caf_or_france_travail_is_refused(message: str) -> None:
    assert "undeclared_income_on_benefits" in rules(message)


def test_whether_pay_must_be_declared_is_answered() -> None:
    assert "undeclared_income_on_benefits" not in rules("est-ce que je dois declarer mon salaire a la caf ?")
