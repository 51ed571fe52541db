"""``Range: bytes=...`` for resumable downloads (RFC 9110 §14): one range or none.

A client on a poor link resumes a download with ``bytes=<have>-``. Several ranges in
one request are legal to ignore, so they get the whole blob (200) rather than a
multipart answer nobody here needs.

A position is read without converting more than 19 digits (as ``Upload-Length`` is, in
:mod:`korat_desktop.server.uploads`): past Python's int-conversion limit (4,300 digits)
``int()`` raises, which was a 500. A longer number is beyond any blob, which is what it
means anyway: a first byte there is unsatisfiable, a last byte there is the end.
"""

from __future__ import annotations

from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.server.errors import HubError

__all__ = ["parse_range"]


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """``(start, end_inclusive)`` to send, or None for the whole blob; 416 if unsatisfiable."""
    if not header:
        return None
    unit, _, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    first, dash, last = spec.strip().partition("-")
    if not dash or not (first + last).isascii():
        return None
    if first == "":
        if not last.isdigit():
            return None
        suffix = _position(last)
        if suffix == 0 or size == 0:
            raise _unsatisfiable(size)
        return max(0, size - suffix), size - 1
    if not first.isdigit() or (last and not last.isdigit()):
        return None
    start = _position(first)
    end = min(_position(last), size - 1) if last else size - 1
    if last and _position(last) < start:
        return None  # syntactically invalid: ignore, per RFC
    if start >= size:
        raise _unsatisfiable(size)
    return start, end


_MAX_DIGITS = 19
_BEYOND_ANY_BLOB = 10**_MAX_DIGITS


def _position(digits: str) -> int:
    """An ASCII digit string as a byte position, capped at :data:`_BEYOND_ANY_BLOB`."""
    digits = digits.lstrip("0") or "0"
    return _BEYOND_ANY_BLOB if len(digits) > _MAX_DIGITS else int(digits)


def _unsatisfiable(size: int) -> HubError:
    return HubError(ErrorCode.BLOB_RANGE, 416, headers={"Content-Range": f"bytes */{size}"})
