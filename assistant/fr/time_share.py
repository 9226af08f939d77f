"""A person's working time said as a share of a full-time job.

« et si la personne en insertion est à 80 % ? », « le salarié travaille à 60 % », « à temps partiel 80 % »,
« 80 % d'un temps plein »: the share scales the hours one person works in a month or a year (151,67 h and
1 607 h at full time); it is never the insertion rate of the clause. Read on the text folded by
:func:`~assistant.fr.text.fold`; the cue words are in ``prompts/compute_cues.yaml``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.fr.safety import never_raise
from assistant.fr.staffing import cue_alternation

# A person's share below this is an insertion rate said near a person (« les personnes en insertion à 5 % »),
# unless a word of working time goes with it (« à temps partiel 15 % » is not said in practice either).
_MIN_PERSON_SHARE = 20
_MAX_SHARE = 99  # 100 % is full time: nothing to scale


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(person said just before, working-time words just before, working-time words just after) the share."""
    # « la personne en insertion est à », « le salarié travaille à »: the person, a few words without a figure,
    # then « à » right before the share
    person = re.compile(r"\b(?:" + cue_alternation("time_share_person") + r")\b(?:\s+[a-z'-]+){0,4}?\s+a\s*$")
    before = re.compile(r"\b(?:" + cue_alternation("time_share_before") + r")\s*(?:a|de|:)?\s*$")
    after = re.compile(r"^\s*(?:" + cue_alternation("time_share_after") + r")\b")
    return person, before, after


# Words that make a percentage said near a person a rate or a share of something else, not of their week.
_OTHER_MEASURE = re.compile(
    r"\b(?:clause|taux|heures?|insertion\s+de|main[\s-]*d'\s*oeuvre|montant|marche|lot|reserve\w*|handicap\w*)\b"
)
# « à 80 % sur ce chantier »: the share of the time spent on the market (assistant.fr.staffing.on_market_share).
_ON_THE_MARKET_AFTER = re.compile(
    r"^\s*(?:de (?:son|leur) temps\s+|du temps\s+)?(?:sur|au|en)\s+(?:ce|le|la|notre|mon|leur|son|cette)\s+"
    r"(?:chantier|marche|operation|lot|site)\b"
)
# « il y a 60 % de MO »: « il » is no person there.
_THERE_IS = re.compile(r"\bil y a\s*$")
# « à 60 % de MO », « à 5 % des heures »: a share of something named after it, not of the person's week.
_OF_SOMETHING_AFTER = re.compile(r"^\s*(?:de|du|des|d')\b")
_SHARE = re.compile(r"(?<![\d,.])(\d{1,2})\s*%")


def is_time_share(before: str, after: str, value: float) -> bool:
    """Whether a percentage of ``value`` (in %), between the folded words ``before`` and ``after`` it, is a person's
    share of full time (« le salarié travaille à 60 % »), not an insertion rate."""
    person, working_before, working_after = _patterns()
    if not 0 < value <= _MAX_SHARE or _ON_THE_MARKET_AFTER.match(after):
        return False
    if working_before.search(before) or working_after.match(after):
        return True
    return (
        value >= _MIN_PERSON_SHARE
        and bool(person.search(before))
        and not _OTHER_MEASURE.search(before[-40:])
        and not _THERE_IS.search(before)
        and not _OF_SOMETHING_AFTER.match(after)
    )


@never_raise(lambda: None)
def person_time_share(folded: str) -> float | None:
    """The first share of full time the (folded) message gives a person (« à 80 % » → 0.8), or None."""
    for m in _SHARE.finditer(folded):
        value = int(m.group(1))
        if is_time_share(folded[max(0, m.start() - 60) : m.start()], folded[m.end() : m.end() + 40], value):
            return value / 100
    return None
