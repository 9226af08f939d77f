"""The steps every sizing method shares: reading each parameter with its default, warnings, the final result."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any, NoReturn

from assistant.errors import InvalidInput, UnknownTrade
from assistant.fr import (
    capitalized,
    fmt_euros,
    fmt_hours,
    fmt_months,
    fmt_number,
    fmt_percent,
    fmt_plain,
    read_amount_decimal,
    read_decimal,
    read_fraction_decimal,
)
from assistant.guardrails import proportionality_warning
from assistant.sizing.grid import (
    Grid,
    MarketType,
    Trade,
    guess_trade,
    lookup_trade,
    quoted,
    suggest_trades,
    trade_named,
)
from assistant.sizing.params import MAX_HOURLY_COST, MAX_MONTHS, MIN_HOURLY_COST, MIN_MONTHS
from assistant.sizing.result import METHOD_LABELS, Assumption, LotLine, Method, Origin, SizingResult
from assistant.sizing.social_condition import SocialConditionCheck, ValueBasis, check, market_type_of

# === arithmetic ===============================================================


def round_hours(value: Decimal) -> int:
    """Half-up rounding to the nearest hour (833,33 → 833 ; 0,5 → 1)."""
    with localcontext() as context:
        context.prec = 60
        return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def round2(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def dec(value: float) -> Decimal:
    return Decimal(repr(value))


# === shared building blocks ==================================================


class Computation:
    """Accumulates assumptions, warnings and notes while a sizing runs."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.assumptions: list[Assumption] = []
        self.warnings: list[str] = []
        self.notes: list[str] = []
        self.social_condition: SocialConditionCheck | None = None

    def text(self, key: str, **values: Any) -> str:
        """A text of ``sizing_texts.yaml`` with its placeholders filled."""
        return self.grid.texts.get(key, **values)

    def source_note(self, key: str | None) -> str:
        """« (source : titre) » for a grid source, or nothing."""
        source = self.grid.source(key)
        return self.text("notes.source", title=source.title) if source else ""

    def assume(
        self,
        name: str,
        label: str,
        value: float | int | str,
        display: str,
        origin: Origin,
        source_key: str | None = None,
        note: str | None = None,
    ) -> None:
        source = self.grid.source(source_key)
        self.assumptions.append(
            Assumption(
                name=name,
                label=label,
                value=value,
                display=display,
                origin=origin,
                source_title=source.title if source else None,
                source_url=source.url if source else None,
                note=note,
            )
        )

    def warn(self, message: str | None) -> None:
        if message and message not in self.warnings:
            self.warnings.append(message)


def amount(ctx: Computation, value: Any, *, field: str = "amount", label: str = "montant HT du marché") -> Decimal:
    if value is None:
        raise InvalidInput(f"{capitalized(label)} : indiquez le montant HT estimé du marché.", field=field)
    amount = read_amount_decimal(value, field=field, label=label)
    return amount


def rate(ctx: Computation, value: Any, *, field: str = "rate", label: str = "taux d'insertion") -> Decimal:
    grid = ctx.grid
    if value is None:
        rate = dec(grid.defaults.insertion_rate.value)
        ctx.assume(
            "insertion_rate",
            capitalized(label),
            float(rate),
            fmt_percent(rate),
            "défaut",
            grid.defaults.insertion_rate.source,
            grid.defaults.insertion_rate.note,
        )
    else:
        rate = read_fraction_decimal(value, field=field, label=label)
        if rate == 0:
            raise InvalidInput(
                f"{capitalized(label)} : un taux nul ne donne aucune heure ; indiquez un taux entre 0 et 100 %.",
                field=field,
            )
        ctx.assume("insertion_rate", capitalized(label), float(rate), fmt_percent(rate), "utilisateur")
    rate_warnings(ctx, rate)
    return rate


def rate_warnings(ctx: Computation, rate: Decimal) -> None:
    rates = ctx.grid.rates
    if rate > dec(rates.disproportion_above):
        ctx.warn(proportionality_warning(float(rate), rates.disproportion_above))
    elif rate >= dec(rates.usual_max):
        ctx.warn(
            ctx.text(
                "warnings.rate_above_usual" if rate > dec(rates.usual_max) else "warnings.rate_at_usual_max",
                rate=fmt_percent(rate),
                usual_min=fmt_percent(dec(rates.usual_min)),
                usual_max=fmt_percent(dec(rates.usual_max)),
                source=ctx.source_note(rates.usual_source),
            )
        )


