"""The inbox: letters other agencies sent us, as a durable state machine.

``arrived`` (metadata pulled) → ``ready`` (its PDF downloaded and verified) →
``registered`` (entered in our receive register, receipt stamp on the PDF, and a
``letter.receipt`` operation queued in the same transaction), or ``elsewhere`` when
another device of our agency registered it first.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from korat_desktop.domain.thai_dates import to_thai_time
from korat_desktop.errors import SyncError
from korat_desktop.protocol.ops import (
    LetterReceiptOp,
    LetterReceiptPayload,
    LetterSendOp,
    RegisterEntry,
)
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.models import DirectoryAgency, InboxItemRow, RegisterEntryRow
from korat_desktop.sync.outbox import METADATA_RANK, Outbox, OutboxOperation

__all__ = ["InboxItem", "InboxState", "inbox_items", "item_blobs", "mark_ready",
           "record_registration"]


class InboxState(StrEnum):
    ARRIVED = "arrived"
    READY = "ready"
    REGISTERED = "registered"
    ELSEWHERE = "elsewhere"


@dataclass(frozen=True)
class InboxItem:
    """An arrived letter as the CLI and UI see it."""

    id: int
    op_id: str
    state: InboxState
    sender_code: str
    sender_name: str
    letter_number: str
    subject: str
    letter_date: dt.date
    urgency: str
    secrecy: str
    kind: str
    urgency_rank: int
    blobs: tuple[str, ...]
    committed_at: dt.datetime
    arrived_at: dt.datetime
    entry_id: int | None
    receipt_op_id: str | None
    registered_elsewhere: str
    encryption: str | None = None  # "cms": a secret letter sealed to the recipients
    sealed: str | None = None  # its sealed fields (base64 DER), opened when registering


def _view(row: InboxItemRow, names: dict[str, str]) -> InboxItem:
    op = LetterSendOp.model_validate_json(row.body)
    p = op.payload
    return InboxItem(row.id, row.op_id, InboxState(row.state), row.sender_code,
                     names.get(row.sender_code, row.sender_code),
                     p.number.removeprefix("ที่ ").strip(), p.subject, p.date, p.urgency.value,
                     p.secrecy.value, p.kind.value, row.urgency_rank, tuple(op.blobs),
                     row.committed_at, row.arrived_at, row.entry_id, row.receipt_op_id,
                     row.registered_elsewhere, p.encryption, p.sealed)


def inbox_items(session: Session, states: tuple[InboxState, ...] | None = None,
                item_id: int | None = None) -> list[InboxItem]:
    """Most urgent first, then oldest first."""
    q = select(InboxItemRow).order_by(InboxItemRow.urgency_rank, InboxItemRow.id)
    if states:
        q = q.where(InboxItemRow.state.in_([s.value for s in states]))
    if item_id is not None:
        q = q.where(InboxItemRow.id == item_id)
    names = {code: name for code, name in session.execute(
        select(DirectoryAgency.code, DirectoryAgency.name))}
    return [_view(r, names) for r in session.scalars(q)]


def record_registration(session: Session, actor: str, item_id: int,
                        entry_id: int) -> OutboxOperation:
    """Inside the registering transaction: mark the item registered and queue the
    ``letter.receipt`` that tells the sender our receive number, date and time."""
    row = session.get(InboxItemRow, item_id)
    entry = session.get(RegisterEntryRow, entry_id)
    if row is None:
        raise SyncError("sync.inbox_not_found", id=item_id)
    if row.state != InboxState.READY.value:
        raise SyncError("sync.inbox_registered", id=item_id,
                        detail=row.registered_elsewhere or row.state)
    assert entry is not None
    local = to_thai_time(entry.registered_at)
    op = LetterReceiptOp(kind="letter.receipt", payload=LetterReceiptPayload(
        letter_op_id=row.op_id, receive=RegisterEntry(year=entry.year_be, number=entry.number),
        received_date=local.date(), received_time=f"{local.hour:02d}:{local.minute:02d}"))
    queued = Outbox(session, actor).queue(op, urgency_rank=METADATA_RANK)
    row.state = InboxState.REGISTERED.value
    row.entry_id = entry_id
    row.receipt_op_id = queued.op_id
    AuditLog(session, actor).append(
        "sync.inbox_registered", "inbox_item", item_id,
        {"entry_id": entry_id, "receive_number": f"{entry.number}/{entry.year_be}",
         "receipt_op_id": queued.op_id})
    return queued


def mark_ready(session: Session, actor: str, item_id: int) -> None:
    row = session.get(InboxItemRow, item_id)
    if row is not None and row.state == InboxState.ARRIVED.value:
        row.state = InboxState.READY.value
        AuditLog(session, actor).append("sync.inbox_ready", "inbox_item", item_id,
                                        {"op_id": row.op_id})


def item_blobs(body: str) -> list[str]:
    return list(json.loads(body).get("blobs", ()))
