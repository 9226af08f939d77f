"""People employed by insertion hours over a period: the computation and how French messages ask for it."""

from __future__ import annotations

import pytest

from assistant.fr.staffing import StaffingAsk, staffing_ask, weekly_hours_in
from assistant.sizing.staffing import MONTHLY_FULL_TIME, staffing


def test_a_full_time_month_is_the_legal_151_67_hours() -> None:
    assert MONTHLY_FULL_TIME == pytest.approx(151.67, abs=0.005)


def test_one_person_full_time_for_six_months_works_about_910_hours() -> None:
    assert staffing(933, 6).per_person == pytest.approx(910, abs=0.1)


def test_weeks_off_are_taken_from_each_persons_weeks() -> None:
    found = staffing(2500, 14, weekly_hours=30, weeks_off=4)
    assert found.weeks == pytest.approx(14 * 52 / 12 - 4)
    assert found.per_person == pytest.approx(1700, abs=1)


def test_one_and_a_half_people_means_at_least_two() -> None:
    assert staffing(2500, 14, weekly_hours=30, weeks_off=4).at_least == 2


def test_hours_a_little_above_one_persons_period_round_to_one_person() -> None:
    assert staffing(933, 6).at_least == 1


def test_weeks_off_longer_than_the_period_are_refused() -> None:
    with pytest.raises(ValueError):
        staffing(500, 1, weeks_off=6)


def test_people_asked_over_a_contract_period_are_read_at_full_time() -> None:
    asked = staffing_ask("et si chaque jeune fait un contrat de 3 mois à temps plein, ça fait combien de jeunes ?")
    assert asked == StaffingAsk(months=3)


def test_weekly_hours_and_weeks_off_are_read_with_the_period() -> None:
    asked = staffing_ask(
        "combien de gars je dois placer : chantier de 14 mois, 30h/semaine et 4 semaines de congés/intempéries"
    )
    assert asked == StaffingAsk(months=14, weekly_hours=30, weeks_off=4)


def test_a_number_of_people_given_is_not_asked() -> None:
    assert staffing_ask("2 gars à 35 h par semaine sur 3 mois, combien de semaines ?") is None


def test_people_asked_without_a_period_are_not_a_staffing_question() -> None:
    assert staffing_ask("ça fait combien de personnes ?") is None


def test_weekly_hours_are_read_alone() -> None:
    assert weekly_hours_in("et a 24h par semaine ?") == 24
