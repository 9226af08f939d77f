"""An amount the user gives as a quantity at a unit price, read from a message (pure).

« 60 tonnes par an à 1,40 € HT le kg, ça fait combien par an et sur 3 ans ? »: quantity × unit price, the tonne
and the kilogram converted into one another when the price is per the other, per year when the quantity is, and
over the years the message says. Nothing else is assumed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.fr.numbers import DIGITS, number_float

_END = r"(?!\d|[,.]\d)"
# The units a price is given per, each with its size in a base unit, so that tonnes and kilograms convert.
_UNITS = {
    "kg": ("kg", 1.0),
    "kilo": ("kg", 1.0),
    "kilos": ("kg", 1.0),
    "t": ("kg", 1000.0),
    "tonne": ("kg", 1000.0),
    "tonnes": ("kg", 1000.0),
    "l": ("l", 1.0),
    "litre": ("l", 1.0),
    "litres": ("l", 1.0),
    "m3": ("m3", 1.0),
    "m2": ("m2", 1.0),
    "repas": ("repas", 1.0),
    "piece": ("piece", 1.0),
    "pieces": ("piece", 1.0),
    "unite": ("unite", 1.0),
    "unites": ("unite", 1.0),
}
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_QUANTITY = re.compile(rf"(?<![\d,.])(?P<q>{DIGITS}){_END}\s*(?P<u>{_UNIT})\b(?P<per_year>\s*(?:/\s*an|par an)\b)?")
_PRICE = re.compile(
    rf"(?<![\d,.])(?P<p>{DIGITS}){_END}\s*(?:€|euros?)\s*(?:ht\s*|ttc\s*)?(?:le|la|l'|par|/|du|de la)\s*(?P<u>{_UNIT})\b"
)
_YEARS = re.compile(r"\bsur\s+(?P<n>\d{1,2})\s+ans\b")
_ASKED = re.compile(r"\bcombien\b|\bca fait\b|\bmontant\b|\btotal\b")


@dataclass(frozen=True)
class UnitPrice:
    quantity: float  # in the unit the price is given per
    said_quantity: float
    said_unit: str
    price: float
    price_unit: str
    per_year: bool
    years: int | None

    @property
    def amount(self) -> float:
        return self.quantity * self.price


def unit_price(folded: str) -> UnitPrice | None:
    """A quantity at a unit price, converted to the price's unit, when the message asks what it makes; or None."""
    if not _ASKED.search(folded):
        return None
    price = _PRICE.search(folded)
    if price is None:
        return None
    for m in _QUANTITY.finditer(folded):
        if price.start() <= m.start() < price.end():
            continue
        base, size = _UNITS[m.group("u")]
        price_base, price_size = _UNITS[price.group("u")]
        said, cost = number_float(m.group("q"), decimal_hint=True), number_float(price.group("p"), decimal_hint=True)
        if base != price_base or not said or not cost:
            continue
        years = _YEARS.search(folded)
        return UnitPrice(
            said * size / price_size,
            said,
            m.group("u"),
            cost,
            price.group("u"),
            bool(m.group("per_year")),
            int(years.group("n")) if years else None,
        )
    return None
