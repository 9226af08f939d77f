"""Sizing routes read from the conversation: a longer « et si » that changes a parameter, the hours over the
whole duration asked after a question, the hours to require on an amount, the form of the clause asked about."""

from __future__ import annotations

from assistant.fr import extract
from assistant.intents import IntentClassifier
from assistant.routing import RefusalPolicy, route
from assistant.settings import PROJECT_ROOT
from assistant.state import ConversationState

POLICY = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")
SIZED = {"amount": 2_000_000, "rate": 0.05}


def decide(message: str, classifier: IntentClassifier, last_intent: str | None = None, sized: bool = False):
    state = ConversationState(
        last_intent=last_intent, sizing_params=SIZED if sized else {}, last_hours=1667 if sized else None
    )
    return route(message, extract(message, []), state, classifier, screening=POLICY.screen(message))


def test_a_long_what_if_changing_the_rate_after_a_sizing_is_computed(classifier) -> None:
    message = "et si on passe à 8 % pour le lot charpente seulement, en gardant 5 % pour tous les autres lots ?"
    decision = decide(message, classifier, last_intent="sizing", sized=True)
    assert decision.intent == "sizing" and decision.follow_up


def test_a_what_if_asking_how_stays_a_question(classifier) -> None:
    message = "et si on passe à 8 % pour le lot charpente seulement, comment on justifie un taux différent par lot ?"
    assert decide(message, classifier, last_intent="sizing", sized=True).intent == "question"


def test_a_rate_instead_of_a_fixed_number_of_hours_asks_about_the_clause_form(classifier) -> None:
    message = "et si on demande 5 % des heures travaillées au lieu d'un nombre d'heures fixe ?"
    assert decide(message, classifier, last_intent="sizing", sized=True).intent == "question"


def test_the_whole_duration_after_a_question_recomputes_the_last_sizing(classifier) -> None:
    decision = decide(
        "et sur toute la durée avec les reconductions, on arrive à combien ?", classifier, "question", True
    )
    assert decision.intent == "sizing" and decision.follow_up


def test_the_whole_duration_without_a_sizing_stays_a_question(classifier) -> None:
    assert decide(
        "et sur toute la durée avec les reconductions, on arrive à combien ?", classifier, "question"
    ).intent != ("sizing")


def test_the_hours_to_require_on_an_amount_are_computed(classifier) -> None:
    message = (
        "On relance l'entretien des espaces extérieurs de nos 3 résidences, 140 k€ HT par an, marché de 2 ans ferme. "
        "Combien d'heures d'insertion je peux raisonnablement exiger ?"
    )
    assert decide(message, classifier).intent == "sizing"


def test_the_most_hours_one_may_require_stays_a_question(classifier) -> None:
    message = "sur un marché de 140 k€, combien d'heures peut-on exiger au maximum, il y a un plafond légal ?"
    assert decide(message, classifier).intent != "sizing"


def test_a_what_if_naming_a_new_market_asks_how_the_rule_applies(classifier) -> None:
    message = "et si c'est un accord-cadre à bons de commande sans minimum avec un maximum à 1,8 M€, je cale les heures sur quoi ?"
    assert decide(message, classifier, last_intent="sizing", sized=True).intent != "sizing"


def test_a_frameworks_bounds_after_a_question_stay_a_question(classifier) -> None:
    message = "et si l'accord-cadre a un minimum de 20 k€ et un maximum de 250 k€ ?"
    assert decide(message, classifier, last_intent="question").intent == "question"


def test_a_frameworks_bounds_with_a_computation_asked_are_computed(classifier) -> None:
    message = "accord-cadre de nettoyage, minimum 20 k€ et maximum 250 k€ : ça fait combien d'heures ?"
    assert decide(message, classifier, last_intent="question").intent == "sizing"
