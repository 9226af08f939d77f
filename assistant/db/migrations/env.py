"""Alembic environment: runs on the connection handed over by :class:`assistant.db.Database`."""

from __future__ import annotations

from alembic import context

from assistant.db.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - always called through Database.upgrade
    raise RuntimeError("run migrations through assistant.db.Database.upgrade() or `clauses db upgrade`")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
