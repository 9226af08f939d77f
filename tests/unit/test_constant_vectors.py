"""The vectors of the product's constant texts (grounding searches): embedded once, never stale."""

from __future__ import annotations

import numpy as np

from assistant.embeddings import Embedder
from assistant.retrieval import Retriever
from eval.bench import clear_query_cache, embeddings_made


class _Counting(Embedder):
    """An embedder without a model: a text's vector depends on the text and the identity, calls are counted."""

    def __init__(self, model_path: str = "model-a", backend: str = "onnx-fp32") -> None:
        self.model_path = model_path
        self.backend = backend
        self.dimension = 4
        self.calls: list[str] = []
        self._init_caches()

    def _embed_query_uncached(self, text: str) -> np.ndarray:
        self.calls.append(text)
        seed = sum(map(ord, text + self.identity))
        vector = np.random.default_rng(seed).random(self.dimension).astype(np.float32)
        vector.setflags(write=False)
        return vector


def test_a_constant_text_is_embedded_once() -> None:
    embedder = _Counting()
    embedder.embed_constant("pénalités d'insertion")
    embedder.embed_constant("pénalités d'insertion")
    assert embedder.calls == ["pénalités d'insertion"]


def test_a_constant_vector_is_the_query_vector_bit_for_bit() -> None:
    embedder = _Counting()
    assert np.array_equal(embedder.embed_constant("marché réservé"), embedder.embed_query("marché réservé"))


def test_clearing_the_query_cache_keeps_the_constant_vectors() -> None:
    # the bench empties the LRU before each question so that each question pays its own embedding
    embedder = _Counting()
    embedder.embed_constant("pénalités d'insertion")
    embedder._cached_query.cache_clear()
    embedder.embed_constant("pénalités d'insertion")
    assert embedder.calls == ["pénalités d'insertion"]


def test_another_precision_embeds_the_constant_again() -> None:
    embedder = _Counting(backend="onnx-fp32")
    first = embedder.embed_constant("pénalités d'insertion")
    embedder.backend = "onnx-int8"
    second = embedder.embed_constant("pénalités d'insertion")
    assert len(embedder.calls) == 2 and not np.array_equal(first, second)


def test_another_model_embeds_the_constant_again() -> None:
    embedder = _Counting(model_path="model-a")
    embedder.embed_constant("pénalités d'insertion")
    embedder.model_path = "model-b"
    embedder.embed_constant("pénalités d'insertion")
    assert len(embedder.calls) == 2


def test_a_new_embedder_starts_without_constant_vectors() -> None:
    _Counting().embed_constant("pénalités d'insertion")
    fresh = _Counting()
    fresh.embed_constant("pénalités d'insertion")
    assert fresh.calls == ["pénalités d'insertion"]


class _Lexical:
    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        return [(0, 2.0), (1, 1.0)]


class _Index:
    lexical = ranking_lexical = _Lexical()
    chunks = ["premier passage", "second passage"]

    def dense_search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        return [(1, 0.9), (0, 0.1)]


def _retriever(embedder: Embedder) -> Retriever:
    return Retriever(_Index(), embedder, k=2)  # type: ignore[arg-type]


def test_a_constant_search_embeds_its_query_once_whatever_the_query_cache() -> None:
    embedder = _Counting()
    retriever = _retriever(embedder)
    for _ in range(2):
        retriever.search("pénalités d'insertion", constant=True)
        embedder._cached_query.cache_clear()
    assert embedder.calls == ["pénalités d'insertion"]


def test_a_constant_search_finds_what_the_same_search_finds() -> None:
    retriever = _retriever(_Counting())
    assert retriever.search("pénalités", constant=True) == retriever.search("pénalités")


def test_a_user_message_is_not_kept_as_a_constant() -> None:
    embedder = _Counting()
    _retriever(embedder).search("mon marché de 85 000 €")
    assert embedder._constants == {}


def test_the_bench_counts_the_texts_a_question_embeds() -> None:
    embedder = _Counting()
    clear_query_cache(embedder)
    before = embeddings_made(embedder)
    embedder.embed_query("mon marché")
    embedder.embed_query("mon marché")
    embedder.embed_constant("pénalités d'insertion")
    assert embeddings_made(embedder) - before == 2  # type: ignore[operator]
