"""The duration of a market as users write it, renewals and optional periods included.

The estimated value of a market counts its renewals, and so does the duration used to size it:
« 4 ans + 2 ans de reconduction » is a market of 6 years at most.
"""

from __future__ import annotations

import pytest

from assistant.fr import parse_duration_months


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("sur 4 ans + 2 ans de reconduction", 72),
        ("3 ans + 1 an reconductible", 48),
        ("4 ans (+ 2 ans en option)", 72),
        ("sur 3 ans plus 1 an", 48),
        ("1 an + 1 an reconductible 2 fois", 36),
    ],
)
def test_an_optional_period_after_a_plus_lengthens_the_market(text: str, months: int) -> None:
    assert parse_duration_months(text) == months


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("un an reconductible 3 fois", 48),
        ("marché de 12 mois reconductible 3 fois", 48),
        ("2 ans renouvelable une fois", 48),
        ("marché d'un an reconductible tacitement 3 fois", 48),
        ("1 an + 3 reconductions", 48),
    ],
)
def test_renewals_without_their_length_repeat_the_firm_period(text: str, months: int) -> None:
    assert parse_duration_months(text) == months


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("marché de 4 ans reconductible 2 fois 1 an", 72),
        ("accord-cadre de 2 ans renouvelable 2 fois 1 an", 48),
        ("durée 2 ans ferme + 2 reconductions d'un an", 48),
        ("durée de 12 mois, reconductible 2 fois 12 mois", 36),
        ("1 an reconductible 3 fois par période d'un an", 48),
    ],
)
def test_renewals_with_their_own_length_add_that_length_each_time(text: str, months: int) -> None:
    assert parse_duration_months(text) == months


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("accord-cadre 1 an reconductible 3 fois (4 ans max)", 48),
        ("1 an renouvelable 3 fois, soit 4 ans au total", 48),
        ("4 ans dont 2 de reconduction", 48),
    ],
)
def test_a_total_said_after_the_renewals_is_not_a_period_to_add(text: str, months: int) -> None:
    assert parse_duration_months(text) == months


def test_two_durations_joined_by_et_are_not_added() -> None:
    assert parse_duration_months("2 ans et 3 ans") == 24
