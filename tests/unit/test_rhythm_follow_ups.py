"""A follow-up that changes one input of the weeks-of-work computation just made (the days a week, the weekly hours,
the people left, a day a week off the market) is read as that change and routed to the same computation again;
a follow-up that varies the condition of a question is answered as that question (readers and routing)."""

from __future__ import annotations

import pytest

from assistant.fr import extract, fold
from assistant.fr.rhythm import asks_more_people, day_removed, days_a_week_hours, people_left, rhythm_change
from assistant.routing import RHYTHM_FOLLOW_UP, RefusalPolicy, route
from assistant.settings import PROJECT_ROOT

POLICY = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")
TRADES = [("gros_oeuvre", "Gros œuvre", ("gros œuvre", "gros oeuvre")), ("peinture", "Peinture", ("peinture",))]
AFTER_PEOPLE = {"last_intent": "conversion", "conversion_hours": 350, "figures": {"left": 350, "left_months": 4}}
AFTER_SPLIT = {"last_intent": "conversion", "conversion_hours": 1200, "split_people": 2, "split_weekly_hours": 35}


def decide(message: str, state: dict | None = None, classifier=None):
    return route(message, extract(message, TRADES), state or {}, classifier, screening=POLICY.screen(message))


# --- readers -------------------------------------------------------------------------------------------------


def test_days_a_week_are_seven_hours_each() -> None:
    assert days_a_week_hours(fold("elle ne vient que 2 jours par semaine")) == 14


def test_days_a_week_at_a_training_place_are_not_working_days() -> None:
    assert days_a_week_hours(fold("il est 1 jour par semaine au CFA")) is None


def test_more_days_than_a_working_week_are_not_read() -> None:
    assert days_a_week_hours(fold("6 jours par semaine")) is None


def test_a_training_day_taken_off_leaves_four_days_out_of_five() -> None:
    found = day_removed(fold("refais le calcul en enlevant la journée de formation"))
    assert found is not None and found.share == pytest.approx(0.8) and "formation" in found.said


def test_a_day_named_without_a_removal_is_not_taken_off() -> None:
    assert day_removed(fold("la journée de formation compte-t-elle ?")) is None


@pytest.mark.parametrize(
    ("message", "people"),
    [
        ("et s'il en reste qu'un à 35 h ?", 1),
        ("et si il en reste qu un a 35h/semaine", 1),
        ("il n'en reste plus que deux", 2),
        ("avec une seule personne", 1),
        ("et si on met 3 gars dessus ?", 3),
    ],
)
def test_the_people_left_or_named_are_read(message: str, people: int) -> None:
    assert people_left(fold(message)) == people


def test_a_change_of_rhythm_keeps_what_it_does_not_say_unset() -> None:
    change = rhythm_change(fold("et si la personne vient que 2 jours par semaine ?"))
    assert change is not None and change.weekly_hours == 14 and change.days and change.people is None


def test_a_message_changing_no_rhythm_has_no_change() -> None:
    assert rhythm_change(fold("et pour le lot 2 ?")) is None


def test_people_asked_in_addition_are_told_apart_from_people_asked() -> None:
    assert asks_more_people(fold("donc faut combien de gars en plus ?"))
    assert not asks_more_people(fold("donc faut combien de gars ?"))


# --- routing -------------------------------------------------------------------------------------------------


def test_fewer_days_a_week_after_a_count_of_people_recomputes_the_weeks() -> None:
    decision = decide("et si la personne vient que 2 jours par semaine ?", AFTER_PEOPLE)
    assert (decision.intent, decision.rule) == ("conversion", RHYTHM_FOLLOW_UP)


def test_half_time_said_with_a_to_after_a_count_of_people_recomputes_the_weeks() -> None:
    decision = decide("et à mi-temps ?", AFTER_PEOPLE)
    assert (decision.intent, decision.rule) == ("conversion", RHYTHM_FOLLOW_UP)


def test_one_person_left_after_a_progress_check_recomputes_the_weeks() -> None:
    state = {"last_intent": "conversion", "conversion_hours": 820, "figures": {"left": 820, "left_months": 10}}
    decision = decide("et si Kevin revient pas et qu il en reste qu un a 35h/semaine ?", state)
    assert (decision.intent, decision.rule) == ("conversion", RHYTHM_FOLLOW_UP)


