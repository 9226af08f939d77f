"""The conversation engine: one turn in, one Response out, whatever the front end.

It validates the message, loads the session, applies the refusal policy, asks the
configured backend (a :class:`~assistant.backends.fallback.FallbackBackend` answers
with the embedded backend when the language model fails), keeps only citations that
exist, stores the turn and returns the response every front end renders.
"""

from __future__ import annotations

import itertools
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from assistant.backends.base import Answer, Backend, RefusingBackend, Turn, chunked
from assistant.citations import keep_valid_citations
from assistant.errors import InvalidInput
from assistant.fr.formatting import fmt_count
from assistant.fr.shorthand import expand_shorthand
from assistant.privacy import mask
from assistant.responses import Response
from assistant.sessions import Message, SessionStore, _now, last_user_message, new_id
from assistant.state import ConversationState

log = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class DataAnswerer(Protocol):
    """Answers questions about an authorised caller's own data (follow-up); None for any other question."""

    def answer(self, turn: Turn) -> Answer | None: ...


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
            f"Votre message compte {fmt_count(len(text))} caractères ; la limite est de {fmt_count(max_chars)}. "
            "Raccourcissez-le ou découpez-le en plusieurs questions.",
            field="message",
        )
    return text


class Engine:
    """One turn in, one :class:`Response` out, with ``backend`` (possibly a :class:`FallbackBackend`).

    The refusal policy of ``refusals`` (the embedded backend,
    :class:`assistant.routing.RefusalPolicy`) is applied here, once per turn for every
    backend: a refused request is answered by ``refusals`` and never reaches a language
    model; the verdict travels with the turn, so no backend applies the policy again.
    """

    def __init__(
        self,
        store: SessionStore,
        backend: Backend,
        *,
        refusals: RefusingBackend | None = None,
        max_chars: int = 4000,
        history: int = 10,
        log_messages: bool = False,
    ) -> None:
        self.store = store
        self.backend = backend
        self.refusals = refusals
        self.max_chars = max_chars
        self.history = history
        self.log_messages = log_messages

    @property
    def backend_name(self) -> str:
        return self.backend.name

    def with_store(self, store: SessionStore) -> Engine:
        """The same engine writing its sessions to ``store`` (evaluation runs keep the user's clean)."""
        return Engine(
            store,
            self.backend,
            refusals=self.refusals,
            max_chars=self.max_chars,
            history=self.history,
            log_messages=self.log_messages,
        )

    def _backend_for(self, turn: Turn) -> Backend:
        screening = turn.screening
        if self.refusals is not None and screening is not None and (screening.refusal or screening.answered):
            return self.refusals  # a question about the law gets the rule's verdict, never a model's guess
        return self.backend

    def _turn(self, message: str, session_id: str | None) -> tuple[Turn, str]:
        text = expand_shorthand(clean_message(message, self.max_chars))
        session = self.store.load(session_id, self.history * 2)
        previous = last_user_message(session.messages)
        screening = self.refusals.policy.screen(text, previous) if self.refusals is not None else None
        return Turn(text, ConversationState.from_dict(session.state), session.messages, screening), session.id

    def ask(self, message: str, session_id: str | None = None, data: DataAnswerer | None = None) -> Response:
        """One turn; ``data`` (authorised callers only) answers questions about their follow-up data first."""
        started = time.perf_counter()
        turn, session = self._turn(message, session_id)
        answer = data.answer(turn) if data is not None else None
        answer = answer or self._backend_for(turn).answer(turn)
        return self._finish(turn, session, new_id(), answer, started)

    def stream(
        self, message: str, session_id: str | None = None, data: DataAnswerer | None = None
    ) -> Iterator[StreamEvent]:
        """The same answer as :meth:`ask`: « start », text « delta » events, then « done » with the response.

        The backend's first item is computed before « start », so a failure before any
        text (an invalid message, a missing index) raises before the stream begins.
        """
        started = time.perf_counter()
        turn, session = self._turn(message, session_id)
        data_answer = data.answer(turn) if data is not None else None
        items = iter(chunked(data_answer) if data_answer else self._backend_for(turn).stream(turn))
        first = next(items)
        message_id = new_id()
        yield StreamEvent("start", {"session_id": session, "message_id": message_id})
        for item in itertools.chain([first], items):
            if isinstance(item, Answer):
                response = self._finish(turn, session, message_id, item, started)
                yield StreamEvent("done", response.model_dump(mode="json"))
                return
            yield StreamEvent("delta", {"text": item})
        raise RuntimeError("the backend stream ended without an answer")

    def _finish(self, turn: Turn, session: str, message_id: str, answer: Answer, started: float) -> Response:
        """Keeps only citations that exist, stores the turn, logs it; the response every front end renders."""
        backend = answer.backend or self.backend.name
        answer_text, sources, invented = keep_valid_citations(answer.text, answer.sources)
        if invented:
            log.warning("dropped invented citations %s", invented)
        response = Response(
            answer=answer_text,
            sources=sources,
            tool_calls=answer.tool_calls,
            backend=backend,
            session_id=session,
            message_id=message_id,
            intent=answer.intent,
            notices=answer.notices,
            suggestions=answer.suggestions,
            decision=answer.decision,
        )
        self.store.append_turn(
            session,
            Message(new_id(), "user", turn.message, _now()),
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
            answer.state.to_dict(),
        )
        log.info(
            "turn session=%s intent=%s rule=%s p=%s backend=%s sources=%d ms=%.0f%s",
            session[:8],
            response.intent,
            response.decision.rule if response.decision else "-",
            response.decision.probability if response.decision else "-",
            backend,
            len(sources),
            (time.perf_counter() - started) * 1000,
            f" message={mask(turn.message)!r}" if self.log_messages else "",
        )
        return response
