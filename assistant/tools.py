"""The three tools of the assistant — search, size, draft — as one object both backends share.

The embedded backend calls these methods directly; the LLM backend wraps the same
methods as LangChain tools, so both paths compute the same numbers and wording.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from assistant.drafting import ClauseLibrary, DraftResult, draft
from assistant.refusal_parts import RefusalParts
from assistant.sizing import Grid, SizingResult, size

if TYPE_CHECKING:  # the search stack is imported by whoever builds the retriever
    from assistant.retrieval import Hit, Retriever


class Toolbox:
    def __init__(
        self, retriever: Callable[[], Retriever], grid: Grid, library: ClauseLibrary, refusals: RefusalParts
    ) -> None:
        # The retriever is fetched per call: the index may be swapped by an ingestion.
        self._retriever = retriever
        self.grid = grid
        self.library = library
        self.refusals = refusals  # the words of a drafting refusal (the prompts folder's refusals.yaml)

    @property
    def retriever(self) -> Retriever:
        return self._retriever()

    def search(self, query: str, k: int | None = None, *, constant: bool = False) -> list[Hit]:
        """``constant``: ``query`` is a fixed text of the product, not the user's (see ``Retriever.search``)."""
        return self.retriever.search(query, k=k, constant=constant)

    def size(self, params: Mapping[str, Any]) -> SizingResult:
        return size(self.grid, dict(params))

    def draft(self, kind: str, params: Mapping[str, Any], *, short: bool = False) -> DraftResult:
        return draft(kind, dict(params), library=self.library, grid=self.grid, refusals=self.refusals, short=short)

    def trades(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """(id, label, synonyms) of every trade of the grid, for reading trades in messages."""
        return [(t.id, t.label, tuple(t.synonyms)) for t in self.grid.trades]
