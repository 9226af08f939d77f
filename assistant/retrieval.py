"""Hybrid search: BM25 leads, dense similarity corrects, fused by a convex combination.

Per-query min-max normalised scores are combined as ``w·dense + (1 − w)·lexical``.
Rank fusion (RRF 1:1) was measured worse than BM25 alone on French with the English
MiniLM, so the weight is a setting tuned on the retrieval evaluation (eval/retrieval.py).

The hybrid search fuses the BM25 that also reads the answer cards' questions with each
section they link (``Index.ranking_lexical``): people's questions name a section's subject in
their words, not the guide's. The lexical method searches the passages alone, so whatever
judges a question by the words the passages share with it keeps judging the guides' text.

The int8 (ONNX) and float (torch) MiniLM give cosines that differ by about 0.01 (p99 0.036); min-max
scaling over the dense candidates (a spread of about 0.12) makes that about 0.02 of a fused score, so the
five passages differ between the two embedders for a quarter of the questions of blind batches 01-09 (2278),
their order for half. Measured and not kept (2026-12-01), against that int8/float gap: fused scores within
0.01 (or 0.005) of each other ordered by BM25 — ONNX correct −3 (−2) on batches 01-09 (05 and 09 lose,
the lexically closer passage states fewer facts), and of the 5 class changes between the embedders that
come from the passages, 1 removed and 2 new; dense cosines on a grid of 0.01-0.05 before fusing, or RRF
(k 10 or 60): more passage changes between the embedders, not fewer; a fixed dense scale (cosine 0.2-0.7)
or a dense weight of 0.2: fewer changes (324 and 310 of 566) but another ranking altogether (the passages
of 1000-1500 questions change), which is the loss already measured for BM25 alone.
Also measured (2026-12-02, the first three passages of the 2795 turns of batches 01-11; they differ between
the embedders for 401, their order for 658): fused scores on a grid of 0.01-0.05 with BM25 deciding within a
cell, 381-368 (and the int8 passages of 138-568 questions change); a floor of 0.10-0.20 under the dense
spread, 356-209 (235-1086 change). No ranking keeps int8's passages and removes the gap: the cosines that
flip a passage differ by 0.02-0.03 on a spread of 0.11. The float ONNX export (``embedding_precision``)
removes it at the source.

Both candidate lists are exact and keep equal scores in row order (``Index.dense_search``,
``LexicalIndex.search``, :mod:`assistant.ranking`), and ``fuse`` orders equal fused scores by row:
a question gets the same passages in the same order on every run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.documents import Chunk
from assistant.yaml_data import load_yaml

if TYPE_CHECKING:
    from assistant.embeddings import Embedder
    from assistant.index import Index
    from assistant.settings import Settings

Method = Literal["hybrid", "dense", "lexical"]
METHODS: tuple[Method, ...] = ("hybrid", "dense", "lexical")


@dataclass(frozen=True)
class Hit:
    """A retrieved passage with the scores that ranked it."""

    chunk: Chunk
    score: float
    lexical_score: float = 0.0
    dense_score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.chunk.id,
            "text": self.chunk.text,
            "title": self.chunk.title,
            "source": self.chunk.source,
            "page": self.chunk.page,
            "section": self.chunk.section,
            "url": self.chunk.url,
            "score": round(self.score, 4),
            "lexical_score": round(self.lexical_score, 4),
            "dense_score": round(self.dense_score, 4),
        }


def _min_max(pairs: list[tuple[int, float]]) -> dict[int, float]:
    if not pairs:
        return {}
    values = np.array([s for _, s in pairs], dtype=np.float64)
    low, high = values.min(), values.max()
    if high - low < 1e-12:
        return {row: 1.0 for row, _ in pairs}
    return {row: float((s - low) / (high - low)) for row, s in pairs}


def fuse(
    lexical: list[tuple[int, float]], dense: list[tuple[int, float]], dense_weight: float
) -> list[tuple[int, float]]:
    """Convex combination of normalised scores; a row missing from one list scores 0 there."""
    lex, den = _min_max(lexical), _min_max(dense)
    rows = set(lex) | set(den)
    fused = [(row, dense_weight * den.get(row, 0.0) + (1.0 - dense_weight) * lex.get(row, 0.0)) for row in rows]
    fused.sort(key=lambda pair: (-pair[1], pair[0]))
    return fused


class QueryExpander:
    """Adds the words behind abbreviations users type (« AO » → « appel d'offres »)."""

    def __init__(self, abbreviations: dict[str, str]) -> None:
        self._expansions = {key.lower(): value for key, value in abbreviations.items()}
        words = "|".join(sorted(map(re.escape, self._expansions), key=len, reverse=True))
        self._pattern = re.compile(rf"(?<![\w'’-])({words})(?![\w-])", re.IGNORECASE) if words else None

    @classmethod
    def load(cls, path: Path) -> QueryExpander:
        if not path.exists():
            return cls({})
        return cls(load_yaml(path.read_text(encoding="utf-8")) or {})

    def abbreviations(self) -> frozenset[str]:
        """The abbreviations known (lowercase), e.g. « aap »."""
        return frozenset(self._expansions)

    def expand(self, query: str) -> str:
        if self._pattern is None:
            return query
        found = {match.lower() for match in self._pattern.findall(query)}
        return " ".join([query, *(self._expansions[f] for f in sorted(found))])


class Retriever:
    """Searches an opened index with the lexical, dense or hybrid method."""

    def __init__(
        self,
        index: Index,
        embedder: Embedder,
        *,
        k: int = 5,
        candidates: int = 30,
        dense_weight: float = 0.3,
        expander: QueryExpander | None = None,
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.k = k
        self.candidates = candidates
        self.dense_weight = dense_weight
        self.expander = expander or QueryExpander({})

    @classmethod
    def from_settings(
        cls, index: Index, embedder: Embedder, settings: Settings, expander: QueryExpander | None = None
    ) -> Retriever:
        return cls(
            index,
            embedder,
            k=settings.retrieval_k,
            candidates=settings.retrieval_candidates,
            dense_weight=settings.dense_weight,
            expander=expander or QueryExpander.load(settings.domain_data_dir / "abbreviations.yaml"),
        )

    def search(
        self,
        query: str,
        k: int | None = None,
        method: Method = "hybrid",
        dense_weight: float | None = None,
        *,
        constant: bool = False,
    ) -> list[Hit]:
        """The ``k`` best passages for ``query``. ``constant``: the query is a text of the product (a
        template's grounding search), whose vector the embedder keeps for good (``embed_constant``)."""
        k = k or self.k
        query = query.strip()
        if not query:
            return []
        n = max(self.candidates, k)
        # The lexical method searches the passages alone; the hybrid one also the questions they answer.
        bm25 = self.index.lexical if method == "lexical" else self.index.ranking_lexical
        lexical = bm25.search(self.expander.expand(query), n) if method != "dense" else []
        dense = self.index.dense_search(self._query_vector(query, constant), n) if method != "lexical" else []
        lex_raw, den_raw = dict(lexical), dict(dense)
        if method == "lexical":
            ranked = lexical
        elif method == "dense":
            ranked = dense
        else:
            ranked = fuse(lexical, dense, self.dense_weight if dense_weight is None else dense_weight)
        return [
            Hit(self.index.chunks[row], score, lex_raw.get(row, 0.0), den_raw.get(row, 0.0))
            for row, score in ranked[:k]
        ]

    def _query_vector(self, query: str, constant: bool) -> np.ndarray:
        return self.embedder.embed_constant(query) if constant else self.embedder.embed_query(query)

    def as_langchain(self, k: int | None = None) -> HybridLangChainRetriever:
        return HybridLangChainRetriever(retriever=self, k=k or self.k)


class HybridLangChainRetriever(BaseRetriever):
    """The hybrid search as a LangChain retriever, for agents and chains."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    retriever: Any
    k: int = 5

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [
            Document(page_content=hit.chunk.text, metadata={k: v for k, v in hit.to_dict().items() if k != "text"})
            for hit in self.retriever.search(query, k=self.k)
        ]
