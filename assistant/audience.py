"""Who asks — a buyer, an operator (a firm, an association or another structure that bids or employs) or a
person (job seeker, journalist) — and the cards written for that side.

A card of steps to take (type ``procedure``) speaks to one side: « Contactez le facilitateur
indiqué dans le CCAP dès la notification » is for the firm that won the market, « Repérez les
marchés riches en main-d'œuvre » for the buyer. When a message says who asks (« je prépare
notre marché », « notre commune » for a buyer; « on a remporté le lot », « notre association »,
« ma cliente » for an operator; « je suis au RSA » for a person), a procedure card whose ``audience``
leaves that side out is not an answer to « par où je commence ? » and is dropped from the ranking.

Cards of facts answer whoever asks and are kept, but a card written for the side that asks goes before
a close card written only for others: an association asking whether it may bid for a market reserved to
the social economy is answered by the candidate's card, not by the buyer's « peut-on réserver… ? » one.
The lean (``LEAN``) only reorders cards within a few thousandths of each other; a clearly better card
keeps its place. A message that asks about the other side (« que devra faire le titulaire ? ») keeps
every card in its place. The cue words live in ``prompts/askers.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Literal, cast

from assistant.fr import fold
from assistant.matching import CardMatch, Matching
from assistant.settings import PROJECT_ROOT
from assistant.yaml_data import load_yaml

Asker = Literal["acheteur", "entreprise", "public"]
SIDES: tuple[Asker, ...] = ("acheteur", "entreprise", "public")
CUES = PROJECT_ROOT / "prompts" / "askers.yaml"
# A card not addressed to the side that asks loses this much against those that are: enough to put the
# asker's card first among near ties, too little to overturn a clearly better match.
LEAN = 0.02


@dataclass(frozen=True)
class AskerCues:
    """The patterns by which a message says its side, and those by which it asks about another side."""

    sides: dict[Asker, tuple[re.Pattern[str], ...]]
    about: dict[Asker, re.Pattern[str]]


@lru_cache(maxsize=2)
def load_cues(path: Path = CUES) -> AskerCues:
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    sides = {cast(Asker, side): tuple(re.compile(p) for p in data.get("sides", {}).get(side, ())) for side in SIDES}
    about = {cast(Asker, side): re.compile(p) for side, p in (data.get("about") or {}).items() if side in SIDES}
    return AskerCues(sides, about)


def asker(message: str, cues: AskerCues | None = None) -> Asker | None:
    """The side that asks, when the message says it and says only one; None otherwise (and when a buyer
    or an operator asks about the other side)."""
    cues = cues or load_cues()
    folded = fold(message)
    said = [side for side, patterns in cues.sides.items() if any(p.search(folded) for p in patterns)]
    if len(said) != 1:
        return None
    side = said[0]
    other = cues.about.get(side)
    return None if other is not None and other.search(folded) else side


def for_asker(matching: Matching, message: str, known: Asker | None = None) -> Matching:
    """The ranking for the side that asks (said in the message, else ``known`` from the conversation): the
    procedure cards addressed to another side dropped, the cards written for the asker before close ones."""
    side = asker(message) or known
    if side is None:
        return matching
    kept = tuple(m for m in matching.ranked if m.card.type != "procedure" or side in m.card.audience)
    leaned = lean_to(kept, side)
    return matching if leaned == matching.ranked else replace(matching, ranked=leaned)


def lean_to(ranked: tuple[CardMatch, ...], side: Asker) -> tuple[CardMatch, ...]:
    """``ranked`` with the cards not addressed to ``side`` lowered by ``LEAN``, when the asker's best card is
    within ``LEAN`` of the best card. Otherwise the order and the scores stand: a card for others that leads
    clearly is the answer, and lowering it would only cost its confidence."""
    own = next((m for m in ranked if side in m.card.audience), None)
    if own is None or round(ranked[0].score - own.score, 3) >= LEAN:
        return ranked
    scored = [m if side in m.card.audience else replace(m, score=round(m.score - LEAN, 3)) for m in ranked]
    return tuple(sorted(scored, key=lambda m: (-m.score, m.card.id)))
