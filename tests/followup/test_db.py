"""The database layer and the conversation sessions on it, on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import inspect

from assistant.db import Database, DatabaseUnavailable
from assistant.db.models import Base
from assistant.errors import InvalidInput
from assistant.sessions import Message, SessionStore, new_id


def _turn(store: SessionStore, session_id: str, text: str, state: dict | None = None) -> str:
    answer_id = new_id()
    now = datetime.now(UTC).isoformat()
    store.append_turn(
        session_id,
        Message(new_id(), "user", text, now),
        Message(answer_id, "assistant", f"réponse à {text}", now, "question", "embedded", [{"tool": "t"}], []),
        state or {},
    )
    return answer_id


def _writer(url: str, session_id: str, turns: int) -> None:
    store = SessionStore(url)
    for i in range(turns):
        _turn(store, session_id, f"message {i}")


def test_opening_a_new_database_applies_every_migration(database: Database) -> None:
    tables = set(inspect(database.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert database.current_revision() == "0001"


def test_opening_an_up_to_date_database_again_changes_nothing(database_url: str) -> None:
    first = Database(database_url)
    second = Database(database_url)
    assert second.current_revision() == first.current_revision() == "0001"


def test_an_unreachable_database_is_a_named_error_naming_the_setting() -> None:
    with pytest.raises(DatabaseUnavailable) as error:
        Database("postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert "CLAUSES_DATABASE_URL" in error.value.message


def test_a_session_keeps_its_messages_state_and_tool_calls(database: Database) -> None:
    store = SessionStore(database)
    session_id = new_id()
    _turn(store, session_id, "bonjour", {"last_intent": "greeting", "params": {"heures": 1200}})
    session = store.load(session_id, history=10)
    assert [m.role for m in session.messages] == ["user", "assistant"]
    assert session.state == {"last_intent": "greeting", "params": {"heures": 1200}}
    assert session.messages[1].tool_calls == [{"tool": "t"}]


def test_history_returns_the_most_recent_messages_in_order(database: Database) -> None:
    store = SessionStore(database)
    session_id = new_id()
    for i in range(5):
        _turn(store, session_id, f"question {i}")
    assert [m.content for m in store.load(session_id, 4).messages if m.role == "user"] == ["question 3", "question 4"]


def test_an_unknown_session_id_starts_an_empty_conversation(database: Database) -> None:
    session = SessionStore(database).load(new_id(), 10)
    assert session.messages == [] and session.state == {}


def test_feedback_on_a_message_of_another_conversation_is_refused(database: Database) -> None:
    store = SessionStore(database)
    first, second = new_id(), new_id()
    answer = _turn(store, first, "q")
    _turn(store, second, "q")
    with pytest.raises(InvalidInput):
        store.add_feedback(second, answer, "up", None)
    store.add_feedback(first, answer, "down", "incomplet")
    assert [f["rating"] for f in store.feedback(first)] == ["down"]


def test_purge_removes_old_sessions_with_their_messages_and_feedback(database: Database) -> None:
    store = SessionStore(database)
    old, recent = new_id(), new_id()
    store.add_feedback(old, _turn(store, old, "ancienne"), "up", None)
    _turn(store, recent, "récente")
    assert store.purge(1, now=datetime.now(UTC) + timedelta(hours=36)) == 2
    assert store.count_messages(old) == 0 and store.feedback(old) == []


def test_concurrent_writers_from_several_processes_lose_no_message(database_url: str) -> None:
    Database(database_url).dispose()  # migrated once before the workers start
    sessions = [new_id() for _ in range(3)]
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(database_url, sid, 15)) for sid in sessions for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=180)
    assert [worker.exitcode for worker in workers] == [0] * len(workers)
    store = SessionStore(database_url)
    assert [store.count_messages(sid) for sid in sessions] == [60, 60, 60]
    assert [m.content for m in store.load(sessions[0], 1000).messages].count("message 14") == 2


def test_the_migrations_create_exactly_the_models(database: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_downgrading_removes_every_table_and_upgrading_restores_them(database: Database) -> None:
    database.downgrade("base")
    assert set(inspect(database.engine).get_table_names()) <= {"alembic_version"}
    database.upgrade("head")
    assert set(Base.metadata.tables) <= set(inspect(database.engine).get_table_names())
