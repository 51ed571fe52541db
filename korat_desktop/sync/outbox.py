"""The outbox: operations waiting to reach the hub, as a durable state machine.

``queued`` → ``committed`` (the hub's receipt is stored), or ``failed`` (the hub
refused it for a reason retrying will not fix; shown with that reason until someone
retries it), or ``refused`` (policy: never to be sent, e.g. ลับที่สุด). A transient
failure leaves the operation ``queued`` with ``attempts`` and ``next_attempt_at``.

An operation is immutable once queued: its id, kind, canonical JSON body and content
hash are written once (a trigger refuses any update), so a retry after a crash
commits exactly what was queued and the hub's idempotent commit recognises it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from korat_desktop.errors import KoratError, SyncError
from korat_desktop.protocol.ops import (
    OPERATION_ADAPTER,
    LetterReceiptOp,
    LetterSendOp,
    NumberVoidOp,
    NumberVoidPayload,
    content_sha256,
)
from korat_desktop.protocol.types import Register
from korat_desktop.protocol.uuid7 import uuid7
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.models import OutboxOpRow
from korat_desktop.store.numbering import is_enrolled
from korat_desktop.sync.context import utc_now
from korat_desktop.sync.policy import refusal

__all__ = ["METADATA_RANK", "AnyOp", "Outbox", "OutboxOperation", "OutboxState",
           "SyncIssue", "queue_number_void"]

AnyOp = LetterSendOp | LetterReceiptOp | NumberVoidOp
METADATA_RANK = -1
"""Urgency rank of operations without blobs: small metadata goes before bulk bytes."""


class OutboxState(StrEnum):
    QUEUED = "queued"
    COMMITTED = "committed"
    FAILED = "failed"
    REFUSED = "refused"


@dataclass(frozen=True)
class SyncIssue:
    """An error as plain data (code + parameters) for frozen results and JSON."""

    code: str
    params: dict[str, str] = field(default_factory=dict)
    transient: bool = False

    @classmethod
    def of(cls, error: KoratError, transient: bool = False) -> SyncIssue:
        return cls(error.code, {k: str(v) for k, v in error.params.items()}, transient)

    def message(self, lang: str = "en") -> str:
        from korat_desktop.messages import render

        return render(self.code, lang, self.params)


@dataclass(frozen=True)
class OutboxOperation:
    """One outbox row as the engine, the CLI and the UI see it."""

    id: int
    op_id: str
    kind: str
    body: str  # canonical JSON, exactly what is committed
    content_sha256: str
    urgency_rank: int
    entry_id: int | None
    state: OutboxState
    attempts: int
    next_attempt_at: dt.datetime | None
    error: SyncIssue | None
    created_at: dt.datetime
    committed_at: dt.datetime | None

    @property
    def op(self) -> AnyOp:
        return OPERATION_ADAPTER.validate_json(self.body)

    @property
    def blobs(self) -> tuple[str, ...]:
        return tuple(json.loads(self.body).get("blobs", ()))


def _view(row: OutboxOpRow) -> OutboxOperation:
    error = None
    if row.error_code:
        error = SyncIssue(row.error_code, json.loads(row.error_params or "{}"),
                          row.state == OutboxState.QUEUED)
    return OutboxOperation(row.id, row.op_id, row.kind, row.body, row.content_sha256,
                           row.urgency_rank, row.entry_id, OutboxState(row.state), row.attempts,
                           row.next_attempt_at, error, row.created_at, row.committed_at)


def canonical_json(op: AnyOp) -> str:
    data = op.model_dump(mode="json", by_alias=True)
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class Outbox:
    """Outbox rows inside the caller's write (or read) transaction."""

    def __init__(self, session: Session, actor: str) -> None:
        self.session = session
        self.actor = actor

    def queue(self, op: AnyOp, *, urgency_rank: int, entry_id: int | None = None,
              now: dt.datetime | None = None) -> OutboxOperation:
        """Queue ``op`` under a new UUIDv7; refuses what policy forbids to send."""
        refused = refusal(op)
        if refused is not None:
            raise refused
        op_id = uuid7()
        body = canonical_json(op)
        row = OutboxOpRow(op_id=op_id, kind=op.kind, body=body,
                          content_sha256=content_sha256(op),
                          urgency_rank=METADATA_RANK if not op.blobs else urgency_rank,
                          entry_id=entry_id, state=OutboxState.QUEUED.value, attempts=0,
                          error_params="{}", created_at=now or utc_now())
        self.session.add(row)
        self.session.flush()
        AuditLog(self.session, self.actor).append(
            "sync.queue", "outbox_op", op_id,
            {"kind": op.kind, "entry_id": entry_id, "content_sha256": row.content_sha256,
             "blobs": list(op.blobs)})
        return _view(row)

    def get(self, op_id: str) -> OutboxOperation | None:
        row = self._row(op_id)
        return None if row is None else _view(row)

    def _row(self, op_id: str) -> OutboxOpRow | None:
        return self.session.scalars(select(OutboxOpRow).where(OutboxOpRow.op_id == op_id)).first()

    def due(self, now: dt.datetime | None = None) -> list[OutboxOperation]:
        """Queued operations whose wait is over: metadata first, then most urgent first."""
        moment = now or utc_now()
        rows = self.session.scalars(
            select(OutboxOpRow).where(OutboxOpRow.state == OutboxState.QUEUED.value)
            .order_by(OutboxOpRow.urgency_rank, OutboxOpRow.id)).all()
        return [_view(r) for r in rows
                if r.next_attempt_at is None or r.next_attempt_at <= moment]

    def listing(self, states: tuple[OutboxState, ...] | None = None) -> list[OutboxOperation]:
        q = select(OutboxOpRow).order_by(OutboxOpRow.id)
        if states:
            q = q.where(OutboxOpRow.state.in_([s.value for s in states]))
        return [_view(r) for r in self.session.scalars(q)]

    def count(self, state: OutboxState) -> int:
        return len(self.session.scalars(select(OutboxOpRow.id)
                                        .where(OutboxOpRow.state == state.value)).all())

    def mark_committed(self, op_id: str, receipt_json: str, replayed: bool,
                       now: dt.datetime | None = None) -> bool:
        """Record the hub's receipt; False when it was already recorded (a replay)."""
        row = self._row(op_id)
        if row is None or row.state == OutboxState.COMMITTED.value:
            return False
        row.state = OutboxState.COMMITTED.value
        row.committed_at = now or utc_now()
        row.receipt = receipt_json
        row.error_code = None
        row.error_params = "{}"
        row.next_attempt_at = None
        AuditLog(self.session, self.actor).append(
            "sync.committed", "outbox_op", op_id, {"kind": row.kind, "replayed": replayed})
        return True

    def mark_stopped(self, op_id: str, error: KoratError, state: OutboxState) -> None:
        """``failed`` or ``refused``, with the reason kept for people to read."""
        row = self._row(op_id)
        if row is None or row.state == OutboxState.COMMITTED.value:
            return
        row.state = state.value
        row.error_code = error.code
        row.error_params = json.dumps({k: str(v) for k, v in error.params.items()},
                                      ensure_ascii=False)
        row.next_attempt_at = None
        AuditLog(self.session, self.actor).append(
            f"sync.{state.value}", "outbox_op", op_id,
            {"kind": row.kind, "code": error.code})

    def defer(self, op_id: str, error: KoratError, until: dt.datetime) -> None:
        """A transient failure: try again after ``until`` (bookkeeping, not audited)."""
        row = self._row(op_id)
        if row is None or row.state != OutboxState.QUEUED.value:
            return
        row.attempts += 1
        row.next_attempt_at = until
        row.error_code = error.code
        row.error_params = json.dumps({k: str(v) for k, v in error.params.items()},
                                      ensure_ascii=False)

    def retry(self, op_id: str) -> OutboxOperation:
        """Put a failed operation back in the queue (after the cause was fixed)."""
        row = self._row(op_id)
        if row is None:
            raise SyncError("sync.op_not_found", op_id=op_id)
        if row.state != OutboxState.FAILED.value:
            raise SyncError("sync.op_not_failed", op_id=op_id)
        row.state = OutboxState.QUEUED.value
        row.attempts = 0
        row.next_attempt_at = None
        AuditLog(self.session, self.actor).append("sync.retry", "outbox_op", op_id,
                                                  {"kind": row.kind})
        return _view(row)


def queue_number_void(session: Session, actor: str, register: str, year_be: int,
                      first: int, last: int, reason: str) -> OutboxOperation | None:
    """Tell the hub that leased numbers will not be used (no-op when standalone).

    Called by registration in the same transaction as the voided register entry.
    """
    if not is_enrolled(session):
        return None
    op = NumberVoidOp(kind="number.void", payload=NumberVoidPayload(
        register_=Register(register), year=year_be, first=first, last=last,
        reason=reason[:500]))
    return Outbox(session, actor).queue(op, urgency_rank=METADATA_RANK)
