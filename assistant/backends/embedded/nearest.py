"""The nearest answer card, given when no card is confident but one is close.

Below the confident band, the card the matcher ranks first still states part of the facts asked
in most cases: on the answer turns of blind batches 01-06 that fell back to the guides' passages,
it states at least one labelled fact in 92 % of the cases from a score of 0.5, and in 70-80 % from
0.35 to 0.5. Those passages state fewer facts on their own, so the nearest card is given before
them, named first by its own question (« la question la plus proche que je connaisse »): the user
reads its answer, verdict included, as the answer to that question, and the passages that follow
speak of theirs.

The card is never given as if it answered the question asked (its verdict first, named after): its
« Oui » or « Non » agrees with the verdict labelled for the question asked in only half the cases
below 0.5, and even above, a card about a neighbouring question (« c'est quoi la pénalité ? » →
promising insertion without meaning it) would open with a verdict on something not asked. On batches
01-06 that honesty costs 2 correct answers of 22 gained.

Close to the threshold, where the int8 and float embedders may disagree on the dense score, the
lexical side alone (lexical overlap and concept, the same on every CPU) decides, as
:mod:`assistant.matching` does for the confident band; among cards the matcher does not tell apart, likewise,
and the one tied card is given too (:func:`nearest_cards`).

Measured and not kept (2026-12-01, blind batches 01-09): answering with a close card directly, its verdict
first. Of the 87 fallback turns whose label asks for an opening (« Non », « Cela dépend »…), the nearest
card's verdict agreed with it in 34; no lexical or dense signal told them apart (score, concept, share of
the asked words in the card's questions, answer type, the card's readings and the verdict guard): at a
score of 0.55 or more, 7 of 22 agreed. A verdict on a neighbouring question stays named after it.

Measured and not kept (2026-12-02, blind batches 01-11): opening a yes/no question's answer with the verdict of
the nearest card when that card's first sentence carries the words asked (:func:`assistant.extractive.lead_verdict`,
as the card path does). Of the 12 nearest-card answers whose label asks for an opening and where it gave one, it
agreed with the label in 5 and contradicted it in 7 (« Non » to a question labelled « Oui » in 3): the filter does
not make a neighbouring card's verdict the user's.

Measured and not kept (2026-12-02, blind batches 01-12): the similarity of the user's yes/no sentence to the nearest
card's own yes/no questions (the card matcher's half lexical, half dense similarity, with polarity and coverage of the
card question's key words). Of the 107 nearest-card answers to a yes/no question labelled with an opening, the card's
verdict agreed with the label in 7 of the 12 at a similarity of 0.6 or more, 15 of 22 from 0.55, 2 of 5 with full
coverage; the closest pair (0.78, « un sous-traitant peut faire les heures à la place du titulaire ? » against a card
answering « Non » to « c'est le sous-traitant qui doit faire les heures ? ») was wrong. Neighbouring cards ask nearly
the same words with opposite answers.

Kept: a verdict from a card's written yes/no *reading* (:func:`nearest_reading`), chosen by the thresholds the
confident path uses (:func:`assistant.readings.choose_reading`: similarity, margin over texts of another verdict,
coverage, same polarity), opens the answer, said to come from the card named below it. On batches 01-12 it opened 4
answers, all with the labelled verdict (4 partial → correct), and no wrong one.

Kept (2026-12-02, session 14): the nearest card given plainly, as a confident card is (its verdict first, no « je n'ai
pas de fiche »), when it is a yes/no card and the user's yes/no sentence names most of the key words of the card's own
question (:func:`answers_plainly`): the user asks what the card asks, in more words (a situation, an amount, a named
guide), which is why the similarity stayed low. The similarity measures above compare whole texts, where the user's
extra words weigh as much as the card's; this coverage only asks whether the card's question is inside the user's.
On blind batches 01-13 it changed 9 answers: 7 partial → correct (the card's verdict is the labelled one), 1 without a
labelled opening (still correct), and 1 wrong: « sans minimum, le titulaire peut-il être pénalisé si l'on commande
peu ? » got the « Oui » of « le titulaire peut-il n'avoir aucune commande ? » (label « Non »; partial before and after):
the card's question is inside the user's, but the user asks another predicate about it. Offline, on the 98
nearest-card answers labelled with an opening, the card's verdict agreed with the label in 36; the rule selects 8, 7
agreeing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.cards import REDIRECT_THEME, Card, Reading
from assistant.lexical import FrenchAnalyzer
from assistant.matching import CONCEPT_WEIGHT, HYBRID_WEIGHT, MARGIN, CardMatch, Matching, key_words
from assistant.readings import opening_verdict
from assistant.verdict_guard import narrows

# A card this close is given before the passages. Below it the first card states a labelled fact in
# fewer cases (2 of 3 under 0.33 on batches 01-06), and the passages alone answer.
CLOSE = 0.35
# Within this distance of CLOSE the lexical side decides, against the lexical side of a card at the
# threshold on the answer turns of batches 01-06.
BAND = 0.015
CLOSE_LEXICAL = 0.2
# Cards within the matcher's MARGIN of the best score are cards it would not tell apart for a confident
# answer, and the int8 and float embedders may order them differently (4 of the 68 nearest cards given on
# batches 05-06 with a window of 0.01, leads of 0.002 to 0.011): of them, the one with the strongest lexical
# side is given, then the strongest lexical overlap, concept, card id — never the dense score. On the 127
# fallback answer turns of batches 01-06 that choice states a labelled fact in as many turns as the first card
# by score (104), 8 facts fewer in all (225 of 233): a small price for an answer that does not depend on the CPU.
# It may give a neighbour where the dense score rightly told two cards apart (« obligatoire pour une commune ? »
# → the SPASER card, dense lead 0.05); a window of 0.005 avoids those but, on batches 01-06, gave one correct
# answer fewer and five identity flips on batches 05-06 instead of two.
TIE = MARGIN
# When no card is tied with the nearest one, a card a little further (within NEIGHBOUR of its score) whose
# lexical side is as strong (within NEIGHBOUR_LEXICAL of its own) is a neighbouring question the words asked fit
# as well, and is given after it (« critère social : prix 60, technique 30, social 10, ça va ? » → the card on a
# SIAE's chances with an insertion criterion, then the one on a bidder who answers nothing on it, which says the
# grid decides). On blind batches 01-11 (2026-12-02): 86 answers get a second card, 11 labelled facts more and
# none fewer, 5 turns partial → correct and 1 off-topic → partial, no turn lost. A lexical window of 0.02 gave
# 53 answers, 5 facts and 3 turns.
NEIGHBOUR = 0.05
NEIGHBOUR_LEXICAL = 0.05
# A yes/no card is given plainly when the user's yes/no sentence names this share of its own question's key words.
# On batches 01-13 (nearest-card answers labelled with an opening): 0.6 selects 8 (7 agreeing with the label);
# 0.5 selects more turns whose yes/no sentence is a short follow-on, where the shared words come from chance.
PLAIN_COVERAGE = 0.6


def nearest_card(matching: Matching | None) -> CardMatch | None:
    """The card of a matching that is not confident worth giving as the nearest one; None when no card is
    close enough (the passages alone answer) or the nearest is a redirect card."""
    if matching is None or matching.best is None:
        return None
    best = _steady_best(matching.ranked)
    if best.card.theme == REDIRECT_THEME or not _reaches(best, CLOSE, CLOSE_LEXICAL):
        return None
    return best


def nearest_cards(matching: Matching | None) -> tuple[CardMatch, ...]:
    """The nearest card (:func:`nearest_card`), and with it the other card the matcher does not tell apart
    from it (within ``TIE`` of the best score, not a redirect card) or, when there is none, a close neighbour
    (:func:`_neighbour`), strongest lexical side first: two
    neighbouring questions are both given, each named by its own question, rather than one chosen by a
    lexical side that often picks the wrong one of the two. On the fallback answer turns of blind batches
    01-09 where the nearest card missed a labelled fact, 45 of 70 had a card among the next ones stating
    them, most often the tied one (« bénévoles au RSA » → the card on RSA recipients, tied with the one on a
    young person whose parents get the RSA)."""
    near = nearest_card(matching)
    if near is None or matching is None:
        return ()
    tied = [
        m
        for m in matching.ranked
        if m.card.id != near.card.id and m.card.theme != REDIRECT_THEME and _gap(matching.ranked[0], m) < TIE
    ]
    if not tied:
        tied = [m for m in matching.ranked if m.card.id != near.card.id and _neighbour(near, m)]
    if not tied:
        return (near,)
    return (near, max(tied, key=_steady_key))


def _neighbour(near: CardMatch, other: CardMatch) -> bool:
    """Whether ``other`` is close to the nearest card on both sides (``NEIGHBOUR`` of its score, read to the
    thousandth, and ``NEIGHBOUR_LEXICAL`` of its lexical side), and no redirect card."""
    return (
        other.card.theme != REDIRECT_THEME
        and _gap(near, other) < NEIGHBOUR
        and round(abs(lexical_side(near) - lexical_side(other)), 3) <= NEIGHBOUR_LEXICAL
    )


def lexical_side(match: CardMatch) -> float:
    """The part of a card's score that no embedder changes: lexical overlap and concept."""
    return HYBRID_WEIGHT * 0.5 * match.lexical + CONCEPT_WEIGHT * match.concept


