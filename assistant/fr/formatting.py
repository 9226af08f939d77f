"""Numbers, amounts, percentages, hours and dates written the French way for users (1 200 h, 1,5 M€)."""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext

_MONTHS_FR = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]

# Month names without accents, as users type them (« fevrier », « aout ») → month number.
MONTH_NUMBERS = {
    "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c)): number
    for number, name in enumerate(_MONTHS_FR, start=1)
}


def fmt_number(value: float | int | Decimal, decimals: int = 2) -> str:
    """French number: spaces between thousands, comma decimals, trailing zeros dropped."""
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if not number.is_finite() or number.adjusted() > 24:
        # Only absurd inputs get here (echoed in an error message): scientific notation.
        return f"{number:.3e}".replace(".", ",")
    quantum = Decimal(1).scaleb(-decimals) if decimals > 0 else Decimal(1)
    with localcontext() as context:
        context.prec = 60  # enough digits for any quantity below 10^25 with 4 decimals
        rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    rounded = abs(rounded)
    integer_part, _, fraction_part = f"{rounded:f}".partition(".")
    fraction_part = fraction_part.rstrip("0")
    groups: list[str] = []
    while len(integer_part) > 3:
        groups.insert(0, integer_part[-3:])
        integer_part = integer_part[:-3]
    groups.insert(0, integer_part)
    text = " ".join(groups)
    if fraction_part:
        text += "," + fraction_part
    return sign + text


def fmt_fixed(value: float | int | Decimal, decimals: int = 2) -> str:
    """French number with exactly ``decimals`` decimals (0,40)."""
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if not number.is_finite() or number.adjusted() > 24:
        return fmt_number(number)
    with localcontext() as context:
        context.prec = 60
        rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    integer, _, fraction = fmt_number(rounded, decimals=decimals).partition(",")
    return f"{integer},{(fraction + '0' * decimals)[:decimals]}"


def fmt_euros(value: float | int | Decimal) -> str:
    return f"{fmt_number(value)} €"


def fmt_percent(fraction: float | Decimal) -> str:
    return f"{fmt_number(Decimal(str(fraction)) * 100)} %"


def fmt_hours(value: float | int | Decimal) -> str:
    return f"{fmt_number(value, decimals=0)} h"


def fmt_months(value: float | int | Decimal) -> str:
    """A duration in months, with its years when whole: « 72 mois (6 ans) », « 12 mois (1 an) », « 18 mois »."""
    months = Decimal(str(value))
    text = f"{fmt_number(months)} mois"
    if months >= 12 and months % 12 == 0:
        years = int(months // 12)
        text += f" ({years} an{'s' if years > 1 else ''})"
    return text


def fmt_count(value: int) -> str:
    """A whole number in a message: 10000 → « 10 000 » (« 10 000 caractères », « 1 001 pages »)."""
    return fmt_number(value, decimals=0)


def fmt_megabytes(size_bytes: int) -> str:
    """A byte size in megabytes (10^6), at least 1: 20000000 → « 20 Mo »."""
    return f"{fmt_count(max(1, round(size_bytes / 1_000_000)))} Mo"


def fmt_date_fr(value: date) -> str:
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {_MONTHS_FR[value.month - 1]} {value.year}"


def fmt_plain(value: float | int | Decimal) -> str:
    """A user's own figure echoed back in a message: up to four decimals (0,0525)."""
    return fmt_number(value, decimals=4)


def capitalized(text: str) -> str:
    """``text`` with its first letter upper-case (a label opening a message)."""
    return text[:1].upper() + text[1:]
