"""Sentence embeddings: one model, loaded once, normalised vectors for cosine similarity.

Two backends give the same interface: :class:`Embedder` (sentence-transformers on torch,
any model) and :class:`~assistant.onnx_embedder.OnnxEmbedder` (an int8 ONNX export run
by onnxruntime, no torch). ``Embedder.from_settings`` picks one from
``settings.embedding_backend``. Importing this module is cheap: torch is loaded only
when a torch-backed embedder is built.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Literal

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
        self._cached_query = lru_cache(maxsize=1024)(self._embed_query_uncached)
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

    def embed_query(self, text: str) -> np.ndarray:
        return self._cached_query(text)

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
