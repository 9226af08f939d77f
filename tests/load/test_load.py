"""The load test of ``eval.load`` at reduced scale: correctness only, never timing.

8 users × 4 turns against ``clauses serve --workers 2`` on 127.0.0.1 (real uvicorn, two
worker processes sharing the SQLite session store): no error of any kind, every response
carries the session id, every turn of every session is stored (2 messages a turn).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.embeddings import Embedder
from assistant.sessions import SessionStore
from eval.bench import make_settings, prepare_index
from eval.load import run_load

pytestmark = pytest.mark.load

TEST_CORPUS = Path(__file__).parents[1] / "data" / "corpus"
USERS, TURNS = 8, 4


def test_mixed_conversations_under_two_workers_lose_nothing(tmp_path: Path, embedder: Embedder) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(TEST_CORPUS, corpus)
    data = tmp_path / "data"
    settings = make_settings(data, [corpus])
    prepare_index(settings, embedder=embedder)

    result = run_load(
        data,
        [corpus],
        users=USERS,
        turns=TURNS,
        workers=2,
        timeout=300,
        request_timeout=60,
        log_path=tmp_path / "server.log",
    )

    assert result["errors_by_kind"] == {}, (result["first_errors"], result.get("server_log_tail"))
    assert result["requests"] == result["ok"] == USERS * TURNS
    assert not result["timed_out"]
    assert len([role for role in result["processes"].values() if role == "worker"]) == 2
    # every user got a session id and kept it for all its turns (a change is counted as an error above)
    assert len(result["session_ids"]) == USERS and all(result["session_ids"])
    assert len(set(result["session_ids"])) == USERS
    store = SessionStore(settings.sessions_db)
    assert {sid: store.count_messages(sid) for sid in result["session_ids"]} == {
        sid: 2 * TURNS for sid in result["session_ids"]
    }
    assert result["sessions"]["all_stored"]
    # the mix really went through both routes
    assert result["latency_ms_by_route"]["chat"]["n"] > 0 and result["latency_ms_by_route"]["stream"]["n"] > 0
