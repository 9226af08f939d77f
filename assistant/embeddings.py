"""Sentence embeddings: one model, loaded once, normalised vectors for cosine similarity.

Two backends give the same interface: :class:`Embedder` (sentence-transformers on torch,
any model) and :class:`~assistant.onnx_embedder.OnnxEmbedder` (an int8 ONNX export run
by onnxruntime, no torch). ``Embedder.from_settings`` picks one from
``settings.embedding_backend``. Importing this module is cheap: torch is loaded only
when a torch-backed embedder is built.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, NamedTuple

import numpy as np

if TYPE_CHECKING:
    from assistant.settings import Settings


def resolve_backend(settings: Settings) -> Literal["onnx", "torch"]:
    """The backend that ``settings`` select: ``auto`` means ONNX for the bundled model only."""
    from assistant.settings import BUNDLED_MODEL

    if settings.embedding_backend == "auto":
        return "onnx" if settings.embedding_model == BUNDLED_MODEL else "torch"
    return settings.embedding_backend


def embedding_identity(settings: Settings) -> str:
    """What the index manifest records as its model, without loading the model.

    The two backends give slightly different vectors, so the backend is part of it:
    ``torch:<model path>``, ``onnx-int8:<model path>`` or ``onnx-fp32:<model path>`` (equal to
    ``Embedder.identity``).
    """
    backend = f"onnx-{settings.embedding_precision}" if resolve_backend(settings) == "onnx" else "torch"
    return f"{backend}:{settings.embedding_model_path}"


class CacheInfo(NamedTuple):
    """The counters of ``functools.lru_cache``, which the query cache replaces (the bench reads ``misses``)."""

    hits: int
    misses: int
    maxsize: int
    currsize: int


class QueryCache:
    """The vectors of the last ``maxsize`` query texts (least recently used dropped first).

    Unlike ``functools.lru_cache`` it embeds several missing texts in one call (:meth:`many`): the parts
    of a message asking several things are embedded together, one pass of the model instead of one each.
    A vector is computed outside the lock: two threads missing the same text both embed it, and the vectors
    are equal."""

    def __init__(
        self,
        embed_one: Callable[[str], np.ndarray],
        embed_many: Callable[[list[str]], list[np.ndarray]],
        maxsize: int,
    ) -> None:
        self._embed_one = embed_one
        self._embed_many = embed_many
        self._maxsize = maxsize
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self._hits = 0
        self._misses = 0

    def __call__(self, text: str) -> np.ndarray:
        vector = self._get(text)
        if vector is None:
            vector = self._put(text, self._embed_one(text))
        return vector

    def many(self, texts: list[str]) -> list[np.ndarray]:
        """The vectors of ``texts``, in order; those not kept are embedded in one call."""
        found = {text: self._get(text) for text in dict.fromkeys(texts)}
        missing = [text for text, vector in found.items() if vector is None]
        if missing:
            for text, vector in zip(missing, self._embed_many(missing), strict=True):
                found[text] = self._put(text, vector)
        return [found[text] for text in texts]  # type: ignore[misc]  # every text is found or embedded above

    def _get(self, text: str) -> np.ndarray | None:
        with self._lock:
            vector = self._vectors.get(text)
            if vector is None:
                self._misses += 1
                return None
            self._hits += 1
            self._vectors.move_to_end(text)
            return vector

    def _put(self, text: str, vector: np.ndarray) -> np.ndarray:
        with self._lock:
            self._vectors[text] = vector
            self._vectors.move_to_end(text)
            while len(self._vectors) > self._maxsize:
                self._vectors.popitem(last=False)
        return vector

    def cache_clear(self) -> None:
        with self._lock:
            self._vectors.clear()
            self._hits = self._misses = 0

    def cache_info(self) -> CacheInfo:
        with self._lock:
            return CacheInfo(self._hits, self._misses, self._maxsize, len(self._vectors))


class Embedder:
    """Wraps a sentence-transformers model (any name or folder the settings give).

    ``query_prefix``/``passage_prefix`` serve models trained with them (e5: "query: ",
    "passage: "); MiniLM uses none.
    """

    backend = "torch"
    model_path: str

    def __init__(self, model_path: str, *, threads: int = 1, query_prefix: str = "", passage_prefix: str = "") -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(threads)
        self.model_path = model_path
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self._model = SentenceTransformer(model_path, device="cpu")
        self.dimension = int(self._model.get_embedding_dimension() or 0)
        self._init_caches()

    def _init_caches(self) -> None:
        """The query vectors kept: the last 1024 messages (LRU) and the product's constant texts (for good)."""
        self._cached_query = QueryCache(self._embed_query_uncached, self._embed_queries_uncached, maxsize=1024)
        self._constants: dict[tuple[str, str], np.ndarray] = {}

    @property
    def identity(self) -> str:
        """Backend and model, as recorded in the index manifest (vectors differ between backends)."""
        return f"{self.backend}:{self.model_path}"

    @classmethod
    def from_settings(cls, settings: Settings, *, threads: int | None = None) -> Embedder:
        """The embedder the settings select: ONNX int8 (exported on first need) or sentence-transformers."""
        if resolve_backend(settings) == "onnx":
            from assistant.onnx_embedder import OnnxEmbedder

            return OnnxEmbedder.from_settings(settings, threads=threads)
        return cls(
            settings.embedding_model_path,
            threads=threads or settings.embedding_threads,
            query_prefix=settings.embedding_query_prefix,
            passage_prefix=settings.embedding_passage_prefix,
        )

    def embed_documents(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            [self.passage_prefix + t for t in texts],
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return vectors.astype(np.float32)

    def _embed_query_uncached(self, text: str) -> np.ndarray:
        vector = self._model.encode(
            [self.query_prefix + text], normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )[0]
        vector = vector.astype(np.float32)
        vector.setflags(write=False)
        return vector

    def _embed_queries_uncached(self, texts: list[str]) -> list[np.ndarray]:
        """The vectors of several queries. One text at a time here: a batch pads its texts, and torch's
        vectors of a padded text may differ in their last bits from its vector alone."""
        return [self._embed_query_uncached(text) for text in texts]

    def embed_query(self, text: str) -> np.ndarray:
        return self._cached_query(text)

    def embed_queries(self, texts: list[str]) -> list[np.ndarray]:
        """``embed_query`` for several texts, those not kept embedded together when the backend gives the same
        vectors that way (the float ONNX export); each vector equals ``embed_query``'s, bit for bit."""
        return self._cached_query.many(texts)

    def embed_constant(self, text: str) -> np.ndarray:
        """``embed_query`` for a text the product fixes (a template's grounding search), kept for good.

        The query LRU churns under distinct user messages; these few texts are asked again on every
        turn of their kind, so they stay out of it. The vector is the one ``embed_query`` gives, bit for
        bit. Keyed by ``identity`` as well: a vector never outlives the model and precision that made it.
        """
        key = (self.identity, text)
        vector = self._constants.get(key)
        if vector is None:
            vector = self._constants.setdefault(key, self._embed_query_uncached(text))
        return vector
