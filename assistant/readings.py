"""Yes/no readings of answer cards: a yes/no question gets its « Oui », « Non » or « Cela dépend » first,
even when the card that answers it was written for another question.

A card is written for one question (« Qui déclare les heures d'un sous-traitant ? ») but answers the
yes/no questions of its scope too (« les heures du sous-traitant comptent pour le titulaire ? » →
« Oui »). Its ``readings`` (``corpus/cards/``) name those questions with their verdict. When a message
asks yes or no (:mod:`assistant.yes_no`), the question it asks is compared with the card's readings —
and, for a card whose answer already opens with a verdict, with the card's own questions, which carry
that verdict — by the card matcher's own similarity (lexical overlap and embeddings). A reading gives
its verdict only when it is clearly the closest (:data:`READING_MIN`, :data:`READING_MARGIN` over every
text of another verdict) and asks the same way round: a question asked in the negative (« il ne doit
pas… ? ») is answered by no reading asked positively, and conversely. When unsure, no verdict.
Texts within :data:`READING_TIE` of the closest are a tie that the int8 and float embedders may break either
way: there the lexical overlap (the same on every CPU) picks the closest (blind batches 01-09: one of the 15
answers that changed class between the two embedders, two « Oui » readings 0.004 apart; ONNX unchanged).

Measured and not kept (2026-12-04, session 24, blind batches 01-21): dropping a card's own verdict when none of its
own yes/no questions is at least 0.45 (or 0.35) close to the question asked, so that a card reached for its facts
(« c'est quoi une EA ? je pourrais leur sous-traiter ? ») does not open with the « Non » of another question. The
card's verdict turns out right far more often than its phrasing is close: 0.45 cost 51 correct turns, 0.35 cost 17,
for a handful of wrong verdicts removed (28 answers open with the opposite of the labelled verdict, all batches).
Also not kept: no verdict for a question offering a choice (« automatiquement prioritaire ou il faut d'autres
conditions ? »): −19, users asking « X ou seulement Y ? » expect the « Oui ».
"""

from __future__ import annotations

import math
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from assistant.cards import Card, Reading
from assistant.fr import capitalized, fold
from assistant.matching import CardMatcher, key_words
from assistant.parts import asked_sentences
from assistant.yes_no import asks_in_the_negative, asks_yes_no, imposes

# Measured on blind batches 01-06 (the yes/no turns answered by a card with readings): below READING_MIN
# the closest reading asks something else; READING_MARGIN keeps two readings of opposite verdicts apart.
READING_MIN = 0.55
READING_MARGIN = 0.04
# Texts this close in similarity may swap places from the int8 to the float embedder (their dense cosines differ
# by about 0.01): among them the lexical overlap picks the closest.
READING_TIE = 0.015
READING_COVERAGE = 0.5  # share of the reading's key words (IDF mass) the message must speak of
# An asked sentence this short (« elle a le droit ? ») names nothing: the message before it says what.
_SHORT_QUESTION = 8
# How a card's answer states a verdict first (folded): what a yes/no question opens with.
_VERDICT_OPENING = re.compile(
    r"^\W*(oui|non|(?:cela|ca) depend|pas (?:forcement|automatiquement|toujours|necessairement|obligatoirement))\b"
)
_POLAR = ("oui", "non")
# The bold lead of an answer (« **Non, pas sans limite** : … ») and the verdict phrase inside it, up to
# its first colon or full stop; a longer lead is a whole statement, not a verdict to replace.
_BOLD_LEAD = re.compile(r"^\s*\*\*(?P<bold>.+?)\*\*", re.S)
# A verdict that states its own condition (« Oui, si le CCAP le prévoit », « Non, sauf… »).
_CONDITIONAL = re.compile(r"\b(si|s'il|s'ils|sauf|condition)\b")
_VERDICT_PHRASE_WORDS = 10
# A bold lead that answers in the negative without a verdict word (« **Pas sur le maximum : …** »).
_NEGATIVE_LEAD = re.compile(r"^\s*\*\*(?P<pas>Pas)\s")


