"""Fixtures of the database and follow-up tests: the same behaviour on SQLite and on a real PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.db import Database, sqlite_url
from assistant.followup.codes import Codes, load_codes
from assistant.followup.texts import Texts, load_texts
from assistant.settings import PROJECT_ROOT
from tests.followup.postgres import PostgresServer, running_postgres, unavailable_reason

FIXTURES = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    reason = unavailable_reason()
    if reason:
        pytest.skip(f"PostgreSQL non testé : {reason}")
    with running_postgres() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh empty database of each backend."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "clauses.sqlite3")
    return request.getfixturevalue("postgres").create_database()


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def codes() -> Codes:
    return load_codes(PROJECT_ROOT / "corpus" / "data" / "followup.yaml")


@pytest.fixture(scope="session")
def texts() -> Texts:
    return load_texts(PROJECT_ROOT / "prompts" / "followup.yaml")


@pytest.fixture(scope="session")
def sample() -> Path:
    """The format note's sample (operations, participants, heures, structures as CSV)."""
    return FIXTURES / "sample"
