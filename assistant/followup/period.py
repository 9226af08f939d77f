"""Periods, calendar months and territories as the format note defines them."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from assistant.followup.codes import fold


@dataclass(frozen=True)
class Period:
    debut: date
    fin: date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @cached_property
    def first_month(self) -> str:
        return month_of(self.debut)

    @cached_property
    def last_month(self) -> str:
        return month_of(self.fin)

    def contains_month(self, month: str) -> bool:
        """A calendar month is inside the period when it lies between the months of ``debut`` and ``fin``."""
        return self.first_month <= month <= self.last_month


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def months_between(start: date, end: date) -> list[str]:
    """Calendar months from ``start``'s to ``end``'s, both included."""
    first, last = start.year * 12 + start.month - 1, end.year * 12 + end.month - 1
    return [f"{index // 12:04d}-{index % 12 + 1:02d}" for index in range(first, last + 1)]


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months (31 January + 1 month = 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def territory_matches(territory: str, wanted: str | None) -> bool:
    """No filter, ``*``, the exact name or a part of it, ignoring case and accents (« voironnais »)."""
    if wanted is None or wanted.strip() in {"", "*"}:
        return True
    return fold(wanted) in fold(territory)
