"""Arithmetic over the user's own figures, each step kept so that the answer shows the method (pure).

Nothing here is a rule of law or a published ratio: every operand comes from the user's message (or an earlier
one of the same conversation), and the result says only what those figures make. A penalty amount, a cap or a
schedule is the buyer's choice in the CCAP; the answers around these figures say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from assistant.fr import fmt_number
from assistant.fr.figures import MonthlyChange, Progress, Raise, Realisation
from assistant.fr.grant_cost import GrantCost
from assistant.fr.roster import RosterItem
from assistant.fr.work_volume import DaysWork, UnitWork
from assistant.sizing.staffing import MONTHLY_FULL_TIME

MONTHS_A_YEAR = 12
_MONTH_NAMES = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
Value = float | str


@dataclass(frozen=True)
class Figures:
    """One computation: its kind, the figures it used and found (for the tool call), and its lines (message keys
    of ``prompts/messages.yaml`` with their raw values, formatted by the caller)."""

    kind: str
    used: dict[str, float]
    found: dict[str, float]
    lines: list[tuple[str, Mapping[str, Value]]] = field(default_factory=list)


def penalty(
    missing: float, per_hour: float, short: tuple[float, float] | None = None, more: tuple[float, float] | None = None
) -> Figures:
    """« il me manque 640 h, 50 € par heure »: missing hours × the CCAP's amount per hour; ``short``: the hours due
    and done the missing ones come from (« 1 200 h dues, 800 faites »), shown first; ``more``: the hours missing
    before and the hours still to be done that come off them (« et s'il fait encore 400 h ? »)."""
    amount = missing * per_hour
    used = {"missing": missing, "per_hour": per_hour}
    lines: list[tuple[str, Mapping[str, Value]]] = []
    if short is not None:
        used |= {"due": short[0], "done": short[1]}
        lines.append(("figures.shortfall", {"due": short[0], "done": short[1], "missing": missing}))
    if more is not None:
        used |= {"missing_before": more[0], "more_done": more[1]}
        lines.append(("figures.shortfall_more", {"before": more[0], "more": more[1], "missing": missing}))
    lines.append(("figures.penalty", {**used, "penalty": amount}))
    return Figures("penalty", used, {"penalty": amount}, lines)


def capped_penalty(amount: float, cap_share: float, base: float) -> Figures:
    """A penalty compared with a cap set as a share of an amount (« 10 % du montant annuel de 1,2 M€ »)."""
    cap = cap_share * base
    values: dict[str, Value] = {"penalty": amount, "cap_share": cap_share, "base": base, "cap": cap}
    verdict = "figures.cap_not_reached" if amount <= cap else "figures.cap_reached"
    lines: list[tuple[str, Mapping[str, Value]]] = [("figures.cap", values), (verdict, values)]
    used = {"penalty": amount, "cap_share": cap_share, "base": base}
    return Figures("penalty_cap", used, {"cap": cap, "due": min(amount, cap)}, lines)


def prorated_progress(p: Progress) -> Figures:
    """Hours done against the target prorated over the time gone by (an even pace unless the CCAP sets a schedule)."""
    per_year = p.target * MONTHS_A_YEAR / p.months
    expected = p.target * p.elapsed / p.months
    gap = expected - p.done
    values = {
        "target": p.target,
        "years": p.months / MONTHS_A_YEAR,
        "months": p.months,
        "elapsed": p.elapsed,
        "elapsed_years": p.elapsed / MONTHS_A_YEAR,
        "per_year": per_year,
        "per_month": p.target / p.months,
        "expected": expected,
        "done": p.done,
        "gap": abs(gap),
        "ratio": p.done / expected,
        "left": p.target - p.done,
        "left_months": p.months - p.elapsed,
        "pace": (p.target - p.done) / (p.months - p.elapsed),
    }
    by_years = p.months % MONTHS_A_YEAR == 0 and p.elapsed % MONTHS_A_YEAR == 0
    lines: list[tuple[str, Mapping[str, Value]]] = []
    if p.asks is not None:  # the yes or no asked, first: « en retard ? » is yes when late, « dans les clous ? » no
        yes = (gap > 0) == (p.asks == "late")
        lines.append(("figures.progress_yes" if yes else "figures.progress_no", values))
    lines.append(("figures.progress_pace_years" if by_years else "figures.progress_pace_months", values))
    lines.append(("figures.progress_late" if gap > 0 else "figures.progress_ahead", values))
    lines.append(("figures.progress_rest", values))
    used = {"target": p.target, "months": p.months, "elapsed": p.elapsed, "done": p.done}
    found = {"expected": expected, "gap": gap, "left": values["left"], "left_months": values["left_months"]}
    return Figures("progress", used, found, lines)


def realisation_record(r: Realisation) -> Figures:
    """The rate of completion (hours done ÷ hours planned) and, when the people are said, the mean per person."""
    values: dict[str, Value] = {"done": r.done, "planned": r.planned, "ratio": r.done / r.planned}
    lines: list[tuple[str, Mapping[str, Value]]] = [("figures.realisation_rate", values)]
    found = {"ratio": r.done / r.planned}
    if r.people:
        values = {**values, "people": r.people, "mean": r.done / r.people}
        lines.append(("figures.realisation_mean", values))
        found["mean"] = r.done / r.people
    used = {"done": r.done, "planned": r.planned, **({"people": r.people} if r.people else {})}
    return Figures("realisation", used, found, lines)


def grant_ratios(g: GrantCost) -> Figures:
    """The grant divided by what it produced: per hour declared, per person, per positive exit (the people times the
    share of positive exits the message states)."""
    used: dict[str, float] = {"amount": g.amount}
    found: dict[str, float] = {"grant": g.amount}
    lines: list[tuple[str, Mapping[str, Value]]] = []
    if g.hours:
        per_hour = g.amount / g.hours
        used["hours"], found["per_hour"] = g.hours, per_hour
        lines.append(("figures.grant_per_hour", {"amount": g.amount, "hours": g.hours, "per_hour": per_hour}))
    if g.people:
        per_person = g.amount / g.people
        used["people"], found["per_person"] = g.people, per_person
        values: dict[str, Value] = {"amount": g.amount, "people": g.people, "per_person": per_person}
        lines.append(("figures.grant_per_person", values))
        if g.exit_share:
            exits = g.people * g.exit_share
            per_exit = g.amount / exits
            used["share"], found["exits"], found["per_exit"] = g.exit_share, exits, per_exit
            values = {**values, "share": g.exit_share, "exits": exits, "per_exit": per_exit}
            lines.append(("figures.grant_per_exit", values))
            lines.append(("figures.grant_exits_definition", {}))
    return Figures("grant_cost", used, found, lines)


def year_of_monthly_hours(monthly: float, etp_base: int, change: MonthlyChange | None = None) -> Figures:
    """A person's hours over a year from monthly hours, and with new monthly hours from a month on."""
    if change is None:
        year = monthly * MONTHS_A_YEAR
        plain = {"monthly": monthly, "year": year, "etp": year / etp_base}
        return Figures("year_hours", {"monthly": monthly}, {"year": year}, [("figures.year_hours", plain)])
    before_months = change.month - 1
    after_months = MONTHS_A_YEAR - before_months
    before, after = monthly * before_months, change.hours * after_months
    values: dict[str, Value] = {
        "last_before": _MONTH_NAMES[max(before_months - 1, 0)],
        "first_after": _MONTH_NAMES[change.month - 1],
        "monthly": monthly,
        "new_monthly": change.hours,
        "before_months": before_months,
        "after_months": after_months,
        "before": before,
        "after": after,
        "year": before + after,
        "full_year": change.hours * MONTHS_A_YEAR,
    }
    used = {"monthly": monthly, "new_monthly": change.hours, "from_month": change.month}
    return Figures("year_hours", used, {"year": before + after}, [("figures.year_hours_changed", values)])


def raised_from_year(per_year: float, years: int, rise: Raise) -> Figures:
    """Hours per year raised by a share from a year on (an amendment), and the new total over the duration."""
    after = per_year * (1 + rise.share)
    before_years = max(rise.from_year - 1, 0)
    after_years = max(years - before_years, 0)
    total = per_year * before_years + after * after_years
    values = {
        "per_year": per_year,
        "share": rise.share,
        "from_year": rise.from_year,
        "after": after,
        "more": after - per_year,
        "before_years": before_years,
        "after_years": after_years,
        "total": total,
        "years": years,
        "old_total": per_year * years,
    }
    used = {"per_year": per_year, "years": years, "share": rise.share, "from_year": rise.from_year}
    return Figures("raise", used, {"after": after, "total": total}, [("figures.raise", values)])


def prorated(hours: float, amount: float, new_amount: float) -> Figures:
    """A clause's hours carried to the market's new amount at the prorata (« 350 h pour 480 k€, le montant passe à
    560 k€ »): hours × new amount ÷ amount, and the hours added or taken off."""
    new_hours = hours * new_amount / amount
    change = abs(round(new_hours) - hours)
    values = {"hours": hours, "amount": amount, "new_amount": new_amount, "new_hours": new_hours, "change": change}
    key = "figures.prorata_more" if new_amount > amount else "figures.prorata_less"
    used = {"hours": hours, "amount": amount, "new_amount": new_amount}
    return Figures("prorata", used, {"hours": new_hours}, [(key, values)])


def scaled(hours: float, amount: float, new_amount: float, etp_base: int) -> Figures:
    """The hours of the last computation for another amount, everything else kept (a rule of three)."""
    new_hours = hours * new_amount / amount
    values = {
        "hours": hours,
        "amount": amount,
        "new_amount": new_amount,
        "new_hours": new_hours,
        "etp": new_hours / etp_base,
        "etp_base": etp_base,
    }
    used = {"hours": hours, "amount": amount, "new_amount": new_amount}
    return Figures("scaled", used, {"hours": new_hours}, [("figures.scaled", values)])


MINUTES_AN_HOUR = 60


def _worked(
    kind: str,
    hours: float,
    rate: float | None,
    etp_base: int,
    used: dict[str, float],
    first: tuple[str, Mapping[str, Value]],
) -> Figures:
    """The hours of a volume of work, then the share the clause's rate makes insertion hours when the message gives
    a rate, and the full-time equivalents on the grid's annual base."""
    lines: list[tuple[str, Mapping[str, Value]]] = [first]
    found = {"hours": hours}
    if rate is not None:
        insertion = hours * rate
        lines.append(("figures.work_insertion", {"hours": hours, "rate": rate, "insertion": insertion}))
        found["insertion"] = insertion
    lines.append(("figures.work_etp", {"hours": hours, "etp_base": etp_base, "etp": hours / etp_base}))
    return Figures(kind, {**used, **({"rate": rate} if rate is not None else {})}, found, lines)


def unit_work_hours(work: UnitWork, rate: float | None, etp_base: int) -> Figures:
    """« 2 000 pièces à 20 minutes chacune »: quantity × time per unit, in hours."""
    hours = work.quantity * work.minutes / MINUTES_AN_HOUR
    values: dict[str, Value] = {"quantity": work.quantity, "unit": work.unit, "hours": hours}
    if work.minutes < MINUTES_AN_HOUR:
        first = (
            "figures.unit_work_minutes",
            {**values, "minutes": work.minutes, "total": work.quantity * work.minutes},
        )
    else:
        first = ("figures.unit_work_hours", {**values, "per_unit": work.minutes / MINUTES_AN_HOUR})
    used = {"quantity": work.quantity, "minutes_per_unit": work.minutes}
    return _worked("work_volume", hours, rate, etp_base, used, first)


def days_work_hours(work: DaysWork, rate: float | None, etp_base: int) -> Figures:
    """« 3 personnes, 20 jours, 7 h par jour »: people × days × hours a day."""
    hours = work.people * work.days * work.daily_hours
    values: dict[str, Value] = {"people": work.people, "days": work.days, "daily": work.daily_hours, "hours": hours}
    key = "figures.days_work_people" if work.people > 1 else "figures.days_work"
    used = {"people": work.people, "days": work.days, "daily_hours": work.daily_hours}
    return _worked("work_volume", hours, rate, etp_base, used, (key, values))


def _item_line(item: RosterItem) -> tuple[float, tuple[str, Mapping[str, Value]]]:
    """One listed person's hours and their line: the operation that gives them (weeks × weekly hours, or months at
    full time and at a share of it), or the hours as given. Figures are formatted here, at the precision each
    operand is read with."""
    if item.weeks is not None and item.weekly is not None:
        hours = item.weeks * item.weekly
        weeks, weekly = fmt_number(item.weeks, 1), fmt_number(item.weekly, 1)
        return hours, (
            "figures.roster_item_weeks",
            {"said": item.said, "weeks": weeks, "weekly": weekly, "hours": hours},
        )
    if item.months is not None:
        hours = item.months * MONTHLY_FULL_TIME * item.share
        values: dict[str, Value] = {
            "said": item.said,
            "months": fmt_number(item.months, 1),
            "monthly": fmt_number(MONTHLY_FULL_TIME, 2),
            "hours": hours,
        }
        if item.share < 1:
            return hours, ("figures.roster_item_months_share", {**values, "share": fmt_number(item.share * 100, 0)})
        return hours, ("figures.roster_item_months", values)
    return item.hours or 0.0, ("figures.roster_item", {"said": item.said, "hours": item.hours or 0.0})


def roster_total(items: list[RosterItem]) -> Figures:
    """The hours of people listed one by one, each as given or from months or weeks of work, and their sum."""
    lines: list[tuple[str, Mapping[str, Value]]] = []
    each = []
    for item in items:
        hours, line = _item_line(item)
        each.append(hours)
        lines.append(line)
    total = sum(each)
    lines.append(("figures.roster_total", {"sum": " + ".join(fmt_number(h, 0) for h in each), "hours": total}))
    found = {"hours": total}
    by_months = [(item, hours) for item, hours in zip(items, each, strict=True) if item.months is not None]
    if len(by_months) == 1:  # « et si celui en CDD est à 80 % ? » next changes that one person's share
        item, hours = by_months[0]
        found |= {"roster_months": item.months or 0.0, "roster_share": item.share, "roster_other": total - hours}
    return Figures("roster", {"people": len(items)}, found, lines)


def roster_with_share(months: float, before_share: float, other: float, share: float) -> Figures:
    """The same list with the one person counted in months now at ``share`` of full time."""
    hours = months * MONTHLY_FULL_TIME * share
    values: dict[str, Value] = {
        "months": months,
        "monthly": fmt_number(MONTHLY_FULL_TIME, 2),
        "share": share,
        "hours": hours,
        "before": months * MONTHLY_FULL_TIME * before_share,
        "other": other,
        "total": hours + other,
    }
    found = {"hours": hours + other, "roster_months": months, "roster_share": share, "roster_other": other}
    return Figures("roster", {"months": months, "share": share}, found, [("figures.roster_share", values)])
