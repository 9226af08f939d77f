"""What every answering backend receives and returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from assistant.responses import Source, ToolCall
from assistant.sessions import Message


@dataclass(frozen=True)
class Turn:
    """One user message in its conversation."""

    message: str
    state: dict[str, Any]
    history: list[Message]


@dataclass
class Answer:
    text: str
    intent: str
    sources: list[Source] = field(default_factory=list)
    tool_calls: list[ToolCall] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    decision: dict[str, Any] | None = None  # {intent, probability, rule} from the router
    suggestions: list[str] = field(default_factory=list)


class Backend(Protocol):
    name: str

    def answer(self, turn: Turn) -> Answer: ...
