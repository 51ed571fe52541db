"""The per-agency change feed behind ``GET /changes``.

A cursor is the agency's change sequence number, wrapped so clients treat it as
opaque (``k1.<seq>`` in URL-safe base64). Sequence numbers are assigned under the
agency row lock in the committing transaction (see :mod:`commits`), so a page read
at any moment never has a gap that a later commit could fill: cursors only move
forward and nothing is skipped.
"""

from __future__ import annotations

import base64
import binascii

from sqlalchemy import select

from korat_desktop.protocol.changes import Change, ChangeKind, ChangePage
from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.protocol.ops import OPERATION_ADAPTER
from korat_desktop.server.db.engine import Database
from korat_desktop.server.db.schema import changes, ops
from korat_desktop.server.errors import HubError

__all__ = ["decode_cursor", "encode_cursor", "read_changes"]

_PREFIX = "k1."


def encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{seq}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        text = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
    except (binascii.Error, UnicodeError, ValueError) as e:
        raise HubError(ErrorCode.CHANGES_CURSOR, 400) from e
    number = text.removeprefix(_PREFIX)
    if not text.startswith(_PREFIX) or not number.isdigit() or len(number) > 18:
        raise HubError(ErrorCode.CHANGES_CURSOR, 400)
    return int(number)


def read_changes(db: Database, agency: str, since: str | None, limit: int) -> ChangePage:
    after = decode_cursor(since)
    with db.reading() as conn:
        rows = conn.execute(
            select(changes.c.seq, changes.c.kind, ops.c.op_id, ops.c.agency_code,
                   ops.c.committed_at, ops.c.body)
            .join(ops, ops.c.op_id == changes.c.op_id)
            .where(changes.c.agency_code == agency, changes.c.seq > after)
            .order_by(changes.c.seq)
            .limit(limit + 1)).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    page = [Change(cursor=encode_cursor(r.seq), kind=ChangeKind(r.kind), op_id=r.op_id,
                   agency=r.agency_code, committed_at=r.committed_at,
                   op=OPERATION_ADAPTER.validate_json(r.body))
            for r in rows]
    next_cursor = page[-1].cursor if page else (since or encode_cursor(0))
    return ChangePage(changes=page, next_cursor=next_cursor, has_more=has_more)