def opens_with_verdict(answer: str) -> bool:
    """Whether a card's answer opens with a verdict: « Oui », « Non », « Cela dépend », « Pas forcément »…"""
    return bool(_VERDICT_OPENING.match(fold(answer)))


@dataclass(frozen=True)
class Said:
    """A text the asked question is compared with: a reading, or one of the card's own questions
    (``reading`` None), whose answer already states the card's verdict."""

    text: str
    reading: Reading | None


def yes_no_sentence(message: str) -> str | None:
    """The first asked sentence of a message that asks yes or no, alone (« Sur le maximum ? »)."""
    return next((sentence for sentence in asked_sentences(message) if asks_yes_no(sentence)), None)


def asked_yes_no(message: str) -> str | None:
    """The yes/no question a message asks: its first asked sentence that asks yes or no, with what the
    message says before it when that sentence is too short to name anything (« … elle a le droit ? »)."""
    sentence = yes_no_sentence(message)
    if sentence is None or len(re.findall(r"\w+", sentence)) >= _SHORT_QUESTION:
        return sentence
    start = message.find(sentence)
    return message[: start + len(sentence)] if start >= 0 else message


def _said(card: Card) -> list[Said]:
    """The texts of ``card`` a yes/no question is compared with: its readings, and its own yes/no questions,
    which carry its opening verdict unless a reading says how one is answered (an open one, « que deviennent
    ses heures ? », carries none)."""
    read = {r.question for r in card.readings}
    own = [q for q in card.questions if q not in read and asks_yes_no(q)] if opens_with_verdict(card.answer) else []
    return [Said(r.question, r) for r in card.readings] + [Said(q, None) for q in own]


def choose_reading(
    asked: str,
    card: Card,
    similarity: Callable[[str, str], float],
    covered: Callable[[str], float] = lambda text: 1.0,
    negative: bool | None = None,
    lexical: Callable[[str, str], float] | None = None,
    restated: bool = False,
) -> Reading | None:
    """The reading of ``card`` that answers the yes/no question ``asked``, or None when none clearly does.

    ``similarity`` compares two questions; ``covered`` is the share of a reading's key words the message
    speaks of: a reading about what the message never names (« … avec une RQTH ? » for « le gars a 27 ans,
    il est éligible ? ») does not answer it, however close the phrasing. ``negative`` says whether the
    question itself asks in the negative (by default, read from ``asked``): the situation told before a short
    question (« sans montant minimum, … Sur le maximum ? ») does not make it negative. ``lexical``, the
    similarity's part that no embedder changes, picks among texts within ``READING_TIE`` of the closest.
    ``restated``: a reading whose verdict the card's answer already opens with is returned too (the card is not
    the answer, only named after the verdict); by default it is None, the card saying it already."""
    if not card.readings:
        return None
    said = _said(card)
    if not imposes(asked):
        # a text about imposing on another party (« peut-on obliger l'entreprise à recruter… ? ») neither answers
        # nor rivals one about what the asker may do himself (« je peux embaucher le fils d'un salarié ? »)
        said = [s for s in said if not imposes(s.text)]
    if not said:
        return None
    scored = sorted(((similarity(asked, s.text), n, s) for n, s in enumerate(said)), key=lambda x: (-x[0], x[1]))
    if lexical is not None:  # near-tied texts: the lexical side, the same on every CPU, picks the closest
        tied = [entry for entry in scored if scored[0][0] - entry[0] < READING_TIE]
        first = max(tied, key=lambda entry: (lexical(asked, entry[2].text), -entry[1]))
        scored = [first, *(entry for entry in scored if entry is not first)]
    score, _, best = scored[0]
    if best.reading is None or score < READING_MIN:  # the card's own question is closest: its answer stands
        return None
    rivals = [s for s, _, other in scored[1:] if other.reading is None or other.reading.verdict != best.reading.verdict]
    if rivals and score - max(rivals) < READING_MARGIN:
        return None
    if negative is None:
        negative = asks_in_the_negative(asked)
    if negative != asks_in_the_negative(best.reading.question):
        return None
    if covered(best.reading.question) < READING_COVERAGE:
        return None
    if not restated and _first_word(card.answer) == _first_word(best.reading.verdict):  # the card already says it
        return None
    return best.reading


