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
from korat_desktop.services.sync_rows import Delivery, DeliverySummary, InboxLine, OutboxLine
from korat_desktop.store.models import (
    DeliveryReceiptRow,
    DirectoryAgency,
    LetterRecipient,
    OutboxOpRow,
    SentLetter,
)
from korat_desktop.sync.inbox import InboxState
from korat_desktop.sync.outbox import OutboxOperation, OutboxState

if TYPE_CHECKING:
    from korat_desktop.services.sync_ops import SyncOperations

__all__ = ["OUTBOX_LINES", "delivery", "delivery_summaries", "inbox_lines", "outbox_lines"]

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
    names = {a.code: a.name for a in sync.agencies()}
    return [_outbox_line(op, carried.get(op.op_id, ()), names) for op in ops[:limit]]


def _outbox_line(op: OutboxOperation, bundles: tuple[str, ...],
                 names: dict[str, str]) -> OutboxLine:
    parsed = op.op
    if not isinstance(parsed, wire.LetterSendOp):
        return OutboxLine(op, bundles=bundles)
    payload = parsed.payload
    return OutboxLine(op, payload.subject, payload.number, tuple(payload.to), bundles,
                      recipient_names=tuple(names.get(code) or code for code in payload.to),
                      secrecy=payload.secrecy.value)


_OP_STATE = {OutboxState.QUEUED: "waiting", OutboxState.FAILED: "failed",
             OutboxState.REFUSED: "failed", OutboxState.COMMITTED: "sent"}


def delivery_summaries(sync: SyncOperations, entry_ids: list[int]
                       ) -> dict[int, DeliverySummary]:
    """One line of delivery per outgoing entry that goes by sync or courier (entries
    with no recipient agency, sent by hand or post, have none): a page of the send
    register at a time, in one read."""
    wanted = set(entry_ids)
    if not wanted:
        return {}
    with sync.app.database.read() as s:
        recipients: dict[int, list[str]] = {}
        for entry_id, code in s.execute(
                select(LetterRecipient.entry_id, LetterRecipient.agency_code)
                .where(LetterRecipient.entry_id.in_(wanted))
                .order_by(LetterRecipient.entry_id, LetterRecipient.position)):
            recipients.setdefault(entry_id, []).append(code)
        if not recipients:
            return {}
        sent: dict[str, int] = {}
        committed: set[int] = set()
        for letter in s.scalars(select(SentLetter).where(
                SentLetter.entry_id.in_(recipients))):
            if letter.entry_id is None:
                continue
            sent[letter.op_id] = letter.entry_id
            if letter.committed_at is not None:
                committed.add(letter.entry_id)
        received: dict[int, dict[str, str]] = {}
        for r in s.scalars(select(DeliveryReceiptRow).where(
                DeliveryReceiptRow.letter_op_id.in_(sent))
                .order_by(DeliveryReceiptRow.committed_at)):
            received.setdefault(sent[r.letter_op_id], {})[r.receiver_code] = \
                f"{r.receive_number}/{r.receive_year}"
        names = dict(s.execute(select(DirectoryAgency.code, DirectoryAgency.name)).all())
        states: dict[int, str] = {entry_id: "sent" for entry_id in committed}
        for op_entry, state in s.execute(  # the newest send operation says where it is
                select(OutboxOpRow.entry_id, OutboxOpRow.state)
                .where(OutboxOpRow.kind == "letter.send",
                       OutboxOpRow.entry_id.in_(recipients))
                .order_by(OutboxOpRow.id)):
            if op_entry is not None:
                states[op_entry] = _OP_STATE.get(OutboxState(state), "waiting")
    out = {}
    for entry_id, codes in recipients.items():
        got = received.get(entry_id, {})
        state = states.get(entry_id, "not_queued")
        if got:
            state = "received" if set(codes) <= set(got) else "partly"
        out[entry_id] = DeliverySummary(
            entry_id, tuple(names.get(c) or c for c in codes), state,
            tuple((names.get(c) or c, got[c]) for c in codes if c in got))
    return out


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
