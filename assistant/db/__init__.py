"""The product's database: one SQLAlchemy engine for sessions and follow-up data.

SQLite by default (a file in the data folder, WAL mode, writers serialised by
``BEGIN IMMEDIATE``); PostgreSQL when ``CLAUSES_DATABASE_URL`` is a
``postgresql+psycopg://`` URL, so that several machines share sessions and follow-up.
The Alembic migrations shipped in ``assistant/db/migrations`` are applied on first use.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from assistant.errors import ClausesError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_ADVISORY_LOCK = 7_301_954_112  # arbitrary constant: serialises migrations across processes on PostgreSQL

try:
    import fcntl
except ImportError:  # pragma: no cover - non-POSIX systems
    fcntl = None  # type: ignore[assignment]


class DatabaseUnavailable(ClausesError):
    """The database cannot be reached or upgraded; the message says which setting to check."""

    code = "base_indisponible"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # Autocommit at the driver level: SQLAlchemy's begin event below issues BEGIN IMMEDIATE itself.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin_write(connection: Connection) -> None:
    # Writers take the write lock at the start of their transaction: no upgrade from a read
    # lock, hence no SQLITE_BUSY deadlock between processes.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_begin_read(connection: Connection) -> None:
    # Readers take a snapshot and never wait for writers (WAL mode).
    connection.exec_driver_sql("BEGIN")


class Database:
    """An engine on one URL, migrated to the latest schema when opened."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = url
        parsed = make_url(url)
        self.dialect = parsed.get_backend_name()
        self.path: Path | None = Path(parsed.database) if self.dialect == "sqlite" and parsed.database else None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Pooled connections: closing the last connection to a WAL database checkpoints it and
            # deletes the WAL file (an fsync, about 10 ms per turn written under load). Several processes
            # still share the file through SQLite's locks.
            self.engine: Engine = create_engine(url, connect_args={"timeout": 30})
            self.reader: Engine = create_engine(url, connect_args={"timeout": 30})
            for engine, begin in ((self.engine, _sqlite_begin_write), (self.reader, _sqlite_begin_read)):
                event.listen(engine, "connect", _sqlite_pragmas)
                event.listen(engine, "begin", begin)
        else:
            self.engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
            self.reader = self.engine
        self.write_lock = threading.Lock()
        if migrate:
            self.upgrade()

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @contextlib.contextmanager
    def _migration_lock(self, connection: Connection) -> Iterator[None]:
        if self.path is not None and fcntl is not None:
            with open(self.path.with_name(self.path.name + ".migrate.lock"), "w") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                yield
            return
        if self.dialect == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK})
        yield

    def upgrade(self, revision: str = "head") -> None:
        """Apply the Alembic migrations up to ``revision`` (a no-op when already there)."""
        self._migrate("upgrade", revision)

    def downgrade(self, revision: str) -> None:
        """Undo the Alembic migrations down to ``revision`` (``base``: no table left)."""
        self._migrate("downgrade", revision)

    def _migrate(self, direction: str, revision: str) -> None:
        from alembic import command

        config = alembic_config()
        try:
            with self.engine.begin() as connection, self._migration_lock(connection):
                config.attributes["connection"] = connection
                getattr(command, direction)(config, revision)
        except ClausesError:
            raise
        except Exception as error:
            raise DatabaseUnavailable(
                "La base de données est inaccessible ou n'a pas pu être mise à jour : vérifiez le réglage "
                "CLAUSES_DATABASE_URL (ou les droits sur le dossier de données).",
                detail=f"{make_url(self.url).render_as_string(hide_password=True)}: {error!r}",
            ) from error

    def current_revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction (threads of a process take turns; processes serialise in the database)."""
        with self.write_lock, self.engine.begin() as connection:
            yield connection

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A consistent snapshot for reading (never waits for a writer)."""
        with self.reader.connect() as connection:
            yield connection
            if connection.in_transaction():
                connection.rollback()

    def dispose(self) -> None:
        self.engine.dispose()
        self.reader.dispose()


def alembic_config():  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config
