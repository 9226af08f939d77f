"""What every answering backend receives and returns."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from assistant.responses import Decision, Source, ToolCall
from assistant.sessions import Message
from assistant.state import ConversationState

if TYPE_CHECKING:
    from assistant.routing import RefusalPolicy, Screening

_CHUNK = re.compile(r"\S+\s*|\s+")
CHUNK_CHARS = 24


@dataclass(frozen=True)
class Turn:
    """One user message in its conversation (``state`` also accepts the stored dict form)."""

    message: str
    state: ConversationState
    history: list[Message]
    screening: Screening | None = None
    """The refusal policy's verdict, when the engine already applied it (backends do not apply it again)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "state", ConversationState.coerce(self.state))


@dataclass
class Answer:
    text: str
    intent: str
    sources: list[Source] = field(default_factory=list)
    tool_calls: list[ToolCall] = field(default_factory=list)
    state: ConversationState = field(default_factory=ConversationState)
    notices: list[str] = field(default_factory=list)
    backend: str | None = None
    """The backend that produced the answer, when not the one asked (a fallback)."""
    decision: Decision | None = None
    """Why the router chose this answer (intent, probability, rule); None when no router decided."""
    suggestions: list[str] = field(default_factory=list)
    """Close canonical questions offered when the assistant is unsure (« Vouliez-vous dire »)."""


Delta = str
"""A piece of the answer's text, streamed before the whole :class:`Answer`."""


class Backend(Protocol):
    name: str
    live: bool
    """Whether :meth:`stream` yields while computing (a model's tokens) or slices a finished answer."""

    def answer(self, turn: Turn) -> Answer: ...

    def stream(self, turn: Turn) -> Iterator[Delta | Answer]:
        """Text pieces, then the whole :class:`Answer` as the last item."""
        ...


class RefusingBackend(Backend, Protocol):
    """A backend that answers refused requests, and holds the refusal policy that refuses them."""

    policy: RefusalPolicy


def chunks(text: str) -> Iterator[str]:
    """A finished text cut into word chunks of about :data:`CHUNK_CHARS` characters (lines kept whole)."""
    buffer = ""
    for piece in _CHUNK.findall(text):
        buffer += piece
        if len(buffer) >= CHUNK_CHARS or piece.endswith("\n"):
            yield buffer
            buffer = ""
    if buffer:
        yield buffer


def chunked(answer: Answer) -> Iterator[Delta | Answer]:
    """The stream of a backend that computes the whole answer first."""
    yield from chunks(answer.text)
    yield answer