def with_verdict(answer: str, reading: Reading) -> str:
    """The card's answer opening with the reading's verdict.

    An answer without a verdict gets it first. An answer opening with the opposite yes or no (written for
    the question asked the other way round: « habiter la commune peut-il être exigé ? » → « Non ») has that
    verdict phrase replaced, its explanation kept, and so has a bare « Oui »/« Non » read « Cela dépend »;
    an answer opening with a conditional verdict (« Oui, si… ») follows a nuanced verdict as it is."""
    opening = reading.opening
    negative_lead = _NEGATIVE_LEAD.match(answer)
    if negative_lead is not None and _first_word(reading.verdict) == "non":
        # « **Pas sur le maximum : sur le montant réaliste** » already says what « Non » would: it completes it
        return f"**Non, {negative_lead.group('pas').lower()}{answer[negative_lead.end('pas') :]}"
    if not opens_with_verdict(answer):
        if answer.startswith("**") or not answer[:2].isalpha() or answer[1:2].isupper():
            return f"**{opening}.**\n\n{answer}"
        return f"**{opening}** : {answer[0].lower()}{answer[1:]}"
    lead = _BOLD_LEAD.match(answer)
    old, new = _first_word(answer), _first_word(reading.verdict)
    if lead is not None and old in _POLAR:
        bold = lead.group("bold")
        phrase = re.split(r"\s*[:.]\s*", bold, maxsplit=1)
        # a nuanced verdict replaces a bare « Oui »/« Non » (« **Oui** : … » read « Cela dépend… ») but goes
        # before a conditional one, which already says on what it depends (« Oui, si le CCAP… »)
        if len(phrase[0].split()) <= _VERDICT_PHRASE_WORDS and (new in _POLAR or not is_conditional(phrase[0])):
            rest, after = bold[len(phrase[0]) :], answer[lead.end() :]
            if rest.strip():
                return f"**{_then(opening, rest)}**{after}"
            said = re.match(r"\s*:\s*", after)
            if said and ":" in opening:  # « **Cela dépend du CCAP : elles comptent…** » then its own « : … »
                return f"**{opening}.** {capitalized(after[said.end() :])}"
            return f"**{opening}**{after}"
    return f"**{opening}.**\n\n{answer}"


def _then(opening: str, explanation: str) -> str:
    """``opening`` followed by the card's ``explanation`` (« : des heures… »); an opening that already explains
    (« Cela dépend du CCAP : elles comptent… ») ends its sentence there rather than take a second colon."""
    said = re.match(r"\s*:\s*", explanation)
    if said is None or ":" not in opening:
        return opening + explanation
    return f"{opening}. {capitalized(explanation[said.end() :])}"


def is_conditional(verdict: str) -> bool:
    """Whether a verdict phrase states its own condition (« Oui, si le CCAP retient ces profils »)."""
    return bool(_CONDITIONAL.search(fold(verdict)))


def verdict_texts(card: Card, reading: Reading | None) -> list[str]:
    """The questions the verdict opening a card's answer was written for: the chosen reading's, else the
    card's own yes/no questions (those a reading does not re-verdict: a paraphrase of key words asks
    nothing) and the readings of the same verdict."""
    if reading is not None:
        return [reading.question]
    read = {r.question for r in card.readings}
    said = _first_word(card.answer)
    own = [q for q in card.questions if q not in read and asks_yes_no(q)]
    return own + [r.question for r in card.readings if _first_word(r.verdict) == said]