def test_a_redo_asked_after_a_question_in_between_recomputes_the_last_weeks() -> None:
    state = {**AFTER_SPLIT, "last_intent": "question"}
    decision = decide("ok refais moi le calcul en enlevant la journée de formation alors", state)
    assert (decision.intent, decision.rule) == ("conversion", RHYTHM_FOLLOW_UP)


def test_a_question_after_a_question_is_not_a_redo_of_the_computation_before() -> None:
    state = {**AFTER_SPLIT, "last_intent": "question"}
    decision = decide("et si la personne ne vient que 2 jours par semaine, ça compte quand même ?", state)
    assert decision.rule != RHYTHM_FOLLOW_UP


def test_a_rhythm_change_without_any_hours_computed_is_not_a_recomputation() -> None:
    decision = decide("et si la personne vient que 2 jours par semaine ?", {"last_intent": "conversion"})
    assert decision.rule != RHYTHM_FOLLOW_UP


def test_one_lot_named_alone_with_its_amount_after_a_sizing_is_sized(classifier) -> None:
    state = {"last_intent": "sizing", "sizing_params": {"amount": 600_000, "rate": 0.05}}
    message = "et pour la peinture toute seule ? le lot fait dans les 35 000 euros, ça vaut encore le coup ?"
    decision = decide(message, state, classifier)
    assert (decision.intent, decision.follow_up) == ("sizing", True)


def test_another_trade_asked_after_a_question_on_ratios_is_the_same_question(classifier) -> None:
    message = "et pour plomberie/CVC ? chez moi c'est plutôt 30 % vu le poids du matériel"
    decision = decide(message, {"last_intent": "question"}, classifier)
    assert decision.intent != "sizing"


def test_a_computation_asked_after_a_question_is_still_sized() -> None:
    decision = decide("et pour un lot peinture de 80 000 € HT, ça fait combien d'heures ?", {"last_intent": "question"})
    assert decision.intent == "sizing"


def test_a_what_if_opened_by_s_il_is_a_follow_up_too() -> None:
    state = {"last_intent": "conversion", "conversion_hours": 820, "figures": {"left": 820, "left_months": 10}}
    decision = decide("et s'il n'en reste qu'un à 35 h par semaine ?", state)
    assert decision.rule == RHYTHM_FOLLOW_UP


def test_hours_asked_without_the_apostrophe_take_up_the_offered_computation() -> None:
    state = {"last_intent": "question", "offered_sizing": "et si le maximum est de 400 k€ ?"}
    decision = decide("donc je dois prévoir combien d heures", state)
    assert (decision.intent, decision.rule) == ("sizing", "accepted_offer")


# --- a condition of the question just answered, varied ---------------------------------------------------------


@pytest.mark.parametrize("last", ["question", "drafting"])
def test_an_amount_said_as_a_bound_after_a_question_or_a_text_is_a_condition_not_a_market(classifier, last) -> None:
    decision = decide("et si c'est moins de 40 000 € HT ?", {"last_intent": last}, classifier)
    assert decision.intent == "question"


def test_an_amount_said_as_a_bound_with_the_hours_asked_is_still_sized(classifier) -> None:
    message = "et si c'est moins de 40 000 € HT, ça fait combien d'heures ?"
    assert decide(message, {"last_intent": "question"}, classifier).intent == "sizing"


def test_a_rate_varied_after_a_question_is_not_a_text_to_write(classifier) -> None:
    decision = decide("et avec une clause de 7 % ?", {"last_intent": "question"}, classifier)
    assert decision.intent == "question"


def test_a_firms_headcount_is_not_people_sharing_the_hours() -> None:
    state = {"last_intent": "sizing", "last_hours": 533, "sizing_params": {"amount": 400_000}}
    decision = decide("et si le titulaire est une entreprise de 5 salariés ?", state)
    assert decision.intent != "conversion"


def test_people_named_after_a_sizing_still_share_its_hours() -> None:
    state = {"last_intent": "sizing", "last_hours": 533, "sizing_params": {"amount": 400_000}}
    assert decide("et si on les répartit entre 3 salariés ?", state).intent == "conversion"
