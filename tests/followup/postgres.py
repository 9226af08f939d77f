"""A throwaway PostgreSQL cluster for the tests: Debian's initdb/pg_ctl, a temp folder, a free port.

PostgreSQL refuses to run as root: when the tests run as root (CI, `make test` on a fresh
machine) the cluster belongs to the ``postgres`` system user (created by Debian's package)
and its commands run through ``runuser``.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PG_BIN = Path("/usr/lib/postgresql/15/bin")


@dataclass
class PostgresServer:
    port: int
    user: str = "clauses"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; its SQLAlchemy URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:16]
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user={self.user} dbname=postgres", autocommit=True
        ) as db:
            db.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def unavailable_reason() -> str | None:
    if not (PG_BIN / "initdb").exists():
        return f"PostgreSQL absent ({PG_BIN}/initdb introuvable) : apt-get install postgresql (make system-deps)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "exécution en root sans utilisateur système postgres (créé par le paquet Debian postgresql)"
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(command: list[str], as_postgres: bool) -> None:
    if as_postgres:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


@contextlib.contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    as_postgres = os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="clauses-pg-"))
    data = folder / "data"
    if as_postgres:
        shutil.chown(folder, "postgres", "postgres")
    try:
        _run(
            [str(PG_BIN / "initdb"), "-D", str(data), "--username=clauses", "--auth=trust", "-E", "UTF8", "--no-sync"],
            as_postgres,
        )
        for _attempt in range(5):  # another process may take the port between the probe and the start
            port = _free_port()
            options = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder} -c fsync=off -c max_connections=100"
            try:
                _run(
                    [
                        str(PG_BIN / "pg_ctl"),
                        "-D",
                        str(data),
                        "-o",
                        options,
                        "-l",
                        str(folder / "log"),
                        "-w",
                        "-t",
                        "60",
                        "start",
                    ],
                    as_postgres,
                )
                break
            except subprocess.CalledProcessError:
                continue
        else:
            raise RuntimeError(f"PostgreSQL n'a pas démarré : {(folder / 'log').read_text(errors='replace')[-2000:]}")
        try:
            yield PostgresServer(port)
        finally:
            _run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], as_postgres)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
