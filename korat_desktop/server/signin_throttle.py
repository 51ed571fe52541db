"""Slow down password guessing: per user name and per client address.

After ``max_failures`` failed sign-ins inside ``window_s`` a key is locked for
``lockout_s``; while locked every attempt, right or wrong, gets 429 with
``Retry-After``. State lives in the database so every hub worker process (and a
restart) sees the same counts.
"""

from __future__ import annotations

import math

from sqlalchemy import Connection, delete, select, update

from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.server.db.engine import insert_ignoring_conflict
from korat_desktop.server.db.schema import signin_throttle
from korat_desktop.server.errors import HubError

__all__ = ["SigninThrottle"]


class SigninThrottle:
    def __init__(self, max_failures: int, window_s: float, lockout_s: float) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self.lockout_s = lockout_s

    def check(self, conn: Connection, keys: list[str], now: float) -> None:
        """Raise 429 when any key is locked."""
        rows = conn.execute(
            select(signin_throttle.c.locked_until).where(signin_throttle.c.key.in_(keys))
        ).scalars().all()
        locked_until = max(rows, default=0.0)
        if locked_until > now:
            wait = max(1, math.ceil(locked_until - now))
            raise HubError(ErrorCode.AUTH_RATE_LIMITED, 429,
                           headers={"Retry-After": str(wait)}, retry_after=wait)

    def record_failure(self, conn: Connection, keys: list[str], now: float) -> None:
        t = signin_throttle
        for key in keys:
            insert_ignoring_conflict(conn, t, {"key": key, "failures": 0, "window_start": now,
                                               "locked_until": 0.0})
            row = conn.execute(select(t.c.failures, t.c.window_start).where(t.c.key == key)
                               ).one()
            failures, start = row.failures, row.window_start
            if now - start > self.window_s:
                failures, start = 0, now
            failures += 1
            locked_until = now + self.lockout_s if failures >= self.max_failures else 0.0
            if locked_until:
                failures, start = 0, now  # a fresh window after the lockout
            conn.execute(update(t).where(t.c.key == key).values(
                failures=failures, window_start=start, locked_until=locked_until))

    def record_success(self, conn: Connection, key: str) -> None:
        conn.execute(delete(signin_throttle).where(signin_throttle.c.key == key))
