"""Values in a chat message that cannot be right, named back to the user instead of asking again.

« −5 € », « un taux de 150 % », « zorglub euros »: the French parser reads no usable
amount or rate there, and a re-asked question (« Quel est le montant ? ») would hide
what went wrong. :func:`find_invalid_values` finds such values (pure, no I/O);
:func:`describe` words them with the texts of ``prompts/messages.yaml``
(``invalid_values``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from text_to_num import alpha2digit

Kind = Literal["negative", "percent", "word_amount"]

# A minus sign stuck to a figure (« -5 € », « −12 % »), not a dash between words or in a range.
_NEGATIVE = re.compile(r"(?<![\w\-−–])[-−–](\d[\d  .,]*?)\s*(k€|M€|€|euros?\b|%|h\b|heures?\b|mois\b)", re.IGNORECASE)
_PERCENT = re.compile(r"(?<![\w,.\-−–])(\d{1,6}(?:[,.]\d+)?)\s*%")
# « de zorglub euros », « montant : beaucoup € »: a word in the place of the amount.
_WORD_AMOUNT = re.compile(r"(?:\bde|\bà|:)\s+([a-zà-ÿœ]{3,})\s+(?:euros?\b|€)", re.IGNORECASE)
_NOT_AMOUNTS = {"quelques", "plusieurs", "combien", "millions", "milliards", "milliers", "centaines", "dizaines"}
_QUANTITY = {"%": "rate", "h": "hours", "heure": "hours", "heures": "hours", "mois": "months"}


@dataclass(frozen=True)
class InvalidValue:
    kind: Kind
    value: str  # as it should be shown: « −5 € », « 150 % », « zorglub euros »
    quantity: str = "amount"  # amount, rate, hours or months


def _figure(raw: str) -> str:
    return " ".join(raw.split()).rstrip(".,")


def _is_number_word(word: str) -> bool:
    return any(char.isdigit() for char in alpha2digit(word, "fr"))


def find_invalid_values(message: str) -> list[InvalidValue]:
    """Each impossible value of the message, in order of kind (empty when there is none)."""
    found: list[InvalidValue] = []
    for match in _NEGATIVE.finditer(message):
        unit = match.group(2)
        quantity = _QUANTITY.get(unit.lower(), "amount")
        shown_unit = unit if unit.lower() in {"k€", "m€", "%", "mois"} else ("h" if quantity == "hours" else "€")
        found.append(InvalidValue("negative", f"−{_figure(match.group(1))} {shown_unit}", quantity))
    for match in _PERCENT.finditer(message):
        if float(match.group(1).replace(",", ".")) > 100:
            found.append(InvalidValue("percent", f"{_figure(match.group(1))} %", "rate"))
    for match in _WORD_AMOUNT.finditer(message):
        word = match.group(1)
        if word.lower() not in _NOT_AMOUNTS and not _is_number_word(word):
            found.append(InvalidValue("word_amount", f"{word} euros"))
    return found


def describe(values: list[InvalidValue], texts: Mapping[str, Any]) -> str:
    """One French sentence per value, then the hint (``texts`` is ``messages.yaml``'s ``invalid_values``)."""
    sentences = [
        str(texts[value.kind]).format(value=value.value, what=texts["what"][value.quantity]) for value in values
    ]
    return " ".join([*sentences, str(texts["hint"])])
