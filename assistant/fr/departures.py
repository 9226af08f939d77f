"""People who left the market before the end of the period, read from a message (pure).

« 4 gars à 35 h par semaine pendant 6 semaines, mais un est parti après 2 semaines »: the one who left worked 2
weeks, not 6. Only what the message says is read: how many left and after how long (in weeks or months), with a
verb of leaving from ``left_the_market`` in ``prompts/compute_cues.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.fr.numbers import COUNT_WORDS, count_value
from assistant.fr.staffing import cue_alternation

_WEEKS_PER_MONTH = 52 / 12
_COUNT = r"\d{1,2}|l'une?|" + COUNT_WORDS


@dataclass(frozen=True)
class Departure:
    people: int
    weeks: float  # the weeks they worked before leaving


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    # « un il est parti après 2 semaines », « deux d'entre eux sont partis au bout d'un mois », « l'un a arrêté
    # après 3 semaines »
    return re.compile(
        rf"\b(?P<n>{_COUNT})\s+(?:d'(?:entre )?eux\s+|des \w+\s+|gars\s+|personnes?\s+|salaries?\s+)?"
        rf"(?:(?:il|elle|ils|elles)\s+)?(?:est|sont|a|ont)\s+(?:{cue_alternation('left_the_market')})\b"
        rf"[^.;?!\d]{{0,25}}?\b(?:apres|au bout d(?:e\s+|'))\s*(?P<k>\d{{1,2}}(?:,\d)?|une?|deux|trois|quatre)\s+"
        r"(?P<unit>semaines?|mois)\b"
    )


def _count(word: str) -> float:
    return count_value(word.removeprefix("l'"))


def departures(folded: str) -> list[Departure]:
    """Each group of people the message says left early, with the weeks they worked."""
    found = []
    for m in _pattern().finditer(folded):
        time = _count(m.group("k"))
        weeks = time if m.group("unit").startswith("semaine") else time * _WEEKS_PER_MONTH
        found.append(Departure(int(_count(m.group("n"))), weeks))
    return found