def hourly_cost(ctx: Computation, value: Any) -> Decimal:
    grid = ctx.grid
    if value is None:
        cost = dec(grid.defaults.hourly_cost.value)
        ctx.assume(
            "hourly_cost",
            "Coût horaire chargé",
            float(cost),
            f"{fmt_number(cost)} €/h",
            "défaut",
            grid.defaults.hourly_cost.source,
            grid.defaults.hourly_cost.note,
        )
        return cost
    cost = read_decimal(value, field="hourly_cost", label="coût horaire")
    if cost <= 0:
        raise InvalidInput(
            f"Coût horaire : il doit être strictement positif (reçu : {fmt_plain(cost)} €/h).", field="hourly_cost"
        )
    if cost < MIN_HOURLY_COST or cost > MAX_HOURLY_COST:
        raise InvalidInput(
            f"Coût horaire : {fmt_number(cost)} €/h paraît absurde (attendu entre {fmt_number(MIN_HOURLY_COST)} et "
            f"{fmt_number(MAX_HOURLY_COST)} €/h) ; "
            f"indiquez un coût horaire chargé (valeur par défaut de la grille : {fmt_number(dec(ctx.grid.defaults.hourly_cost.value))} €/h).",
            field="hourly_cost",
        )
    ctx.assume("hourly_cost", "Coût horaire chargé", float(cost), f"{fmt_number(cost)} €/h", "utilisateur")
    selling = grid.selling_price_cost
    if selling is not None and cost >= dec(selling.value):
        usual = dec(grid.defaults.hourly_cost.value)
        ctx.warn(
            ctx.text(
                "warnings.selling_price_cost",
                cost=f"{fmt_number(cost)} €/h",
                usual=f"{fmt_number(usual)} €/h",
                factor=fmt_number(cost / usual, 2),
                source=ctx.source_note(selling.source),
            )
        )
    return cost


def months(ctx: Computation, value: Any, *, required: bool = False, why: str = "") -> Decimal | None:
    if value is None:
        if required:
            raise InvalidInput(f"Durée du marché (mois) : indiquez-la {why}.".replace("  ", " "), field="months")
        return None
    months = read_decimal(value, field="months", label="durée du marché (mois)")
    if months <= 0:
        raise InvalidInput(
            f"Durée du marché (mois) : elle doit être strictement positive (reçu : {fmt_plain(months)}).",
            field="months",
        )
    if months < MIN_MONTHS:
        raise InvalidInput(
            f"Durée du marché (mois) : {fmt_number(months, decimals=4)} mois paraît trop court ; vérifiez la durée.",
            field="months",
        )
    if months > MAX_MONTHS:
        raise InvalidInput(
            f"Durée du marché (mois) : {fmt_number(months)} mois dépasse {fmt_number(MAX_MONTHS)} mois (50 ans) ; "
            "vérifiez la durée.",
            field="months",
        )
    ctx.assume("months", "Durée du marché", float(months), fmt_months(months), "utilisateur")
    return months


def etp_base(ctx: Computation, value: Any) -> int:
    grid = ctx.grid
    allowed = grid.allowed_etp_bases()
    default = grid.defaults.etp_base
    if value is None:
        base = int(default.value)
        ctx.assume(
            "etp_base",
            "Base d'un équivalent temps plein",
            base,
            f"{fmt_number(base)} h/an",
            "défaut",
            default.source,
            default.note,
        )
        return base
    number = read_decimal(value, field="etp_base", label="base ETP")
    listed = ", ".join(f"{fmt_number(b)} h{' (par défaut)' if i == 0 else ''}" for i, b in enumerate(allowed))
    if number != number.to_integral_value() or int(number) not in allowed:
        raise InvalidInput(
            f"Base ETP : {fmt_number(number)} h n'est pas une base admise. Valeurs possibles : {listed}.",
            field="etp_base",
        )
    base = int(number)
    entry = next((alt for alt in [default, *grid.defaults.etp_alternatives] if int(alt.value) == base), default)
    ctx.assume(
        "etp_base",
        "Base d'un équivalent temps plein",
        base,
        f"{fmt_number(base)} h/an",
        "utilisateur",
        entry.source,
        entry.note,
    )
    return base


