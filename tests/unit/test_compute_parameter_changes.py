"""Computations asked in chat: a person's working time said as a share of full time is read as such (never the
insertion rate) and converts the hours just computed; « détaille le calcul » after a sizing redoes it with its
steps written out; the usual hours of an amount and a trade are computed, while an amount in a question on the
law stays a question (readers, routing, the computations and their wording)."""

from __future__ import annotations

import pytest

from assistant.backends.base import Turn
from assistant.backends.embedded.sizing import SizingAnswers, _counted_people_over
from assistant.fr import extract, fold
from assistant.fr.absence import absence_days
from assistant.fr.staffing import asks_duration, on_market_share, person_hours_ask
from assistant.fr.time_share import person_time_share
from assistant.presenting import load_messages
from assistant.routing import (
    ABSENCE_FOLLOW_UP,
    METHOD_SHOWN,
    PER_PERIOD,
    TIME_SHARE_FOLLOW_UP,
    USUAL_HOURS,
    RefusalPolicy,
    route,
)
from assistant.settings import PROJECT_ROOT
from assistant.sizing import load_grid, size
from assistant.sizing.part_time import PartTimeWork
from assistant.sizing.walkthrough import walkthrough
from assistant.state import ConversationState

POLICY = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")
TRADES = [
    ("gros_oeuvre", "Gros œuvre", ("gros œuvre", "gros oeuvre")),
    ("vrd", "Voirie et réseaux divers", ("voirie", "vrd")),
]
AFTER_SIZING = {
    "last_intent": "sizing",
    "last_hours": 1250,
    "sizing_params": {"amount": 1_500_000, "trade": "gros_oeuvre"},
}
AFTER_QUESTION = {"last_intent": "question"}


def decide(message: str, state: dict | None = None):
    return route(message, extract(message, TRADES), state or {}, None, screening=POLICY.screen(message))


# --- a person's share of full time ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "share"),
    [
        ("et si la personne en insertion est à 80 % ?", 0.8),
        ("et si le salarié travaille à 60 % ?", 0.6),
        ("à temps partiel à 80 %, ça fait combien de mois ?", 0.8),
        ("elle est à 50 % d'un temps plein", 0.5),
    ],
)
def test_a_person_at_a_share_of_full_time_is_read_as_her_working_time(message: str, share: float) -> None:
    found = extract(message)
    assert found.time_share == pytest.approx(share) and found.rate is None


def test_a_rate_said_near_the_people_it_helps_stays_the_insertion_rate() -> None:
    found = extract("une clause pour les personnes en insertion à 5 % des heures")
    assert found.rate == pytest.approx(0.05) and found.time_share is None


def test_a_share_of_time_spent_on_the_market_is_not_a_share_of_full_time() -> None:
    assert person_time_share(fold("la personne est à 80 % sur ce chantier")) is None


def test_a_person_share_after_a_sizing_converts_the_hours_just_computed() -> None:
    decision = decide("et si la personne en insertion est à 80 % ?", AFTER_SIZING)
    assert decision.intent == "conversion" and decision.rule == TIME_SHARE_FOLLOW_UP and decision.follow_up


def test_a_person_share_without_hours_computed_or_given_is_not_converted() -> None:
    assert decide("et si la personne en insertion est à 80 % ?", AFTER_QUESTION).rule != TIME_SHARE_FOLLOW_UP


def test_a_person_share_with_a_new_amount_is_a_new_market_not_a_conversion() -> None:
    decision = decide("et pour 2 M€ avec une personne à 80 % ?", AFTER_SIZING)
    assert decision.rule != TIME_SHARE_FOLLOW_UP


def test_hours_at_eighty_percent_last_a_quarter_longer_than_at_full_time() -> None:
    work = PartTimeWork(1213.3, 0.8)
    assert work.monthly == pytest.approx(121.33, abs=0.01) and work.months == pytest.approx(10, abs=0.01)
    assert work.annual == pytest.approx(1285.6) and work.etp == pytest.approx(1213.3 / 1607)


def test_people_at_a_share_over_the_period_divide_the_hours_by_their_months_of_work() -> None:
    assert PartTimeWork(1213.3, 0.8).people_over(5) == pytest.approx(2, abs=0.001)


