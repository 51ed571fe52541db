"""Registering letters: receive (with the receipt stamp) and send (with its ที่ number).

One registration is one write transaction: the number, the document, its versions,
the register entry, the search index and the audit records commit together or not at
all. The PDF's blobs are made durable before the commit, so a committed row never
points at a missing file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from korat_desktop.domain.letters import LetterKind, Secrecy, Urgency
from korat_desktop.domain.plain_text import bad_character
from korat_desktop.domain.registers import RegisterEntry, RegisterKind, format_letter_number
from korat_desktop.domain.thai_dates import be_year, to_thai_time
from korat_desktop.errors import KoratError, StoreError, UsageError
from korat_desktop.pdf.free_space import StampPlace, StampRequest
from korat_desktop.secrecy.at_rest import (
    SEALED_PLACEHOLDER,
    SEALED_SECRECY,
    AtRestSealer,
    encrypts,
    own_sealer,
)
from korat_desktop.secrecy.sealed import SecretFields
from korat_desktop.services.office import current_actor, require_office
from korat_desktop.services.pdf_work import Prepared, Stamped
from korat_desktop.services.results import Changes, RegisterResult
from korat_desktop.services.stamp_places import (
    StampProposal,
    propose_stamp,
    remember,
    remembered,
    sender_key,
)
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.blobs import sha256_hex
from korat_desktop.store.db import raw_connection
from korat_desktop.store.models import (
    Document,
    Office,
    RegisterEntryRow,
    SealedFieldsRow,
    sql_timestamp,
)
from korat_desktop.store.numbering import RegisterNumbers
from korat_desktop.store.search import SearchIndex
from korat_desktop.store.views import entry_query, load_entry, row_to_entry
from korat_desktop.sync.outbox import queue_number_void

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp

__all__ = ["LetterIntake", "Registration", "BatchResult", "ItemFailure", "Within",
           "check_text"]

Within = Callable[[Session, Sequence[int]], None]
"""Extra work done inside a registration's own transaction, given the new entry ids
(e.g. recipients of an outgoing letter, or the receipt of an inbox letter), so it
commits together with the entries or not at all."""


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
    sender_code: str = ""  # the sending agency's code, when known (inbox letters)
    # The receipt stamp's top left, mm from page 1's displayed top left, when the clerk
    # chose it (remembered for this sender); None: the sender's place or free space.
    stamp_at: tuple[float, float] | None = None

    def check(self) -> None:
        """Refuse what cannot be recorded as given: the register holds exactly what the
        clerk or the sender wrote, so bad characters are refused, not silently changed."""
        for name in _TEXT_FIELDS:
            check_text(name, getattr(self, name))
        if not self.subject.strip():
            raise UsageError("usage.bad_argument", name="subject", detail="empty")
        if self.retention_years is not None and self.retention_years < 0:
            raise UsageError("usage.bad_argument", name="retention", detail="negative")


def check_text(name: str, value: str) -> None:
    """Refuse typed text the register cannot hold as typed (``usage.bad_text``)."""
    char = bad_character(value)
    if char is not None:
        raise UsageError("usage.bad_text", name=name, char=char)


_TEXT_FIELDS = ("subject", "sender", "recipient", "letter_number", "notes", "action",
                "remarks")


@dataclass(frozen=True)
class _Good:
    """A letter of a batch that passed its checks, waiting for its number."""

    index: int
    pdf: bytes
    intake: LetterIntake
    prep: Prepared


@dataclass(frozen=True)
class ItemFailure:
    """Why one letter of a batch was not registered (nothing of it was stored)."""

    index: int
    code: str
    params: tuple[tuple[str, str], ...]
    layer: str

    @staticmethod
    def of(index: int, e: KoratError) -> ItemFailure:
        return ItemFailure(index, e.code, tuple((k, str(v)) for k, v in e.params.items()),
                           e.layer)

    def error(self) -> KoratError:
        from korat_desktop import errors

        cls = {"pdf": errors.PdfError, "usage": errors.UsageError,
               "store": errors.StoreError, "secrecy": errors.SecrecyError,
               "courier": errors.CourierError}.get(self.layer, errors.KoratError)
        return cls(self.code, **dict(self.params))

    def message(self, lang: str = "en") -> str:
        return self.error().message(lang)


@dataclass(frozen=True)
class BatchResult:
    entries: tuple[RegisterEntry, ...]
    failures: tuple[ItemFailure, ...]
    changes: Changes
    # where each entry's receipt stamp went (received letters; None: see Stamped.place)
    stamp_places: tuple[StampPlace | None, ...] = ()


def _sender_key(intake: LetterIntake) -> str:
    return sender_key(intake.sender, intake.sender_code)


def _live_row(s: Session, entry_id: int) -> RegisterEntryRow:
    """The entry to change: it must exist and not be voided."""
    row = s.get(RegisterEntryRow, entry_id)
    if row is None:
        raise StoreError("store.entry_not_found", id=entry_id)
    if row.voided:
        raise StoreError("store.already_voided", number=row.number)
    return row


class Registration:
    def __init__(self, app: KoratApp) -> None:
        self.app = app

    # -- public operations -------------------------------------------------------------
    def receive(self, pdf: bytes, intake: LetterIntake,
                now: dt.datetime | None = None, *, within: Within | None = None
                ) -> RegisterResult:
        """Register an incoming letter: number it, stamp it, keep both PDFs."""
        return self._one(RegisterKind.RECEIVE, pdf, intake, False, now, within)

    def propose_stamp(self, pdf: bytes, sender: str, sender_code: str = "") -> StampProposal:
        """Where receiving ``pdf`` from this sender would put the receipt stamp."""
        return propose_stamp(self.app, pdf, sender, sender_code)

    def send(self, pdf: bytes, intake: LetterIntake, circular: bool = False,
             now: dt.datetime | None = None, *, within: Within | None = None
             ) -> RegisterResult:
        """Register an outgoing letter and give it its ที่ number (agency code/number)."""
        return self._one(RegisterKind.SEND, pdf, intake, circular, now, within)

    def receive_many(self, items: Sequence[tuple[bytes, LetterIntake]],
                     now: dt.datetime | None = None) -> BatchResult:
        """Register many incoming letters in one transaction (a drop of many PDFs).

        Letters that fail their checks or their receipt stamp, for whatever reason the
        file gives, are reported (``pdf.*``, ``usage.*``) and left out; the rest get
        consecutive numbers and commit together.
        """
        return self._many(RegisterKind.RECEIVE, items, False, now)

    def send_many(self, items: Sequence[tuple[bytes, LetterIntake]], circular: bool = False,
                  now: dt.datetime | None = None) -> BatchResult:
        return self._many(RegisterKind.SEND, items, circular, now)

    def _one(self, register: RegisterKind, pdf: bytes, intake: LetterIntake, circular: bool,
             now: dt.datetime | None, within: Within | None = None) -> RegisterResult:
        intake.check()
        result = self._many(register, [(pdf, intake)], circular, now, within)
        if result.failures:
            raise result.failures[0].error()
        place = result.stamp_places[0] if result.stamp_places else None
        return RegisterResult(result.entries[0], result.changes, place)

    def _many(self, register: RegisterKind, items: Sequence[tuple[bytes, LetterIntake]],
              circular: bool, now: dt.datetime | None,
              within: Within | None = None) -> BatchResult:
        failures: list[ItemFailure] = []
        checked: list[tuple[int, bytes, LetterIntake]] = []
        for index, (pdf, intake) in enumerate(items):
            try:
                intake.check()
                checked.append((index, pdf, intake))
            except KoratError as e:
                failures.append(ItemFailure.of(index, e))
        prepared = self.app.pdf_workers.prepare([pdf for _, pdf, _ in checked])
        good: list[_Good] = []
        for (index, pdf, intake), prep in zip(checked, prepared, strict=True):
            if prep.error_code is not None:
                failures.append(ItemFailure(index, prep.error_code, prep.error_params, "pdf"))
            else:
                good.append(_Good(index, pdf, intake, prep))
        moment = now or dt.datetime.now(dt.UTC)
        year = be_year(to_thai_time(moment).date())
        entries: list[RegisterEntry] = []
        sealer = None
        if any(g.intake.secrecy in SEALED_SECRECY for g in good) and encrypts(self.app.config):
            try:  # without our key a secret letter cannot be kept sealed: it fails alone
                sealer = self._own_sealer()
            except KoratError as e:
                failures.extend(ItemFailure.of(g.index, e) for g in good
                                if g.intake.secrecy in SEALED_SECRECY)
                good = [g for g in good if g.intake.secrecy not in SEALED_SECRECY]
        places: list[StampPlace | None] = []
        if good:
            with self.app.blob_write() as s:
                office = require_office(s)
                conn = raw_connection(s)
                # A letter whose stamp fails is left out and the rest numbered again from
                # this savepoint, so the numbers that are kept stay consecutive.
                conn.execute("SAVEPOINT korat_batch")
                while good:
                    blobs: list[bytes] = []
                    places = []
                    ids, refused = self._write_batch(s, register, year, moment, office,
                                                     circular, good, blobs, places,
                                                     sealer)
                    if not refused:
                        break
                    conn.execute("ROLLBACK TO korat_batch")
                    failures.extend(refused)
                    left_out = {f.index for f in refused}
                    good = [g for g in good if g.index not in left_out]
                conn.execute("RELEASE korat_batch")
                if good:
                    if within is not None:
                        within(s, ids)
                    self.app.blobs.put_many(blobs)  # durable before the rows commit
                    rows = s.execute(entry_query().where(RegisterEntryRow.id.in_(ids))
                                     .order_by(RegisterEntryRow.number)).all()
                    entries = [row_to_entry(r) for r in rows]
        changes = Changes(frozenset({register}) if entries else frozenset(),
                          frozenset(e.id for e in entries),
                          frozenset(e.document_id for e in entries if e.document_id))
        return BatchResult(tuple(entries), tuple(sorted(failures, key=lambda f: f.index)),
                           changes, tuple(places) if entries else ())

    def _write_batch(self, s: Session, register: RegisterKind, year: int,
                     moment: dt.datetime, office: Office, circular: bool, good: list[_Good],
                     blobs: list[bytes], places: list[StampPlace | None],
                     sealer: AtRestSealer | None = None
                     ) -> tuple[list[int], list[ItemFailure]]:
        """Number and record ``good``; the letters whose receipt stamp failed instead.

        A received letter's stamp goes where the clerk put it (and that place is kept
        for its sender), else at the sender's kept place if blank, else on free space.

        With any failure the rows written are worthless (later letters carry numbers
        that are no longer theirs): the caller rolls back and calls again without them.
        """
        from korat_desktop.pdf.receipt_stamp import ReceiptStamp

        cfg = self.app.config
        numbers = [RegisterNumbers(s).take(register, year) for _ in good]
        stamped: Iterator[Stamped | None]
        if register is RegisterKind.RECEIVE:
            stamp = ReceiptStamp(
                agency_name=office.agency_name, receive_number=0, year_be=year,
                received_at=moment, thai_digits=bool(cfg["display.thai_digits"]),
                width_mm=float(cfg["stamp.receipt_width_mm"]),
                height_mm=float(cfg["stamp.receipt_height_mm"]))
            # Workers stamp while this process writes the rows of earlier letters.
            stamped = self.app.pdf_workers.stamp_stream(
                [(g.pdf, dataclasses.replace(stamp, receive_number=number),
                  StampRequest(g.intake.stamp_at, remembered(s, _sender_key(g.intake))))
                 for g, number in zip(good, numbers, strict=True)])
        else:
            stamped = iter([None] * len(good))
        ids: list[int] = []
        refused: list[ItemFailure] = []
        for g, number, outcome in zip(good, numbers, stamped, strict=True):
            if outcome is not None and outcome.error_code is not None:
                refused.append(ItemFailure(g.index, outcome.error_code, outcome.error_params,
                                           "pdf"))
            if refused:
                continue  # this pass will be rolled back; only collect the failures
            intake = g.intake
            if outcome is not None:
                pdfs = [("original", g.pdf), ("receipt_stamped", outcome.pdf)]
                letter_number = intake.letter_number
                places.append(outcome.place)
                sealed = sealer is not None and intake.secrecy in SEALED_SECRECY
                if intake.stamp_at is not None and not sealed:  # a secret จาก stays sealed
                    remember(s, _sender_key(intake), intake.stamp_at, moment)
            else:
                pdfs = [("original", g.pdf)]
                letter_number = format_letter_number(office.agency_code, number, circular)
                intake = dataclasses.replace(intake, sender=intake.sender or office.agency_name)
            ids.append(self._record(s, register, year, number, moment, intake,
                                    letter_number, pdfs, g.prep, blobs,
                                    sealer if intake.secrecy in SEALED_SECRECY else None))
        return ids, refused

    def void_number(self, register: RegisterKind, reason: str,
                    now: dt.datetime | None = None) -> RegisterResult:
        """Take the next number and record it as voided (a number is never skipped)."""
        check_text("reason", reason)
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
            AuditLog(s, current_actor(self.app, s)).append(
                "register.void_number", "register_entry", row.id,
                {"register": register.value, "year_be": year, "number": number,
                 "reason": reason.strip()})
            queue_number_void(s, current_actor(self.app, s), register.value, year, number, number,
                              reason.strip())
            entry = load_entry(s, row.id)
        assert entry is not None
        return RegisterResult(entry, Changes(frozenset({register}), frozenset({entry.id})))

    def void_entry(self, entry_id: int, reason: str) -> RegisterResult:
        """Void an issued number (e.g. a letter withdrawn); the entry stays, marked voided."""
        check_text("reason", reason)
        if not reason.strip():
            raise UsageError("usage.bad_argument", name="reason", detail="empty")
        with self.app.database.write() as s:
            row = _live_row(s, entry_id)
            row.voided = True
            row.void_reason = reason.strip()
            AuditLog(s, current_actor(self.app, s)).append(
                "register.void_entry", "register_entry", row.id,
                {"register": row.register, "year_be": row.year_be, "number": row.number,
                 "reason": row.void_reason})
            queue_number_void(s, current_actor(self.app, s), row.register, row.year_be, row.number,
                              row.number, row.void_reason)
            entry = load_entry(s, row.id)
        assert entry is not None
        return RegisterResult(entry, Changes(frozenset({entry.register}), frozenset({entry.id})))

    def annotate(self, entry_id: int, *, action: str | None = None,
                 remarks: str | None = None) -> RegisterResult:
        """Fill in or change การปฏิบัติ and หมายเหตุ of an entry, as the paper register has
        them (the register report prints both); audited with what they were before.
        ``None`` leaves a field as it is. Local to this office: they do not travel."""
        changes = {k: v for k, v in (("action", action), ("remarks", remarks)) if v is not None}
        for name, value in changes.items():
            check_text(name, value)
            if len(value) > 2000:
                raise UsageError("usage.bad_argument", name=name, detail="longer than 2000")
        sealed = self._reseal_annotation(entry_id, changes)
        with self.app.database.write() as s:
            row = _live_row(s, entry_id)
            where = {"register": row.register, "year_be": row.year_be, "number": row.number}
            if sealed is not None:  # a secret letter: the text stays inside its envelope
                stored = s.get(SealedFieldsRow, row.document_id)
                assert stored is not None
                stored.der = sealed
                AuditLog(s, current_actor()).append("register.annotate", "register_entry",
                                                    row.id, {**where, "sealed": True})
            else:
                self._annotate_clear(s, row, changes, where)
            entry = load_entry(s, row.id)
        assert entry is not None
        return RegisterResult(entry, Changes(frozenset({entry.register}), frozenset({entry.id})))

    @staticmethod
    def _annotate_clear(s: Session, row: RegisterEntryRow, changes: dict[str, str],
                        where: dict[str, object]) -> None:
        """The plain columns, audited with what they were, and the search notes."""
        before = {"action": row.action, "remarks": row.remarks}
        for name, value in changes.items():
            setattr(row, name, value.strip())
        after = {"action": row.action, "remarks": row.remarks}
        if after == before:
            return
        AuditLog(s, current_actor()).append("register.annotate", "register_entry", row.id,
                                            {**where, "before": before, "after": after})
        if row.document_id is not None:
            notes = s.scalar(select(Document.notes).where(Document.id == row.document_id)) or ""
            SearchIndex(s).set_notes(row.document_id, f"{notes} {row.action} {row.remarks}")

    def _own_sealer(self) -> AtRestSealer:
        """Our agency's sealer. A clerk cannot run ``korat keys new``: the first secret
        letter of an office without a key makes one (in the OS keyring, self-issued, as
        ``korat keys new`` does) unless IT turned ``secrecy.make_office_key`` off; other
        offices can seal to it once it is published (``korat keys publish``)."""
        try:
            return own_sealer(self.app.keys.office_keys)
        except KoratError as e:
            if e.code != "secrecy.no_office_key" or not self.app.config["secrecy.make_office_key"]:
                raise
        self.app.keys.new_key()
        return own_sealer(self.app.keys.office_keys)

    def _reseal_annotation(self, entry_id: int, changes: dict[str, str]) -> bytes | None:
        """For a sealed (secret) letter, its fields with the new การปฏิบัติ/หมายเหตุ sealed
        again to our agency (opening them needs the office key: unlocked on first use);
        None for any other letter. Done before the write transaction (RSA is slow)."""
        document_id = self.app.queries.entry(entry_id).document_id
        secrets = self.app.secrets
        if document_id is None or not secrets.is_sealed(document_id):
            return None
        from korat_desktop.secrecy.sealed import seal_fields

        fields = secrets.fields(document_id)
        fields = dataclasses.replace(
            fields, action=changes.get("action", fields.action).strip(),
            remarks=changes.get("remarks", fields.remarks).strip())
        return seal_fields(fields, [secrets.sealer().certificate])

    # -- steps -----------------------------------------------------------------------

    def _record(self, s: Session, register: RegisterKind, year: int, number: int,
                moment: dt.datetime, intake: LetterIntake, letter_number: str,
                pdfs: list[tuple[str, bytes]], prep: Prepared, blobs: list[bytes],
                sealer: AtRestSealer | None = None) -> int:
        """Insert the document, its versions, the entry, the index and the audit records.

        With ``sealer`` (a secret letter, kept sealed) the text fields and every PDF
        version are sealed to our agency and only the placeholder, the register number
        and the date reach the plain columns, the audit log and the search index.

        Plain SQL on the transaction's connection: this is the hot path of registering
        a batch of letters, and the ORM's unit of work costs more than the SQL itself.
        The PDFs are appended to ``blobs``; the caller makes them durable before commit.
        """
        conn = raw_connection(s)
        audit = AuditLog(s, current_actor(self.app, s))
        retention = (intake.retention_years if intake.retention_years is not None
                     else int(self.app.config["retention.default_years"]))
        ts = sql_timestamp(moment)
        uid = str(uuid.uuid4())
        subject, sender = intake.subject.strip(), intake.sender.strip()
        recipient, letter_number = intake.recipient.strip(), letter_number.strip()
        notes, action, remarks, body = intake.notes, intake.action, intake.remarks, prep.text
        sealed_fields = None
        if sealer is not None:
            sealed_fields, sealed_pdfs = sealer.seal_letter(SecretFields(
                subject=subject, number=letter_number, parties=(sender, recipient),
                notes=notes, action=action, remarks=remarks), [data for _, data in pdfs])
            pdfs = [(role, der) for (role, _), der in zip(pdfs, sealed_pdfs, strict=True)]
            subject = letter_number = SEALED_PLACEHOLDER
            sender = recipient = notes = action = remarks = body = ""
        doc_id = conn.execute(
            "INSERT INTO document (uid, kind, subject, sender, recipient, letter_number, "
            "letter_date, urgency, secrecy, notes, retention_years, created_at, "
            "active_content, ocr) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (uid, intake.kind.value, subject, sender, recipient, letter_number,
             intake.letter_date.isoformat() if intake.letter_date else None,
             intake.urgency.value, intake.secrecy.value, notes, retention, ts,
             ",".join(prep.active_content),
             "pending" if prep.scan and sealer is None else None),  # never OCR a sealed one
        ).fetchone()[0]
        audit.append("document.create", "document", doc_id,
                     {"uid": uid, "subject": subject, "kind": intake.kind.value,
                      "urgency": intake.urgency.value, "secrecy": intake.secrecy.value,
                      **({"sealed": True} if sealed_fields is not None else {})})
        if sealed_fields is not None:
            conn.execute("INSERT INTO sealed_fields (document_id, der, created_at) "
                         "VALUES (?, ?, ?)", (doc_id, sealed_fields, ts))
        for seq, (role, data) in enumerate(pdfs, start=1):
            digest = sha256_hex(data)
            blobs.append(data)
            conn.execute("INSERT OR IGNORE INTO blob (sha256, size, created_at) VALUES (?, ?, ?)",
                         (digest, len(data), ts))
            version_id = conn.execute(
                "INSERT INTO document_version (document_id, seq, blob_sha256, role, "
                "signature_level, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                (doc_id, seq, digest, role, prep.signature_level, ts)).fetchone()[0]
            audit.append("document.version", "document_version", version_id,
                         {"document_id": doc_id, "seq": seq, "role": role, "sha256": digest})
        entry_id = conn.execute(
            "INSERT INTO register_entry (register, year_be, number, document_id, "
            "registered_at, action, remarks, voided, void_reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 0, '') RETURNING id",
            (register.value, year, number, doc_id, ts, action, remarks),
        ).fetchone()[0]
        audit.append("register.entry", "register_entry", entry_id,
                     {"register": register.value, "year_be": year, "number": number,
                      "document_id": doc_id, "letter_number": letter_number})
        SearchIndex(s).put(
            doc_id,
            number=f"{number}/{year} {letter_number}",
            subject=subject,
            parties=f"{sender} {recipient}",
            notes=f"{notes} {action} {remarks}",
            body=body,
        )
        return int(entry_id)