def labour_share(
    ctx: Computation, value: Any, trade_name: str | None, *, lot_label: str | None = None
) -> tuple[Decimal, Origin, Trade | None]:
    """Labour share from the user or from the trade in the grid, with its warnings."""
    grid = ctx.grid
    where = f" (lot « {lot_label} »)" if lot_label else ""
    trade: Trade | None = None
    if trade_name:
        # A lot label carries the trade among other words; a trade argument is the trade itself.
        trade = guess_trade(grid, trade_name) if lot_label else trade_named(grid, trade_name)
    if value is not None:
        share = read_fraction_decimal(value, field="labour_share", label="part de main-d'œuvre")
        if share == 0:
            raise InvalidInput(
                f"Part de main-d'œuvre{where} : une part nulle ne donne aucune heure ; indiquez une part entre 0 et 100 %.",
                field="labour_share",
            )
        if trade is not None:
            ctx.assume("trade", f"Corps d'état{where}", trade.label, trade.label, "utilisateur")
        elif trade_name and not lot_label:
            ctx.notes.append(ctx.text("notes.trade_not_in_grid", trade=trade_name, share=fmt_percent(share)))
        ctx.assume("labour_share", f"Part de main-d'œuvre{where}", float(share), fmt_percent(share), "utilisateur")
        return share, "utilisateur", trade
    if trade is None and trade_name:
        if lot_label:
            unknown_lot_trade(grid, lot_label, trade_name)
        lookup_trade(grid, trade_name)
    if trade is None:
        raise InvalidInput(
            f"Part de main-d'œuvre{where} : indiquez un corps d'état de la grille ou la part de main-d'œuvre "
            "du marché (en %, par exemple « 35 % »).",
            field="labour_share",
        )
    ctx.assume("trade", f"Corps d'état{where}", trade.label, trade.label, "utilisateur")
    if trade.labour_share is None:
        raise InvalidInput(
            f"Part de main-d'œuvre{where} : la grille n'a pas de ratio publié pour « {trade.label} » ; "
            "indiquez la part de main-d'œuvre retenue avec le facilitateur (par exemple 60 %).",
            field="labour_share",
        )
    share = dec(trade.labour_share)
    based_on = grid.trade_by_id(trade.based_on) if trade.based_on else None
    source_key = trade.source or (based_on.source if based_on else None)
    ctx.assume(
        "labour_share",
        f"Part de main-d'œuvre ({trade.label})",
        float(share),
        fmt_percent(share),
        "grille",
        source_key,
        trade.note,
    )
    if not trade.sourced:
        basis = ctx.text("warnings.unsourced_share_basis", based_on=based_on.label) if based_on else ""
        ctx.warn(
            ctx.text("warnings.unsourced_share", share=fmt_percent(share), trade=trade.label, where=where, basis=basis)
        )
    return share, "grille", trade


def unknown_lot_trade(grid: Grid, lot_label: str, trade_name: str) -> NoReturn:
    suggestions = suggest_trades(grid, trade_name)
    hint = f" Corps d'état proches : {quoted(suggestions)}." if suggestions else ""
    raise UnknownTrade(
        f"Lot « {lot_label} » : corps d'état non reconnu.{hint} Précisez le corps d'état ou la part de "
        "main-d'œuvre du lot (format « intitulé:montant:corps d'état » ou « intitulé:montant:60 % »).",
        suggestions=suggestions,
        detail=f"no trade for lot {lot_label!r}",
    )


def social_condition(
    ctx: Computation,
    value: Decimal,
    market_type: MarketType | None,
    trades: list[Trade | None],
    *,
    basis: ValueBasis = "market",
    lot: str | None = None,
) -> None:
    """Record the one line on the mandatory social condition (type: the user's, else the trades')."""
    kind, origin = market_type_of(market_type, trades, lots=len(trades) > 1)
    named = trades[0].label if len(trades) == 1 and trades[0] is not None else None
    ctx.social_condition = check(ctx.grid, value, kind, origin, basis=basis, trade=named, lot=lot)


def small_clause_reason(ctx: Computation, hours: int) -> str | None:
    small = ctx.grid.small_clause
    if hours < small.min_hours:
        return ctx.text(
            "warnings.small_clause_reason",
            hours=fmt_hours(hours),
            min_hours=fmt_hours(dec(small.min_hours)),
            source=ctx.source_note(small.source),
        )
    return None


