"""A volume of work the user describes in their own figures, read from a message (pure).

Two shapes turn a volume into hours with nothing assumed:

- a quantity of units and the time each takes: « 2 000 pièces à 20 minutes chacune », « 300 m² à 1,5 h le m² »
  (the units are the ``work_units`` of ``prompts/compute_cues.yaml``);
- people, days and hours a day: « 3 personnes pendant 20 jours à 7 h par jour » (one person when none is said).

Each reader returns only what the message says; the arithmetic is :mod:`assistant.sizing.figures`'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.fr.numbers import COUNT_WORDS_FROM_TWO, DIGITS, SMALL_NUMBERS, number_float
from assistant.fr.staffing import cue_alternation, people_count
from assistant.fr.text import fold

_END = r"(?!\d|[,.]\d)"
_MINUTES = r"min(?:ute)?s?|mn"
_HOURS = r"h(?=\d{2}\b)|h\b|heures?"  # « 2h30 » too


@dataclass(frozen=True)
class UnitWork:
    quantity: float
    unit: str  # as the user wrote it, folded (« pieces », « m2 »)
    minutes: float  # the time per unit, in minutes


@dataclass(frozen=True)
class DaysWork:
    people: int
    days: float
    daily_hours: float


@lru_cache(maxsize=1)
def _unit_work() -> re.Pattern[str]:
    units = cue_alternation("work_units")
    return re.compile(
        rf"(?<![\d,.])(?P<q>{DIGITS}){_END}\s*(?P<unit>m²|{units})\b(?:\s+[a-z']+){{0,3}}?"
        rf"\s*(?:a|de|en|x|×|:)\s*(?P<t>{DIGITS}){_END}\s*(?P<tu>{_MINUTES}|{_HOURS})(?P<mn>\d{{2}})?"
        rf"(?!\s*(?:par|/)\s*(?:semaine|jour|mois|an)\b)"
    )


@lru_cache(maxsize=1)
def _time_per_unit() -> re.Pattern[str]:
    # « 2 h 30 par logement », « 20 minutes par pièce », « 1,5 h/m2 »: the time first, its quantity said apart
    return re.compile(
        rf"(?<![\d,.])(?P<t>{DIGITS}){_END}\s*(?P<tu>{_MINUTES}|{_HOURS})\s*(?P<mn>\d{{2}})?\s*(?:par|pour|/)\s*"
        rf"(?:une?\s+|le\s+|la\s+|l')?(?P<unit>m²|{cue_alternation('work_units')})\b"
    )


def _quantity_of(folded: str, unit: str, skip: tuple[int, int]) -> float | None:
    """The quantity said of ``unit`` elsewhere in the message (« 40 logements »)."""
    stem = re.escape(unit.rstrip("sx"))
    for m in re.finditer(rf"(?<![\d,.])(?P<q>{DIGITS}){_END}\s*{stem}\w*", folded):
        if not skip[0] <= m.start() < skip[1]:
            return _value(m.group("q"))
    return None


# « pendant 20 jours », « 20 jours de travail », « sur 15 jours ouvrés »
_DAYS = re.compile(rf"(?<![\d,.])(?P<d>{DIGITS}|{COUNT_WORDS_FROM_TWO}){_END}\s*jours?\b")
# « à 7 h par jour », « 7h/jour », « 8 heures par jour », « 7 h 30 par jour »
_DAILY = re.compile(
    rf"(?<![\d,.])(?P<h>\d{{1,2}}(?:,\d+)?)\s*(?:{_HOURS})\s*(?P<mn>\d{{2}})?\s*(?:par jour|/\s*j(?:our)?\b|quotidien\w*)"
)


def _value(raw: str) -> float | None:
    return float(SMALL_NUMBERS[raw]) if raw in SMALL_NUMBERS else number_float(raw)


def unit_work(folded: str) -> UnitWork | None:
    """A quantity of units and the time each takes (« 2 000 pièces à 20 minutes chacune »), or None."""
    m = _unit_work().search(folded)
    if m is not None:
        quantity, time = _value(m.group("q")), _value(m.group("t"))
    else:
        m = _time_per_unit().search(folded)
        if m is None:
            return None
        quantity, time = _quantity_of(folded, m.group("unit"), m.span()), _value(m.group("t"))
    if not quantity or not time:
        return None
    minutes = time if not m.group("tu").startswith("h") else time * 60 + float(m.group("mn") or 0)
    return UnitWork(quantity, m.group("unit"), minutes)


def days_work(folded: str) -> DaysWork | None:
    """People working so many days at so many hours a day (« 3 gars, 20 jours, 7 h par jour »), or None."""
    daily, days = _DAILY.search(folded), _DAYS.search(folded)
    if daily is None or days is None:
        return None
    hours, count = _value(daily.group("h")), _value(days.group("d"))
    if not hours or not count or hours > 12:  # more than 12 h a day is no working day
        return None
    return DaysWork(people_count(folded), count, hours + float(daily.group("mn") or 0) / 60)


def said_word(message: str, folded_word: str) -> str:
    """The word of ``message`` that folds to ``folded_word``, as the user wrote it (« pièces » for « pieces »)."""
    return next((w for w in re.findall(r"[\w²']+", message) if fold(w) == folded_word), folded_word)
