"""How many people a number of insertion hours employs: « combien de jeunes en contrat de 3 mois ? ».

One person works ``weekly hours × weeks`` over the period, the weeks being the period's
months × 52 ÷ 12 less the weeks off (holidays, bad weather) the user counts. A full-time
week is the legal 35 hours, so a full-time month is 35 × 52 ÷ 12 = 151,67 hours (corpus 05,
« Convertir des heures d'insertion en mois de travail et en personnes »). Nothing else is
assumed: no turnover, no absence the user did not state.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

FULL_TIME_WEEKLY_HOURS = 35.0
"""The legal full-time week (Code du travail, article L3121-27)."""
WEEKS_PER_MONTH = 52 / 12
MONTHLY_FULL_TIME = FULL_TIME_WEEKLY_HOURS * WEEKS_PER_MONTH  # 151,67 h


@dataclass(frozen=True)
class Staffing:
    """The people a number of hours employs over a period, each at the same weekly hours."""

    hours: float
    months: float
    weekly_hours: float
    weeks_off: float
    weeks: float  # weeks each person works over the period
    per_person: float  # hours each person works over the period
    people: float  # hours ÷ per_person, unrounded

    @property
    def full_time(self) -> bool:
        return self.weekly_hours == FULL_TIME_WEEKLY_HOURS

    @property
    def at_least(self) -> int:
        """The whole number of people the hours need (1,5 people means 2 people)."""
        return max(1, math.ceil(round(self.people, 1)))


def staffing(hours: float, months: float, weekly_hours: float | None = None, weeks_off: float = 0) -> Staffing:
    """People employed by ``hours`` over ``months``, each at ``weekly_hours`` (full time when None)."""
    weekly = weekly_hours if weekly_hours else FULL_TIME_WEEKLY_HOURS
    if hours <= 0 or months <= 0 or weekly <= 0:
        raise ValueError("hours, months and weekly hours must be positive")
    weeks = months * WEEKS_PER_MONTH - max(weeks_off, 0)
    if weeks <= 0:
        raise ValueError("the weeks off leave no week of work")
    per_person = weeks * weekly
    return Staffing(hours, months, weekly, max(weeks_off, 0), weeks, per_person, hours / per_person)


@dataclass(frozen=True)
class PersonHours:
    """The hours one person works over a period at given weekly hours, less the weeks off."""

    months: float
    weekly_hours: float
    weeks_off: float
    weeks: float
    hours: float


def person_hours(months: float, weekly_hours: float, weeks_off: float = 0) -> PersonHours:
    """Hours one person works over ``months`` at ``weekly_hours`` (« 17,5 h × 26 semaines = 455 h »)."""
    if months <= 0 or weekly_hours <= 0:
        raise ValueError("months and weekly hours must be positive")
    weeks = months * WEEKS_PER_MONTH - max(weeks_off, 0)
    if weeks <= 0:
        raise ValueError("the weeks off leave no week of work")
    return PersonHours(months, weekly_hours, max(weeks_off, 0), weeks, weeks * weekly_hours)
