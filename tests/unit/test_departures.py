"""People who left the market before the end of the period: read from the message, and their hours stop there."""

from __future__ import annotations

import pytest

from assistant.fr import fold
from assistant.fr.departures import Departure, departures
from assistant.sizing.staffing import hours_with_leavers


def test_one_person_who_left_after_some_weeks_is_read() -> None:
    assert departures(fold("4 intérimaires, mais l'un est parti après 3 semaines")) == [Departure(1, 3.0)]


def test_several_people_who_left_after_a_month_worked_its_weeks() -> None:
    found = departures(fold("deux d'entre eux ont arrêté au bout d'un mois"))
    assert [d.people for d in found] == [2] and found[0].weeks == pytest.approx(52 / 12)


def test_leaving_on_holiday_without_a_time_worked_is_no_departure() -> None:
    assert departures(fold("un est parti en congé, ça compte ?")) == []


def test_the_team_s_hours_count_the_leavers_only_until_they_left() -> None:
    found = hours_with_leavers(4, 35, 6, ((1, 2.0),))
    assert found is not None and (found.stayed_hours, found.hours) == (630, 700)


def test_leavers_as_many_as_the_team_are_not_taken_away() -> None:
    assert hours_with_leavers(2, 35, 6, ((2, 2.0),)) is None


def test_a_departure_after_the_period_ended_changes_nothing() -> None:
    assert hours_with_leavers(3, 35, 6, ((1, 8.0),)) is None