def small_lots_warning(ctx: Computation, small: list[tuple[str, int]]) -> str | None:
    """One warning for the lots under the small-clause mark: the lot's own sentence when it is alone,
    else one sentence naming them all with their hours (not the same sentence once per lot)."""
    if not small:
        return None
    if len(small) == 1:
        label, hours = small[0]
        return ctx.text("warnings.small_lot", lot=label, reason=small_clause_reason(ctx, hours))
    mark = ctx.grid.small_clause
    return ctx.text(
        "warnings.small_lots",
        lots=", ".join(f"« {label} » ({fmt_hours(hours)})" for label, hours in small),
        min_hours=fmt_hours(dec(mark.min_hours)),
        source=ctx.source_note(mark.source),
    )


def etp(hours: int, base: int, months: Decimal | None) -> tuple[float, float | None]:
    total = Decimal(hours) / Decimal(base)
    per_year = None if months is None else Decimal(hours) / Decimal(base) / (months / Decimal(12))
    return round2(total), (None if per_year is None else round2(per_year))


def rounding_text(ctx: Computation, exact: Decimal, hours: int) -> str:
    if fmt_number(exact) == fmt_number(hours):
        return ctx.text("notes.rounding_exact", hours=fmt_hours(hours))
    return ctx.text("notes.rounding", exact=fmt_number(exact), hours=fmt_hours(hours))


def framework(ctx: Computation, amount: Decimal, maximum: Any) -> tuple[Decimal, ValueBasis]:
    """Record the framework-agreement basis; return the value that decides the European threshold.

    Hours are sized on the realistic estimate, but the threshold of a framework
    agreement is compared with its maximum, or failing that its estimated total
    over its whole duration (the amount given): the social-condition line says which.
    """
    ctx.warn(ctx.text("warnings.framework", amount=fmt_euros(amount)))
    ctx.assume(
        "framework_basis",
        "Base de calcul de l'accord-cadre",
        "montant estimé réaliste",
        "montant estimé réaliste (et non le maximum)",
        "utilisateur",
    )
    if maximum is None:
        return amount, "framework_total"
    maximum_amount = read_amount_decimal(maximum, field="maximum_amount", label="montant maximum de l'accord-cadre")
    if maximum_amount < amount:
        raise InvalidInput(
            "Montant maximum de l'accord-cadre : il est inférieur au montant estimé "
            f"({fmt_euros(maximum_amount)} < {fmt_euros(amount)}).",
            field="maximum_amount",
        )
    ctx.assume(
        "maximum_amount",
        "Montant maximum de l'accord-cadre",
        float(maximum_amount),
        fmt_euros(maximum_amount),
        "utilisateur",
    )
    return maximum_amount, "framework_maximum"


def finish(
    ctx: Computation,
    *,
    method: Method,
    exact: Decimal,
    hours_worked: Decimal | None,
    etp_base: int,
    months: Decimal | None,
    formula: str,
    framework: bool = False,
    clause_advised: bool = True,
    proration: Decimal | None = None,
    lots: list[LotLine] | None = None,
    hours: int | None = None,
) -> SizingResult:
    hours = round_hours(exact) if hours is None else hours
    etp_total, etp_per_year = etp(hours, etp_base, months)
    hours_per_year = None
    if months is not None:
        hours_per_year = round_hours(Decimal(hours) / (months / Decimal(12)))
        if framework:
            per_year = fmt_hours(Decimal(hours) / (months / Decimal(12)))
            formula += f" ; soit {per_year} par an sur {fmt_months(months)}"  # « 48 mois (4 ans) », never « 4 an(s) »
    else:
        ctx.notes.append(ctx.text("notes.no_duration"))
    return SizingResult(
        method=method,
        method_label=METHOD_LABELS[method],
        hours=hours,
        hours_exact=float(exact),
        rounding=rounding_text(ctx, exact, hours),
        hours_worked=None if hours_worked is None else round_hours(hours_worked),
        etp_base=etp_base,
        etp_total=etp_total,
        etp_per_year=etp_per_year,
        months=None if months is None else float(months),
        hours_per_year=hours_per_year,
        framework=framework,
        clause_advised=clause_advised,
        proration=None if proration is None else float(proration),
        formula=formula,
        assumptions=ctx.assumptions,
        social_condition=ctx.social_condition,
        warnings=ctx.warnings,
        notes=ctx.notes,
        lots=lots,
    )


def small_clause_warning(ctx: Computation, hours: int) -> str | None:
    reason = small_clause_reason(ctx, hours)
    return ctx.text("warnings.small_clause", reason=reason) if reason else None
