"""Where each operation goes: which agencies get a change, of what kind.

The one place that knows the meaning of operation kinds on the hub. Each rule
validates what only the hub can check (recipients exist, the letter being receipted
was really sent to this agency, voided numbers were leased here) and returns the
change kinds per agency. The committing agency always gets an ``own`` change so its
other devices see the operation too.
"""

from __future__ import annotations

from sqlalchemy import Connection, and_, bindparam, func, select

from korat_desktop.protocol.changes import ChangeKind
from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.protocol.ops import (
    LetterReceiptOp,
    LetterSendOp,
    NumberVoidOp,
    Secrecy,
)
from korat_desktop.server.db.schema import agencies, changes, leases, ops
from korat_desktop.server.errors import HubError

__all__ = ["route"]

_KNOWN_AGENCIES = select(agencies.c.code).where(
    agencies.c.code.in_(bindparam("codes", expanding=True)))

AnyOp = LetterSendOp | LetterReceiptOp | NumberVoidOp


def route(conn: Connection, sender: str, op: AnyOp) -> dict[str, ChangeKind]:
    """``{agency_code: change kind}`` for one operation; raises HubError when invalid."""
    if isinstance(op, LetterSendOp):
        targets = _route_letter(conn, sender, op)
    elif isinstance(op, LetterReceiptOp):
        targets = _route_receipt(conn, sender, op)
    else:
        _check_void(conn, sender, op)
        targets = {}
    return {sender: ChangeKind.OWN, **targets}


def _route_letter(conn: Connection, sender: str, op: LetterSendOp) -> dict[str, ChangeKind]:
    if op.payload.secrecy is Secrecy.TOP_SECRET:
        raise HubError(ErrorCode.OP_TOP_SECRET, 422)
    if sender in op.payload.to:
        raise HubError(ErrorCode.OP_INVALID, 422, detail="a letter cannot be sent to its sender")
    known = set(conn.execute(_KNOWN_AGENCIES, {"codes": list(op.payload.to)}).scalars())
    for code in op.payload.to:
        if code not in known:
            raise HubError(ErrorCode.OP_UNKNOWN_AGENCY, 422, agency=code)
    return dict.fromkeys(op.payload.to, ChangeKind.INBOX)


def _route_receipt(conn: Connection, receiver: str, op: LetterReceiptOp
                   ) -> dict[str, ChangeKind]:
    letter_id = op.payload.letter_op_id
    row = conn.execute(
        select(ops.c.agency_code)
        .join(changes, and_(changes.c.op_id == ops.c.op_id,
                            changes.c.agency_code == receiver,
                            changes.c.kind == ChangeKind.INBOX.value))
        .where(ops.c.op_id == letter_id)).first()
    if row is None:
        raise HubError(ErrorCode.OP_LETTER_NOT_FOUND, 422, op_id=letter_id)
    return {row.agency_code: ChangeKind.DELIVERY_RECEIPT}


def _check_void(conn: Connection, agency: str, op: NumberVoidOp) -> None:
    """Voided numbers must lie inside blocks leased to this agency."""
    p = op.payload
    # A tail given back to the pool (returned_first) is no longer this lease's.
    last = func.coalesce(leases.c.returned_first - 1, leases.c.last)
    rows = conn.execute(
        select(leases.c.first, last)
        .where(leases.c.agency_code == agency, leases.c.register == p.register_.value,
               leases.c.year == p.year, last >= p.first, leases.c.first <= p.last)
        .order_by(leases.c.first)).all()
    covered_to = p.first - 1
    for first, last in rows:
        if first > covered_to + 1:
            break
        covered_to = max(covered_to, last)
    if covered_to < p.last:
        raise HubError(ErrorCode.OP_NOT_LEASED, 422, first=p.first, last=p.last)
