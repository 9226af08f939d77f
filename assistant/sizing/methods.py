"""The sizing methods: labour share, percentage of hours worked, cleaning with staff transfer, lots, ETP conversion."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from assistant.errors import InvalidInput
from assistant.fr import (
    MAX_AMOUNT,
    check_amount,
    fmt_euros,
    fmt_fixed,
    fmt_hours,
    fmt_months,
    fmt_number,
    fmt_percent,
    fmt_plain,
    read_amount_decimal,
    read_decimal,
)
from assistant.sizing import steps
from assistant.sizing.grid import Grid, MarketType, Trade
from assistant.sizing.params import MAX_HOURS, MAX_TRANSFERRED_HOURS, LotInput, lot_from_mapping
from assistant.sizing.result import LotLine, Method, SizingResult
from assistant.sizing.social_condition import ValueBasis, check
from assistant.sizing.steps import round_hours

# === methods =================================================================


@dataclass(frozen=True)
class _LabourBasis:
    """What both labour-based methods read before and after the rate (assumptions in display order)."""

    value: Decimal
    share: Decimal
    cost: Decimal
    duration: Decimal | None
    base: int
    threshold_amount: Decimal
    threshold_basis: ValueBasis

    @property
    def worked(self) -> Decimal:
        """Hours worked on the market, estimated as amount × labour share ÷ hourly cost."""
        return self.value * self.share / self.cost


def _amount_and_share(
    ctx: steps.Computation, amount: Any, labour_share: Any, trade: str | None, framework: bool
) -> tuple[Decimal, Decimal, Trade | None]:
    value = steps.amount(ctx, amount)
    ctx.assume(
        "amount",
        "Montant HT" + (" estimé réaliste" if framework else ""),
        float(value),
        fmt_euros(value),
        "utilisateur",
    )
    share, _origin, found = steps.labour_share(ctx, labour_share, trade)
    return value, share, found


def _labour_basis(
    ctx: steps.Computation,
    value: Decimal,
    share: Decimal,
    *,
    hourly_cost: Any,
    months: Any,
    etp_base: Any,
    framework: bool,
    maximum_amount: Any,
) -> _LabourBasis:
    cost = steps.hourly_cost(ctx, hourly_cost)
    duration = steps.months(ctx, months, required=framework, why="pour calculer les heures par an de l'accord-cadre")
    base = steps.etp_base(ctx, etp_base)
    threshold_amount, threshold_basis = steps.framework(ctx, value, maximum_amount) if framework else (value, "market")
    return _LabourBasis(value, share, cost, duration, base, threshold_amount, threshold_basis)


def _labour_result(
    ctx: steps.Computation,
    basis: _LabourBasis,
    *,
    method: Method,
    exact: Decimal,
    hours: int,
    formula: str,
    market_type: MarketType | None,
    trade: Trade | None,
    framework: bool,
) -> SizingResult:
    steps.social_condition(ctx, basis.threshold_amount, market_type, [trade], basis=basis.threshold_basis)
    ctx.warn(steps.small_clause_warning(ctx, hours))
    return steps.finish(
        ctx,
        method=method,
        exact=exact,
        hours_worked=basis.worked,
        etp_base=basis.base,
        months=basis.duration,
        formula=formula,
        framework=framework,
        hours=hours,
    )


def size_labour_share(
    grid: Grid,
    *,
    amount: Any,
    trade: str | None = None,
    labour_share: Any = None,
    rate: Any = None,
    hourly_cost: Any = None,
    months: Any = None,
    etp_base: Any = None,
    market_type: MarketType | None = None,
    framework: bool = False,
    maximum_amount: Any = None,
) -> SizingResult:
    """hours = amount HT × labour share × insertion rate ÷ hourly cost."""
    ctx = steps.Computation(grid)
    value, share, found = _amount_and_share(ctx, amount, labour_share, trade, framework)
    insertion = steps.rate(ctx, rate)
    basis = _labour_basis(
        ctx,
        value,
        share,
        hourly_cost=hourly_cost,
        months=months,
        etp_base=etp_base,
        framework=framework,
        maximum_amount=maximum_amount,
    )
    exact = basis.worked * insertion
    hours = round_hours(exact)
    formula = (
        f"{fmt_euros(value)} × {fmt_percent(share)} × {fmt_percent(insertion)} ÷ {fmt_number(basis.cost)} €/h = "
        f"{fmt_hours(hours)}"
    )
    ctx.notes.append(
        ctx.text(
            "notes.labour_amount",
            amount=fmt_euros(value),
            share=fmt_percent(share),
            labour=fmt_euros(value * share),
        )
    )
    ctx.notes.append(
        ctx.text(
            "notes.insertion_amount",
            labour=fmt_euros(value * share),
            rate=fmt_percent(insertion),
            insertion=fmt_euros(value * share * insertion),
            cost=fmt_number(basis.cost),
        )
    )
    if found is not None and found.id == grid.cleaning.trade:
        ctx.notes.append(ctx.text("notes.cleaning_transfer_hint"))  # staff transfer changes the method
    return _labour_result(
        ctx,
        basis,
        method="labour_share",
        exact=exact,
        hours=hours,
        formula=formula,
        market_type=market_type,
        trade=found,
        framework=framework,
    )


def size_percent_of_hours(
    grid: Grid,
    *,
    amount: Any,
    percent: Any,
    trade: str | None = None,
    labour_share: Any = None,
    hourly_cost: Any = None,
    months: Any = None,
    etp_base: Any = None,
    market_type: MarketType | None = None,
    framework: bool = False,
    maximum_amount: Any = None,
) -> SizingResult:
    """Insertion hours = X % of the hours worked, the latter estimated as amount × share ÷ cost."""
    ctx = steps.Computation(grid)
    value, share, found = _amount_and_share(ctx, amount, labour_share, trade, framework)
    if percent is None:
        raise InvalidInput(
            "Pourcentage des heures travaillées : indiquez-le (par exemple 5 %).", field="percent_of_hours"
        )
    insertion = steps.rate(ctx, percent, field="percent_of_hours", label="pourcentage des heures travaillées")
    basis = _labour_basis(
        ctx,
        value,
        share,
        hourly_cost=hourly_cost,
        months=months,
        etp_base=etp_base,
        framework=framework,
        maximum_amount=maximum_amount,
    )
    worked = basis.worked
    exact = worked * insertion
    hours = round_hours(exact)
    formula = (
        f"heures travaillées estimées = {fmt_euros(value)} × {fmt_percent(share)} ÷ {fmt_number(basis.cost)} €/h = "
        f"{fmt_hours(worked)} ; heures d'insertion = {fmt_percent(insertion)} × {fmt_hours(worked)} = {fmt_hours(hours)}"
    )
    ctx.notes.append(ctx.text("notes.percent_of_hours", percent=fmt_percent(insertion), hours=fmt_hours(hours)))
    return _labour_result(
        ctx,
        basis,
        method="percent_of_hours",
        exact=exact,
        hours=hours,
        formula=formula,
        market_type=market_type,
        trade=found,
        framework=framework,
    )


def _hours(raw: Any, *, field: str, label: str) -> Decimal:
    """A number of hours the user gave: strictly positive and no more than ``MAX_HOURS``."""
    value = read_decimal(raw, field=field, label=label)
    if value <= 0 or value > MAX_HOURS:
        raise InvalidInput(
            f"{label[0].upper()}{label[1:]} : indiquez un nombre strictement positif et réaliste "
            f"(reçu : {fmt_plain(value)}).",
            field=field,
        )
    return value


def size_worked_hours(
    grid: Grid, *, hours_worked: Any, rate: Any = None, months: Any = None, etp_base: Any = None
) -> SizingResult:
    """Insertion hours = insertion rate × the hours worked the user knows: no amount, share or cost to estimate."""
    ctx = steps.Computation(grid)
    worked = _hours(hours_worked, field="hours_worked", label="heures travaillées")
    ctx.assume("hours_worked", "Heures travaillées sur le marché", float(worked), fmt_hours(worked), "utilisateur")
    insertion = steps.rate(ctx, rate)
    duration = steps.months(ctx, months)
    base = steps.etp_base(ctx, etp_base)
    exact = worked * insertion
    hours = round_hours(exact)
    ctx.warn(steps.small_clause_warning(ctx, hours))
    return steps.finish(
        ctx,
        method="worked_hours",
        exact=exact,
        hours_worked=None,  # given, not estimated: it is in the assumptions
        etp_base=base,
        months=duration,
        formula=f"{fmt_hours(worked)} × {fmt_percent(insertion)} = {fmt_hours(hours)}",
        hours=hours,
    )


def size_cleaning_transfer(
    grid: Grid,
    *,
    amount: Any,
    months: Any,
    transferred_hours_per_month: Any,
    rate: Any = None,
    etp_base: Any = None,
    framework: bool = False,
    maximum_amount: Any = None,
) -> SizingResult:
    """Cleaning with staff transfer (PACT Propreté): P = 1 − S×C ÷ (A÷N), I = P × A ÷ C × T."""
    ctx = steps.Computation(grid)
    cleaning = grid.cleaning
    value = steps.amount(ctx, amount)
    ctx.assume("amount", "Chiffre d'affaires HT du lot sur la durée (A)", float(value), fmt_euros(value), "utilisateur")
    duration = steps.months(ctx, months, required=True, why="(N) pour la méthode propreté avec reprise du personnel")
    assert duration is not None
    if transferred_hours_per_month is None:
        raise InvalidInput(
            "Heures mensuelles du personnel repris : indiquez-les (0 s'il n'y a pas de reprise).",
            field="transferred_hours_per_month",
        )
    transferred = read_decimal(
        transferred_hours_per_month, field="transferred_hours_per_month", label="heures mensuelles du personnel repris"
    )
    if transferred < 0:
        raise InvalidInput(
            f"Heures mensuelles du personnel repris : elles ne peuvent pas être négatives (reçu : {fmt_plain(transferred)}).",
            field="transferred_hours_per_month",
        )
    if transferred > MAX_TRANSFERRED_HOURS:
        raise InvalidInput(
            f"Heures mensuelles du personnel repris : {fmt_number(transferred)} h/mois paraît absurde ; vérifiez la saisie.",
            field="transferred_hours_per_month",
        )
    ctx.assume(
        "transferred_hours_per_month",
        "Heures mensuelles du personnel repris (S)",
        float(transferred),
        f"{fmt_number(transferred)} h/mois",
        "utilisateur",
    )
    insertion = steps.rate(ctx, rate)
    turnover = steps.dec(cleaning.turnover_per_labour_hour)
    ctx.assume(
        "turnover_per_labour_hour",
        "Chiffre d'affaires par heure de main-d'œuvre (C)",
        float(turnover),
        f"{fmt_number(turnover)} €/h",
        "grille",
        cleaning.source,
        cleaning.note,
    )
    base = steps.etp_base(ctx, etp_base)
    threshold_amount, threshold_basis = steps.framework(ctx, value, maximum_amount) if framework else (value, "market")
    monthly_turnover = value / duration
    proration = 1 - (transferred * turnover) / monthly_turnover
    worked = value / turnover
    without_transfer = worked * insertion
    p_text = (
        f"P = 1 − ({fmt_number(transferred)} h × {fmt_number(turnover)} €/h) ÷ ({fmt_euros(value)} ÷ "
        f"{fmt_number(duration)} mois) = {fmt_fixed(proration)}"
    )
    # A cleaning market is a services market: its threshold is known without asking.
    ctx.social_condition = check(grid, threshold_amount, "supplies_services", "propreté", basis=threshold_basis)
    if proration <= 0:
        formula = f"{p_text} ; P ≤ 0 : aucune heure d'insertion"
        ctx.warn(
            ctx.text(
                "warnings.cleaning_no_hours",
                transferred=fmt_number(transferred),
                transferred_turnover=fmt_euros(transferred * turnover),
                monthly_turnover=fmt_euros(monthly_turnover),
            )
        )
        return steps.finish(
            ctx,
            method="cleaning_transfer",
            exact=Decimal(0),
            hours_worked=worked,
            etp_base=base,
            months=duration,
            formula=formula,
            framework=framework,
            clause_advised=False,
            proration=proration,
            hours=0,
        )
    exact = proration * value / turnover * insertion
    hours = round_hours(exact)
    formula = (
        f"{p_text} ; I = {fmt_fixed(proration)} × {fmt_euros(value)} ÷ {fmt_number(turnover)} €/h × "
        f"{fmt_percent(insertion)} = {fmt_hours(hours)}"
    )
    ctx.notes.append(
        ctx.text(
            "notes.cleaning_without_transfer",
            hours=fmt_hours(round_hours(without_transfer)),
            amount=fmt_euros(value),
            turnover=fmt_number(turnover),
            rate=fmt_percent(insertion),
        )
    )
    advised = exact >= steps.dec(cleaning.min_hours)
    if not advised:
        ctx.warn(
            ctx.text(
                "warnings.cleaning_below_branch",
                hours=fmt_hours(hours),
                min_hours=fmt_hours(steps.dec(cleaning.min_hours)),
            )
        )
    return steps.finish(
        ctx,
        method="cleaning_transfer",
        exact=exact,
        hours_worked=worked,
        etp_base=base,
        months=duration,
        formula=formula,
        framework=framework,
        clause_advised=advised,
        proration=proration,
        hours=hours,
    )


def size_lots(
    grid: Grid,
    lots: list[LotInput | Mapping[str, Any]],
    *,
    rate: Any = None,
    hourly_cost: Any = None,
    months: Any = None,
    etp_base: Any = None,
    market_type: MarketType | None = None,
    framework: bool = False,
) -> SizingResult:
    """One line per lot (labour-share method) plus the total; small lots are flagged with the reason."""
    if not lots:
        raise InvalidInput("Lots : indiquez au moins un lot (intitulé et montant).", field="lots")
    ctx = steps.Computation(grid)
    parsed = [lot if isinstance(lot, LotInput) else lot_from_mapping(lot) for lot in lots]
    insertion = steps.rate(ctx, rate)
    cost = steps.hourly_cost(ctx, hourly_cost)
    duration = steps.months(ctx, months, required=framework, why="pour calculer les heures par an de l'accord-cadre")
    base = steps.etp_base(ctx, etp_base)
    lines: list[LotLine] = []
    trades: list[Trade | None] = []
    total_amount = Decimal(0)
    total_worked = Decimal(0)
    total_exact = Decimal(0)
    for lot in parsed:
        label = lot.label.strip() or "lot sans intitulé"
        value = read_amount_decimal(lot.amount, field="lots", label=f"montant du lot « {label} »")
        ctx.assume("lot_amount", f"Montant HT du lot « {label} »", float(value), fmt_euros(value), "utilisateur")
        share, origin, trade = steps.labour_share(ctx, lot.labour_share, lot.trade or label, lot_label=label)
        trades.append(trade)
        worked = value * share / cost
        exact = worked * insertion
        hours = round_hours(exact)
        formula = (
            f"{label} : {fmt_euros(value)} × {fmt_percent(share)} × {fmt_percent(insertion)} ÷ "
            f"{fmt_number(cost)} €/h = {fmt_hours(hours)}"
        )
        reason = steps.small_clause_reason(ctx, hours)
        lines.append(
            LotLine(
                label=label,
                amount=float(value),
                trade=trade.label if trade else None,
                labour_share=float(share),
                labour_share_origin=origin,
                hours=hours,
                hours_exact=float(exact),
                hours_worked=round_hours(worked),
                formula=formula,
                small=reason is not None,
                reason=reason,
            )
        )
        total_amount += value
        total_worked += worked
        total_exact += exact
    ctx.warn(steps.small_lots_warning(ctx, [(line.label, line.hours) for line in lines if line.small]))
    if total_amount > MAX_AMOUNT:
        check_amount(total_amount, field="lots", label="montant total des lots")
    total_hours = sum(line.hours for line in lines)
    formula = "\n".join(line.formula for line in lines)
    formula += f"\nTotal : {' + '.join(fmt_hours(line.hours) for line in lines)} = {fmt_hours(total_hours)}"
    if len(lines) > 1:
        ctx.notes.append(ctx.text("notes.lots_total"))
    basis: ValueBasis = "lots" if len(lines) > 1 else "single_lot"
    if framework:
        _, basis = steps.framework(ctx, total_amount, None)
    steps.social_condition(
        ctx, total_amount, market_type, trades, basis=basis, lot=lines[0].label if basis == "single_lot" else None
    )
    result = steps.finish(
        ctx,
        method="multi_lot",
        exact=total_exact,
        hours_worked=total_worked,
        etp_base=base,
        months=duration,
        formula=formula,
        framework=framework,
        lots=lines,
        hours=total_hours,
    )
    result.rounding = ctx.text("notes.rounding_lots", exact=fmt_number(total_exact))
    return result


def convert_hours(grid: Grid, hours: Any, *, etp_base: Any = None, months: Any = None) -> SizingResult:
    """ETP for a number of insertion hours: total (hours ÷ base) and per year (÷ years of duration)."""
    ctx = steps.Computation(grid)
    value = _hours(hours, field="hours", label="nombre d'heures")
    ctx.assume("hours", "Heures d'insertion", float(value), fmt_hours(value), "utilisateur")
    duration = steps.months(ctx, months)
    base = steps.etp_base(ctx, etp_base)
    rounded = round_hours(value)
    total, per_year = steps.etp(rounded, base, duration)
    formula = f"{fmt_hours(rounded)} ÷ {fmt_number(base)} h = {fmt_number(total)} ETP"
    if duration is not None and per_year is not None:
        formula += (
            # the hours of one year (× 12 ÷ months) over one ETP's hours, never « ÷ 0,42 an(s) »
            f" ; sur {fmt_months(duration)} : {fmt_hours(rounded)} × 12 ÷ {fmt_number(duration)} mois ÷ "
            f"{fmt_number(base)} h = {fmt_number(per_year)} ETP par an"
        )
    return steps.finish(
        ctx,
        method="etp_conversion",
        exact=value,
        hours_worked=None,
        etp_base=base,
        months=duration,
        formula=formula,
        hours=rounded,
    )
