"""The public Python API: one :class:`Assistant` that the CLI, the HTTP API and the evaluation use.

A thin layer over :class:`~assistant.context.Context` (everything built once from the
settings) and its :class:`~assistant.conversation.Engine` and
:class:`~assistant.tools.Toolbox`::

    from assistant import Assistant
    from assistant.settings import Settings

    assistant = Assistant(Settings())
    response = assistant.ask("Qu'est-ce qu'un facilitateur ?")
    result = assistant.size({"amount": "1,2 M€", "trade": "gros œuvre"})
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.context import Context
from assistant.drafting import DraftResult
from assistant.sessions import SessionStore
from assistant.settings import Settings
from assistant.sizing import SizingResult

if TYPE_CHECKING:  # the conversation and search stack is imported when first used
    from assistant.conversation import Engine, StreamEvent
    from assistant.responses import Response
    from assistant.retrieval import Hit, Method


class Assistant:
    """Conversations (:meth:`ask`, :meth:`stream`) and the three tools (:meth:`search`, :meth:`size`, :meth:`draft`)."""

    def __init__(self, settings: Settings | None = None, *, context: Context | None = None) -> None:
        if context is not None and settings is not None and context.settings is not settings:
            raise ValueError("settings and context disagree: pass one of them")
        self.context = context or Context(settings or Settings())
        self._engine: Engine | None = None

    @property
    def settings(self) -> Settings:
        return self.context.settings

    @property
    def engine(self) -> Engine:
        return self._engine or self.context.engine

    def with_sessions(self, path: Path) -> Assistant:
        """The same assistant keeping its conversations in ``path`` (an evaluation leaves the user's clean)."""
        other = Assistant(context=self.context)
        other._engine = self.engine.with_store(SessionStore(path))
        return other

    # --- conversations ------------------------------------------------------------------

    def ask(self, message: str, session_id: str | None = None) -> Response:
        """One turn of a conversation (a new one without ``session_id``)."""
        return self.engine.ask(message, session_id)

    def stream(self, message: str, session_id: str | None = None) -> Iterator[StreamEvent]:
        """The same turn as :meth:`ask`, as « start », « delta »… and « done » events."""
        return self.engine.stream(message, session_id)

    @property
    def backend_name(self) -> str:
        """``embedded`` or ``llm``: the configured backend."""
        return self.engine.backend_name

    @property
    def streams_live(self) -> bool:
        """Whether :meth:`stream` computes while it yields (a language model) rather than slicing an answer."""
        return self.engine.backend.live

    def greeting(self) -> str:
        return self.context.messages.get("greeting")

    def feedback(self, session_id: str, message_id: str, rating: str, comment: str | None = None) -> str:
        """Records a thumbs up or down on an answer; the feedback's id."""
        return self.context.store.add_feedback(session_id, message_id, rating, comment)

    # --- the tools -------------------------------------------------------------------------

    def search(self, query: str, k: int | None = None, method: Method = "hybrid") -> list[Hit]:
        """The corpus passages closest to ``query``."""
        return self.context.retriever.search(query, k=k, method=method)

    def size(self, params: Mapping[str, Any]) -> SizingResult:
        """Insertion hours of a market, with the formula and every assumption."""
        return self.context.toolbox.size(params)

    def draft(self, kind: str, params: Mapping[str, Any] | None = None) -> DraftResult:
        """A clause ready to paste, with its references and what remains to complete."""
        return self.context.toolbox.draft(kind, params or {})
