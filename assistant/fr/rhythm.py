"""A change of working rhythm said in a follow-up to a computation of weeks or people.

Right after « 1 200 h, 2 salariés à 35 h : combien de semaines ? » or « 350 h sur 4 mois, combien de
personnes ? », the user varies one input and expects the same computation again: « et si la personne ne
vient que 2 jours par semaine ? » (2 × 7 h), « et s'il n'en reste qu'un à 35 h ? » (one person),
« refais le calcul en enlevant la journée de formation » (four days out of five on the market).
Read on the text folded by :func:`~assistant.fr.text.fold`; the cue words are in
``prompts/compute_cues.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.fr.formatting import fmt_number
from assistant.fr.numbers import count_value
from assistant.fr.quantities import WORK_HOURS_A_DAY
from assistant.fr.safety import never_raise
from assistant.fr.staffing import (
    WORK_DAYS_A_WEEK,
    OnMarket,
    cue,
    half_time_in,
    on_market_share,
    weekly_hours_in,
)

# Up to « six » only (of :data:`~assistant.fr.numbers.SMALL_NUMBERS`): days in a week, people left of a small team.
_N = r"(\d|une?|deux|trois|quatre|cinq|six)"
# « 2 jours par semaine », « 3 jours/semaine », « trois jours dans la semaine »: the days a person works.
_DAYS_A_WEEK = re.compile(_N + r"\s*(?:jours?|journees?)\s*(?:par|/|chaque|dans la|de la)\s*semaine\b")
# « il en reste qu'un », « il n'en reste plus que deux », « plus qu'une personne »: the people left.
_PEOPLE_LEFT = re.compile(
    r"\breste\w*\s+(?:plus\s+)?(?:que\s+|qu['\s]?\s*)" + _N + r"\b"
    r"|\bplus\s+(?:que\s+|qu['\s]?\s*)"
    + _N
    + r"\s+(?:seule?s?\s+)?(?:gars|personnes?|salaries?|salariees?|ouvriers?)\b"
    r"|\b(?:un|une) seule?\s+(?:gars|personne|salariee?|ouvrier|apprenti|alternant|interimaire)\b"
)
# « 2 personnes », « trois gars »: the people who share the hours, when the follow-up names them.
_PEOPLE = re.compile(
    _N + r"\s+(?:de (?:nos|mes|leurs|ses)\s+)?(?:gars|mecs|personnes?|salaries?|salariees?|ouvriers?|jeunes?|"
    r"apprentis?|alternants?|interimaires?)\b"
)


def _number(word: str) -> int:
    return int(count_value(word))  # digits here are one digit, without decimals (``_N``)


def days_a_week_hours(folded: str) -> float | None:
    """The weekly hours of a person who works so many days a week (« 2 jours par semaine » → 14 h, at the legal 7 h
    a day), or None; days said of a training place (« 1 jour par semaine au CFA ») are time off the market."""
    m = _DAYS_A_WEEK.search(folded)
    if m is None or cue("training_place", folded[max(0, m.start() - 40) : m.end() + 40]):
        return None
    days = _number(m.group(1))
    return float(days * WORK_HOURS_A_DAY) if 0 < days <= WORK_DAYS_A_WEEK else None


# « en enlevant la journée de formation », « sans le jour au CFA », « moins une journée »: one day a week less.
_DAY_REMOVED = re.compile(
    r"\b(?P<verb>[a-z]+)\s+(?:la|le|une|un|1|cette|leur|sa|son)\s+(?:journee|jour)s?\b(?P<rest>.{0,40})"
)


def day_removed(folded: str) -> OnMarket | None:
    """One day a week taken off the time on the market (« en enlevant la journée de formation » → 4/5), or None."""
    for m in _DAY_REMOVED.finditer(folded):
        if cue("removal", m.group("verb")):
            where = "de formation" if cue("training_place", m.group("rest")) else "de moins"
            share = (WORK_DAYS_A_WEEK - 1) / WORK_DAYS_A_WEEK
            return OnMarket(share, f"1 jour {where} par semaine, soit {fmt_number(share * 100, 0)} % du temps")
    return None


def people_left(folded: str) -> int | None:
    """The people a follow-up says are left or now share the hours (« il en reste qu'un » → 1), or None."""
    m = _PEOPLE_LEFT.search(folded)
    if m is not None:
        word = next((g for g in m.groups() if g), None)
        return _number(word) if word else 1
    m = _PEOPLE.search(folded)
    return _number(m.group(1)) if m is not None and 0 < _number(m.group(1)) <= 10 else None


# « combien de gars », « combien de personnes en plus »: the people asked for the hours just computed.
_PEOPLE_ASKED = re.compile(
    r"\bcombien (?:de |d')(?:personnes|salaries|gars|mecs|ouvriers|jeunes|interimaires|alternants|apprentis|postes)\b"
)


def asks_people(folded: str) -> bool:
    """Whether the (folded) message asks how many people the hours need (« donc faut combien de gars ? »)."""
    return bool(_PEOPLE_ASKED.search(folded))


def asks_more_people(folded: str) -> bool:
    """Whether the people asked are those to add to the ones already counted (« combien de gars en plus ? »)."""
    return asks_people(folded) and cue("more_people", folded)


@dataclass(frozen=True)
class RhythmChange:
    """What a follow-up changes in a computation of weeks of work: each person's weekly hours, the people, the
    share of the week spent on the market (None: unchanged)."""

    weekly_hours: float | None = None
    people: int | None = None
    on_market: OnMarket | None = None
    days: bool = False  # the weekly hours were said as days a week


@never_raise(lambda: None)
def rhythm_change(folded: str) -> RhythmChange | None:
    """The change of rhythm the (folded) follow-up says, or None when it says none."""
    weekly = weekly_hours_in(folded)
    days = days_a_week_hours(folded) if weekly is None else None
    if weekly is None and days is None and half_time_in(folded):
        weekly = WORK_HOURS_A_DAY * WORK_DAYS_A_WEEK / 2
    on_market = day_removed(folded) or on_market_share(folded)
    people = people_left(folded)
    if weekly is None and days is None and on_market is None and people is None:
        return None
    return RhythmChange(weekly if weekly is not None else days, people, on_market, days=days is not None)
