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


@dataclass(frozen=True)
class TeamHours:
    """The hours several people work on the market over a period: each works ``weekly_hours`` for ``weeks``,
    a share ``on_market`` of that time on the market (the rest at the training centre, on other sites)."""

    people: int
    weekly_hours: float
    weeks: float
    on_market: float
    hours: float  # people × weekly hours × weeks × on_market
    annual_basis: float  # the same on the grid's annual hours of a full-time job (1 607 h, paid leave deducted)

    @property
    def per_person(self) -> float:
        return self.hours / self.people


def team_hours(
    months: float,
    weekly_hours: float,
    people: int = 1,
    on_market: float = 1.0,
    weeks_off: float = 0,
    *,
    etp_base: float,
) -> TeamHours:
    """Hours ``people`` work on the market over ``months`` at ``weekly_hours``, a share ``on_market`` of it there
    (« 2 semaines CFA / 2 semaines entreprise » → 0.5): weeks × weekly hours × share × people; ``annual_basis``
    counts the same time on ``etp_base``, the grid's annual hours of a full-time job."""
    if people < 1 or not 0 < on_market <= 1:
        raise ValueError("people must be one or more and the share on the market in ]0, 1]")
    one = person_hours(months, weekly_hours, weeks_off)
    hours = one.hours * on_market * people
    annual = annual_basis(months, weekly_hours, etp_base=etp_base, on_market=on_market, people=people)
    return TeamHours(people, weekly_hours, one.weeks, on_market, hours, annual)


def annual_basis(
    months: float, weekly_hours: float, *, etp_base: float, on_market: float = 1.0, people: int = 1
) -> float:
    """The hours of ``people`` over ``months`` counted on ``etp_base``, the annual hours of a full-time job (paid
    leave deducted), prorated to their weekly hours and share on the market."""
    return etp_base * months / 12 * weekly_hours / FULL_TIME_WEEKLY_HOURS * on_market * people


@dataclass(frozen=True)
class EarlyLeavers:
    """The hours of a team some of whom left before the end of the period: those who stayed work every week,
    each group that left works the weeks before it left."""

    stayed: int
    stayed_hours: float
    left: list[tuple[int, float, float]]  # people, weeks worked, their hours
    hours: float


def hours_with_leavers(
    people: int, weekly_hours: float, weeks: float, left: tuple[tuple[int, float], ...]
) -> EarlyLeavers | None:
    """« 4 gars à 35 h pendant 6 semaines, un parti après 2 semaines »: 3 × 35 × 6 + 1 × 35 × 2 = 700 h; None when
    the leavers are not fewer than the team or left after the period ended (nothing to take away)."""
    gone = sum(n for n, _ in left)
    if not left or gone >= people or any(not 0 < w < weeks for _, w in left):
        return None
    stayed_hours = (people - gone) * weekly_hours * weeks
    groups = [(n, w, n * weekly_hours * w) for n, w in left]
    return EarlyLeavers(people - gone, stayed_hours, groups, stayed_hours + sum(h for _, _, h in groups))


@dataclass(frozen=True)
class TimeToCover:
    """The weeks of work some hours take at a weekly pace on the market, and the calendar weeks they span
    when only a share of the weeks is spent there (alternance)."""

    hours: float
    weekly_on_market: float  # hours a week on the market, all the people together
    weeks: float  # weeks of presence on the market
    calendar_weeks: float  # weeks of the calendar, training weeks included


def time_to_cover(
    hours: float,
    weekly_hours: float = FULL_TIME_WEEKLY_HOURS,
    people: int = 1,
    share: float = 1.0,
    week_share: float = 1.0,
) -> TimeToCover:
    """Weeks to work ``hours``: ``share`` cuts each working week (« à 80 % sur ce chantier »), ``week_share`` the
    weeks spent on the market (« 2 semaines sur 4 en entreprise »), which only spreads them over the calendar."""
    if hours <= 0 or weekly_hours <= 0 or people < 1 or not 0 < share <= 1 or not 0 < week_share <= 1:
        raise ValueError("hours, weekly hours, people and shares must be positive")
    weekly = weekly_hours * people * share
    weeks = hours / weekly
    return TimeToCover(hours, weekly, weeks, weeks / week_share)