def _steady_best(ranked: tuple[CardMatch, ...]) -> CardMatch:
    """Of the cards within ``TIE`` of the best score, the one with the strongest lexical side, then lexical
    overlap, concept and id: an order no embedder changes."""
    tied = [m for m in ranked if _gap(ranked[0], m) < TIE]
    return max(tied, key=_steady_key)


def _steady_key(match: CardMatch) -> tuple[float, float, float, str]:
    return (round(lexical_side(match), 3), match.lexical, match.concept, match.card.id)


def _gap(best: CardMatch, other: CardMatch) -> float:
    """How far a card's score is behind the best one, to the thousandth the scores have (0.465 − 0.445 is
    0.0200…01 in binary, 0.475 − 0.455 is 0.0199…98: without rounding, equal gaps fall either side of ``TIE``)."""
    return round(best.score - other.score, 3)


def _reaches(match: CardMatch, threshold: float, lexical: float) -> bool:
    if round(abs(match.score - threshold), 3) < BAND:
        return round(lexical_side(match), 3) >= lexical
    return match.score >= threshold


def nearest_reading(
    question: str | None, cards: Sequence[Card], read: Callable[[Card], Reading | None]
) -> Reading | None:
    """The verdict the nearest cards give to the yes/no ``question`` through one of their written yes/no readings
    (``read``: :func:`assistant.readings.reading_for`, with its own thresholds of similarity, margin, coverage and
    polarity), to open the answer before the cards are named. The card's own « Oui » or « Non » never opens: it
    answers the card's question, a neighbour of the user's (see the module docstring). None when no card has such
    a reading, when two cards read different verdicts, or when the question narrows what a « Oui » reading asks
    broadly (« forcément », « juste pour »)."""
    if question is None:
        return None
    found = [reading for card in cards if (reading := read(card)) is not None]
    if not found or len({opening_verdict(reading.verdict) for reading in found}) > 1:
        return None
    reading = found[0]
    if opening_verdict(reading.verdict) == "oui" and narrows(question) and not narrows(reading.question):
        return None
    return reading


def answers_plainly(question: str | None, card: Card, analyzer: FrenchAnalyzer) -> bool:
    """Whether the nearest ``card`` answers the yes/no ``question`` asked as it is, verdict first: a yes/no card
    (an explanation's opening answers its own « comment ») whose own question's key words the question asked
    mostly names (``PLAIN_COVERAGE``). The user's other words (a situation, an amount) are not held against it:
    what the card asks is inside what the user asks."""
    if question is None or card.type != "yes_no" or card.theme == REDIRECT_THEME:
        return False
    named = key_words(card.question, analyzer)
    if not named:
        return False
    return round(len(named & key_words(question, analyzer)) / len(named), 3) >= PLAIN_COVERAGE
