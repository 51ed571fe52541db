"""Connections to the hub database, tuned per backend.

SQLite (the zero set-up default) runs in WAL mode with ``synchronous=NORMAL``: a
commit is one WAL append without fsync (durable across a process crash; the last few
commits may be lost on power failure, never corrupted). Write transactions start with
``BEGIN IMMEDIATE`` so concurrent writers queue on the busy timeout instead of failing
when a read lock cannot be upgraded; reads use a separate engine with plain ``BEGIN``
so they never wait for writers. PostgreSQL uses one pooled engine for both.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import ConnectionPoolEntry

from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.server.errors import HubError

__all__ = ["Database", "insert_ignoring_conflict", "with_psycopg_driver"]

_BUSY_TIMEOUT_MS = 30_000


def _sqlite_engine(url: str, pool_size: int, begin: str | None) -> Engine:
    engine = create_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        connect_args={"check_same_thread": False, "timeout": _BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
        cursor.close()

    if begin is not None:
        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            conn.exec_driver_sql(begin)

    return engine


class Database:
    """Hands out short transactions: :meth:`writing` and :meth:`reading`."""

    def __init__(self, url: str, pool_size: int = 10) -> None:
        url = with_psycopg_driver(url)
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            self.write_engine = _sqlite_engine(url, pool_size, "BEGIN IMMEDIATE")
            self.read_engine = _sqlite_engine(url, pool_size, None)
        else:
            # No pool_pre_ping: it costs a round trip per checkout on the hot path. A
            # connection lost to a database restart fails one request with a 503 (the
            # client retries) and the pool drops it.
            self.write_engine = create_engine(url, pool_size=pool_size, max_overflow=pool_size)
            self.read_engine = self.write_engine.execution_options(isolation_level="AUTOCOMMIT")

    @contextlib.contextmanager
    def writing(self) -> Iterator[Connection]:
        with _busy_as_hub_error(), self.write_engine.begin() as conn:
            yield conn

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        """Autocommit: each statement reads its own consistent snapshot, without the
        BEGIN/COMMIT round trips. Callers that need several statements to agree use
        :meth:`writing`."""
        with _busy_as_hub_error(), self.read_engine.connect() as conn:
            yield conn

    @contextlib.contextmanager
    def autocommit(self) -> Iterator[Connection]:
        """PostgreSQL only: each statement is its own transaction, committed by the
        server as the statement ends. For a write that fits in one statement: no
        BEGIN/COMMIT round trips, and its row locks are held only while it runs."""
        if self.is_sqlite:
            raise NotImplementedError("SQLite writes go through writing()")
        with _busy_as_hub_error(), self.read_engine.connect() as conn:
            yield conn

    def dispose(self) -> None:
        self.write_engine.dispose()
        if self.is_sqlite:
            self.read_engine.dispose()


def with_psycopg_driver(url: str) -> str:
    """``postgresql://`` means psycopg 3 here (SQLAlchemy would pick psycopg2)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


@contextlib.contextmanager
def _busy_as_hub_error() -> Iterator[None]:
    """A database that stays locked past the busy timeout, or a connection lost to a
    database restart, is a 503 (transient: retry), not a 500."""
    try:
        yield
    except DBAPIError as e:
        text = str(e.orig).lower()
        if (e.connection_invalidated or (isinstance(e, OperationalError)
                and ("locked" in text or "busy" in text or "deadlock" in text))):
            raise HubError(ErrorCode.SERVER_BUSY, 503, headers={"Retry-After": "5"}) from e
        raise


def insert_ignoring_conflict(conn: Connection, table: Table, values: dict[str, Any]) -> None:
    """``INSERT ... ON CONFLICT DO NOTHING`` on SQLite and PostgreSQL."""
    dialect = conn.dialect.name
    stmt: Any
    if dialect == "postgresql":
        stmt = postgresql.insert(table).values(**values).on_conflict_do_nothing()
    elif dialect == "sqlite":
        stmt = sqlite.insert(table).values(**values).on_conflict_do_nothing()
    else:  # pragma: no cover - only the two supported backends
        raise NotImplementedError(dialect)
    conn.execute(stmt)
