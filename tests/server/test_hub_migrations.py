"""Alembic migrations build exactly the schema the code declares, and re-run safely."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from korat_desktop.server.db.engine import Database
from korat_desktop.server.db.migrate import upgrade_to_head
from korat_desktop.server.db.schema import metadata


def test_migrations_match_the_declared_schema(tmp_path: Path, database_url: str | None) -> None:
    db = Database(database_url or f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    try:
        upgrade_to_head(db.write_engine)
        upgrade_to_head(db.write_engine)  # idempotent
        with db.write_engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    finally:
        db.dispose()
