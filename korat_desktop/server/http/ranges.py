"""``Range: bytes=...`` for resumable downloads (RFC 9110 §14): one range or none.

A client on a poor link resumes a download with ``bytes=<have>-``. Several ranges in
one request are legal to ignore, so they get the whole blob (200) rather than a
multipart answer nobody here needs.
"""

from __future__ import annotations

from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.server.errors import HubError

__all__ = ["parse_range"]

_MAX_DIGITS = 19
"""Byte positions fit in 19 digits (2**63); a longer number is not a position and must
not reach int() (Python refuses strings of more than 4,300 digits: a 500)."""


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """``(start, end_inclusive)`` to send, or None for the whole blob; 416 if unsatisfiable."""
    if not header:
        return None
    unit, _, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    first, dash, last = spec.strip().partition("-")
    if not dash or not (first + last).isascii() or max(len(first), len(last)) > _MAX_DIGITS:
        return None  # not a range we can honour: the whole blob, per RFC 9110
    if first == "":
        if not last.isdigit():
            return None
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise _unsatisfiable(size)
        return max(0, size - suffix), size - 1
    if not first.isdigit() or (last and not last.isdigit()):
        return None
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if last and int(last) < start:
        return None  # syntactically invalid: ignore, per RFC
    if start >= size:
        raise _unsatisfiable(size)
    return start, end


def _unsatisfiable(size: int) -> HubError:
    return HubError(ErrorCode.BLOB_RANGE, 416, headers={"Content-Range": f"bytes */{size}"})
