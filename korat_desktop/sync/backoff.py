"""Exponential backoff with jitter, and the retry loop every network step runs in.

Jitter matters here: after a province-wide outage hundreds of offices come back at
the same second, and without it their retries would arrive at the hub in waves.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from korat_desktop.errors import SyncError
from korat_desktop.sync.failures import is_transient, retry_after_s

__all__ = ["Backoff", "Retrier", "interruptible_sleep"]

T = TypeVar("T")
log = logging.getLogger(__name__)


def interruptible_sleep(seconds: float, stop: threading.Event | None) -> None:
    """Sleep, but wake up at once when ``stop`` is set (the UI pressed pause)."""
    if stop is None:
        time.sleep(seconds)
    elif stop.wait(seconds):
        raise SyncError("sync.cancelled")


@dataclass
class Backoff:
    """Delays of ``base * 2**n`` capped at ``cap``, each drawn from its upper half
    ("equal jitter": never zero, never in lockstep with other clients)."""

    base_s: float = 0.5
    cap_s: float = 60.0
    rng: random.Random = field(default_factory=random.Random)
    attempt: int = 0

    def next_delay(self, at_least_s: float = 0.0) -> float:
        ceiling = min(self.cap_s, self.base_s * (2 ** min(self.attempt, 30)))
        self.attempt += 1
        return max(at_least_s, ceiling / 2 + self.rng.uniform(0, ceiling / 2))

    def reset(self) -> None:
        self.attempt = 0


@dataclass
class Retrier:
    """Retries transient failures of one item with backoff; progress resets the count.

    After ``attempts`` failures in a row without progress the last error is raised,
    so the item waits for a later pass instead of holding up everything else.
    """

    attempts: int
    backoff: Backoff
    stop: threading.Event | None = None
    sleep: Callable[[float, threading.Event | None], None] = interruptible_sleep
    failures: int = 0

    def progressed(self) -> None:
        self.failures = 0
        self.backoff.reset()

    def failed(self, error: SyncError) -> None:
        """Record a failure: re-raise it when permanent or out of attempts, else wait."""
        if not is_transient(error):
            raise error
        self.failures += 1
        if self.failures >= self.attempts:
            raise error
        delay = self.backoff.next_delay(retry_after_s(error))
        log.debug("%s (%d of %d): retrying in %.1f s", error.code, self.failures,
                  self.attempts, delay)
        self.sleep(delay, self.stop)

    def call(self, step: Callable[[], T]) -> T:
        while True:
            self.check_stop()
            try:
                result = step()
            except SyncError as e:
                self.failed(e)
                continue
            self.progressed()
            return result

    def check_stop(self) -> None:
        if self.stop is not None and self.stop.is_set():
            raise SyncError("sync.cancelled")
