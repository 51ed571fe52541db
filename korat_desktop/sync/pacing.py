"""Optional bandwidth cap (``sync.bandwidth_cap_kbit``) and the paced upload body.

An office that shares a 256 kbit/s line with its phones can cap sync well below the
line rate. The cap is a token bucket shared by every transfer of one sync run; the
body of a PATCH is handed to requests as an iterable with a known length, so it
goes out with a Content-Length (not chunked) and in small pieces that the bucket can
pace and progress can count.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

from korat_desktop.errors import SyncError

__all__ = ["BandwidthCap", "PacedBody"]

_PIECE = 16 * 1024


class BandwidthCap:
    """Token bucket in bytes per second; 0 kbit/s means no cap."""

    def __init__(self, kbit_per_s: int, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.rate = kbit_per_s * 1000 / 8
        self.burst = max(_PIECE, self.rate / 4)
        self._tokens = self.burst
        self._clock = clock
        self._sleep = sleep
        self._at = clock()
        self._lock = threading.Lock()

    @property
    def unlimited(self) -> bool:
        return self.rate <= 0

    def take(self, nbytes: int) -> None:
        """Block until ``nbytes`` may be sent (or received)."""
        if self.unlimited:
            return
        with self._lock:
            now = self._clock()
            self._tokens = min(self.burst, self._tokens + (now - self._at) * self.rate)
            self._at = now
            self._tokens -= nbytes
            wait = -self._tokens / self.rate if self._tokens < 0 else 0.0
        if wait > 0:
            self._sleep(wait)


class PacedBody:
    """A request body of known length, sent piece by piece through the cap."""

    def __init__(self, data: memoryview, cap: BandwidthCap,
                 on_sent: Callable[[int], None] | None = None,
                 stop: threading.Event | None = None) -> None:
        self.data = data
        self.cap = cap
        self.on_sent = on_sent
        self.stop = stop

    def __len__(self) -> int:
        return len(self.data)

    def __iter__(self) -> Iterator[bytes]:
        for start in range(0, len(self.data), _PIECE):
            if self.stop is not None and self.stop.is_set():
                raise SyncError("sync.cancelled")
            piece = self.data[start:start + _PIECE]
            self.cap.take(len(piece))
            yield bytes(piece)
            if self.on_sent is not None:
                self.on_sent(len(piece))
