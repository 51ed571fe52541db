"""The hash-chained, append-only audit log.

Each record's hash is SHA-256 over the previous record's hash and the record's own
canonical JSON, so editing, removing or reordering any record breaks the chain from
that point. The chain's head is kept in ``audit_head`` (cutting records off the end
is noticed) and every register entry and document version must have its record
(deleting a record together with its head update is noticed too). Triggers in the
schema refuse UPDATE and DELETE on the log outright.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from korat_desktop.store.db import raw_connection
from korat_desktop.store.models import (
    AuditHead,
    AuditRecord,
    DocumentVersion,
    RegisterEntryRow,
    sql_timestamp,
)

__all__ = ["AuditLog", "AuditProblem", "AuditReport", "record_hash", "verify_audit", "GENESIS"]

GENESIS = b"\x00" * 32


def _canonical(seq: int, at: dt.datetime, actor: str, action: str, entity: str,
               entity_id: str, details: str) -> bytes:
    payload = [seq, at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"), actor, action,
               entity, entity_id, details]
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def record_hash(prev: bytes, seq: int, at: dt.datetime, actor: str, action: str,
                entity: str, entity_id: str, details: str) -> bytes:
    return hashlib.sha256(prev + _canonical(seq, at, actor, action, entity, entity_id,
                                            details)).digest()


@dataclass(frozen=True)
class AuditProblem:
    seq: int | None
    kind: str  # edited, removed, reordered, truncated, missing_record
    detail: str


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    records: int
    head_seq: int
    problems: tuple[AuditProblem, ...]


class AuditLog:
    """Appends records inside the caller's transaction (the same one as the change).

    Plain SQL on the session's connection: registration writes four records per letter,
    and this path is hot when a whole batch of letters is registered at once.
    """

    def __init__(self, session: Session, actor: str) -> None:
        self.session = session
        self.actor = actor

    def append(self, action: str, entity: str, entity_id: object,
               details: dict[str, Any] | None = None) -> int:
        conn = raw_connection(self.session)
        head = conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        prev = bytes(head[1]) if head else GENESIS
        seq = (head[0] if head else 0) + 1
        at = dt.datetime.now(dt.UTC)
        text = json.dumps(details or {}, ensure_ascii=False, sort_keys=True,
                          separators=(",", ":"), default=str)
        digest = record_hash(prev, seq, at, self.actor, action, entity, str(entity_id), text)
        conn.execute(
            "INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, details, "
            "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, sql_timestamp(at), self.actor, action, entity, str(entity_id), text, prev,
             digest))
        if head is None:
            conn.execute("INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)",
                         (seq, digest))
        else:
            conn.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1",
                         (seq, digest))
        return seq


def verify_audit(session: Session) -> AuditReport:
    """Walk the whole chain and cross-check it against the rows it vouches for."""
    problems: list[AuditProblem] = []
    prev = GENESIS
    expected_seq = 1
    count = 0
    last_seq = 0
    registered: set[str] = set()
    versions: set[str] = set()
    rows = session.execute(select(AuditRecord).order_by(AuditRecord.seq)).scalars()
    for rec in rows:
        count += 1
        if rec.seq != expected_seq:
            problems.append(AuditProblem(expected_seq, "removed",
                                         f"records {expected_seq}..{rec.seq - 1} are missing"))
        if rec.prev_hash != prev:
            kind = "reordered" if rec.seq == expected_seq else "removed"
            problems.append(AuditProblem(rec.seq, kind, "does not follow the previous record"))
        computed = record_hash(rec.prev_hash, rec.seq, rec.at, rec.actor, rec.action,
                               rec.entity, rec.entity_id, rec.details)
        if computed != rec.hash:
            problems.append(AuditProblem(rec.seq, "edited", "content does not match its hash"))
        prev = rec.hash
        expected_seq = rec.seq + 1
        last_seq = rec.seq
        if rec.entity == "register_entry":
            registered.add(rec.entity_id)
        elif rec.entity == "document_version":
            versions.add(rec.entity_id)
    head = session.get(AuditHead, 1)
    if head is not None and (head.seq != last_seq or head.hash != prev):
        problems.append(AuditProblem(head.seq, "truncated",
                                     f"the chain ends at {last_seq}, its head says {head.seq}"))
    if head is None and count:
        problems.append(AuditProblem(None, "truncated", "the chain head is missing"))
    for (entry_id,) in session.execute(select(RegisterEntryRow.id)):
        if str(entry_id) not in registered:
            problems.append(AuditProblem(None, "missing_record",
                                         f"register entry {entry_id} has no audit record"))
    for (version_id,) in session.execute(select(DocumentVersion.id)):
        if str(version_id) not in versions:
            problems.append(AuditProblem(None, "missing_record",
                                         f"document version {version_id} has no audit record"))
    return AuditReport(not problems, count, last_seq, tuple(problems))
