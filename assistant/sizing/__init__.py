"""Insertion-hours calculators: pure functions over the sizing grid.

Every number the methods use (rates, hourly cost, ETP bases, thresholds, the
cleaning branch parameter, labour shares by trade) comes from the sizing grid
(``corpus/data/sizing_grid.yaml``), which the Department may edit; the grid is
loaded once by the caller with :func:`load_grid` and passed in. The French texts
(warnings, notes, the line on the mandatory social condition) come from
``corpus/data/sizing_texts.yaml``, loaded with the grid. The only
constants here are sanity bounds on user input (an amount over 10 billion euros
is a typo, not a market).

Arithmetic runs on :class:`~decimal.Decimal` so that published examples come out
exactly (1 200 000 € × 50 % × 7 % ÷ 30 €/h is 1 400 h, not 1 399.999…), and the
hours are rounded half up to the nearest hour, which the result states.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from assistant.errors import InvalidInput
from assistant.sizing.grid import (
    MARKET_TYPES,
    Grid,
    MarketType,
    SocialStatus,
    Trade,
    cached_grid,
    eu_threshold,
    guess_trade,
    load_grid,
    lookup_trade,
    social_status,
    suggest_trades,
    trade_named,
)
from assistant.sizing.methods import (
    convert_hours,
    size_cleaning_transfer,
    size_labour_share,
    size_lots,
    size_percent_of_hours,
    size_worked_hours,
)
from assistant.sizing.params import (
    MAX_HOURLY_COST,
    MAX_HOURS,
    MAX_MONTHS,
    MAX_TRANSFERRED_HOURS,
    MIN_HOURLY_COST,
    MIN_MONTHS,
    LotInput,
    SizingParams,
    cli_option,
    parse_lot_spec,
)
from assistant.sizing.result import METHOD_LABELS, Assumption, LotLine, Method, Origin, SizingResult
from assistant.sizing.social_condition import SocialConditionCheck
from assistant.sizing.steps import round_hours
from assistant.sizing.texts import SizingTexts, load_texts

# === single entry point ======================================================


def size(grid: Grid, params: SizingParams | Mapping[str, Any]) -> SizingResult:
    """Dispatch to the right method from raw parameters (CLI, agent, API).

    Multi-lot when ``lots`` is given; cleaning with staff transfer when
    ``transferred_hours_per_month`` is; percentage of hours worked when
    ``percent_of_hours`` is; ETP conversion when only ``hours`` is; the rate on
    known hours worked when only ``hours_worked`` is; otherwise the labour-share method.
    """
    if not isinstance(params, SizingParams):
        try:
            params = SizingParams.model_validate(dict(params))
        except ValidationError as error:
            first = error.errors()[0]
            field = str(first["loc"][0]) if first.get("loc") else None
            message = (
                f"Paramètre inconnu : « {field} »."
                if first.get("type") == "extra_forbidden"
                else f"Paramètre « {field} » illisible."
            )
            raise InvalidInput(message, field=field, detail=str(error)) from None
    p = params
    if p.lots:
        return size_lots(
            grid,
            list(p.lots),
            rate=p.rate if p.percent_of_hours is None else p.percent_of_hours,
            hourly_cost=p.hourly_cost,
            months=p.months,
            etp_base=p.etp_base,
            market_type=p.market_type,
            framework=p.framework,
        )
    if p.amount is None and p.hours is not None:
        return convert_hours(grid, p.hours, etp_base=p.etp_base, months=p.months)
    if p.amount is None and p.hours_worked is not None:
        return size_worked_hours(
            grid,
            hours_worked=p.hours_worked,
            rate=p.rate if p.percent_of_hours is None else p.percent_of_hours,
            months=p.months,
            etp_base=p.etp_base,
        )
    if p.transferred_hours_per_month is not None:
        return size_cleaning_transfer(
            grid,
            amount=p.amount,
            months=p.months,
            transferred_hours_per_month=p.transferred_hours_per_month,
            rate=p.rate if p.percent_of_hours is None else p.percent_of_hours,
            etp_base=p.etp_base,
            framework=p.framework,
            maximum_amount=p.maximum_amount,
        )
    if p.percent_of_hours is not None:
        if p.rate is not None:
            raise InvalidInput(
                "Pourcentage des heures travaillées : indiquez soit un taux d'insertion, soit un pourcentage des "
                "heures travaillées, pas les deux.",
                field="percent_of_hours",
            )
        return size_percent_of_hours(
            grid,
            amount=p.amount,
            percent=p.percent_of_hours,
            trade=p.trade,
            labour_share=p.labour_share,
            hourly_cost=p.hourly_cost,
            months=p.months,
            etp_base=p.etp_base,
            market_type=p.market_type,
            framework=p.framework,
            maximum_amount=p.maximum_amount,
        )
    return size_labour_share(
        grid,
        amount=p.amount,
        trade=p.trade,
        labour_share=p.labour_share,
        rate=p.rate,
        hourly_cost=p.hourly_cost,
        months=p.months,
        etp_base=p.etp_base,
        market_type=p.market_type,
        framework=p.framework,
        maximum_amount=p.maximum_amount,
    )


__all__ = [
    "MARKET_TYPES",
    "MAX_HOURLY_COST",
    "MAX_HOURS",
    "MAX_MONTHS",
    "MAX_TRANSFERRED_HOURS",
    "METHOD_LABELS",
    "MIN_HOURLY_COST",
    "MIN_MONTHS",
    "Assumption",
    "Grid",
    "LotInput",
    "LotLine",
    "MarketType",
    "Method",
    "Origin",
    "SizingParams",
    "SizingResult",
    "SizingTexts",
    "SocialConditionCheck",
    "SocialStatus",
    "Trade",
    "cached_grid",
    "cli_option",
    "convert_hours",
    "eu_threshold",
    "guess_trade",
    "load_grid",
    "load_texts",
    "lookup_trade",
    "parse_lot_spec",
    "round_hours",
    "size",
    "size_cleaning_transfer",
    "size_labour_share",
    "size_lots",
    "size_percent_of_hours",
    "size_worked_hours",
    "social_status",
    "suggest_trades",
    "trade_named",
]
