"""The share of a workforce in insertion (or with a disability) the user gives in head counts (pure).

« j'ai 25 en parcours et 6 permanents », « 40 salariés dont 22 travailleurs handicapés »: a reserved market asks a
proportion of the workforce (article R2113-7); the user's counts make it, nothing else. The words that name the
two sides are ``staff_in_insertion`` and ``staff_others`` in ``prompts/compute_cues.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.fr.staffing import cue_alternation

_COUNT = r"\d{1,4}"


@dataclass(frozen=True)
class StaffShare:
    part: int  # the people in insertion (or with a disability)
    total: int  # the whole workforce
    others: int | None = None  # the rest, when the message counts them apart

    @property
    def share(self) -> float:
        return self.part / self.total


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    inside, others = cue_alternation("staff_in_insertion"), cue_alternation("staff_others")
    part = re.compile(rf"(?<![\d,.])(?P<n>{_COUNT})\s+(?:salaries\s+|personnes\s+)?(?:{inside})\b")
    rest = re.compile(rf"(?<![\d,.])(?P<n>{_COUNT})\s+(?:salaries\s+|personnes\s+)?(?:{others})\b")
    among = re.compile(
        rf"(?<![\d,.])(?P<total>{_COUNT})\s+(?:salaries|personnes|employes|agents|etp)\b[^.;?!\d]{{0,20}}\bdont\s+"
        rf"(?P<n>{_COUNT})\s+(?:salaries\s+|personnes\s+)?(?:{inside})\b"
    )
    return part, rest, among


def staff_share(folded: str) -> StaffShare | None:
    """The workforce's share in insertion a message gives in head counts, or None."""
    part, rest, among = _patterns()
    found = among.search(folded)
    if found is not None:
        n, total = int(found.group("n")), int(found.group("total"))
        return StaffShare(n, total) if 0 < n <= total else None
    inside, outside = part.search(folded), rest.search(folded)
    if inside is None or outside is None:
        return None
    n, others = int(inside.group("n")), int(outside.group("n"))
    return StaffShare(n, n + others, others) if n > 0 else None
