"""A backend that answers with another one when the first fails (in the spirit of pydantic-ai's FallbackModel).

The LLM backend raises :class:`~assistant.errors.BackendUnavailable` on a timeout, an
unreachable server or an unusable answer; this wrapper then answers the same turn
with the fallback (the embedded backend) and adds a notice saying so. Other errors
(a missing index, an invalid message) are not the primary's fault and propagate.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from assistant.backends.base import Answer, Backend, Delta, Turn
from assistant.errors import BackendUnavailable

log = logging.getLogger(__name__)


class FallbackBackend:
    """``primary``, or ``fallback`` with ``notice`` when the primary is unavailable."""

    def __init__(self, primary: Backend, fallback: Backend, *, notice: str = "") -> None:
        self.primary = primary
        self.fallback = fallback
        self.notice = notice
        self.name = primary.name
        self.live = primary.live

    def answer(self, turn: Turn) -> Answer:
        try:
            return self.primary.answer(turn)
        except BackendUnavailable as error:
            self._log(error)
            return self._noticed(self.fallback.answer(turn))

    def stream(self, turn: Turn) -> Iterator[Delta | Answer]:
        """The primary's stream; on failure, the fallback's (its final answer replaces any text already sent)."""
        try:
            yield from self.primary.stream(turn)
            return
        except BackendUnavailable as error:
            self._log(error)
        for item in self.fallback.stream(turn):
            yield self._noticed(item) if isinstance(item, Answer) else item

    def _noticed(self, answer: Answer) -> Answer:
        if self.notice:
            answer.notices.append(self.notice)
        answer.backend = answer.backend or self.fallback.name
        return answer

    def _log(self, error: BackendUnavailable) -> None:
        log.warning(
            "%s backend failed, falling back to the %s backend: %s", self.primary.name, self.fallback.name, error.detail
        )
