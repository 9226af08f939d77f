"""Amounts listed with one shared unit (« les montants : 3,2 / 2,1 / 1,8 / 0,3 M€ »), one per lot, in order."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from assistant.fr.safety import never_raise
from assistant.fr.text import fold

_NUMBER = r"\d+(?:[.,]\d+)?"
_SEPARATOR = r"\s*(?:/|;|\|)\s*"
_LIST = re.compile(
    rf"(?<![\d.,])({_NUMBER}(?:{_SEPARATOR}{_NUMBER})+)\s*(m€|m\s?eur\w*|millions?(?:\s+d'euros)?|k€|k\s?eur\w*|keur|€|euros?)"
)
_SCALE = {"m": Decimal(1_000_000), "k": Decimal(1_000)}


@never_raise(lambda: [])
def listed_amounts(text: str) -> list[float]:
    """The amounts of the first list sharing one unit, in euros; empty when there is none."""
    match = _LIST.search(fold(text))
    if match is None:
        return []
    scale = _SCALE.get(match.group(2)[0], Decimal(1))
    values = []
    for raw in re.split(_SEPARATOR, match.group(1)):
        try:
            values.append(float(Decimal(raw.replace(",", ".")) * scale))
        except InvalidOperation:
            return []
    return values if all(value > 0 for value in values) else []
