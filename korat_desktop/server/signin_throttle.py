"""Slow down password guessing, per user name and per client address, with backoff.

Each key (``user:<name>``, ``addr:<address>``) counts its failed sign-ins; a quiet
``window_s`` after the last failure forgets them. Past a key's limit every further
failure locks it for twice as long as the one before, from ``backoff_s`` up to
``max_lock_s``; while locked every attempt, right or wrong, gets 429 with
``Retry-After``. A mistyped password costs a short wait, a guessing run a long one.

The address limit is much higher than the user limit: a whole office behind one NAT
address shares it, so a few wrong guesses (even for names that do not exist) must not
lock every clerk out. An admin clears a lock with ``korat-hub unlock``. State lives
in the database so every hub worker process (and a restart) sees the same counts.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, delete, select, update

from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.server.db.engine import insert_ignoring_conflict
from korat_desktop.server.db.schema import signin_throttle
from korat_desktop.server.errors import HubError

__all__ = ["SigninLimits", "SigninThrottle", "address_key", "user_key"]


def user_key(username: str) -> str:
    return f"user:{username}"


def address_key(address: str) -> str:
    return f"addr:{address}"


@dataclass(frozen=True)
class SigninLimits:
    user_failures: int = 5
    address_failures: int = 100
    window_s: float = 15 * 60.0
    backoff_s: float = 30.0
    max_lock_s: float = 15 * 60.0

    def limit(self, key: str) -> int:
        return self.address_failures if key.startswith("addr:") else self.user_failures

    def lock_s(self, failures: int, limit: int) -> float:
        """How long the ``failures``-th failure locks a key (0 below the limit)."""
        if failures < limit:
            return 0.0
        doublings = min(failures - limit, 32)
        return min(self.max_lock_s, self.backoff_s * 2.0 ** doublings)


class SigninThrottle:
    def __init__(self, limits: SigninLimits, clock: Callable[[], float] = time.time) -> None:
        self.limits = limits
        self.clock = clock  # tests put a fake clock here

    def now(self) -> float:
        return self.clock()

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
        quiet = self.limits.window_s
        conn.execute(delete(t).where(t.c.last_failure_at < now - quiet, t.c.locked_until <= now))
        for key in keys:
            insert_ignoring_conflict(conn, t, {"key": key, "failures": 0,
                                               "last_failure_at": now, "locked_until": 0.0})
            row = conn.execute(select(t.c.failures, t.c.last_failure_at, t.c.locked_until)
                               .where(t.c.key == key)).one()
            failures = row.failures
            if now - max(row.last_failure_at, row.locked_until) > quiet:
                failures = 0
            failures += 1
            lock_s = self.limits.lock_s(failures, self.limits.limit(key))
            conn.execute(update(t).where(t.c.key == key).values(
                failures=failures, last_failure_at=now,
                locked_until=now + lock_s if lock_s else 0.0))

    def record_success(self, conn: Connection, key: str) -> None:
        conn.execute(delete(signin_throttle).where(signin_throttle.c.key == key))

    def unlock(self, conn: Connection, key: str) -> bool:
        """Forget a key's failures and lock (an admin's call); False when it had none."""
        result = conn.execute(delete(signin_throttle).where(signin_throttle.c.key == key))
        return result.rowcount > 0
