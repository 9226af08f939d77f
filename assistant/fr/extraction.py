"""Every parameter of one message at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from assistant.fr.clause_kinds import ClauseKind, find_clause_kind
from assistant.fr.market import MarketType, market_type_in, market_value_in, maximum_in
from assistant.fr.numbers import prepare
from assistant.fr.quantities import (
    annual_amount_in,
    best_amount,
    first_role,
    hourly_cost_in,
    market_amounts,
    parse_duration_months,
    parse_etp_base,
    parse_hours,
    parse_monthly_hours,
    parse_worked_hours,
    penalty_in,
    scan_money,
    scan_percentages,
)
from assistant.fr.safety import never_raise
from assistant.fr.trades import Lot, TradeEntry, TradeMatch, find_trade, parse_lots


@dataclass(frozen=True, slots=True)
class Extraction:
    """Every parameter read from one message; None (or empty) when the text does not say it."""

    amount: float | None = None
    rate: float | None = None
    labour_share: float | None = None
    weight: float | None = None
    months: int | None = None
    hourly_cost: float | None = None
    hours: int | None = None
    worked_hours: int | None = None  # hours of labour of the market, the base of a rate (not insertion hours)
    monthly_transferred_hours: int | None = None
    etp_base: int | None = None
    trade: TradeMatch | None = None
    lots: tuple[Lot, ...] = field(default_factory=tuple)
    clause_kind: ClauseKind | None = None
    penalty_per_hour: float | None = None
    # The market as a whole, for the social-condition threshold (article L2112-2-1):
    # its value (a framework agreement's maximum when said, never a lot's amount), the
    # maximum alone, and its type (EU threshold category).
    market_value: float | None = None
    maximum_amount: float | None = None
    market_type: MarketType | None = None
    # An amount said per year (« 1,1 M€ HT par an »): the market's value is this times its duration.
    annual_amount: float | None = None
    # A person's working time as a share of full time (« la personne est à 80 % »), not a rate.
    time_share: float | None = None

    @property
    def trade_id(self) -> str | None:
        return self.trade.id if self.trade else None

    def found(self) -> dict[str, Any]:
        """The parameters actually present, for logs and tool calls."""
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if value is None or value == ():
                continue
            if isinstance(value, TradeMatch):
                value = value.id
            elif name == "lots":
                value = [lot.number for lot in value]
            out[name] = value
        return out


# --------------------------------------------------------------------------- all at once


@never_raise(Extraction)
def extract(text: str, trades: Iterable[TradeEntry] | None = None) -> Extraction:
    """Every parameter of one message; nothing is guessed (None when the text does not say it)."""
    doc = prepare(text)
    monies = scan_money(doc)  # scanned once: amounts, hourly cost and penalty share it
    amounts = market_amounts(doc, monies)
    percentages = scan_percentages(doc)
    return Extraction(
        amount=best_amount(amounts),
        rate=first_role(percentages, "rate"),
        labour_share=first_role(percentages, "labour_share"),
        weight=first_role(percentages, "weight"),
        months=parse_duration_months(text),
        hourly_cost=hourly_cost_in(monies),
        hours=parse_hours(text),
        worked_hours=parse_worked_hours(text),
        monthly_transferred_hours=parse_monthly_hours(text),
        etp_base=parse_etp_base(text),
        trade=find_trade(text, trades),
        lots=tuple(parse_lots(text)),
        clause_kind=find_clause_kind(text),
        penalty_per_hour=penalty_in(doc, monies),
        market_value=market_value_in(doc, monies),
        maximum_amount=maximum_in(doc, monies),
        market_type=market_type_in(doc.folded.text),
        annual_amount=annual_amount_in(doc, amounts),
        time_share=first_role(percentages, "time_share"),
    )
