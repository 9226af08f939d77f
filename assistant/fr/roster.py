"""The hours of several people listed one by one, read from a message (pure).

« 3 gars en insertion : 1 en ETTI 210 h, 1 en CDD 6 mois à temps plein, 1 mis à disposition par une AI 60 h, ça
fait combien au total ? »: each item starts with one person (« 1 », « un », « l'autre »…) and gives their hours,
a number of months at full time or at a share of it, or weeks at weekly hours. Nothing else is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.fr.numbers import number_float
from assistant.fr.text import fold

_NUMBER = r"\d{1,3}(?:[  \u202f]\d{3})+(?!\d)|\d+(?:,\d+)?"
# An item of the list opens on one person: « 1 en ETTI », « un en CDD », « l'autre », « le deuxième »
# (« un » or « 1 » only when a person's word or a way of being employed follows: « un marché de 620 h » is none)
_ONE_PERSON = re.compile(
    r"^\s*[-•*]?\s*(?:(?:1|une?)\s+(?:en|a|chez|par|via|mis\w*|embauche\w*|qui|salarie\w*|gars|mecs?|personnes?|"
    r"interimaires?|jeunes?|apprenti\w*|alternant\w*|ouvriers?|compagnons?|autre)\b|l'une?\b|l'autre\b|"
    r"(?:le|la) (?:premier|premiere|second|seconde|deuxieme|troisieme|quatrieme|dernier|derniere)\b)"
)
_SPLIT = re.compile(r"[,;:\n]|\.\s|\s\+\s|\bet\s+(?=(?:1|une?|l'une?|l'autre)\b)")
_HOURS = re.compile(rf"(?<![\d,.])(?P<n>{_NUMBER})\s*(?:h\b|heures?\b)(?!\s*(?:par|/|a la)\s*(?:semaine|jour|mois|an))")
_MONTHS = re.compile(rf"(?<![\d,.])(?P<n>{_NUMBER})\s*mois\b")
_WEEKS = re.compile(rf"(?<![\d,.])(?P<n>{_NUMBER})\s*semaines?\b")
_WEEKLY = re.compile(r"(?<![\d,.])(?P<n>\d{1,2}(?:,\d+)?)\s*h(?:eures?)?\s*(?:par semaine|/\s*sem\w*|hebdo\w*)")
_SHARE = re.compile(r"(?<![\d,.])(?P<n>\d{1,3})\s*%|(?P<half>mi-temps|mi temps)|(?P<full>temps plein|plein temps)")
_TOTAL_ASKED = re.compile(r"\bau total\b|\ben tout\b|\bcumul\w*\b|\bcombien\b|\bca fait\b|\btotal\b")


@dataclass(frozen=True)
class RosterItem:
    said: str  # the item as the user wrote it
    hours: float | None = None  # hours given as such
    months: float | None = None  # or months of work at ``share`` of full time
    share: float = 1.0
    weeks: float | None = None  # or weeks at ``weekly`` hours
    weekly: float | None = None


def _item(said: str) -> RosterItem | None:
    folded = fold(said)
    weeks, weekly = _WEEKS.search(folded), _WEEKLY.search(folded)
    if weeks and weekly:
        return RosterItem(said, weeks=number_float(weeks.group("n")), weekly=number_float(weekly.group("n")))
    months = _MONTHS.search(folded)
    share = _SHARE.search(folded)
    if months and share:
        part = (
            0.5 if share.group("half") else 1.0 if share.group("full") else (number_float(share.group("n")) or 0) / 100
        )
        return RosterItem(said, months=number_float(months.group("n")), share=part) if 0 < part <= 1 else None
    hours = _HOURS.search(folded)
    return RosterItem(said, hours=number_float(hours.group("n"))) if hours else None


def roster(message: str) -> list[RosterItem]:
    """The people listed one by one with their hours, when the message lists two or more and asks their total;
    empty otherwise."""
    if not _TOTAL_ASKED.search(fold(message)):
        return []
    items = []
    for part in _SPLIT.split(message):
        if not _ONE_PERSON.match(fold(part)):
            continue
        item = _item(part.strip())
        if item is None:
            return []  # a person listed whose hours cannot be read: no partial total
        items.append(item)
    return items if len(items) >= 2 else []
