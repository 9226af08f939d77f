"""French lexical retrieval: BM25 over stemmed, accent-folded tokens.

Measured on French questions (shared notes), BM25 with Snowball stemming then accent
folding is the strongest single retriever here, so it leads the hybrid search. Folding
comes *after* stemming because the French stemmer expects accents; the stem of the
folded word is added when it differs, for queries typed without accents.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

from assistant.fr import strip_accents
from assistant.ranking import ranked_rows

_ARTICLE = re.compile(r"\b([lrd])\s?\.?\s?(\d{4})\s?-\s?(\d+(?:-\d+)?)\b", re.IGNORECASE)
_DIGIT_GROUPS = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)")
_TOKEN = re.compile(r"[lrd]\d{4}-\d+(?:-\d+)?|\w+", re.UNICODE)
_ELISIONS = {"l", "d", "j", "qu", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu"}
# Pronouns and connectives missing from the bm25s French list (« comptent-elles », « lorsque »).
_MORE_STOPWORDS = {
    "elles",
    "leurs",
    "celle",
    "celles",
    "celui",
    "ceux",
    "cela",
    "ceci",
    "ca",
    "ça",
    "lorsque",
    "puisque",
    "quand",
    "comme",
    "donc",
    "alors",
    "ainsi",
    "aussi",
    "tout",
    "tous",
    "toute",
    "toutes",
    "très",
    "tres",
    "bien",
    "dont",
    "où",
    "si",
    "oui",
    "etc",
}
_STOPWORDS = frozenset(bm25s.stopwords.STOPWORDS_FRENCH) | _ELISIONS | _MORE_STOPWORDS
# Bumped whenever tokens or the BM25 parameters change, so an index built otherwise is rebuilt.
ANALYZER_VERSION = "fr-3"
# Term saturation and length normalisation of the passages' BM25.
BM25_K1 = 1.2
BM25_B = 0.75
# Passages with the questions of the answer cards that link them (index.py) are searched with
# less length normalisation: their length grows with how often people ask about a section, not
# with how wordy it is. Measured on eval/retrieval.yaml and the blind batches' `where` sections
# (python -m eval.retrieval --blind …): b = 0.5 ranks the labelled section higher on each batch.
BM25_B_WITH_QUESTIONS = 0.5


class FrenchAnalyzer:
    """Text → tokens: lowercase, article ids kept whole, elisions and stopwords dropped, stem, fold."""

    def __init__(self) -> None:
        self._stemmer = Stemmer.Stemmer("french")
        self._stem = lru_cache(maxsize=50_000)(self._stemmer.stemWord)
        # A turn analyses the same words many times (the message, then the sentences of every passage
        # found, the cards' texts): a word's tokens are a pure function of the word, kept once.
        self._word = lru_cache(maxsize=50_000)(self._analysed_word)

    def tokens(self, text: str) -> list[str]:
        text = unicodedata.normalize("NFC", text).lower()
        text = text.replace("’", "'").replace("ʼ", "'")
        text = _ARTICLE.sub(lambda m: f" {m.group(1)}{m.group(2)}-{m.group(3)} ", text)
        text = _DIGIT_GROUPS.sub("", text)
        out: list[str] = []
        for token in _TOKEN.findall(text):
            if token in _STOPWORDS or token == "_":
                continue
            if token[0].isdigit() or _ARTICLE.fullmatch(token):
                out.append(token)
                continue
            out.extend(self._word(token))
        return out

    def _analysed_word(self, token: str) -> tuple[str, ...]:
        """The tokens of one word. Users often type without accents, and the stemmer cuts "duree" and
        "durée" differently: index both the folded stem and the stem of the folded word so either
        spelling meets the other."""
        stem_then_fold = strip_accents(self._stem(token))
        fold_then_stem = self._stem(strip_accents(token))
        return (stem_then_fold,) if fold_then_stem == stem_then_fold else (stem_then_fold, fold_then_stem)


class LexicalIndex:
    """A BM25 index over chunk texts; row i of the index is chunk i of the build."""

    def __init__(self, retriever: bm25s.BM25, analyzer: FrenchAnalyzer, size: int) -> None:
        self._retriever = retriever
        self._analyzer = analyzer
        self.size = size

    @classmethod
    def build(
        cls, texts: list[str], analyzer: FrenchAnalyzer | None = None, *, k1: float = BM25_K1, b: float = BM25_B
    ) -> LexicalIndex:
        analyzer = analyzer or FrenchAnalyzer()
        retriever = bm25s.BM25(k1=k1, b=b)
        corpus_tokens = [analyzer.tokens(t) or ["_vide_"] for t in texts]
        retriever.index(corpus_tokens, show_progress=False)
        return cls(retriever, analyzer, len(texts))

    def save(self, folder: Path) -> None:
        self._retriever.save(str(folder))

    @classmethod
    def load(cls, folder: Path, size: int, analyzer: FrenchAnalyzer | None = None) -> LexicalIndex:
        retriever = bm25s.BM25.load(str(folder))
        return cls(retriever, analyzer or FrenchAnalyzer(), size)

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """Rows and BM25 scores of the best matches (score > 0 only)."""
        tokens = self._analyzer.tokens(query)
        vocab = self._retriever.vocab_dict
        tokens = [t for t in tokens if t in vocab]
        if not tokens or self.size == 0:
            return []
        # Every row scored, then the best ones with ties in row order (assistant/ranking.py): bm25s's
        # partial sort leaves tied rows in an order its numpy kernel decides. A few hundred rows: ~0.1 ms.
        scores = self._retriever.get_scores(tokens)
        return [(row, score) for row, score in ranked_rows(scores, min(k, self.size)) if score > 0]

    def knows(self, token: str) -> bool:
        """True when the corpus uses the token, or a token one or two typos away (« insetion »)."""
        vocabulary = self._retriever.vocab_dict
        if token in vocabulary:
            return True
        from rapidfuzz import fuzz, process

        return process.extractOne(token, vocabulary.keys(), scorer=fuzz.ratio, score_cutoff=80) is not None

    def in_vocabulary(self, token: str) -> bool:
        return token in self._retriever.vocab_dict

    def idf(self, token: str) -> float:
        """Rarity of an analysed token in the corpus; a token the corpus never uses is the rarest."""
        row = self._retriever.vocab_dict.get(token)
        indptr = self._retriever.scores["indptr"]
        frequency = 0 if row is None else int(indptr[row + 1] - indptr[row])
        return float(np.log(1.0 + self.size / (1.0 + frequency)))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every row, for evaluation and benchmarks."""
        tokens = [t for t in self._analyzer.tokens(query) if t in self._retriever.vocab_dict]
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return self._retriever.get_scores(tokens)
