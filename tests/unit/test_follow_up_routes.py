"""Follow-ups that keep or leave the route of the last turn, and the quantities that feed them: a question asked
after a draft or a sizing is answered (someone else who recomputes, a judgement asked, a framework agreement after
a text that has no framework version); what to put in one's own document is answered; the reasonable hours of an
amount given are computed; an attestation of hours is the hours statement; a rate of the whole amount, training
hours sold by a market, a person « à 35 h » and a list of rates to compare are read."""

from __future__ import annotations

import pytest

from assistant.backends.embedded.sizing import _rate_on_the_whole_amount
from assistant.fr import extract, fold, parse_rate_series, rate_of_the_amount
from assistant.fr.clause_kinds import find_clause_kind
from assistant.fr.quantities import parse_hours, parse_worked_hours
from assistant.fr.staffing import weekly_hours_in
from assistant.intents import IntentClassifier
from assistant.routing import RefusalPolicy, route
from assistant.settings import PROJECT_ROOT
from assistant.state import ConversationState

POLICY = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")
AFTER_SIZING = {
    "last_intent": "sizing",
    "sizing_params": {"amount": 320_000.0, "rate": 0.06, "hourly_cost": 35.0},
    "last_hours": 549,
}


@pytest.fixture(scope="module")
def classifier(tmp_path_factory: pytest.TempPathFactory) -> IntentClassifier:
    return IntentClassifier.load(PROJECT_ROOT / "prompts" / "intents", tmp_path_factory.mktemp("m"))


def decide(message: str, classifier: IntentClassifier, state: dict | None = None):
    known = ConversationState.coerce(state or {})
    return route(message, extract(message, []), known, classifier, screening=POLICY.screen(message))


# --- routes ---------------------------------------------------------------------------------------------------


def test_a_buyer_who_recomputes_is_asked_about_not_a_redo(classifier) -> None:
    message = (
        "et si le marché dure 1 an reconductible 3 fois, je compte sur 4 ans ou l'acheteur recalcule chaque année ?"
    )
    assert decide(message, classifier, AFTER_SIZING).intent == "question"


def test_a_recomputation_asked_of_the_assistant_after_a_sizing_is_a_sizing(classifier) -> None:
    message = "tu peux recalculer sur la durée totale avec les 3 reconductions, à 35 € de l'heure ?"
    assert decide(message, classifier, AFTER_SIZING).intent == "sizing"


def test_the_missing_hypotheses_told_as_a_statement_after_a_sizing_redo_it(classifier) -> None:
    message = "il dit que la main d'oeuvre c'est genre 40% du prix et il compte 40€ de l'heure"
    decision = decide(message, classifier, AFTER_SIZING)
    assert (decision.intent, decision.follow_up) == ("sizing", True)


def test_a_labour_share_asked_about_in_general_after_a_sizing_is_a_question(classifier) -> None:
    message = "pourquoi certaines sources donnent 30 % de main-d'œuvre pour le bâtiment et d'autres 50 % ?"
    assert decide(message, classifier, AFTER_SIZING).intent == "question"


def test_a_new_labour_share_whose_effect_is_asked_after_a_sizing_redoes_it(classifier) -> None:
    message = "le facilitateur m'a parlé d'un taux de main d'oeuvre de 40% et d'un cout horaire, ça change le calcul ?"
    decision = decide(message, classifier, AFTER_SIZING)
    assert (decision.intent, decision.follow_up) == ("sizing", True)


def test_a_framework_agreement_after_a_letter_is_a_question(classifier) -> None:
    state = {"last_intent": "drafting", "draft_kind": "facilitator-email"}
    decision = decide("et si c'est un accord-cadre sur 4 ans avec des bons de commande ?", classifier, state)
    assert decision.intent == "question"


def test_a_framework_agreement_after_a_memo_paragraph_redrafts_the_memo(classifier) -> None:
    state = {"last_intent": "drafting", "draft_kind": "tender-memo"}
    decision = decide("et si c'est un accord-cadre à bons de commande sans montant mini ?", classifier, state)
    assert decision.intent == "drafting" and decision.follow_up


def test_a_framework_agreement_after_a_notice_with_no_text_is_a_question(classifier) -> None:
    decision = decide(
        "et si c'est un accord-cadre avec des bons de commande ?", classifier, {"last_intent": "drafting"}
    )
    assert decision.intent == "question"


