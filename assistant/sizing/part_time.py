"""Insertion hours worked by one person at a share of full time: « 1 250 h, et si la personne est à 80 % ? ».

A full-time month is the legal 151,67 h (35 h × 52 ÷ 12) and a full-time year the 1 607 h an ETP counts; a
person at 80 % works 80 % of both. The hours then last longer for that person (months, weeks), and the market's
period, when known, says how many such people work them at once. Nothing else is assumed: no absence, no leave
the user did not state.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.sizing.staffing import FULL_TIME_WEEKLY_HOURS, MONTHLY_FULL_TIME

DEFAULT_ETP_BASE = 1607  # the legal annual hours of a full-time job, the default ETP base


@dataclass(frozen=True)
class PartTimeWork:
    """``hours`` worked by one person at ``share`` of full time."""

    hours: float
    share: float
    etp_base: int = DEFAULT_ETP_BASE

    @property
    def monthly(self) -> float:
        """The person's hours in a month (151,67 h × share)."""
        return MONTHLY_FULL_TIME * self.share

    @property
    def weekly(self) -> float:
        return FULL_TIME_WEEKLY_HOURS * self.share

    @property
    def annual(self) -> float:
        """The person's hours in a year (1 607 h × share)."""
        return self.etp_base * self.share

    @property
    def months(self) -> float:
        return self.hours / self.monthly

    @property
    def weeks(self) -> float:
        return self.hours / self.weekly

    @property
    def etp(self) -> float:
        """The hours in full-time equivalents, whatever the share (hours ÷ 1 607 h)."""
        return self.hours / self.etp_base

    @property
    def person_years(self) -> float:
        """Years of that person's work the hours make (hours ÷ the person's annual hours)."""
        return self.hours / self.annual

    def people_over(self, months: float) -> float:
        """People at that share who work the hours together within ``months`` (unrounded)."""
        return self.hours / (self.monthly * months)
