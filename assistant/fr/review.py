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
_HOURS = r"\s*(?:h\b|heures?\b)?\s*"
_DONE = r"(?:d'insertion\s+)?(?:realisee?s?|effectuee?s?|faites?|travaillee?s?)"
_PLANNED = r"(?:d'insertion\s+)?(?:prevue?s?|attendue?s?|programmee?s?|contractualisee?s?|dues?|visee?s?|d'objectif)"
# « 38 000 heures réalisées sur 52 000 prévues », « 41 200 h réalisées pour 38 000 prévues »
_HOURS_DONE = re.compile(
    _NUMBER
    + _HOURS
    + _DONE
    + r"\s+(?:sur|pour|contre|au lieu de|vs)\s+(?:les\s+)?"
    + _NUMBER
    + _HOURS
    + f"(?:{_PLANNED})?"
)
# « 38 000 h prévues, 31 500 réalisées »: the plan said first
_HOURS_PLANNED_FIRST = re.compile(
    _NUMBER + _HOURS + _PLANNED + r"\s*(?:,|et|pour|contre)\s*" + _NUMBER + _HOURS + _DONE + r"\b"
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


def _hours_against_plan(folded: str) -> tuple[int, int] | None:
    """The hours done and the hours planned, in either order; « 38 000 h sur 3 ans » is no plan."""
    if (match := _HOURS_DONE.search(folded)) is not None:
        done, planned = _whole(match.group(1)), _whole(match.group(2))
    elif (match := _HOURS_PLANNED_FIRST.search(folded)) is not None:
        planned, done = _whole(match.group(1)), _whole(match.group(2))
    else:
        return None
    return (done, planned) if done and planned and planned >= done / 10 else None


@never_raise(lambda: {})
def review_figures(text: str) -> dict[str, Any]:
    """The results figures stated in ``text`` (drafting parameters of the results review), possibly empty."""
    folded = fold(text)
    figures: dict[str, Any] = {}
    if (record := _hours_against_plan(folded)) is not None:
        figures["hours_done"], figures["hours_planned"] = record
    if (match := _PEOPLE.search(folded)) is not None and (people := _whole(match.group(1))):
        figures["participants"] = people
        group = _GROUP.search(folded, match.end())
        if group is not None and (count := _whole(group.group(1))) and count <= people:
            label = text[group.start(2) : group.end(2)] if len(folded) == len(text) else group.group(2)
            figures["group_count"], figures["group_label"] = count, label.strip()
    if (match := _EXITS.search(folded)) is not None and (exits := _whole(match.group(1))):
        figures["durable_exits"], figures["exits_label"] = exits, match.group(2).strip()
    return figures
