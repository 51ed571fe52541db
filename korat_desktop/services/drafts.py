"""Drafts (ร่าง): letters being written, kept with their PDF until the number is issued.

The regulation's order for an outgoing letter is draft → number issued → signed →
sent. A draft is in no register and has no number, so a clerk can prepare a letter,
leave it, come back and change it, and only spend a send-register number when the
letter is really going out. Issuing the number turns the draft into a send-register
entry (addressed to hub agencies when it names their codes) and removes the draft in
the same transaction: a letter is never both a draft and an entry, nor neither.

Every change writes the audit log in its own transaction, and the PDF is made
durable in the blob store before the row that names it commits.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from korat_desktop.domain.letters import LetterKind, Secrecy, Urgency
from korat_desktop.errors import SecrecyError, StoreError, UsageError
from korat_desktop.secrecy.at_rest import SEALED_SECRECY, encrypts
from korat_desktop.services.office import current_actor
from korat_desktop.services.registration import LetterIntake, Within
from korat_desktop.services.results import Changes, RegisterResult
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.blobs import sha256_hex
from korat_desktop.store.models import Blob, DraftRow

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp

__all__ = ["DraftFields", "DraftInfo", "DraftResult", "Drafts"]

DRAFTS_CHANGED = Changes(drafts=True)


@dataclass(frozen=True)
class DraftFields:
    """What a clerk fills in for a letter before its number is issued."""

    subject: str
    recipient: str = ""  # free text: people or offices outside the hub
    recipient_codes: tuple[str, ...] = ()  # agencies of the hub's directory, sent by sync
    letter_date: dt.date | None = None
    kind: LetterKind = LetterKind.EXTERNAL
    urgency: Urgency = Urgency.NORMAL
    secrecy: Secrecy = Secrecy.NONE
    circular: bool = False
    notes: str = ""

    def check(self) -> None:
        if not self.subject.strip():
            raise UsageError("usage.bad_argument", name="subject", detail="empty")
        if len(set(self.recipient_codes)) != len(self.recipient_codes):
            raise UsageError("usage.bad_argument", name="to-agency", detail="repeated")

    def intake(self) -> LetterIntake:
        return LetterIntake(subject=self.subject.strip(), recipient=self.recipient.strip(),
                            letter_date=self.letter_date, kind=self.kind,
                            urgency=self.urgency, secrecy=self.secrecy,
                            notes=self.notes.strip())


@dataclass(frozen=True)
class DraftInfo:
    id: int
    uid: str
    fields: DraftFields
    pdf_sha256: str
    pdf_size: int
    file_name: str
    created_at: dt.datetime
    updated_at: dt.datetime

    @property
    def subject(self) -> str:
        return self.fields.subject


@dataclass(frozen=True)
class DraftResult:
    draft: DraftInfo
    changes: Changes


def _info(row: DraftRow, size: int) -> DraftInfo:
    fields = DraftFields(
        subject=row.subject, recipient=row.recipient,
        recipient_codes=tuple(json.loads(row.recipient_codes or "[]")),
        letter_date=row.letter_date, kind=LetterKind.of(row.kind),
        urgency=Urgency.of(row.urgency), secrecy=Secrecy.of(row.secrecy),
        circular=bool(row.circular), notes=row.notes)
    return DraftInfo(row.id, row.uid, fields, row.blob_sha256, size, row.file_name,
                     row.created_at, row.updated_at)


def _audit_details(fields: DraftFields, sha256: str) -> dict[str, object]:
    return {"subject": fields.subject.strip(), "to": fields.recipient.strip(),
            "to_agencies": list(fields.recipient_codes), "urgency": fields.urgency.value,
            "secrecy": fields.secrecy.value, "sha256": sha256}


class Drafts:
    """Create, change, list, delete and issue drafts (see the module docstring)."""

    def __init__(self, app: KoratApp) -> None:
        self.app = app

    # -- reading ---------------------------------------------------------------------------
    def list(self) -> list[DraftInfo]:
        """Every draft, the most urgent first, then the most recently changed."""
        with self.app.database.read() as s:
            rows = s.execute(select(DraftRow, Blob.size)
                             .join(Blob, Blob.sha256 == DraftRow.blob_sha256)).all()
            drafts = [_info(row, size) for row, size in rows]
        return sorted(drafts, key=lambda d: (d.fields.urgency.rank,
                                             -d.updated_at.timestamp(), -d.id))

    def get(self, draft_id: int) -> DraftInfo:
        with self.app.database.read() as s:
            return self._load(s, draft_id)

    def pdf(self, draft_id: int) -> bytes:
        return self.app.blobs.read(self.get(draft_id).pdf_sha256)

    # -- changing --------------------------------------------------------------------------
    def create(self, pdf: bytes, fields: DraftFields, file_name: str = "",
               now: dt.datetime | None = None) -> DraftResult:
        fields = self._checked(fields, pdf)
        moment = now or dt.datetime.now(dt.UTC)
        digest = sha256_hex(pdf)
        with self.app.blob_write() as s:
            self._keep_blob(s, pdf, digest, moment)
            row = DraftRow(uid=str(uuid.uuid4()), blob_sha256=digest,
                           file_name=file_name[:255], created_at=moment, updated_at=moment)
            self._fill(row, fields)
            s.add(row)
            s.flush()
            AuditLog(s, current_actor(self.app, s)).append("draft.create", "draft", row.id,
                                                _audit_details(fields, digest))
            info = _info(row, len(pdf))
        return DraftResult(info, DRAFTS_CHANGED)

    def update(self, draft_id: int, fields: DraftFields | None = None,
               pdf: bytes | None = None, file_name: str | None = None,
               now: dt.datetime | None = None) -> DraftResult:
        """Change a draft's fields and/or replace its PDF (the old bytes stay in the store)."""
        current = self.get(draft_id)
        fields = self._checked(fields or current.fields, pdf)
        moment = now or dt.datetime.now(dt.UTC)
        with self.app.blob_write() as s:
            row = s.get(DraftRow, draft_id)
            if row is None:
                raise StoreError("store.draft_not_found", id=draft_id)
            size = current.pdf_size
            if pdf is not None:
                digest = sha256_hex(pdf)
                self._keep_blob(s, pdf, digest, moment)  # the blob row first: foreign key
                row.blob_sha256 = digest
                size = len(pdf)
            if file_name is not None:
                row.file_name = file_name[:255]
            self._fill(row, fields)
            row.updated_at = max(moment, current.updated_at + dt.timedelta(microseconds=1))
            s.flush()
            AuditLog(s, current_actor(self.app, s)).append("draft.update", "draft", row.id,
                                                _audit_details(fields, row.blob_sha256))
            info = _info(row, size)
        return DraftResult(info, DRAFTS_CHANGED)

    def delete(self, draft_id: int) -> DraftResult:
        """Throw a draft away (its PDF stays in the content store; no number was used)."""
        with self.app.database.write() as s:
            info = self._load(s, draft_id)
            self._remove(s, info, "draft.delete", {"subject": info.subject})
        return DraftResult(info, DRAFTS_CHANGED)

    def issue(self, draft_id: int, now: dt.datetime | None = None) -> RegisterResult:
        """Issue the send-register number: the draft becomes an entry and is removed.

        With agency codes among its recipients the entry is addressed to them for
        sending by sync (as ``korat send --to-agency``). All of it is one transaction
        with the draft's removal; if the draft changed since it was read, nothing is
        issued (``store.draft_changed``).
        """
        draft = self.get(draft_id)
        intake = draft.fields.intake()
        codes = list(draft.fields.recipient_codes)
        recipients: Within | None = None
        if codes:
            sync = self.app.sync
            recipients = sync.recipients_within(codes)
            if not intake.recipient:
                names = ", ".join(a.name for a in sync.check_recipients(codes))
                intake = replace(intake, recipient=names)

        def within(s: Session, entry_ids: Sequence[int]) -> None:
            if recipients is not None:
                recipients(s, entry_ids)
            row = s.get(DraftRow, draft_id)
            if row is None or row.updated_at != draft.updated_at:
                raise StoreError("store.draft_changed", id=draft_id)
            self._remove(s, draft, "draft.issue", {"entry_id": entry_ids[0]})

        pdf = self.app.blobs.read(draft.pdf_sha256)
        result = self.app.registration.send(pdf, intake, draft.fields.circular, now,
                                            within=within)
        return RegisterResult(result.entry, result.changes | DRAFTS_CHANGED)

    # -- steps -------------------------------------------------------------------------------
    def _checked(self, fields: DraftFields, pdf: bytes | None) -> DraftFields:
        fields.check()
        if fields.secrecy in SEALED_SECRECY and encrypts(self.app.config):
            # A draft is kept in clear (fields and PDF); a secret letter is registered
            # (and so sealed) directly instead: nothing of it may rest unencrypted.
            raise SecrecyError("secrecy.no_secret_drafts")
        if fields.recipient_codes:
            self.app.sync.check_recipients(fields.recipient_codes)  # unknown codes refused now
        if pdf is not None:
            self.app.pdf_workers.prepare([pdf])[0].raise_if_failed()
        return fields

    def _load(self, s: Session, draft_id: int) -> DraftInfo:
        found = s.execute(select(DraftRow, Blob.size)
                          .join(Blob, Blob.sha256 == DraftRow.blob_sha256)
                          .where(DraftRow.id == draft_id)).first()
        if found is None:
            raise StoreError("store.draft_not_found", id=draft_id)
        return _info(found[0], found[1])

    def _remove(self, s: Session, draft: DraftInfo, action: str,
                details: dict[str, object]) -> None:
        row = s.get(DraftRow, draft.id)
        if row is None:
            raise StoreError("store.draft_not_found", id=draft.id)
        s.delete(row)
        s.flush()
        AuditLog(s, current_actor(self.app, s)).append(action, "draft", draft.id,
                                            {**details, "uid": draft.uid})

    def _keep_blob(self, s: Session, pdf: bytes, digest: str, moment: dt.datetime) -> None:
        """The PDF on disk (fsynced) before the row naming it commits."""
        if s.get(Blob, digest) is None:
            s.add(Blob(sha256=digest, size=len(pdf), created_at=moment))
            s.flush()
        self.app.blobs.put(pdf)

    @staticmethod
    def _fill(row: DraftRow, fields: DraftFields) -> None:
        row.subject = fields.subject.strip()
        row.recipient = fields.recipient.strip()
        row.recipient_codes = json.dumps([c.strip() for c in fields.recipient_codes],
                                         ensure_ascii=False)
        row.letter_date = fields.letter_date
        row.kind = fields.kind.value
        row.urgency = fields.urgency.value
        row.secrecy = fields.secrecy.value
        row.circular = fields.circular
        row.notes = fields.notes.strip()

