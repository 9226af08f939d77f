"""A table of insertion hours per lot (« tu peux me faire un tableau par lot pour le bailleur ? »).

Built from the conversation's sizing: each lot's amount and labour share when known, else left
« à compléter » / « à fixer avec le facilitateur » rather than guessed; the operation's total
on the share the sizing used (the building average shown as such when the trade has none);
one column of hours per insertion rate the conversation tried (« et pour 7 % ? »).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from assistant.sizing.grid import Grid, trade_named
from assistant.sizing.steps import round_hours

MAX_RATES = 3


@dataclass(frozen=True)
class LotRow:
    label: str
    amount: float | None
    share: float | None
    hours: tuple[int | None, ...]


@dataclass(frozen=True)
class LotTable:
    rows: tuple[LotRow, ...]
    total: LotRow | None
    rates: tuple[float, ...]
    hourly_cost: float
    total_share_basis: str | None  # the trade whose share the total uses when it is not the market's own


def _hours(amount: float | None, share: float | None, rate: float, cost: float) -> int | None:
    if amount is None or share is None or cost <= 0:
        return None
    value = Decimal(str(amount)) * Decimal(str(share)) * Decimal(str(rate)) / Decimal(str(cost))
    return int(round_hours(value))


def _share(entry: Mapping[str, Any], grid: Grid) -> float | None:
    if entry.get("labour_share") is not None:
        return float(entry["labour_share"])
    trade = trade_named(grid, str(entry["trade"])) if entry.get("trade") else None
    return trade.labour_share if trade is not None else None


def lot_table(params: Mapping[str, Any], rates: Sequence[float], grid: Grid) -> LotTable:
    """The hours per lot and in total for the sizing ``params``, at each of ``rates`` (the last few tried)."""
    tried = [float(rate) for rate in rates if rate]
    if params.get("rate") and float(params["rate"]) not in tried:
        tried.append(float(params["rate"]))
    kept = sorted(set(tried[-MAX_RATES:])) or [grid.defaults.insertion_rate.value]
    cost = float(params.get("hourly_cost") or grid.defaults.hourly_cost.value)
    rows = []
    for lot in params.get("lots") or []:
        amount = float(lot["amount"]) if lot.get("amount") is not None else None
        share = _share(lot, grid)
        rows.append(
            LotRow(str(lot.get("label") or "Lot"), amount, share, tuple(_hours(amount, share, r, cost) for r in kept))
        )
    amounts = [row.amount for row in rows]
    total_amount = params.get("amount")
    if total_amount is None and rows and all(amount is not None for amount in amounts):
        total_amount = sum(amount for amount in amounts if amount is not None)
    total: LotRow | None = None
    basis = None
    if total_amount is not None:
        share = _share(params, grid)
        compared = grid.comparison()
        if (
            share is None
            and compared is not None
            and compared.labour_share is not None
            and params.get("market_type") != "supplies_services"
        ):
            share, basis = compared.labour_share, compared.label
        hours = tuple(_hours(float(total_amount), share, r, cost) for r in kept)
        if rows and any(row.hours[0] is None for row in rows):  # a lot still to fix: no total that hides it
            share, basis, hours = None, None, tuple(None for _ in kept)
        elif rows:
            hours = tuple(sum(row.hours[i] or 0 for row in rows) for i in range(len(kept)))
            share, basis = None, None
        total = LotRow("Total de l'opération", float(total_amount), share, hours)
    return LotTable(tuple(rows), total, tuple(kept), cost, basis)
