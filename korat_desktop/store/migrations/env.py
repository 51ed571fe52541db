"""Alembic environment: always run on a connection handed over by store.db."""

from __future__ import annotations

from alembic import context

from korat_desktop.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - we never run alembic from its own CLI
    raise RuntimeError("run migrations through korat_desktop.store.db")

context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
