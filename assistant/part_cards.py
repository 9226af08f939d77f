"""Which answer card answers which part of a message that asks several things (pure).

Each part (:mod:`assistant.parts`) is matched on its own words, the situation told around it adding
light context (``CardMatcher.match_part``), never the other parts: « C'est OK ? Et dans ce cas je
compte comment les heures ? » gets the card on ETTIs for its first part and the card on counting
hours for its second. A part answers with its own card only when that card is confident and is among
the whole message's best cards (``CLOSE``: a short part read alone drifts). The card of the whole
message, when it is confident, answers the part closest to it. The same card answers once, under the
first part it answers, and at most ``MAX_CARDS`` cards answer. A part no card answers is named (one
line), not filled with passages, unless the answer already speaks of it (``not_answered``).

A part whose best card clears the threshold but ties with another (« et le PLIE c'est quoi, c'est
pareil ? » → the PLIE card, 0.006 ahead of the card on EAs and ESATs) is read whole to break the tie:
the card the whole message ranks above every tied rival answers it (``_tie_broken``). Two readings
agree, the part's own words and the message's; either alone is not sure enough. Only a later part: the
first one leads the answer, and a tie there is the nearest card's case (:mod:`nearest`), never given as
the answer (blind batch-07: « dans quels marchés exactement ? » lost the passages that gave the threshold).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from assistant.cards import Card
from assistant.matching import MARGIN, CardMatch, Matching
from assistant.parts import AskedMessage, refers_back

MAX_CARDS = 3
# A part's own card must be among the whole message's best cards (this many): a short part read alone
# drifts (« y a un plafond ? » → the card on insertion rates), the message read whole keeps its topic.
CLOSE = 3
# A part pointing back at the one before (« on peut cumuler les deux ? ») names little of its own: read
# alone it drifts further (« cumuler » → the card on pooling hours across contracts), so its card must be
# among fewer of the message's best cards.
CLOSE_LEANING = 2
SAID = 0.5  # a part whose key words the answer mostly uses (this share of their weight) is spoken of
_NOTHING = 1e-9  # …or, after the whole message's card, any of them


@dataclass(frozen=True)
class PartCard:
    part: str
    found: CardMatch | None  # None: no card answers this part surely
    repeated: bool = False  # its card answers a part asked before: not said again
    whole: bool = False  # its card is the whole message's own confident card


def part_cards(
    asked: AskedMessage,
    whole: Matching,
    match_part: Callable[[str, str], Matching],
    usable: Callable[[Card], bool],
) -> list[PartCard] | None:
    """The card of each asked part, in the order asked, or None when the message asks one thing, when no
    part has a card, when neither the message nor its first part has one, or when every part has a card
    of its own, none is the whole message's card and no part is close to it (the parts read alone
    disagree with the message read whole): then its usual answer stands."""
    if len(asked.parts) < 2:
        return None
    matchings = [match_part(part, asked.context(n)) for n, part in enumerate(asked.parts)]
    close = {found.card.id for found in whole.ranked[:CLOSE]}
    leaning = {found.card.id for found in whole.ranked[:CLOSE_LEANING]}
    own = [
        _confident(matching, usable, leaning if n and refers_back(part) else close)
        or (_tie_broken(matching, whole, usable, leaning if refers_back(part) else close) if n else None)
        for n, (part, matching) in enumerate(zip(asked.parts, matchings, strict=True))
    ]
    main = whole.best if whole.confident and whole.best is not None and usable(whole.best.card) else None
    if main is None and own[0] is None:
        # no card for the message nor for what it asks first: its usual answer (the passages for the whole
        # message, with their verdict) answers first, rather than a card for a later part
        return None
    if main is not None:  # a near tie between a part's own card and the message's card: the message decides
        own = [
            main if _near(main.card, found, matching) else found for found, matching in zip(own, matchings, strict=True)
        ]
    if main is not None and main.card.id not in {found.card.id for found in own if found is not None}:
        # the message read whole is the surest reading: its card answers the part that, read alone, is the
        # closest to it (in place of that part's own card, a near tie); else the first part left without one
        scores = [_score_of(main.card, matching) for matching in matchings]
        free = [n for n, found in enumerate(own) if found is None]
        if max(scores) > 0:
            own[max(range(len(own)), key=lambda n: (scores[n], -n))] = main
        elif free:
            own[free[0]] = main
        else:
            return None
    given = {found.card.id for found in own if found is not None}
    plan: list[PartCard] = []
    said: set[str] = set()
    for part, found, matching in zip(asked.parts, own, matchings, strict=True):
        if found is None:
            # a part whose best cards hold a card given to another part is answered there (« on peut
            # cumuler les deux ? » by the card on combining them); else it is named as not answered
            covered = next((m for m in matching.ranked[:CLOSE] if m.card.id in given), None)
            plan.append(PartCard(part, covered, repeated=covered is not None))
        elif found.card.id in said:  # the same card is said once
            plan.append(PartCard(part, found, repeated=True))
        elif len(said) < MAX_CARDS:
            said.add(found.card.id)
            plan.append(PartCard(part, found, whole=main is not None and found.card.id == main.card.id))
        else:
            plan.append(PartCard(part, None))
    return plan if said else None


def answering(plan: list[PartCard]) -> list[tuple[str, CardMatch]]:
    """The parts of a plan that get a card, with it, in the order asked, each card once."""
    return [(entry.part, entry.found) for entry in plan if entry.found is not None and not entry.repeated]


def answered(plan: list[PartCard]) -> list[CardMatch]:
    """The cards of a plan, in the order asked, each once."""
    return [found for _, found in answering(plan)]


def unanswered(plan: list[PartCard]) -> list[str]:
    """The parts of a plan no card answers."""
    return [entry.part for entry in plan if entry.found is None]


def compose(plan: list[PartCard], answer_to: Callable[[str, Card], str] | None = None) -> str:
    """The cards answering a message asking several things: the first as it opens (its verdict first), each
    next one under its own question. ``answer_to`` gives a part's answer from its card (the card's, by default)."""
    blocks = []
    for n, (part, found) in enumerate(answering(plan)):
        body = answer_to(part, found.card) if answer_to is not None else found.card.answer.strip()
        blocks.append(body if n == 0 else f"*{found.card.question}*\n\n{body}")
    return "\n\n".join(blocks)


def not_answered(plan: list[PartCard], said: str, key_words: Callable[[str], dict[str, float]]) -> list[str]:
    """The parts no card answers that the answer (``said``: cards, passages, opening) does not speak of
    either: less than ``SAID`` of their key words' weight is in it. When the whole message's card answers,
    a part is named only if the answer uses none of its key words: that card, read for the whole message,
    often answers more than its own question, in other words (« qui porte les heures au final, le
    titulaire ? » after the card on subcontracting, which says the holder stays responsible)."""
    told = key_words(said)
    floor = _NOTHING if any(entry.whole for entry in plan) else SAID
    parts = []
    for part in unanswered(plan):
        asked = key_words(part)
        mass = math.fsum(asked.values())
        if mass > 0 and math.fsum(weight for token, weight in asked.items() if token in told) / mass < floor:
            parts.append(part)
    return parts


def _near(card: Card, found: CardMatch | None, matching: Matching) -> bool:
    """Whether ``card`` is within the margin of a part's own card ``found`` for that part."""
    return found is not None and found.score - _score_of(card, matching) < MARGIN


def _score_of(card: Card, matching: Matching) -> float:
    return next((found.score for found in matching.ranked if found.card.id == card.id), 0.0)


def _confident(matching: Matching, usable: Callable[[Card], bool], close: set[str]) -> CardMatch | None:
    best = matching.best
    if not matching.confident or best is None or not usable(best.card) or best.card.id not in close:
        return None
    return best


def _tie_broken(
    matching: Matching, whole: Matching, usable: Callable[[Card], bool], close: set[str]
) -> CardMatch | None:
    """A part's best card that clears the threshold but does not lead every rival by the margin, when the
    whole message ranks it (among its ``close`` best) above each of those rivals; else None."""
    best = matching.best
    if matching.confident or best is None or not usable(best.card) or best.card.id not in close:
        return None
    if not Matching((best,), matching.asked).confident:  # below the threshold, or a type that does not fit
        return None
    rivals = [other for other in matching.ranked[1:] if not Matching((best, other), matching.asked).confident]
    rank = {found.card.id: n for n, found in enumerate(whole.ranked)}
    if all(rank[best.card.id] < rank.get(other.card.id, len(rank)) for other in rivals):
        return best
    return None
