"""Whether a market is too small for an insertion clause to make sense, from its amount alone.

A clause drafted without a volume of hours (« court svp, c'est un petit marché de 30 k€ ») still
deserves the warning a sizing would give: even if the whole amount paid for labour at the lowest
hourly figure of the grid, the usual rate of hours would stay under the small-clause mark.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from assistant.sizing.grid import Grid


@dataclass(frozen=True)
class SmallMarket:
    """The most hours a market of ``amount`` could bear, and the mark it stays under."""

    amount: float
    rate: float
    hourly_cost: float
    ceiling: int
    min_hours: float


def small_market(amount: float, grid: Grid) -> SmallMarket | None:
    """The ceiling of hours when it stays under the grid's small-clause mark, else None."""
    if amount <= 0:
        return None
    rate = grid.defaults.insertion_rate.value
    # the lowest euros per hour of labour the grid knows: the default cost or the cleaning branch's turnover
    cost = min(grid.defaults.hourly_cost.value, grid.cleaning.turnover_per_labour_hour)
    ceiling = Decimal(str(amount)) * Decimal(str(rate)) / Decimal(str(cost))
    hours = int(ceiling.to_integral_value())
    if hours >= grid.small_clause.min_hours:
        return None
    return SmallMarket(amount, rate, cost, hours, grid.small_clause.min_hours)
