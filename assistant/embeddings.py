"""Sentence embeddings: one model, loaded once, normalised vectors for cosine similarity."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from assistant.settings import Settings


class Embedder:
    """Wraps a sentence-transformers model (any name or folder the settings give).

    ``query_prefix``/``passage_prefix`` serve models trained with them (e5: "query: ",
    "passage: "); MiniLM uses none.
    """

    def __init__(self, model_path: str, *, threads: int = 1, query_prefix: str = "", passage_prefix: str = "") -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(threads)
        self.model_path = model_path
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self._model = SentenceTransformer(model_path, device="cpu")
        self.dimension = int(self._model.get_embedding_dimension())
        self._cached_query = lru_cache(maxsize=1024)(self._embed_query_uncached)

    @classmethod
    def from_settings(cls, settings: Settings, *, threads: int | None = None) -> Embedder:
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
