"""Conversation sessions in the product's database: messages, tool calls, sources shown, feedback.

The tables live in the SQLAlchemy database of :mod:`assistant.db` (SQLite file by
default, PostgreSQL when configured), created by its Alembic migrations. Each write is
one transaction: on SQLite writers serialise through ``BEGIN IMMEDIATE`` (WAL mode, so
readers never wait); on PostgreSQL the upsert of the session row locks it, so two
processes appending to one conversation take turns and no message is lost. Nothing is
stored beyond the messages themselves and what the assistant computed from them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import bindparam, delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from assistant.db import Database, sqlite_url
from assistant.db.models import FeedbackRow, MessageRow, SessionRow
from assistant.errors import InvalidInput


def _now() -> str:
    return datetime.now(UTC).isoformat()


def new_id() -> str:
    import uuid

    return uuid.uuid4().hex


@dataclass
class Message:
    id: str
    role: Literal["user", "assistant"]
    content: str
    created: str
    intent: str | None = None
    backend: str | None = None
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)


def last_user_message(messages: list[Message]) -> str | None:
    """The user's latest message of a conversation so far, None in a new one."""
    return next((message.content for message in reversed(messages) if message.role == "user"), None)


@dataclass
class Session:
    id: str
    state: dict[str, Any]
    messages: list[Message]


def open_database(target: Path | str | Database) -> Database:
    """A database from a SQLite file path, a SQLAlchemy URL or an already opened one."""
    if isinstance(target, Database):
        return target
    if isinstance(target, Path):
        return Database(sqlite_url(target))
    return Database(target)


class SessionStore:
    def __init__(self, target: Path | str | Database) -> None:
        self.database = open_database(target)
        self.path = self.database.path  # the SQLite file, None on PostgreSQL
        # The statements of a turn, built once with their values as parameters: SQLAlchemy then reuses their
        # compiled form instead of building and keying three statements at every turn (a millisecond of a turn).
        self._upsert = self._upsert_session()
        self._last_seq = select(func.coalesce(func.max(MessageRow.seq), 0)).where(
            MessageRow.session_id == bindparam("session_id")
        )
        self._insert_messages = insert(MessageRow)

    @staticmethod
    def valid_id(session_id: str | None) -> bool:
        return session_id is not None and len(session_id) == 32 and all(c in "0123456789abcdef" for c in session_id)

    def load(self, session_id: str | None, history: int) -> Session:
        """The session with its last ``history`` messages; a new empty one for an unknown id."""
        if session_id is not None and not self.valid_id(session_id):
            raise InvalidInput("Identifiant de conversation invalide.", field="session_id")
        if session_id is None:
            return Session(new_id(), {}, [])
        with self.database.read() as db:
            state = db.execute(select(SessionRow.state).where(SessionRow.id == session_id)).scalar_one_or_none()
            if state is None:
                return Session(session_id, {}, [])
            rows = db.execute(
                select(MessageRow)
                .where(MessageRow.session_id == session_id)
                .order_by(MessageRow.seq.desc())
                .limit(history)
            ).all()
        messages = [
            Message(
                r.id, r.role, r.content, r.created, r.intent, r.backend, json.loads(r.tool_calls), json.loads(r.sources)
            )
            for r in reversed(rows)
        ]
        return Session(session_id, json.loads(state), messages)

    def _upsert_session(self):  # type: ignore[no-untyped-def]
        """Insert a session row, or update its time and state when it exists (values given at execution)."""
        dialect = postgresql if self.database.dialect == "postgresql" else sqlite
        statement = dialect.insert(SessionRow)
        return statement.on_conflict_do_update(
            index_elements=[SessionRow.id],
            set_={"updated": statement.excluded.updated, "state": statement.excluded.state},
        )

    def append_turn(self, session_id: str, user: Message, assistant: Message, state: dict[str, Any]) -> None:
        """Store both sides of a turn and the new state in one transaction."""
        with self.database.write() as db:
            now = _now()
            db.execute(
                self._upsert,
                {"id": session_id, "created": now, "updated": now, "state": json.dumps(state, ensure_ascii=False)},
            )
            seq = db.execute(self._last_seq, {"session_id": session_id}).scalar_one()
            db.execute(
                self._insert_messages,
                [
                    {
                        "id": message.id,
                        "session_id": session_id,
                        "seq": seq + offset,
                        "role": message.role,
                        "content": message.content,
                        "created": message.created,
                        "intent": message.intent,
                        "backend": message.backend,
                        "tool_calls": json.dumps(message.tool_calls, ensure_ascii=False),
                        "sources": json.dumps(message.sources, ensure_ascii=False),
                    }
                    for offset, message in enumerate((user, assistant), start=1)
                ],
            )

    def add_feedback(self, session_id: str, message_id: str, rating: str, comment: str | None) -> str:
        with self.database.write() as db:
            found = db.execute(
                select(MessageRow.id).where(
                    MessageRow.id == message_id, MessageRow.session_id == session_id, MessageRow.role == "assistant"
                )
            ).first()
            if found is None:
                raise InvalidInput("Ce message n'existe pas dans cette conversation.", field="message_id")
            feedback_id = new_id()
            db.execute(
                insert(FeedbackRow).values(
                    id=feedback_id,
                    session_id=session_id,
                    message_id=message_id,
                    rating=rating,
                    comment=comment,
                    created=_now(),
                )
            )
        return feedback_id

    def feedback(self, session_id: str) -> list[dict[str, Any]]:
        with self.database.read() as db:
            rows = db.execute(
                select(FeedbackRow.message_id, FeedbackRow.rating, FeedbackRow.comment, FeedbackRow.created)
                .where(FeedbackRow.session_id == session_id)
                .order_by(FeedbackRow.created)
            ).all()
        return [{"message_id": r[0], "rating": r[1], "comment": r[2], "created": r[3]} for r in rows]

    def count_messages(self, session_id: str) -> int:
        with self.database.read() as db:
            count = db.execute(select(func.count()).where(MessageRow.session_id == session_id)).scalar_one()
        return int(count)

    def purge(self, older_than_days: int, now: datetime | None = None) -> int:
        """Delete sessions not updated for ``older_than_days`` (their messages and feedback with them)."""
        cutoff = ((now or datetime.now(UTC)) - timedelta(days=older_than_days)).isoformat()
        with self.database.write() as db:
            return db.execute(delete(SessionRow).where(SessionRow.updated < cutoff)).rowcount
