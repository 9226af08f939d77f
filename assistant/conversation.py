"""The conversation engine: one turn in, one Response out, whatever the front end.

It validates the message, loads the session, asks the configured backend, falls back
on the embedded backend when the language model fails, keeps only citations that
exist, stores the turn and returns the response every front end renders.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from assistant.backends.base import Answer, Backend, Turn
from assistant.citations import keep_valid_citations
from assistant.errors import BackendUnavailable, InvalidInput
from assistant.privacy import mask
from assistant.responses import Response
from assistant.sessions import Message, SessionStore, _now, new_id

log = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CHUNK = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class StreamEvent:
    event: str  # start | delta | done | error
    data: dict[str, Any]


def clean_message(message: str, max_chars: int) -> str:
    """The message without control characters; a named error when empty or too long."""
    if not isinstance(message, str):
        raise InvalidInput("Le message doit être un texte.", field="message")
    text = _CONTROL.sub(" ", message).strip()
    if not text:
        raise InvalidInput("Votre message est vide : écrivez une question.", field="message")
    if len(text) > max_chars:
        raise InvalidInput(
            f"Votre message compte {len(text)} caractères ; la limite est de {max_chars}. "
            "Raccourcissez-le ou découpez-le en plusieurs questions.",
            field="message",
        )
    return text


class Engine:
    def __init__(
        self,
        store: SessionStore,
        embedded: Backend,
        llm: Backend | None = None,
        *,
        max_chars: int = 4000,
        history: int = 10,
        fallback_notice: str = "",
        log_messages: bool = False,
    ) -> None:
        self.store = store
        self.embedded = embedded
        self.llm = llm
        self.max_chars = max_chars
        self.history = history
        self.fallback_notice = fallback_notice
        self.log_messages = log_messages

    @property
    def backend_name(self) -> str:
        return self.llm.name if self.llm else self.embedded.name

    def _answer(self, turn: Turn) -> tuple[Answer, str]:
        if self.llm is None:
            return self.embedded.answer(turn), self.embedded.name
        try:
            return self.llm.answer(turn), self.llm.name
        except BackendUnavailable as error:
            log.warning("LLM backend failed, falling back to the embedded backend: %s", error.detail)
            answer = self.embedded.answer(turn)
            answer.notices.append(self.fallback_notice)
            return answer, self.embedded.name

    def ask(self, message: str, session_id: str | None = None) -> Response:
        started = time.perf_counter()
        text = clean_message(message, self.max_chars)
        session = self.store.load(session_id, self.history * 2)
        turn = Turn(text, session.state, session.messages)
        answer, backend = self._answer(turn)
        answer_text, sources, invented = keep_valid_citations(answer.text, answer.sources)
        if invented:
            log.warning("dropped invented citations %s", invented)
        response = Response(
            answer=answer_text,
            sources=sources,
            tool_calls=answer.tool_calls,
            backend=backend,
            session_id=session.id,
            message_id=new_id(),
            intent=answer.intent,
            notices=answer.notices,
            suggestions=answer.suggestions,
            decision=answer.decision,
        )
        self.store.append_turn(
            session.id,
            Message(new_id(), "user", text, _now()),
            Message(
                response.message_id,
                "assistant",
                response.answer,
                _now(),
                response.intent,
                backend,
                [call.model_dump(mode="json") for call in response.tool_calls],
                [source.model_dump(mode="json") for source in response.sources],
            ),
            answer.state,
        )
        log.info(
            "turn session=%s intent=%s rule=%s p=%s backend=%s sources=%d ms=%.0f%s",
            session.id[:8],
            response.intent,
            response.decision.rule if response.decision else "-",
            response.decision.probability if response.decision else "-",
            backend,
            len(sources),
            (time.perf_counter() - started) * 1000,
            f" message={mask(text)!r}" if self.log_messages else "",
        )
        return response

    def stream(self, message: str, session_id: str | None = None) -> Iterator[StreamEvent]:
        """The same answer as :meth:`ask`, cut into word chunks, then the full response."""
        response = self.ask(message, session_id)
        yield StreamEvent("start", {"session_id": response.session_id, "message_id": response.message_id})
        buffer = ""
        for piece in _CHUNK.findall(response.answer):
            buffer += piece
            if len(buffer) >= 24 or piece.endswith("\n"):
                yield StreamEvent("delta", {"text": buffer})
                buffer = ""
        if buffer:
            yield StreamEvent("delta", {"text": buffer})
        yield StreamEvent("done", response.model_dump(mode="json"))
