"""Registering letters: receive (with the receipt stamp) and send (with its ที่ number).

One registration is one write transaction: the number, the document, its versions,
the register entry, the search index and the audit records commit together or not at
all. The PDF's blobs are made durable before the commit, so a committed row never
points at a missing file.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from korat_desktop.domain.letters import LetterKind, Secrecy, Urgency
from korat_desktop.domain.registers import RegisterKind, format_letter_number
from korat_desktop.domain.thai_dates import be_year, to_thai_time
from korat_desktop.errors import StoreError, UsageError
from korat_desktop.services.office import current_actor, require_office
from korat_desktop.services.results import Changes, RegisterResult
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.models import RegisterEntryRow, sql_timestamp
from korat_desktop.store.numbering import RegisterNumbers
from korat_desktop.store.search import SearchIndex
from korat_desktop.store.views import load_entry

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp

__all__ = ["LetterIntake", "Registration"]


@dataclass(frozen=True)
class LetterIntake:
    """The fields a clerk types when registering a letter."""

    subject: str
    sender: str = ""
    recipient: str = ""
    letter_number: str = ""
    letter_date: dt.date | None = None
    kind: LetterKind = LetterKind.EXTERNAL
    urgency: Urgency = Urgency.NORMAL
    secrecy: Secrecy = Secrecy.NONE
    notes: str = ""
    action: str = ""
    remarks: str = ""
    retention_years: int | None = None

    def check(self) -> None:
        if not self.subject.strip():
            raise UsageError("usage.bad_argument", name="subject", detail="empty")
        if self.retention_years is not None and self.retention_years < 0:
            raise UsageError("usage.bad_argument", name="retention", detail="negative")


class Registration:
    def __init__(self, app: KoratApp) -> None:
        self.app = app

    # -- public operations -------------------------------------------------------------
    def receive(self, pdf: bytes, intake: LetterIntake,
                now: dt.datetime | None = None) -> RegisterResult:
        """Register an incoming letter: number it, stamp it, keep both PDFs."""
        from korat_desktop.pdf.receipt_stamp import ReceiptStamp, stamp_receipt

        intake.check()
        text = self._check_pdf(pdf)
        moment = now or dt.datetime.now(dt.UTC)
        year = be_year(to_thai_time(moment).date())
        cfg = self.app.config
        with self._writing() as s:
            office = require_office(s)
            number = RegisterNumbers(s).take(RegisterKind.RECEIVE, year)
            stamped = stamp_receipt(pdf, ReceiptStamp(
                agency_name=office.agency_name, receive_number=number, year_be=year,
                received_at=moment, thai_digits=bool(cfg["display.thai_digits"]),
                width_mm=float(cfg["stamp.receipt_width_mm"]),
                height_mm=float(cfg["stamp.receipt_height_mm"])))
            entry_id = self._record(s, RegisterKind.RECEIVE, year, number, moment, intake,
                                    intake.letter_number,
                                    [("original", pdf), ("receipt_stamped", stamped)], text)
            entry = load_entry(s, entry_id)
        assert entry is not None
        return RegisterResult(entry, Changes(frozenset({RegisterKind.RECEIVE}),
                                             frozenset({entry.id}),
                                             frozenset({entry.document_id or 0})))

    def send(self, pdf: bytes, intake: LetterIntake, circular: bool = False,
             now: dt.datetime | None = None) -> RegisterResult:
        """Register an outgoing letter and give it its ที่ number (agency code/number)."""
        intake.check()
        text = self._check_pdf(pdf)
        moment = now or dt.datetime.now(dt.UTC)
        year = be_year(to_thai_time(moment).date())
        with self._writing() as s:
            office = require_office(s)
            number = RegisterNumbers(s).take(RegisterKind.SEND, year)
            letter_number = format_letter_number(office.agency_code, number, circular)
            sender = intake.sender or office.agency_name
            intake = _replace(intake, sender=sender)
            entry_id = self._record(s, RegisterKind.SEND, year, number, moment, intake,
                                    letter_number, [("original", pdf)], text)
            entry = load_entry(s, entry_id)
        assert entry is not None
        return RegisterResult(entry, Changes(frozenset({RegisterKind.SEND}),
                                             frozenset({entry.id}),
                                             frozenset({entry.document_id or 0})))

    def void_number(self, register: RegisterKind, reason: str,
                    now: dt.datetime | None = None) -> RegisterResult:
        """Take the next number and record it as voided (a number is never skipped)."""
        if not reason.strip():
            raise UsageError("usage.bad_argument", name="reason", detail="empty")
        moment = now or dt.datetime.now(dt.UTC)
        year = be_year(to_thai_time(moment).date())
        with self.app.database.write() as s:
            require_office(s)
            number = RegisterNumbers(s).take(register, year)
            row = RegisterEntryRow(register=register.value, year_be=year, number=number,
                                   document_id=None, registered_at=moment, action="",
                                   remarks="", voided=True, void_reason=reason.strip())
            s.add(row)
            s.flush()
            AuditLog(s, current_actor()).append(
                "register.void_number", "register_entry", row.id,
                {"register": register.value, "year_be": year, "number": number,
                 "reason": reason.strip()})
            entry = load_entry(s, row.id)
        assert entry is not None
        return RegisterResult(entry, Changes(frozenset({register}), frozenset({entry.id})))

    def void_entry(self, entry_id: int, reason: str) -> RegisterResult:
        """Void an issued number (e.g. a letter withdrawn); the entry stays, marked voided."""
        if not reason.strip():
            raise UsageError("usage.bad_argument", name="reason", detail="empty")
        with self.app.database.write() as s:
            row = s.get(RegisterEntryRow, entry_id)
            if row is None:
                raise StoreError("store.entry_not_found", id=entry_id)
            if row.voided:
                raise StoreError("store.already_voided", number=row.number)
            row.voided = True
            row.void_reason = reason.strip()
            AuditLog(s, current_actor()).append(
                "register.void_entry", "register_entry", row.id,
                {"register": row.register, "year_be": row.year_be, "number": row.number,
                 "reason": row.void_reason})
            entry = load_entry(s, row.id)
        assert entry is not None
        return RegisterResult(entry, Changes(frozenset({entry.register}), frozenset({entry.id})))

    # -- steps -----------------------------------------------------------------------
    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """A write transaction that may put blobs on disk before it commits."""
        try:
            with self.app.database.write() as s:
                yield s
        except BaseException:
            self.app.keep_writer_mark()
            raise

    @staticmethod
    def _check_pdf(pdf: bytes) -> str:
        from korat_desktop.pdf.inspect import check_pdf
        from korat_desktop.pdf.text import extract_text

        check_pdf(pdf)
        return extract_text(pdf)

    def _put_blob(self, s: Session, data: bytes, moment: dt.datetime) -> str:
        digest = self.app.blobs.put(data)
        s.connection().exec_driver_sql(
            "INSERT OR IGNORE INTO blob (sha256, size, created_at) VALUES (?, ?, ?)",
            (digest, len(data), sql_timestamp(moment)))
        return digest

    def _record(self, s: Session, register: RegisterKind, year: int, number: int,
                moment: dt.datetime, intake: LetterIntake, letter_number: str,
                pdfs: list[tuple[str, bytes]], text: str) -> int:
        """Insert the document, its versions, the entry, the index and the audit records.

        Plain SQL on the transaction's connection: this is the hot path of registering
        a batch of letters, and the ORM's unit of work costs more than the SQL itself.
        """
        conn = s.connection()
        audit = AuditLog(s, current_actor())
        retention = (intake.retention_years if intake.retention_years is not None
                     else int(self.app.config["retention.default_years"]))
        ts = sql_timestamp(moment)
        uid = str(uuid.uuid4())
        subject, sender = intake.subject.strip(), intake.sender.strip()
        recipient, letter_number = intake.recipient.strip(), letter_number.strip()
        doc_id = conn.exec_driver_sql(
            "INSERT INTO document (uid, kind, subject, sender, recipient, letter_number, "
            "letter_date, urgency, secrecy, notes, retention_years, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (uid, intake.kind.value, subject, sender, recipient, letter_number,
             intake.letter_date.isoformat() if intake.letter_date else None,
             intake.urgency.value, intake.secrecy.value, intake.notes, retention, ts),
        ).scalar_one()
        audit.append("document.create", "document", doc_id,
                     {"uid": uid, "subject": subject, "kind": intake.kind.value,
                      "urgency": intake.urgency.value, "secrecy": intake.secrecy.value})
        for seq, (role, data) in enumerate(pdfs, start=1):
            digest = self._put_blob(s, data, moment)
            version_id = conn.exec_driver_sql(
                "INSERT INTO document_version (document_id, seq, blob_sha256, role, "
                "signature_level, created_at) VALUES (?, ?, ?, ?, NULL, ?) RETURNING id",
                (doc_id, seq, digest, role, ts)).scalar_one()
            audit.append("document.version", "document_version", version_id,
                         {"document_id": doc_id, "seq": seq, "role": role, "sha256": digest})
        entry_id = conn.exec_driver_sql(
            "INSERT INTO register_entry (register, year_be, number, document_id, "
            "registered_at, action, remarks, voided, void_reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 0, '') RETURNING id",
            (register.value, year, number, doc_id, ts, intake.action, intake.remarks),
        ).scalar_one()
        audit.append("register.entry", "register_entry", entry_id,
                     {"register": register.value, "year_be": year, "number": number,
                      "document_id": doc_id, "letter_number": letter_number})
        SearchIndex(s).put(
            doc_id,
            number=f"{number}/{year} {letter_number}",
            subject=subject,
            parties=f"{sender} {recipient}",
            notes=f"{intake.notes} {intake.action} {intake.remarks}",
            body=text,
        )
        return int(entry_id)


def _replace(intake: LetterIntake, **changes: object) -> LetterIntake:
    import dataclasses

    return dataclasses.replace(intake, **changes)  # type: ignore[arg-type]
