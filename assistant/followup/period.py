"""Periods, calendar months and territories as the format note defines them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from assistant.followup.codes import fold


@dataclass(frozen=True)
class Period:
    debut: date
    fin: date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @property
    def first_month(self) -> str:
        return month_of(self.debut)

    @property
    def last_month(self) -> str:
        return month_of(self.fin)

    def contains_month(self, month: str) -> bool:
        """A calendar month is inside the period when it lies between the months of ``debut`` and ``fin``."""
        return self.first_month <= month <= self.last_month


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def months_between(start: date, end: date) -> list[str]:
    """Calendar months from ``start``'s to ``end``'s, both included."""
    months = []
    cursor = date(start.year, start.month, 1)
    while cursor <= end:
        months.append(month_of(cursor))
        cursor += relativedelta(months=1)
    return months


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months (31 January + 1 month = 28 or 29 February)."""
    return day + relativedelta(months=months)


def territory_matches(territory: str, wanted: str | None) -> bool:
    """No filter, ``*``, the exact name or a part of it, ignoring case and accents (« voironnais »)."""
    if wanted is None or wanted.strip() in {"", "*"}:
        return True
    return fold(wanted) in fold(territory)