def opening_verdict(text: str) -> str:
    """The verdict a text opens with, folded (« oui », « non », « cela depend », « pas forcement »…), or ""."""
    return _first_word(text)


def _first_word(text: str) -> str:
    found = _VERDICT_OPENING.match(fold(text))
    return found.group(1) if found else ""


def reading_for(
    message: str, card: Card, matcher: CardMatcher, context: str | None = None, *, restated: bool = False
) -> Reading | None:
    """The reading of ``card`` that answers ``message`` when it asks yes or no (:func:`choose_reading`),
    compared with the card matcher's similarity: half lexical overlap, half embeddings. ``context`` is the
    text a follow-up completes (« et si l'acheteur ne le sait pas, c'est grave ? » after a question on
    sous-traitance, or « … le titulaire doit quand même faire toutes les heures ? » after a question on an
    accord-cadre): what it speaks of counts for the reading's key words."""
    asked = asked_yes_no(message)
    if asked is None or not card.readings:
        return None
    similarity = _Similarity(matcher)
    # what the message says up to its question: a second question after it (« … ? ou ça fait doublon ? ») is
    # not what the verdict answers
    said = message.find(asked)
    spoken = f"{context or ''} {message[: said + len(asked)] if said >= 0 else message}"
    negative = asks_in_the_negative(yes_no_sentence(message) or asked)
    return choose_reading(
        asked,
        card,
        similarity,
        lambda text: similarity.covered(spoken, text),
        negative,
        similarity.matcher.lexical_similarity,
        restated,
    )


# The embeddings of the cards' readings and questions, per matcher (its embedder): computed once, on first use.
_CARD_VECTORS: weakref.WeakKeyDictionary[CardMatcher, dict[str, np.ndarray]] = weakref.WeakKeyDictionary()


def _unit(vector: np.ndarray) -> np.ndarray:
    vector = np.asarray(vector, dtype=np.float32)
    return vector / (np.linalg.norm(vector) or 1.0)


def embed_card_texts(matcher: CardMatcher) -> int:
    """Embed now the texts of the cards that yes/no questions are compared with (``_said``), texts of near
    lengths together, and keep them with the card vectors (a restart reads them): else the first question
    reaching a card with readings embeds its texts, up to seven (50 ms). The vectors are those the first
    question would compute, bit for bit. Returns how many texts."""
    known = _CARD_VECTORS.setdefault(matcher, {})
    texts = list(dict.fromkeys(said.text for card in matcher.cards if card.readings for said in _said(card)))
    for text, vector in zip(texts, matcher.kept_query_vectors(texts, "readings"), strict=True):
        known.setdefault(text, _unit(vector))
    return len(texts)


class _Similarity:
    """The card matcher's question-to-question similarity: ``0.5 · lexical + 0.5 · dense``."""

    def __init__(self, matcher: CardMatcher) -> None:
        self.matcher = matcher
        self.known = _CARD_VECTORS.setdefault(matcher, {})
        self.asked: dict[str, np.ndarray] = {}  # the message's own, for this answer only

    def __call__(self, asked: str, text: str) -> float:
        lexical = self.matcher.lexical_similarity(asked, text)
        dense = max(0.0, float(self._vector(asked, self.asked) @ self._vector(text, self.known)))
        return round(0.5 * lexical + 0.5 * dense, 3)

    def _vector(self, text: str, cache: dict[str, np.ndarray]) -> np.ndarray:
        if text not in cache:
            cache[text] = _unit(self.matcher.embed_query(text))
        return cache[text]

    def covered(self, message: str, text: str) -> float:
        """The share of the key words of ``text`` (IDF mass) that ``message`` uses."""
        analyzer, idf = self.matcher.analyzer, self.matcher.idf
        wanted = key_words(text, analyzer)
        mass = math.fsum(idf(t) for t in wanted)
        if mass <= 0:
            return 1.0
        said = set(analyzer.tokens(message))
        return math.fsum(idf(t) for t in wanted if t in said) / mass