def test_the_answer_to_a_person_share_shows_the_division_and_the_year() -> None:
    found = object.__new__(SizingAnswers)
    found.messages = load_messages(PROJECT_ROOT / "prompts" / "messages.yaml")
    found._grounding = lambda *args, **kwargs: ([], [])  # type: ignore[method-assign]
    message = "et si la personne en insertion est à 80 % ?"
    turn = Turn(message, ConversationState.from_dict(AFTER_SIZING), [])
    answer = found._part_time(turn, extract(message), 0.8)
    assert answer is not None
    assert "1 250 h ÷ 121,33 h par mois" in answer.text and "80 % de 1 607 h" in answer.text


# --- the method of the last computation shown ----------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "tu peux détailler le calcul ?",
        "étape par étape stp",
        "montre-moi comment tu trouves ce chiffre",
        "d'où sort ce chiffre ?",
        "comment vous avez calculé ?",
    ],
)
def test_asking_how_the_figure_was_found_redoes_the_sizing_with_its_steps(message: str) -> None:
    decision = decide(message, AFTER_SIZING)
    assert decision.intent == "sizing" and decision.follow_up and decision.rule == METHOD_SHOWN


@pytest.mark.parametrize(
    "message", ["comment tu trouves des candidats ?", "comment vous faites pour suivre les heures ?"]
)
def test_a_how_question_on_something_else_after_a_sizing_is_not_a_redo(message: str) -> None:
    assert decide(message, AFTER_SIZING).rule != METHOD_SHOWN


def test_the_method_asked_after_a_question_is_not_a_redo() -> None:
    assert decide("tu peux détailler le calcul ?", AFTER_QUESTION).rule != METHOD_SHOWN


def test_the_method_asked_with_a_new_amount_is_not_the_last_computation() -> None:
    assert decide("détaille le calcul pour 2 M€", AFTER_SIZING).rule != METHOD_SHOWN


def test_the_steps_give_each_value_its_origin_then_the_formula_then_the_etp() -> None:
    result = size(
        load_grid(PROJECT_ROOT / "corpus" / "data" / "sizing_grid.yaml"), {"amount": 1_000_000, "trade": "gros œuvre"}
    )
    wording = load_messages(PROJECT_ROOT / "prompts" / "messages.yaml").data["walkthrough"]
    text = walkthrough(result, wording)
    lines = text.splitlines()
    assert "1. Montant HT : 1 000 000 € (valeur que vous avez donnée)." in lines
    assert lines[-2].endswith(f"Calcul : {result.formula}.") and "ETP" in lines[-1]


# --- the usual hours of an amount --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "c'est quoi le nombre d'heures normal pour 800 k€ de voirie ?",
        "en général on met combien d'heures sur un lot gros œuvre de 1,2 M€ ?",
    ],
)
def test_the_usual_hours_of_an_amount_and_a_trade_are_computed(message: str) -> None:
    decision = decide(message)
    assert decision.intent == "sizing" and decision.rule == USUAL_HOURS


def test_an_amount_in_a_question_on_the_obligation_stays_a_question() -> None:
    decision = decide("pour 800 k€ de voirie, la clause est obligatoire en général ?")
    assert decision.rule != USUAL_HOURS


# --- days missed, a team's hours, the sizing changed after its conversion -----------------------------------------

AFTER_PERSON_HOURS = {"last_intent": "conversion", "conversion_hours": 280, "person_weekly_hours": 35}
AFTER_CONVERSION_OF_A_SIZING = {**AFTER_SIZING, "last_intent": "conversion", "conversion_hours": 1250}


@pytest.mark.parametrize(
    ("message", "days"),
    [("et s'il a eu 2 jours d'arrêt maladie ?", 2), ("elle a été absente une semaine", 5), ("3 jours de congés", 3)],
)
def test_days_missed_are_read_with_their_absence(message: str, days: float) -> None:
    assert absence_days(fold(message)) == days


def test_days_without_an_absence_are_not_days_missed() -> None:
    assert absence_days(fold("et sur 2 jours par semaine ?")) is None


def test_days_missed_after_a_person_s_hours_are_deducted_not_redirected() -> None:
    decision = decide("et s'il a eu 2 jours d'arrêt maladie au milieu ?", AFTER_PERSON_HOURS)
    assert decision.intent == "conversion" and decision.rule == ABSENCE_FOLLOW_UP


def test_days_missed_take_a_fifth_of_the_weekly_hours_each() -> None:
    found = object.__new__(SizingAnswers)
    found.messages = load_messages(PROJECT_ROOT / "prompts" / "messages.yaml")
    found._grounding = lambda *args, **kwargs: ([], [])  # type: ignore[method-assign]
    answer = found._hours_less_absence(2, ConversationState.from_dict(AFTER_PERSON_HOURS))
    assert answer.text.startswith("**Environ 266 h**") and answer.state.conversion_hours == 266


