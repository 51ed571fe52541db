"""UUIDv7 (RFC 9562) operation ids, made on the client.

Python 3.11's :mod:`uuid` has no ``uuid7``. Version 7 ids start with the Unix time in
milliseconds, so ids made on one device sort by creation time (the outbox keeps its
order and database indexes stay compact) while 74 random bits keep devices that are
offline for weeks from ever colliding. Within one millisecond a 12-bit counter in
``rand_a`` keeps ids from one process strictly increasing.
"""

from __future__ import annotations

import os
import re
import threading
import time
import uuid

__all__ = ["UUID7_PATTERN", "is_uuid7", "uuid7", "uuid7_time_ms"]

UUID7_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
_UUID7_RE = re.compile(UUID7_PATTERN)

_lock = threading.Lock()
_last_ms = -1
_counter = 0


def uuid7(now_ms: int | None = None) -> str:
    """A new UUIDv7 as its canonical lower-case string."""
    global _last_ms, _counter
    with _lock:
        ms = time.time_ns() // 1_000_000 if now_ms is None else now_ms
        if ms > _last_ms:
            _last_ms = ms
            _counter = int.from_bytes(os.urandom(2), "big") & 0x7FF  # leave room to count up
        else:
            ms = _last_ms  # clock went back or same millisecond: stay monotonic
            _counter += 1
            if _counter > 0xFFF:  # counter exhausted: borrow the next millisecond
                _last_ms += 1
                ms = _last_ms
                _counter = 0
        rand_a = _counter
    rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
    return str(uuid.UUID(int=value))


def is_uuid7(text: str) -> bool:
    """True when ``text`` is a canonical lower-case UUIDv7 string."""
    return bool(_UUID7_RE.match(text))


def uuid7_time_ms(text: str) -> int:
    """The creation time (Unix ms) encoded in a UUIDv7."""
    return uuid.UUID(text).int >> 80
