"""Days a person did not work, said in a follow-up to that person's hours.

« et s'il a eu 2 jours d'arrêt maladie au milieu ? », « elle a été absente une semaine »: only the hours really
worked on the market count, so the days said are taken off the hours just computed. Read on the text folded by
:func:`~assistant.fr.text.fold`; the cue words are in ``prompts/compute_cues.yaml`` (``absence``).
"""

from __future__ import annotations

import re

from assistant.fr.numbers import COUNT_WORDS, count_value
from assistant.fr.safety import never_raise
from assistant.fr.staffing import WORK_DAYS_A_WEEK, cue

# « 2 jours », « une semaine », « trois journées »: a span of days, its absence cue within a few words around it.
_SPAN = re.compile(r"\b(\d{1,2}(?:[.,]5)?|" + COUNT_WORDS + r")\s*(jours?|journees?|semaines?)\b")
_AROUND = 30  # characters each side where the absence cue must be


@never_raise(lambda: None)
def absence_days(folded: str) -> float | None:
    """The working days the (folded) message says a person missed (« 2 jours d'arrêt » → 2, « une semaine
    d'absence » → 5), or None when no span of days goes with an absence."""
    for m in _SPAN.finditer(folded):
        around = folded[max(0, m.start() - _AROUND) : m.end() + _AROUND]
        if not cue("absence", around):
            continue
        days = count_value(m.group(1)) * (WORK_DAYS_A_WEEK if m.group(2).startswith("semaine") else 1)
        return days if 0 < days <= 5 * WORK_DAYS_A_WEEK * 12 else None
    return None
