"""The nearest answer card, given when no card is confident but one is near.

Below the confident band, the card the matcher ranks first still states part of the facts asked
in most cases: on the answer turns of blind batches 01-06 that fell back to the guides' passages,
it states at least one labelled fact in 92 % of the cases from a score of 0.5, and in 70-80 % from
0.35 to 0.5. Those passages state fewer facts on their own, so the nearest card is given before
them, named by its own question (« la question la plus proche que je connaisse »): the user sees
which question it answers and the passages that follow speak of theirs.

Whether the card's own verdict (« **Non** », « **Oui** ») may open the answer depends on how near
the card is: from 0.5 its opening agrees with the verdict asked three times in four; below, as
often as not. So a near card opens with its verdict and is named right after; a card only close is
named first, and its verdict is read as that question's.

Close to either threshold, where the int8 and float embedders may disagree on the dense score, the
lexical side alone (lexical overlap and concept, the same on every CPU) decides, as
:mod:`assistant.matching` does for the confident band.
"""

from __future__ import annotations

from enum import Enum

from assistant.matching import CONCEPT_WEIGHT, HYBRID_WEIGHT, CardMatch, Matching

# A card this close is given before the passages (named by its question first). The middle of a
# range where the card adds facts to the passages (0.30-0.40 on batches 01-06), not the last value seen.
CLOSE = 0.35
# A card this near opens the answer with its own verdict (then is named).
NEAR = 0.5
# Within this distance of a threshold the lexical side decides, against the same threshold on its scale:
# the lexical side of a card at the threshold, read on the answer turns of batches 01-06.
BAND = 0.015
CLOSE_LEXICAL = 0.2
NEAR_LEXICAL = 0.3
# Cards this close to the best score may swap places between the int8 and float embedders (two of the 55
# nearest cards given on batches 05-06, both at a lead of 0.002): of them, the one with the strongest lexical
# side is given. On the 46 such turns of batches 01-06 it states a labelled fact as often as the first by score (34
# turns), 3 facts fewer in all: a small price for an answer that does not depend on the CPU.
TIE = 0.01
_REDIRECT_THEME = "hors-champ"  # corpus/cards/hors-champ.yaml: says where to ask, never a nearest answer


class Nearness(Enum):
    """How the nearest card is given: opening with its verdict, or named first."""

    NEAR = "near"
    CLOSE = "close"


def nearest_card(matching: Matching | None) -> tuple[CardMatch, Nearness] | None:
    """The best card of a matching that is not confident, and how near it is; None when no card is
    close enough to be worth giving (the passages alone answer) or the best card is a redirect."""
    if matching is None or matching.best is None:
        return None
    best = _steady_best(matching.ranked)
    if best.card.theme == _REDIRECT_THEME or not _reaches(best, CLOSE, CLOSE_LEXICAL):
        return None
    # a figure asked (« combien ») is not answered by a bare yes/no verdict: such a card is only named
    figure_to_verdict = matching.asked == "figure" and best.card.type == "yes_no"
    near = _reaches(best, NEAR, NEAR_LEXICAL) and not figure_to_verdict
    return best, Nearness.NEAR if near else Nearness.CLOSE


def lexical_side(match: CardMatch) -> float:
    """The part of a card's score that no embedder changes: lexical overlap and concept."""
    return HYBRID_WEIGHT * 0.5 * match.lexical + CONCEPT_WEIGHT * match.concept


def _steady_best(ranked: tuple[CardMatch, ...]) -> CardMatch:
    """Of the cards within ``TIE`` of the best score, the one with the strongest lexical side (then the best
    score): an order no embedder changes."""
    tied = [m for m in ranked if ranked[0].score - m.score < TIE]
    return max(tied, key=lambda m: (lexical_side(m), m.score))


def _reaches(match: CardMatch, threshold: float, lexical: float) -> bool:
    if abs(match.score - threshold) < BAND:
        return lexical_side(match) >= lexical
    return match.score >= threshold
