"""The figures of a clause's results a user gives for a synthesis (« 38 000 heures réalisées sur 52 000
prévues, 61 personnes, dont 27 du QPV, 14 sorties en emploi durable »).

Only what the message states is read; nothing is estimated. The drafting tool computes the rates
from these figures (share of hours done, of a priority group, of durable exits).
"""

from __future__ import annotations

import re
from typing import Any

from assistant.fr.numbers import number_value
from assistant.fr.safety import never_raise
from assistant.fr.text import fold

_NUMBER = r"(\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)"
_HOURS_DONE = re.compile(
    _NUMBER + r"\s*(?:h|heures?)\s+(?:d'insertion\s+)?(?:realisee?s?|effectuee?s?|faites?|travaillee?s?)"
    r"\s+(?:sur|pour)\s+(?:les\s+)?" + _NUMBER + r"\s*(?:h\b|heures?)?\s*(?:prevue?s?|attendue?s?|programmee?s?"
    r"|contractualisee?s?|dues?|visee?s?)?"
)
_PEOPLE = re.compile(_NUMBER + r"\s+(?:personnes|participants|participantes|beneficiaires|salaries|salariees)\b")
# « dont 27 du QPV », « dont 12 femmes » : a group among the people, named in the user's words
_GROUP = re.compile(r"\bdont\s+" + _NUMBER + r"\s+((?:[a-z'\-]+\s?){1,5}?)(?=\s*(?:[,;.)]|\bet\b|$))")
_EXITS = re.compile(
    _NUMBER + r"\s+sorties?\s+((?:en|vers)\s+(?:l'|un\s+|une\s+)?(?:emploi\s+durable|emploi|formation\s+qualifiante"
    r"|formation)|positives?|dynamiques?)"
)


def _whole(raw: str) -> int | None:
    value = number_value(re.sub(r"[ \u00a0\u202f.]", "", raw))
    return int(value) if value is not None and value == int(value) and value > 0 else None


@never_raise(lambda: {})
def review_figures(text: str) -> dict[str, Any]:
    """The results figures stated in ``text`` (drafting parameters of the results review), possibly empty."""
    folded = fold(text)
    figures: dict[str, Any] = {}
    if (match := _HOURS_DONE.search(folded)) is not None:
        done, planned = _whole(match.group(1)), _whole(match.group(2))
        if done and planned and planned >= done / 10:  # « 38 000 h sur 52 000 », not « 38 000 h sur 3 ans »
            figures["hours_done"], figures["hours_planned"] = done, planned
    if (match := _PEOPLE.search(folded)) is not None and (people := _whole(match.group(1))):
        figures["participants"] = people
        group = _GROUP.search(folded, match.end())
        if group is not None and (count := _whole(group.group(1))) and count <= people:
            label = text[group.start(2) : group.end(2)] if len(folded) == len(text) else group.group(2)
            figures["group_count"], figures["group_label"] = count, label.strip()
    if (match := _EXITS.search(folded)) is not None and (exits := _whole(match.group(1))):
        figures["durable_exits"], figures["exits_label"] = exits, match.group(2).strip()
    return figures
