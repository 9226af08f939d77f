"""People listed one by one with their hours (given, or months at a share of full time, or weeks at weekly hours)
are summed when the total is asked, and one of them counted in months can change its share next."""

from __future__ import annotations

import pytest

from assistant.fr import extract
from assistant.fr.roster import roster
from assistant.routing import OWN_FIGURES, RefusalPolicy, route
from assistant.settings import PROJECT_ROOT
from assistant.sizing import figures as own

POLICY = RefusalPolicy.from_prompts(PROJECT_ROOT / "prompts")
LISTED = "2 jeunes : 1 en contrat pro 4 mois à mi-temps, 1 en intérim 140 h. ça fait combien au total ?"


def decide(message: str, state: dict | None = None):
    return route(message, extract(message), state or {}, screening=POLICY.screen(message))


def test_each_listed_person_is_read_with_the_way_their_hours_are_given() -> None:
    items = roster(LISTED)
    assert [(i.months, i.share, i.hours) for i in items] == [(4, 0.5, None), (None, 1.0, 140)]


def test_weeks_at_weekly_hours_are_read_for_one_person() -> None:
    items = roster("une à 30 h par semaine pendant 10 semaines et l'autre 90 h, combien en tout ?")
    assert (items[0].weeks, items[0].weekly, items[1].hours) == (10, 30, 90)


def test_a_list_of_markets_with_their_hours_is_no_list_of_people() -> None:
    assert roster("un marché de voirie (620 h) et un marché d'éclairage (410 h) : ça fait combien ?") == []


def test_a_list_without_a_total_asked_is_not_summed() -> None:
    assert roster("1 en ETTI 210 h, 1 en CDD 6 mois à temps plein") == []


def test_months_at_full_time_count_the_legal_month() -> None:
    computed = own.roster_total(roster("1 en CDD 6 mois à temps plein, 1 en AI 60 h : total ?"))
    assert computed.found["hours"] == pytest.approx(6 * 35 * 52 / 12 + 60)


def test_the_person_counted_in_months_can_change_share() -> None:
    computed = own.roster_with_share(6, 1.0, 270, 0.8)
    assert computed.found["hours"] == pytest.approx(6 * 35 * 52 / 12 * 0.8 + 270)


def test_a_list_of_people_asking_the_total_is_routed_to_a_computation() -> None:
    assert decide(LISTED).rule == f"{OWN_FIGURES}:roster"


def test_a_share_after_a_listed_total_is_routed_to_the_same_list() -> None:
    state = {"last_intent": "conversion", "figures": {"roster_months": 6, "roster_share": 1, "roster_other": 270}}
    assert decide("et si celui en CDD est à 80 % ?", state).rule == f"{OWN_FIGURES}:roster"
