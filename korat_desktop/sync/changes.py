"""Applying one page of the hub's change feed, in the caller's single transaction.

The page and the cursor after it commit together: a crash before the commit means
the same page is fetched again, and every insert here is keyed by the operation's
id, so applying a page twice changes nothing. :meth:`ChangeApplier.apply_change`
applies one change the same way: a courier bundle's operations go through it too,
so a letter that arrives by USB and by network (or twice by USB) is stored once.

* ``inbox``: a letter addressed to us arrives (state ``arrived``; the PDF follows).
* ``delivery_receipt``: an agency registered our letter; kept against the letter.
* ``own``: something our agency committed, maybe from another device: our own
  operation confirms the outbox (a commit whose answer was lost), another device's
  letter becomes a sent letter of the agency, and another device's receipt marks
  the inbox item as registered there so nobody registers it twice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from korat_desktop.domain.letters import Urgency
from korat_desktop.protocol.changes import Change, ChangeKind, ChangePage
from korat_desktop.protocol.ops import LetterReceiptOp, LetterSendOp, OpReceipt
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.models import (
    DeliveryReceiptRow,
    InboxItemRow,
    OutboxOpRow,
    SentLetter,
    SyncEnrollment,
)
from korat_desktop.sync.context import utc_now
from korat_desktop.sync.inbox import InboxState
from korat_desktop.sync.outbox import Outbox, OutboxState

__all__ = ["AppliedPage", "ChangeApplier", "ChangeEffect"]


class ChangeEffect(StrEnum):
    """What applying one change stored (``NONE``: it was already there)."""

    INBOX = "inbox"
    RECEIPT = "receipt"
    OWN = "own"
    NONE = "none"


@dataclass(frozen=True)
class AppliedPage:
    changes: int
    new_inbox: int
    new_receipts: int
    confirmed_own: int


class ChangeApplier:
    def __init__(self, session: Session, actor: str) -> None:
        self.session = session
        self.actor = actor
        self.audit = AuditLog(session, actor)

    def apply(self, page: ChangePage, *, move_cursor: bool = True) -> AppliedPage:
        """One page; ``move_cursor=False`` for a hub page a courier carried (relay
        outward): it must not move this device's own network cursor."""
        effects = [self.apply_change(change) for change in page.changes]
        if move_cursor:
            enrollment = self.session.get(SyncEnrollment, 1)
            if enrollment is not None:
                enrollment.changes_cursor = page.next_cursor
        return AppliedPage(len(page.changes), effects.count(ChangeEffect.INBOX),
                           effects.count(ChangeEffect.RECEIPT), effects.count(ChangeEffect.OWN))

    def apply_change(self, change: Change) -> ChangeEffect:
        """Apply one change, idempotent by its ``op_id``."""
        stored = 0
        effect = ChangeEffect.NONE
        if change.kind is ChangeKind.INBOX and isinstance(change.op, LetterSendOp):
            stored, effect = self._inbox(change, change.op), ChangeEffect.INBOX
        elif (change.kind is ChangeKind.DELIVERY_RECEIPT
              and isinstance(change.op, LetterReceiptOp)):
            stored, effect = self._receipt(change, change.op), ChangeEffect.RECEIPT
        elif change.kind is ChangeKind.OWN:
            stored, effect = self._own(change), ChangeEffect.OWN
        return effect if stored else ChangeEffect.NONE

    def _inbox(self, change: Change, op: LetterSendOp) -> int:
        exists = self.session.scalar(select(InboxItemRow.id).where(
            InboxItemRow.op_id == change.op_id))
        if exists is not None:
            return 0
        row = InboxItemRow(
            op_id=change.op_id, sender_code=change.agency, body=op.model_dump_json(by_alias=True),
            subject=op.payload.subject, urgency_rank=Urgency.of(op.payload.urgency.value).rank,
            state=InboxState.ARRIVED.value, committed_at=change.committed_at,
            arrived_at=utc_now(), registered_elsewhere="")
        self.session.add(row)
        self.session.flush()
        self.audit.append("sync.inbox_arrived", "inbox_item", row.id,
                          {"op_id": change.op_id, "from": change.agency,
                           "number": op.payload.number, "blobs": list(op.blobs)})
        return 1

    def _receipt(self, change: Change, op: LetterReceiptOp) -> int:
        if self.session.get(DeliveryReceiptRow, change.op_id) is not None:
            return 0
        p = op.payload
        self.session.add(DeliveryReceiptRow(
            op_id=change.op_id, letter_op_id=p.letter_op_id, receiver_code=change.agency,
            receive_year=p.receive.year, receive_number=p.receive.number,
            received_date=p.received_date, received_time=p.received_time,
            committed_at=change.committed_at))
        self.audit.append("sync.delivery_receipt", "delivery_receipt", change.op_id,
                          {"letter_op_id": p.letter_op_id, "from": change.agency,
                           "receive_number": f"{p.receive.number}/{p.receive.year}"})
        return 1

    def _own(self, change: Change) -> int:
        mine = self.session.execute(select(OutboxOpRow.state, OutboxOpRow.content_sha256)
                                    .where(OutboxOpRow.op_id == change.op_id)).first()
        if mine is not None:
            if mine.state == OutboxState.COMMITTED.value:
                return 0
            # Our commit reached the hub but its answer never reached us.
            receipt = OpReceipt(op_id=change.op_id, kind=change.op.kind, agency=change.agency,
                                committed_at=change.committed_at,
                                content_sha256=mine.content_sha256, routed_to=[])
            Outbox(self.session, self.actor).mark_committed(
                change.op_id, receipt.model_dump_json(), replayed=True)
            return 1
        op = change.op
        if isinstance(op, LetterSendOp):
            if self.session.get(SentLetter, change.op_id) is None:
                register = op.payload.send_register
                self.session.add(SentLetter(
                    op_id=change.op_id, entry_id=None,
                    letter_number=op.payload.number.removeprefix("ที่ ").strip(),
                    subject=op.payload.subject,
                    year_be=register.year if register else None,
                    number=register.number if register else None,
                    recipients=json.dumps(list(op.payload.to), ensure_ascii=False),
                    source="agency", committed_at=change.committed_at))
                self.audit.append("sync.agency_letter", "sent_letter", change.op_id,
                                  {"number": op.payload.number})
            return 1
        if isinstance(op, LetterReceiptOp):
            item = self.session.scalars(select(InboxItemRow).where(
                InboxItemRow.op_id == op.payload.letter_op_id)).first()
            if item is not None and item.state in (InboxState.ARRIVED.value,
                                                   InboxState.READY.value):
                item.state = InboxState.ELSEWHERE.value
                item.registered_elsewhere = f"{op.payload.receive.number}/{op.payload.receive.year}"
                self.audit.append("sync.inbox_registered_elsewhere", "inbox_item", item.id,
                                  {"receive_number": item.registered_elsewhere})
            return 1
        return 0
