"""The SQLite database: connection rules, transactions, schema upgrades.

Every write transaction starts with ``BEGIN IMMEDIATE`` so two processes never both
read a register counter and then race to write it: the second waits (busy timeout)
for the first to commit. WAL keeps readers from blocking the writer, and
``synchronous=FULL`` makes a reported registration survive a power cut, which rural
offices do get.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

from korat_desktop.errors import StoreError
from korat_desktop.store.failures import store_error_from
from korat_desktop.store.migrations import KNOWN_REVISIONS, SCHEMA_HEAD

__all__ = ["Database", "raw_connection"]


def raw_connection(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection under ``session``'s transaction, for plain-SQL hot paths.

    Same connection, same transaction: statements run here commit or roll back with
    the session. Skipping SQLAlchemy's statement machinery makes the per-letter SQL
    of a batch about ten times cheaper.
    """
    driver = session.connection().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver

_BUSY_TIMEOUT_MS = 30_000


def _configure(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get("korat_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class Database:
    """One SQLite file. Use :meth:`write` for changes and :meth:`read` for queries."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = path
        if not path.exists() and not create:
            raise StoreError("store.not_initialized", path=str(path.parent))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise store_error_from(e, str(path.parent)) from e
        self.engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 30})
        _configure(self.engine)
        self._write_engine = self.engine.execution_options(korat_write=True)
        self._ensure_schema()

    # -- schema ---------------------------------------------------------------------
    def schema_revision(self) -> str | None:
        try:
            with self.engine.connect() as conn:
                has_table = conn.exec_driver_sql(
                    "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
                ).first()
                if not has_table:
                    return None
                return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        except Exception as e:
            raise store_error_from(e, str(self.path)) from e

    def _ensure_schema(self) -> None:
        current = self.schema_revision()
        if current == SCHEMA_HEAD:
            return
        if current is not None and current not in KNOWN_REVISIONS:
            self.engine.dispose()
            raise StoreError("store.newer_schema", path=str(self.path), revision=current)
        if current is not None:
            self._backup(f"before-{SCHEMA_HEAD}")
        self._upgrade()

    def _backup(self, label: str) -> Path:
        target = self.path.with_name(f"{self.path.name}.{label}.bak")
        try:
            with sqlite3.connect(self.path) as src, sqlite3.connect(target) as dst:
                src.backup(dst)
        except (OSError, sqlite3.Error) as e:
            raise store_error_from(e, str(target)) from e
        return target

    def _upgrade(self) -> None:
        from alembic import command
        from alembic.config import Config as AlembicConfig

        cfg = AlembicConfig()
        cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        try:
            with self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except Exception as e:
            raise store_error_from(e, str(self.path)) from e

    # -- sessions -------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction (BEGIN IMMEDIATE); commits on success, rolls back on error."""
        session = Session(self._write_engine, expire_on_commit=False, autoflush=True)
        try:
            with session.begin():
                yield session
        except StoreError:
            raise
        except UnicodeEncodeError as e:  # text SQLite cannot hold (a lone surrogate)
            raise StoreError("store.bad_text", detail=_short_reason(e)) from e
        except Exception as e:
            if _is_db_failure(e):
                raise store_error_from(e, str(self.path)) from e
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        session = Session(self.engine, expire_on_commit=False, autoflush=False)
        try:
            with session.begin():
                yield session
        except StoreError:
            raise
        except UnicodeEncodeError as e:  # text SQLite cannot hold (a lone surrogate)
            raise StoreError("store.bad_text", detail=_short_reason(e)) from e
        except Exception as e:
            if _is_db_failure(e):
                raise store_error_from(e, str(self.path)) from e
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def _short_reason(e: UnicodeEncodeError) -> str:
    bad = e.object[e.start:e.end] if isinstance(e.object, str) else ""
    return ", ".join(f"U+{ord(c):04X}" for c in bad[:4]) or e.reason


def _is_db_failure(e: BaseException) -> bool:
    from sqlalchemy import exc as sa_exc

    return isinstance(e, sa_exc.DBAPIError | sqlite3.Error | OSError)
