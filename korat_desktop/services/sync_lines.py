"""Rows for the inbox, outbox and delivery views, joined and ordered by the core.

The views show an inbox letter with the receive number it got, an outgoing operation
with the subject and agencies it carries (and the courier bundles it went out on),
and a sent letter's delivery. Building
these needs the store and the wire format, so it happens here (house rule 2), not
in the UI: the UI and the CLI get the same frozen rows from ``app.sync``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from korat_desktop.protocol import ops as wire
from korat_desktop.services.sync_rows import Delivery, InboxLine, OutboxLine
from korat_desktop.store.models import LetterRecipient
from korat_desktop.sync.inbox import InboxState
from korat_desktop.sync.outbox import OutboxOperation, OutboxState

if TYPE_CHECKING:
    from korat_desktop.services.sync_ops import SyncOperations

__all__ = ["OUTBOX_LINES", "delivery", "inbox_lines", "outbox_lines"]

OUTBOX_LINES = 500  # the outbox view shows the most pressing ones; the CLI lists all


_WAITING = (InboxState.ARRIVED, InboxState.READY)
_OUTBOX_ORDER = {OutboxState.FAILED: 0, OutboxState.REFUSED: 0, OutboxState.QUEUED: 1,
                 OutboxState.COMMITTED: 2}


def inbox_lines(sync: SyncOperations) -> list[InboxLine] | None:
    """Waiting letters first (most urgent on top), then the newest; None: not signed in
    and no directory (an office that only uses couriers has one, and letters arrive by
    bundle)."""
    if sync.enrollment() is None and not sync.agencies():
        return None
    queries = sync.app.queries
    lines = []
    for item in sync.inbox():
        number = ""
        if item.entry_id is not None:
            entry = queries.entry(item.entry_id)
            number = f"{entry.number}/{entry.year_be}"
        lines.append(InboxLine(item, number))
    return sorted(lines, key=lambda line: (
        line.item.state not in _WAITING,
        line.item.urgency_rank if line.item.state in _WAITING else 0, -line.item.id))


def outbox_lines(sync: SyncOperations, limit: int | None = OUTBOX_LINES
                 ) -> list[OutboxLine] | None:
    """Failed and waiting operations first, most urgent on top; None: not signed in."""
    if sync.enrollment() is None and not sync.agencies():
        return None  # neither a link nor a directory for couriers: nothing can go
    ops = sorted(sync.outbox(), key=lambda op: (
        _OUTBOX_ORDER.get(op.state, 3),
        op.urgency_rank if op.state is not OutboxState.COMMITTED else 0, -op.id))
    carried = sync.app.courier.carried()
    return [_outbox_line(op, carried.get(op.op_id, ())) for op in ops[:limit]]


def _outbox_line(op: OutboxOperation, bundles: tuple[str, ...]) -> OutboxLine:
    parsed = op.op
    if not isinstance(parsed, wire.LetterSendOp):
        return OutboxLine(op, bundles=bundles)
    payload = parsed.payload
    return OutboxLine(op, payload.subject, payload.number, tuple(payload.to), bundles,
                      payload.secrecy.value)


def delivery(sync: SyncOperations, entry_id: int) -> Delivery:
    """Recipients, the send operation's state and the receipts of one outgoing entry."""
    with sync.app.database.read() as s:
        codes = list(s.scalars(select(LetterRecipient.agency_code).where(
            LetterRecipient.entry_id == entry_id).order_by(LetterRecipient.position)))
    names = {a.code: a.name for a in sync.agencies()} if codes else {}
    ops = [op for op in sync.outbox() if op.entry_id == entry_id and op.kind == "letter.send"]
    op = ops[-1] if ops else None
    return Delivery(tuple((c, names.get(c, c)) for c in codes),
                    None if op is None else op.state.value,
                    None if op is None else op.error,
                    sync.receipts_for_entry(entry_id), sync.enrollment() is not None)
