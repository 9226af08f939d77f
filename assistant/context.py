"""Everything built once from the settings and shared by a process (CLI command, API worker).

Heavy parts (the embedding model, the opened index) are created on first use, so a
command that only sizes hours never loads a model.
"""

from __future__ import annotations

import threading
from functools import cached_property

from assistant.embeddings import Embedder
from assistant.index import Index
from assistant.retrieval import Retriever
from assistant.settings import Settings


class Context:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._index: Index | None = None

    @cached_property
    def embedder(self) -> Embedder:
        return Embedder.from_settings(self.settings)

    @property
    def index(self) -> Index:
        """The current build, reopened when an ingestion has swapped in a new one."""
        with self._lock:
            if self._index is None or not self._index.is_current(self.settings):
                self._index = Index.open(self.settings)
            return self._index

    @property
    def retriever(self) -> Retriever:
        return Retriever.from_settings(self.index, self.embedder, self.settings)

    def reload(self) -> None:
        with self._lock:
            self._index = None
