"""Whether a market is too small for an insertion clause to make sense, from its amount alone.

A clause drafted without a volume of hours (« court svp, c'est un petit marché de 30 k€ ») still
deserves the warning a sizing would give: even with the highest labour share the grid publishes,
the usual rate and the default hourly cost, the hours stay under the small-clause mark.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from assistant.sizing.grid import Grid


@dataclass(frozen=True)
class SmallMarket:
    """The most hours a market of ``amount`` could bear, and the mark it stays under."""

    amount: float
    labour_share: float
    rate: float
    hourly_cost: float
    ceiling: int
    min_hours: float


def small_market(amount: float, grid: Grid) -> SmallMarket | None:
    """The ceiling of hours when it stays under the grid's small-clause mark, else None."""
    shares = [trade.labour_share for trade in grid.trades if trade.sourced and trade.labour_share]
    if amount <= 0 or not shares:
        return None
    share = max(shares)
    rate = grid.defaults.insertion_rate.value
    cost = grid.defaults.hourly_cost.value
    ceiling = Decimal(str(amount)) * Decimal(str(share)) * Decimal(str(rate)) / Decimal(str(cost))
    hours = int(ceiling.to_integral_value())
    if hours >= grid.small_clause.min_hours:
        return None
    return SmallMarket(amount, share, rate, cost, hours, grid.small_clause.min_hours)
