"""The one plain line of a sizing on the mandatory social condition (article L2112-2-1).

The value compared with the EU threshold is that of the whole market: all lots
together; for a framework agreement its maximum, or failing that its estimated
total. The market's type decides the threshold: the user's, else the one the grid
gives the trade (or every lot's trade). The wording is in ``sizing_texts.yaml``,
the thresholds and the date in ``sizing_grid.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from assistant.fr import fmt_date_fr, fmt_euros
from assistant.sizing.grid import MARKET_TYPES, Grid, MarketType, SocialStatus, Trade, eu_threshold

TypeOrigin = Literal["utilisateur", "corps d'état", "lots", "propreté"]
ValueBasis = Literal["market", "lots", "single_lot", "framework_maximum", "framework_total", "annual"]

_ORIGIN_KEYS: dict[TypeOrigin, str] = {
    "utilisateur": "user",
    "corps d'état": "trade",
    "lots": "lots",
    "propreté": "cleaning",
}


class SocialConditionCheck(BaseModel):
    """Whether the market sized must carry a social execution condition, said in one line."""

    line: str = Field(description="La phrase montrée à l'utilisateur, en français.")
    status: SocialStatus | None = Field(
        description="mandatory (seuil atteint), optional (non atteint) ; None si le type ou la valeur de l'opération manque."
    )
    market_type: MarketType | None = Field(description="Catégorie de seuil retenue (None si inconnue).")
    market_type_origin: TypeOrigin | None = Field(description="D'où vient la catégorie : utilisateur, corps d'état…")
    value: float = Field(description="Valeur comparée au seuil (€ HT).")
    value_basis: ValueBasis = Field(
        description="Ce qu'est cette valeur : marché, tous lots, un lot seul, accord-cadre."
    )
    threshold: float | None = Field(description="Seuil européen appliqué (€ HT), None si le type est inconnu.")


def market_type_of(
    given: MarketType | None, trades: Iterable[Trade | None], *, lots: bool = False
) -> tuple[MarketType | None, TypeOrigin | None]:
    """The user's type, else the type every trade of the market shares in the grid, else unknown."""
    if given is not None:
        return given, "utilisateur"
    listed = list(trades)
    types = {trade.market_type for trade in listed if trade is not None}
    if listed and None not in listed and len(types) == 1:
        return types.pop(), "lots" if lots else "corps d'état"
    return None, None


def check(
    grid: Grid,
    value: Decimal,
    market_type: MarketType | None,
    origin: TypeOrigin | None,
    *,
    basis: ValueBasis = "market",
    trade: str | None = None,
    lot: str | None = None,
    per_year: tuple[Decimal, int] | None = None,
) -> SocialConditionCheck:
    """The line for ``value`` of a market of ``market_type`` (``lot`` names the lot when it is sized alone;
    ``per_year`` gives the annual amount and the months the value was computed from, basis « annual »)."""
    common = _common(grid)
    value_text = _value_text(grid, value, basis, per_year)
    if market_type is None:
        line, status = _unknown_type_line(grid, value, basis, lot, common, value_text)
    else:
        line, status = _known_type_line(grid, value, market_type, origin, basis, trade, lot, common, value_text)
    return SocialConditionCheck(
        line=line,
        status=status,
        market_type=market_type,
        market_type_origin=origin if market_type is not None else None,
        value=float(value),
        value_basis=basis,
        threshold=float(eu_threshold(grid, market_type)) if market_type is not None else None,
    )


def _known_type_line(
    grid: Grid,
    value: Decimal,
    market_type: MarketType,
    origin: TypeOrigin | None,
    basis: ValueBasis,
    trade: str | None,
    lot: str | None,
    common: dict[str, str],
    value_text: str,
) -> tuple[str, SocialStatus | None]:
    texts = grid.texts
    threshold = eu_threshold(grid, market_type)
    category = texts.get(f"social_condition.categories.{market_type}.label")
    origin_key = _ORIGIN_KEYS[origin or "utilisateur"]
    if origin_key == "trade" and not trade:
        origin_key = "user"  # never « d'après le corps d'état «  » »: without its name the category says it all
    values = {
        **common,
        "subject": texts.get(f"social_condition.type_origin.{origin_key}", category=category, trade=trade or ""),
        "threshold_name": texts.get(f"social_condition.categories.{market_type}.threshold_name"),
        "threshold": fmt_euros(threshold),
        "amount": fmt_euros(value),
        "lot": lot or "",
    }
    reached = value >= threshold
    if basis == "single_lot":
        # Below the threshold, the operation's value decides, not the lot's: the status stays unknown.
        key = "single_lot_reached" if reached else "single_lot"
        return texts.get(f"social_condition.{key}", value="", **values), "mandatory" if reached else None
    line = texts.get(f"social_condition.{'reached' if reached else 'not_reached'}", value=value_text, **values)
    return line, "mandatory" if reached else "optional"


def _common(grid: Grid) -> dict[str, str]:
    texts = grid.texts
    thresholds = grid.european_thresholds
    return {
        "period": thresholds.period,
        "mandatory": texts.get(
            "social_condition.mandatory", mandatory_from=fmt_date_fr(thresholds.social_condition_mandatory_from)
        ),
        "optional": texts.get("social_condition.optional"),
    }


def _value_text(grid: Grid, value: Decimal, basis: ValueBasis, per_year: tuple[Decimal, int] | None) -> str:
    """What is compared with the threshold, in words (« 6 600 000 € HT sur toute la durée… »)."""
    if basis == "single_lot":
        return ""
    if basis == "annual" and per_year is not None:
        annual, months = per_year
        return grid.texts.get(
            "social_condition.value.annual",
            amount=fmt_euros(value),
            annual=fmt_euros(annual),
            duration=_duration(months),
        )
    return grid.texts.get(f"social_condition.value.{'market' if basis == 'annual' else basis}", amount=fmt_euros(value))


def _duration(months: int) -> str:
    """« 6 ans », « 1 an », « 18 mois »."""
    if months % 12:
        return f"{months} mois"
    years = months // 12
    return f"{years} an" if years == 1 else f"{years} ans"


def _unknown_type_line(
    grid: Grid, value: Decimal, basis: ValueBasis, lot: str | None, common: dict[str, str], value_text: str
) -> tuple[str, SocialStatus | None]:
    texts = grid.texts
    if basis == "single_lot":
        return texts.get("social_condition.single_lot_unknown", lot=lot or "", amount=fmt_euros(value), **common), None
    ordered = sorted(MARKET_TYPES, key=lambda kind: eu_threshold(grid, kind))
    reached = [kind for kind in ordered if value >= eu_threshold(grid, kind)]
    missed = [kind for kind in ordered if kind not in reached]
    if not reached:
        lowest = fmt_euros(eu_threshold(grid, ordered[0]))
        return texts.get("social_condition.unknown_none", value=value_text, lowest=lowest, **common), "optional"
    if not missed:
        highest = fmt_euros(eu_threshold(grid, ordered[-1]))
        return texts.get("social_condition.unknown_all", value=value_text, highest=highest, **common), "mandatory"

    def item(key: str, kind: MarketType) -> str:
        name = texts.get(f"social_condition.unknown_category_names.{kind}")
        return texts.get(f"social_condition.{key}", category=name, threshold=fmt_euros(eu_threshold(grid, kind)))

    line = texts.get(
        "social_condition.unknown_some",
        value=value_text,
        reached=" et ".join(item("unknown_reached_item", kind) for kind in reached),
        not_reached=" ni ".join(item("unknown_not_reached_item", kind) for kind in missed),
        **common,
    )
    return line, None
