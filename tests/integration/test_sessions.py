"""The SQLite session store: turns, feedback, retention, concurrent writers."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assistant.errors import InvalidInput
from assistant.sessions import Message, SessionStore, new_id


def _turn(store: SessionStore, session_id: str, text: str, state: dict | None = None) -> str:
    answer_id = new_id()
    now = datetime.now(UTC).isoformat()
    store.append_turn(
        session_id,
        Message(new_id(), "user", text, now),
        Message(answer_id, "assistant", f"réponse à {text}", now, "question", "embedded"),
        state or {},
    )
    return answer_id


def _writer(path: str, session_id: str, turns: int) -> None:
    store = SessionStore(Path(path))
    for i in range(turns):
        _turn(store, session_id, f"message {i}")


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path / "sessions.sqlite3")


def test_a_turn_stores_both_messages_and_the_state(store: SessionStore) -> None:
    session_id = new_id()
    _turn(store, session_id, "bonjour", {"last_intent": "greeting"})
    session = store.load(session_id, history=10)
    assert [m.role for m in session.messages] == ["user", "assistant"]
    assert session.state == {"last_intent": "greeting"}


def test_history_is_bounded_to_the_most_recent_messages(store: SessionStore) -> None:
    session_id = new_id()
    for i in range(6):
        _turn(store, session_id, f"question {i}")
    messages = store.load(session_id, history=4).messages
    assert [m.content for m in messages if m.role == "user"] == ["question 4", "question 5"]


def test_the_database_runs_in_wal_mode(store: SessionStore) -> None:
    import sqlite3

    assert sqlite3.connect(store.path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_concurrent_writers_from_several_processes_lose_no_message(store: SessionStore) -> None:
    sessions = [new_id() for _ in range(4)]
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(store.path), sid, 25)) for sid in sessions for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert all(worker.exitcode == 0 for worker in workers)
    assert [store.count_messages(sid) for sid in sessions] == [100, 100, 100, 100]


def test_feedback_is_stored_with_its_session(store: SessionStore) -> None:
    session_id = new_id()
    answer_id = _turn(store, session_id, "question")
    store.add_feedback(session_id, answer_id, "down", "réponse incomplète")
    assert store.feedback(session_id) == [
        {
            "message_id": answer_id,
            "rating": "down",
            "comment": "réponse incomplète",
            "created": store.feedback(session_id)[0]["created"],
        }
    ]


def test_feedback_on_an_unknown_message_is_refused(store: SessionStore) -> None:
    session_id = new_id()
    _turn(store, session_id, "question")
    with pytest.raises(InvalidInput) as error:
        store.add_feedback(session_id, new_id(), "up", None)
    assert error.value.field == "message_id"


def test_purge_removes_only_sessions_older_than_the_retention(store: SessionStore) -> None:
    import sqlite3

    old, recent = new_id(), new_id()
    _turn(store, old, "ancienne")
    _turn(store, recent, "récente")
    forty_days_ago = (datetime.now(UTC) - timedelta(days=40)).isoformat()
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE sessions SET updated = ? WHERE id = ?", (forty_days_ago, old))
    assert store.purge(30) == 1
    assert store.count_messages(old) == 0 and store.count_messages(recent) == 2


def test_purge_keeps_sessions_within_the_retention(store: SessionStore) -> None:
    session_id = new_id()
    _turn(store, session_id, "récente")
    assert store.purge(30) == 0
    assert store.count_messages(session_id) == 2


def test_purge_deletes_messages_and_feedback_with_the_session(store: SessionStore) -> None:
    import sqlite3

    session_id = new_id()
    store.add_feedback(session_id, _turn(store, session_id, "q"), "up", None)
    assert store.purge(1, now=datetime.now(UTC) + timedelta(days=2)) == 1
    db = sqlite3.connect(store.path)
    assert db.execute("SELECT COUNT(*) FROM feedback").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 0