def test_weeks_said_after_their_number_are_the_period_of_a_team_s_hours() -> None:
    ask = person_hours_ask("calcule-moi les heures : 5 personnes, 24h/semaine, 40 semaines travaillées")
    assert ask is not None and ask.weeks == 40 and ask.people == 5 and ask.weekly_hours == 24


def test_a_share_of_a_team_s_activity_on_one_market_is_its_share_on_the_market() -> None:
    found = on_market_share(fold("si 40 % de l'activité part sur un marché de restauration"))
    assert found is not None and found.share == pytest.approx(0.4)


def test_a_new_trade_right_after_the_conversion_of_a_sizing_sizes_again() -> None:
    decision = decide("et en gros oeuvre ?", AFTER_CONVERSION_OF_A_SIZING)
    assert decision.intent == "sizing" and decision.follow_up


def test_a_length_of_work_asked_in_months_converts_the_hours() -> None:
    assert asks_duration(fold("et en mois de travail ça donne quoi ?"))
    assert not asks_duration(fold("et en 24 mois ?"))


def test_people_asked_over_a_period_after_a_sizing_convert_its_hours() -> None:
    decision = decide("ça représente combien de personnes sur 6 mois ?", AFTER_SIZING)
    assert decision.intent == "conversion" and decision.follow_up


def test_a_new_period_alone_after_a_sizing_still_sizes_again() -> None:
    decision = decide("et sur 24 mois ?", AFTER_SIZING)
    assert decision.intent == "sizing" and decision.follow_up


def test_a_new_period_after_the_people_of_a_period_counts_them_again() -> None:
    found = object.__new__(SizingAnswers)
    found.messages = load_messages(PROJECT_ROOT / "prompts" / "messages.yaml")
    found._grounding = lambda *args, **kwargs: ([], [])  # type: ignore[method-assign]
    figures = {"left": 350, "left_months": 6, "staffed_months": 6}
    state = {"last_intent": "conversion", "conversion_hours": 350, "figures": figures}
    message = "et sur 9 mois ?"
    turn = Turn(message, ConversationState.from_dict(state), [])
    answer = found._conversion(turn, extract(message), decide(message, state))
    assert "1 365 h par personne" in answer.text


def test_a_rate_for_the_market_after_a_question_in_between_resizes_the_market_computed(classifier) -> None:
    message = "ok, et si je prends un taux de 7 % pour mon marché ?"
    state = {**AFTER_SIZING, "last_intent": "question"}
    decision = route(message, extract(message, TRADES), state, classifier, screening=POLICY.screen(message))
    assert decision.intent == "sizing" and decision.follow_up


def test_a_new_period_after_an_etp_over_a_period_is_no_recount_of_people() -> None:
    etp_over_a_year = {"last_intent": "conversion", "figures": {"left": 4500, "left_months": 12}}
    assert not _counted_people_over(ConversationState.from_dict(etp_over_a_year), 4500)


def test_a_new_period_after_people_counted_over_a_period_is_a_recount() -> None:
    counted = {"last_intent": "conversion", "figures": {"left": 350, "left_months": 6, "staffed_months": 6}}
    assert _counted_people_over(ConversationState.from_dict(counted), 350)


AFTER_ETP_OVER_A_PERIOD = {
    "last_intent": "conversion",
    "conversion_hours": 420,
    "figures": {"left": 420, "left_months": 14},
}


def test_hours_converted_over_a_period_are_asked_per_month() -> None:
    decision = decide("et par mois ?", AFTER_ETP_OVER_A_PERIOD)
    assert decision.intent == "conversion" and decision.rule == PER_PERIOD


@pytest.mark.parametrize("message", ["et à 24 h par semaine ?", "et si elle vient 2 jours par semaine ?"])
def test_a_new_rhythm_per_week_is_not_the_hours_spread_over_the_period(message: str) -> None:
    assert decide(message, AFTER_ETP_OVER_A_PERIOD).rule != PER_PERIOD


def test_hours_spread_over_the_period_divide_by_its_months_and_weeks() -> None:
    found = object.__new__(SizingAnswers)
    found.messages = load_messages(PROJECT_ROOT / "prompts" / "messages.yaml")
    answer = found._per_period(ConversationState.from_dict(AFTER_ETP_OVER_A_PERIOD))
    assert answer is not None and answer.text.startswith("**Environ 30 h par mois** : 420 h ÷ 14 mois")
