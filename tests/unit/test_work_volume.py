"""A volume of work in the user's own figures becomes hours: quantity × time per unit, or people × days × hours a
day; the clause's rate, when given, makes its insertion share (nothing assumed beyond the user's figures)."""

from __future__ import annotations

import pytest

from assistant.fr import extract, fold
from assistant.fr.work_volume import DaysWork, UnitWork, days_work, said_word, unit_work
from assistant.routing import OWN_FIGURES, RefusalPolicy, route
from assistant.settings import PROJECT_ROOT
from assistant.sizing import figures as own

POLICY = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")


def decide(message: str):
    return route(message, extract(message), {}, screening=POLICY.screen(message))


def test_a_quantity_at_minutes_each_is_read() -> None:
    assert unit_work(fold("1 500 colis à 6 minutes chacun")) == UnitWork(1500, "colis", 6)


def test_a_time_per_unit_in_hours_and_minutes_is_read_in_minutes() -> None:
    found = unit_work(fold("il faut 1h30 par fenêtre et on a 60 fenêtres"))
    assert found is not None and (found.quantity, found.minutes) == (60, 90)


def test_an_area_at_hours_per_square_metre_is_read() -> None:
    found = unit_work(fold("450 m² à 0,5 h le m²"))
    assert found is not None and (found.quantity, found.minutes) == (450, 30)


def test_hours_a_week_of_people_are_no_unit_of_work() -> None:
    assert unit_work(fold("4 gars à 35 h par semaine")) is None


def test_people_days_and_hours_a_day_are_read() -> None:
    assert days_work(fold("2 salariés pendant 12 jours à 7 h 30 par jour")) == DaysWork(2, 12, 7.5)


def test_more_than_twelve_hours_a_day_is_no_working_day() -> None:
    assert days_work(fold("15 jours à 20 h par jour")) is None


def test_the_unit_is_shown_as_the_user_wrote_it() -> None:
    assert said_word("300 m² de carrelage à 2 h le m²", "m2") == "m²"


def test_the_hours_of_units_are_quantity_times_time_per_unit() -> None:
    computed = own.unit_work_hours(UnitWork(2000, "pièces", 20), None, 1607)
    assert computed.found["hours"] == pytest.approx(2000 * 20 / 60)


def test_a_rate_given_makes_the_insertion_share_of_the_hours() -> None:
    computed = own.days_work_hours(DaysWork(3, 20, 7), 0.05, 1607)
    assert computed.found == {"hours": 420, "insertion": pytest.approx(21)}


def test_a_volume_of_work_asked_in_hours_is_routed_to_a_computation() -> None:
    decision = decide("800 repas à 3 minutes par repas, ça fait combien d'heures ?")
    assert decision.intent == "conversion" and decision.rule == f"{OWN_FIGURES}:work_volume"


def test_a_volume_of_work_said_without_asking_a_result_is_not_computed() -> None:
    assert decide("nos agents traitent 800 repas à 3 minutes par repas").rule != f"{OWN_FIGURES}:work_volume"
