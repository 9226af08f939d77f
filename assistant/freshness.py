"""Review dates of the guide sections: which sections have not been re-read for too long.

Every guide carries ``reviewed: AAAA-MM-JJ`` in its front matter; a section re-read on
another day says so in ``sections_reviewed`` (heading → date):

    reviewed: 2026-11-30
    sections_reviewed:
      "Article L2112-2-1 : en vigueur depuis le 22 août 2026": 2026-11-30

Answer cards (``corpus/cards/*.yaml``) carry ``reviewed`` on each card and are checked the
same way. Pure functions: the caller reads the files (``clauses ingest``) and prints the warnings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import frontmatter

_HEADING = re.compile(r"^(#{2,6})\s+(.+?)\s*#*\s*$")


@dataclass(frozen=True)
class SectionReview:
    source: str
    section: str
    reviewed: dt.date | None


@dataclass(frozen=True)
class StaleSection:
    source: str
    section: str
    reviewed: dt.date | None
    age_months: int | None

    def message(self) -> str:
        """French warning for the person who maintains the corpus."""
        if self.reviewed is None:
            return f"{self.source} — « {self.section} » : aucune date de relecture."
        return (
            f"{self.source} — « {self.section} » : relu le {self.reviewed.isoformat()}, "
            f"il y a {self.age_months} mois ; à relire."
        )


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def headings(body: str) -> list[str]:
    """Section headings (level 2 and below) outside code fences, in order."""
    found: list[str] = []
    in_fence = False
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        match = None if in_fence else _HEADING.match(line)
        if match:
            found.append(match.group(2).strip())
    return found


def section_reviews(source: str, meta: Mapping[str, Any], section_headings: Iterable[str]) -> list[SectionReview]:
    """The review date of every section: its own override, else the guide's date, else none."""
    default = _as_date(meta.get("reviewed"))
    overrides = meta.get("sections_reviewed") or {}
    return [
        SectionReview(source, heading, _as_date(overrides.get(heading)) if heading in overrides else default)
        for heading in section_headings
    ]


def reviews_of_markdown(source: str, text: str) -> list[SectionReview]:
    """Parse one Markdown guide (front matter and headings) into section review dates."""
    post = frontmatter.loads(text)
    return section_reviews(source, post.metadata, headings(post.content))


def reviews_of_cards(source: str, cards: Any) -> list[SectionReview]:
    """Review dates of answer cards (``corpus/cards/*.yaml``: a list of cards with ``id`` and ``reviewed``)."""
    if not isinstance(cards, list):
        return []
    return [
        SectionReview(source, str(card.get("id") or card.get("question") or "?"), _as_date(card.get("reviewed")))
        for card in cards
        if isinstance(card, Mapping)
    ]


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months elapsed from ``earlier`` to ``later`` (0 if later is not after earlier)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return max(months, 0)


def stale_sections(reviews: Iterable[SectionReview], today: dt.date, max_age_months: int) -> list[StaleSection]:
    """Sections without a review date, or reviewed more than ``max_age_months`` ago."""
    stale: list[StaleSection] = []
    for review in reviews:
        if review.reviewed is None:
            stale.append(StaleSection(review.source, review.section, None, None))
            continue
        age = months_between(review.reviewed, today)
        if age > max_age_months:
            stale.append(StaleSection(review.source, review.section, review.reviewed, age))
    return stale


def unknown_overrides(meta: Mapping[str, Any], section_headings: Iterable[str]) -> list[str]:
    """Headings named in ``sections_reviewed`` that no longer exist (renamed sections)."""
    present = set(section_headings)
    return sorted(str(name) for name in (meta.get("sections_reviewed") or {}) if name not in present)
