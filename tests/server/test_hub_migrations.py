"""Alembic migrations build exactly the schema the code declares, and re-run safely."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from korat_desktop.server.db.engine import Database
from korat_desktop.server.db.migrate import alembic_config, upgrade_to_head
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


def test_0003_dates_uncommitted_holdings_and_keeps_sign_in_counts(tmp_path: Path) -> None:
    """Blobs uploaded before 0003 and never committed become sweepable (dated at the
    upgrade); committed ones stay undated; sign-in failures survive the rename."""
    db = Database(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    try:
        command.upgrade(alembic_config(db.write_engine), "0002")
        with db.write_engine.begin() as conn:
            conn.execute(text("INSERT INTO agencies (code, name, change_seq, created_at) "
                              "VALUES ('A', 'A', 0, '2026-01-01 00:00:00')"))
            for sha in ("a" * 64, "b" * 64):
                conn.execute(text("INSERT INTO blobs (sha256, size, created_at) "
                                  "VALUES (:s, 1, '2026-01-01 00:00:00')"), {"s": sha})
            conn.execute(text("INSERT INTO blob_access VALUES (:a, 'A', 0), (:b, 'A', 1)"),
                         {"a": "a" * 64, "b": "b" * 64})
            conn.execute(text("INSERT INTO signin_throttle VALUES ('user:x', 3, 10.0, 0.0)"))
        before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        upgrade_to_head(db.write_engine)
        with db.write_engine.connect() as conn:
            dated = dict(conn.execute(text("SELECT readable, held_since FROM blob_access")).all())
            counts = conn.execute(text("SELECT key, failures, last_failure_at "
                                       "FROM signin_throttle")).all()
        assert dated[1] is None
        assert dt.datetime.fromisoformat(str(dated[0])) >= before - dt.timedelta(seconds=1)
        assert [tuple(r) for r in counts] == [("user:x", 3, 10.0)]
    finally:
        db.dispose()


def test_0004_adds_courier_tables_and_downgrades(tmp_path: Path, database_url: str | None) -> None:
    """Agencies and operations made before 0004 keep their rows (no relay, not relayed);
    the downgrade drops exactly what 0004 added, and upgrading again works."""
    db = Database(database_url or f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    try:
        config = alembic_config(db.write_engine)
        command.upgrade(config, "0003")
        with db.write_engine.begin() as conn:
            conn.execute(text("INSERT INTO agencies (code, name, change_seq, created_at) "
                              "VALUES ('A', 'A', 0, '2026-01-01 00:00:00')"))
        upgrade_to_head(db.write_engine)
        with db.write_engine.connect() as conn:
            assert conn.execute(text("SELECT relay_agency FROM agencies")).all() == [(None,)]
            assert conn.execute(text("SELECT count(*) FROM relay_bundles")).scalar() == 0
            assert conn.execute(text("SELECT count(*) FROM agency_certificates")).scalar() == 0
        command.downgrade(config, "0003")
        with db.write_engine.connect() as conn:
            assert conn.execute(text("SELECT code FROM agencies")).all() == [("A",)]
        upgrade_to_head(db.write_engine)
        with db.write_engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    finally:
        db.dispose()
