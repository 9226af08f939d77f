"""The sizing parameters as users, the CLI, the API and the agent give them, and the bounds on their values."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.errors import InvalidInput

# --- sanity bounds on user input (not domain figures) -----------------------

MAX_HOURLY_COST = Decimal("1000")  # euros per hour
MIN_HOURLY_COST = Decimal("1")  # below one euro an hour the figure is a typo
MAX_MONTHS = Decimal("600")  # 50 years
MIN_MONTHS = Decimal("0.1")  # about three days: shorter durations are typos
MAX_HOURS = Decimal("100000000")  # for the ETP conversion alone
MAX_TRANSFERRED_HOURS = Decimal("10000000")  # hours per month

MarketType = Literal["works", "supplies_services"]


class LotInput(BaseModel):
    """A lot to size: its label, amount and optionally its trade or labour share."""

    model_config = ConfigDict(extra="forbid")

    label: str
    amount: float | int | str
    trade: str | None = None
    labour_share: float | int | str | None = None


class SizingParams(BaseModel):
    """Raw parameters as a user, the CLI or the agent gives them (strings allowed)."""

    model_config = ConfigDict(extra="forbid")

    amount: float | int | str | None = None
    trade: str | None = None
    labour_share: float | int | str | None = None
    rate: float | int | str | None = None
    hourly_cost: float | int | str | None = None
    months: float | int | str | None = None
    etp_base: float | int | str | None = None
    transferred_hours_per_month: float | int | str | None = None
    percent_of_hours: float | int | str | None = None
    framework: bool = False
    maximum_amount: float | int | str | None = None
    market_type: MarketType | None = None
    lots: list[LotInput] | None = None
    hours: float | int | str | None = None


def lot_from_mapping(raw: Mapping[str, Any]) -> LotInput:
    try:
        return LotInput.model_validate(dict(raw))
    except ValidationError as error:
        raise InvalidInput(
            "Lots : chaque lot doit avoir un intitulé (label) et un montant (amount), et éventuellement un corps "
            "d'état (trade) ou une part de main-d'œuvre (labour_share).",
            field="lots",
            detail=str(error),
        ) from None


def parse_lot_spec(spec: str) -> LotInput:
    """Read « intitulé:montant[:corps d'état ou part] » as typed on the command line."""
    parts = (
        [part.strip() for part in spec.rsplit(":", 2)]
        if spec.count(":") >= 2
        else [part.strip() for part in spec.rsplit(":", 1)]
    )
    if len(parts) < 2 or not parts[0]:
        raise InvalidInput(
            f"Lot « {spec} » : format attendu « intitulé:montant » (par exemple « Lot 1 - peinture:180000 »), "
            "avec en option « :corps d'état » ou « :part de main-d'œuvre ».",
            field="lots",
        )
    label, amount = parts[0], parts[1]
    extra = parts[2] if len(parts) == 3 else None
    if len(parts) == 3 and not _looks_numeric(amount):
        # « Lot 1 : peinture:180000 » — the first colon belonged to the label.
        label, amount, extra = f"{parts[0]} : {parts[1]}", parts[2], None
    if extra and (_looks_numeric(extra) or "%" in extra):
        return LotInput(label=label, amount=amount, labour_share=extra)
    return LotInput(label=label, amount=amount, trade=extra or None)


def _looks_numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[\d\s\u00a0\u202f.,]+(?:\s*(?:€|%|eur|euros|ht))*", text.strip(), re.IGNORECASE))