def test_an_edit_that_asks_whether_a_fact_helps_is_a_question(classifier) -> None:
    state = {"last_intent": "drafting", "draft_kind": "tender-memo"}
    decision = decide("et rajoute que j'ai été moi même au RSA, ça peut jouer en ma faveur non ?", classifier, state)
    assert decision.intent == "question"


def test_what_to_put_in_ones_memo_is_answered(classifier) -> None:
    message = (
        "la prochaine fois je veux répondre en direct sans passer par une EG. un MAPA couverture avec une clause "
        "d'insertion, je mets quoi dans mon mémoire technique sur la partie insertion ?"
    )
    assert decide(message, classifier).intent == "question"


def test_the_reasonable_hours_of_an_amount_given_are_computed(classifier) -> None:
    message = (
        "Nous relançons un MAPA d'entretien des berges sur 3 ans, environ 180 k€ HT au total, peu d'entreprises "
        "répondent. Quel volume d'heures est raisonnable pour ce type de prestation ?"
    )
    assert decide(message, classifier).intent == "sizing"


def test_an_attestation_of_hours_worked_is_a_draft(classifier) -> None:
    message = "fais moi une attestation comme quoi j'ai fait 35h d'insertion en septembre sur le chantier"
    assert decide(message, classifier).intent == "drafting"


# --- quantities and kinds ---------------------------------------------------------------------------------------


def test_an_attestation_of_hours_is_drafted_as_the_hours_statement() -> None:
    assert find_clause_kind("une attestation comme quoi on a fait 35 h d'insertion en septembre") == "hours-report"


def test_penalties_last_in_a_list_of_contents_describe_the_clause() -> None:
    message = (
        "un texte pour le CCAP, clause d'insertion sur le lot gros oeuvre avec les publics éligibles et les pénalités"
    )
    assert find_clause_kind(message) == "execution"


def test_a_rate_of_the_amount_applies_to_the_whole_amount() -> None:
    assert rate_of_the_amount("clause d'insertion à 6 % du montant converti en heures")


@pytest.mark.parametrize(
    "message",
    [
        "clause à 10 % du montant de la main d'oeuvre",
        "la main d'oeuvre fait 45 % du montant",
        "une hausse de 3 % du montant initial",
    ],
)
def test_a_rate_of_the_labour_or_a_change_is_not_a_rate_of_the_whole_amount(message: str) -> None:
    assert not rate_of_the_amount(message)


def test_a_rate_of_the_whole_amount_is_sized_on_a_full_labour_share() -> None:
    message = "marché de 320 k€ HT, clause à 6 % du montant converti en heures, taux horaire 35 €"
    params: dict = {"amount": 320_000.0, "rate": 0.06}
    _rate_on_the_whole_amount(params, extract(message, []), message)
    assert params["labour_share"] == 1.0 and params["rate_of_amount"]


def test_the_training_hours_a_market_sells_are_its_hours_worked() -> None:
    message = "Le marché fait 1200 heures de formation sur 3 ans et la clause est à 7% des heures"
    assert parse_worked_hours(message) == 1200 and parse_hours(message) is None


def test_a_persons_training_hours_are_not_the_markets_hours_worked() -> None:
    assert parse_worked_hours("il a fait 35 h de formation, ça compte ?") is None


def test_a_person_at_35_hours_works_a_35_hour_week() -> None:
    message = "ok et ça fait combien de semaines pour un gars à 35h ?"
    assert weekly_hours_in(fold(message)) == 35 and parse_hours(message) is None


def test_rates_listed_for_a_table_are_read_in_order() -> None:
    assert parse_rate_series("tu peux me faire un petit tableau 5 / 7 / 10% ?") == (0.05, 0.07, 0.10)


@pytest.mark.parametrize("message", ["entre 5 et 10 % des heures", "répartis 60/40 %", "un marché de 1,5 M€ à 5 %"])
def test_a_range_a_split_or_one_rate_is_no_series(message: str) -> None:
    assert parse_rate_series(message) == ()


def test_a_table_of_rates_without_lots_is_titled_by_rate_and_names_the_cost_given() -> None:
    from assistant.drafting import default_library

    template = default_library().environment.get_template("lots_table.md.j2")
    total = {"label": "Total de l'opération", "amount": "450 000 €", "share": "50 %", "hours": ["321 h", "450 h"]}
    text = template.render(
        rows=[],
        total=total,
        rates=["5 %", "7 %"],
        hourly_cost="35 €",
        cost_given=True,
        total_share_basis=None,
        small=None,
    )
    assert "selon le taux" in text and "que vous avez indiqué" in text and "par lot" not in text
