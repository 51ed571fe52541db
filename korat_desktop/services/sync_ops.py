"""Sync operations for the CLI and the UI: sign in, queue, sync, inbox, receipts.

Each method takes plain values and returns frozen dataclasses (no ORM objects leave).
:meth:`SyncOperations.sync` is long-running: the UI calls it on its network worker
with a ``progress`` callback and a ``stop`` event (pause button); it returns a
:class:`SyncResult` with the engine's report and what changed for the views.

Rules kept here:

* An outgoing letter is queued once (``queue``) and never changes afterwards: its
  operation id, content and the SHA-256 of its signed PDF are fixed at that moment.
* ลับที่สุด letters are refused at queue time with the reason (the engine checks again).
* Registering an inbox letter is one transaction: receive number, receipt stamp,
  register entry, inbox state and the queued ``letter.receipt`` commit together.
* Signature upgrades run as part of a sync when the TSA/OCSP can be reached.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import socket
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from korat_desktop.domain.letters import LetterKind, Secrecy, Urgency
from korat_desktop.domain.plain_text import clean_text
from korat_desktop.domain.registers import RegisterEntry, RegisterKind
from korat_desktop.domain.thai_dates import to_thai_time
from korat_desktop.errors import SecrecyError, StoreError, SyncError
from korat_desktop.protocol import ops as wire
from korat_desktop.protocol.directory import Agency
from korat_desktop.secrecy.at_rest import SEALED_PLACEHOLDER, SEALED_SECRECY, encrypts
from korat_desktop.services import sync_lines
from korat_desktop.services.office import current_actor
from korat_desktop.services.registration import LetterIntake, Within
from korat_desktop.services.results import Changes, DeliveryReceiptInfo, RegisterResult
from korat_desktop.services.secret_receiving import open_inbox_letter
from korat_desktop.services.secret_sending import SealedSend, seal_for_sending
from korat_desktop.services.sync_lines import OUTBOX_LINES
from korat_desktop.services.sync_rows import Delivery, DeliverySummary, InboxLine, OutboxLine
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.lock import InstanceLock
from korat_desktop.store.models import (
    Blob,
    DeliveryReceiptRow,
    DirectoryAgency,
    DocumentVersion,
    LetterRecipient,
    Office,
    OutboxOpRow,
    SentLetter,
)
from korat_desktop.store.numbering import RegisterNumbers
from korat_desktop.store.views import load_entry
from korat_desktop.sync.backoff import Backoff, Retrier
from korat_desktop.sync.context import SyncContext
from korat_desktop.sync.directory import cached_agencies, check_recipients, refresh_directory
from korat_desktop.sync.engine import ProgressCallback, SyncEngine
from korat_desktop.sync.enrollment import DeviceEnrollment, EnrollmentInfo, load_enrollment
from korat_desktop.sync.inbox import InboxItem, InboxState, inbox_items, record_registration
from korat_desktop.sync.leases import LeaseKeeper, lease_years
from korat_desktop.sync.outbox import Outbox, OutboxOperation, OutboxState
from korat_desktop.sync.relay_outward import OutwardRelay, fetch_for_agency
from korat_desktop.sync.report import SyncProgress, SyncReport

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp

__all__ = ["EnrollmentResult", "LeaseReserve", "OutboxResult", "SentLetterInfo",
           "SyncOperations", "SyncProgress", "SyncResult", "SyncStatus", "UpgradeSummary"]

#: signing in or out changes the office's connection and what the hub views show
_ENROLLMENT_CHANGED = Changes(office=True, inbox=True, outbox=True)


@dataclass(frozen=True)
class UpgradeSummary:
    """Signature upgrades done as part of a sync (B-B → B-T/B-LT when online)."""

    upgraded: int = 0
    still_pending: int = 0
    failed: int = 0

@dataclass(frozen=True)
class SyncResult:
    report: SyncReport
    upgrades: UpgradeSummary
    changes: Changes
    inbox_changed: bool
    outbox_changed: bool


@dataclass(frozen=True)
class EnrollmentResult:
    """This device signed in to the hub (or out of it)."""

    info: EnrollmentInfo
    changes: Changes = _ENROLLMENT_CHANGED


@dataclass(frozen=True)
class OutboxResult:
    """An operation was queued or put back in the queue."""

    op: OutboxOperation
    changes: Changes
    sealed_to: tuple[str, ...] = ()  # a secret letter: the agencies it is sealed to
    clear_by_policy: bool = False  # a secret letter sent in clear (encrypt_secret off)


@dataclass(frozen=True)
class LeaseReserve:
    register: RegisterKind
    year_be: int
    remaining: int


@dataclass(frozen=True)
class SyncStatus:
    enrollment: EnrollmentInfo | None
    queued: int
    failed: int
    inbox_waiting: int  # arrived or ready, not registered yet
    reserves: tuple[LeaseReserve, ...]


@dataclass(frozen=True)
class SentLetterInfo:
    """A letter of our agency sent through the hub, with its delivery receipts."""

    op_id: str
    entry_id: int | None
    letter_number: str
    subject: str
    recipients: tuple[str, ...]
    committed_at: dt.datetime | None
    source: str  # device (this one) | agency (another device of ours)
    receipts: tuple[DeliveryReceiptInfo, ...]


def _receipt_infos(s: Session, letter_op_id: str) -> tuple[DeliveryReceiptInfo, ...]:
    names = {code: name for code, name in s.execute(
        select(DirectoryAgency.code, DirectoryAgency.name))}
    rows = s.scalars(select(DeliveryReceiptRow).where(
        DeliveryReceiptRow.letter_op_id == letter_op_id)
        .order_by(DeliveryReceiptRow.committed_at)).all()
    return tuple(DeliveryReceiptInfo(r.receiver_code, names.get(r.receiver_code, r.receiver_code),
                                     r.receive_year, r.receive_number, r.received_date,
                                     r.received_time, r.committed_at) for r in rows)


class SyncOperations:
    def __init__(self, app: KoratApp) -> None:
        self.app = app
        self.ctx = SyncContext(app.database, app.blobs, app.config, app.data_dir,
                               current_actor(app))

    # -- sign in / out ----------------------------------------------------------------------
    def login(self, hub_url: str | None, username: str, password: str,
              device_name: str | None = None, setup_code: str | None = None) -> EnrollmentResult:
        """Enroll this device (token to the keyring), cache the directory, lease numbers.
        With ``setup_code`` (an account IT imported) ``password`` is the one being set."""
        url = hub_url or str(self.app.config["sync.hub_url"])
        if not url:
            raise SyncError("sync.no_hub_url")
        info = DeviceEnrollment(self.ctx).login(url, username, password,
                                                device_name or socket.gethostname() or "korat",
                                                setup_code)
        self.ctx = dataclasses.replace(self.ctx, actor=current_actor(self.app))  # now the hub user
        try:  # best effort: a sync later does the same
            engine = SyncEngine(self.ctx)
            _, transport = DeviceEnrollment(self.ctx).transport()
            try:
                retrier = Retrier(engine.attempts, Backoff(0.5, engine.max_backoff_s))
                refresh_directory(self.ctx, transport, retrier)
                LeaseKeeper(self.ctx, transport, retrier).maintain()
            finally:
                transport.close()
        except SyncError:
            pass
        return EnrollmentResult(info)

    def logout(self, force: bool = False) -> EnrollmentResult:
        """Give back unused leased numbers, revoke the token on the hub, forget it here."""
        enrollment = DeviceEnrollment(self.ctx)

        def release() -> None:
            _, transport = enrollment.transport()
            try:
                LeaseKeeper(self.ctx, transport, Retrier(3, Backoff(0.5, 5.0))).release()
            finally:
                transport.close()

        result = EnrollmentResult(enrollment.logout(force, release))
        self.ctx = dataclasses.replace(self.ctx, actor=current_actor(self.app))  # the PC's own user again
        return result

    def enrollment(self) -> EnrollmentInfo | None:
        return DeviceEnrollment(self.ctx).info()

    def status(self) -> SyncStatus:
        info = self.enrollment()
        with self.app.database.read() as s:
            outbox = Outbox(s, self.ctx.actor)
            queued = outbox.count(OutboxState.QUEUED)
            failed = outbox.count(OutboxState.FAILED) + outbox.count(OutboxState.REFUSED)
            waiting = len(inbox_items(s, (InboxState.ARRIVED, InboxState.READY)))
            reserves = tuple(
                LeaseReserve(kind, year, RegisterNumbers(s).remaining_leased(kind, year))
                for year in lease_years(dt.datetime.now(dt.UTC)) for kind in RegisterKind
            ) if info else ()
        return SyncStatus(info, queued, failed, waiting, reserves)

    # -- the sync ---------------------------------------------------------------------------
    @property
    def paused(self) -> bool:
        """Staff paused sync (``sync.paused``): callers that start syncs on their own
        (``korat sync`` from a timer) leave the network alone while it is set."""
        return bool(self.app.config["sync.paused"])

    def sync(self, once: bool = True, *, timeout_s: float | None = None,
             progress: ProgressCallback | None = None, stop: threading.Event | None = None,
             upgrade: bool = True) -> SyncResult:
        """Push the outbox, pull the feed, fetch inbox PDFs, then upgrade signatures.

        ``once``: one pass; otherwise passes repeat (with backoff) until everything
        is through or ``timeout_s`` runs out. Only one sync per data folder runs at
        a time (``sync.already_running``).
        """
        lock = self._sync_lock()
        try:
            report = SyncEngine(self.ctx, progress=progress, stop=stop).run(once, timeout_s)
            upgrades, upgraded = UpgradeSummary(), Changes()
            if upgrade and report.online and not (stop is not None and stop.is_set()):
                upgrades, upgraded = self._upgrade(progress)
        finally:
            lock.release()
        entries = set(report.entries_changed)
        changes = Changes(frozenset({RegisterKind.SEND}) if report.pushed else frozenset(),
                          frozenset(entries))
        if any(c.action == "voided" for c in report.leases):
            changes = changes | Changes(frozenset(RegisterKind))
        changes = changes | Changes(
            inbox=bool(report.new_inbox or report.downloaded or report.pulled),
            outbox=bool(report.pushed or report.failed or report.deferred or report.relayed),
            receipts=bool(report.new_receipts)) | upgraded
        return SyncResult(report, upgrades, changes,
                          inbox_changed=bool(report.new_inbox or report.downloaded
                                             or report.pulled),
                          outbox_changed=bool(report.pushed or report.failed or report.deferred))

    def _sync_lock(self) -> InstanceLock:
        """The one network worker per data folder (``sync.already_running``)."""
        lock = InstanceLock(self.ctx.lock_file, exclusive=True, purpose="korat sync")
        try:
            lock.acquire()
        except StoreError as e:
            raise SyncError("sync.already_running") from e
        return lock

    def relay_outward(self, agency: str, *, progress: ProgressCallback | None = None,
                      stop: threading.Event | None = None) -> OutwardRelay:
        """What the hub holds for offline ``agency`` (we are its designated relay): its
        signed pages after what it acknowledged, and their PDFs, now in our blob store,
        for ``korat courier export --for-agency``."""
        lock = self._sync_lock()
        try:
            return fetch_for_agency(self.ctx, agency, progress=progress, stop=stop)
        finally:
            lock.release()

    def _upgrade(self, progress: ProgressCallback | None) -> tuple[UpgradeSummary, Changes]:
        signing = self.app.signing
        if not self.app.config["signing.tsa_url"] or not signing.pending_upgrades():
            return UpgradeSummary(), Changes()
        if progress is not None:
            progress(SyncProgress("upgrade"))
        report = signing.upgrade(once=True)
        return UpgradeSummary(len(report.upgraded), len(report.still_pending),
                              len(report.failed)), report.changes

    # -- sending ----------------------------------------------------------------------------
    def agencies(self) -> list[Agency]:
        with self.app.database.read() as s:
            return cached_agencies(s)

    def check_recipients(self, codes: Sequence[str]) -> list[Agency]:
        """The directory entries for ``codes`` (refuses unknown codes, names them)."""
        with self.app.database.read() as s:
            return check_recipients(s, list(codes))

    def recipients_within(self, codes: Sequence[str]) -> Within:
        """The in-transaction step that records an outgoing letter's recipient agencies."""
        agencies = self.check_recipients(codes)

        def record(s: Session, entry_ids: Sequence[int]) -> None:
            for entry_id in entry_ids:
                for position, agency in enumerate(agencies):
                    s.add(LetterRecipient(entry_id=entry_id, agency_code=agency.code,
                                          position=position))
                s.flush()
                AuditLog(s, self.ctx.actor).append(
                    "sync.recipients", "register_entry", entry_id,
                    {"to": [a.code for a in agencies]})

        return record

    def send(self, pdf: bytes, intake: LetterIntake, to_agencies: Sequence[str],
             circular: bool = False) -> RegisterResult:
        """Register an outgoing letter addressed to agencies (by code) of the directory."""
        within = self.recipients_within(to_agencies) if to_agencies else None
        if to_agencies and not intake.recipient.strip():
            names = ", ".join(a.name for a in self.check_recipients(to_agencies))
            intake = dataclasses.replace(intake, recipient=names)
        return self.app.registration.send(pdf, intake, circular, within=within)

    def _queue_checks(self, s: Session, entry_id: int, allow_unsigned: bool
                      ) -> tuple[RegisterEntry, list[str]]:
        """The entry and its recipients, or why it cannot be queued."""
        if load_enrollment(s) is None and not cached_agencies(s):
            # An office that only ever uses couriers has a directory (from a
            # bundle) but no link: its letters wait in the outbox for export.
            raise SyncError("sync.not_enrolled")
        entry = load_entry(s, entry_id)
        if entry is None:
            raise StoreError("store.entry_not_found", id=entry_id)
        if entry.register is not RegisterKind.SEND:
            raise SyncError("sync.not_send_entry", id=entry_id)
        if entry.voided or entry.document_id is None or entry.pdf_sha256 is None:
            raise SyncError("sync.entry_voided", id=entry_id)
        queued = s.scalar(select(OutboxOpRow.op_id).where(
            OutboxOpRow.entry_id == entry_id, OutboxOpRow.kind == "letter.send"))
        if queued is not None:
            raise SyncError("sync.already_queued", id=entry_id, op_id=queued)
        if entry.secrecy is Secrecy.TOP_SECRET:
            raise SyncError("sync.top_secret")
        codes = list(s.scalars(select(LetterRecipient.agency_code).where(
            LetterRecipient.entry_id == entry_id).order_by(LetterRecipient.position)))
        if not codes:
            raise SyncError("sync.no_recipients", id=entry_id)
        if entry.signature_level is None and not allow_unsigned:
            raise SyncError("sync.not_signed", id=entry_id)
        return entry, codes

    def queue(self, entry_id: int, allow_unsigned: bool = False) -> OutboxResult:
        """Queue an outgoing letter for sending; from now on it cannot change.

        A ลับ/ลับมาก letter is sealed to its recipients and our agency first
        (:mod:`korat_desktop.services.secret_sending`), unless IT turned
        ``secrecy.encrypt_secret`` off (then it goes as before, and the result says so)."""
        with self.app.database.read() as s:
            entry, codes = self._queue_checks(s, entry_id, allow_unsigned)
        secret = entry.secrecy in SEALED_SECRECY
        sealed = (seal_for_sending(self.app, entry, codes)
                  if secret and (entry.sealed or encrypts(self.app.config)) else None)
        replaced: str | None = None
        sealed_from = entry.pdf_sha256
        with self.app.blob_write() as s:
            entry, codes = self._queue_checks(s, entry_id, allow_unsigned)
            if sealed is not None and entry.pdf_sha256 != sealed_from:
                raise SecrecyError("secrecy.letter_changed", id=entry_id)  # signed meanwhile
            letter_date = entry.letter_date or to_thai_time(entry.registered_at).date()
            number, subject = f"ที่ {entry.letter_number}", entry.subject[:2000]
            assert entry.pdf_sha256 is not None  # checked
            blobs, sealed_fields = [entry.pdf_sha256], None
            if sealed is not None:
                replaced = self._keep_sealed(s, entry, sealed)
                number = subject = SEALED_PLACEHOLDER
                blobs, sealed_fields = [sealed.pdf_sha256], sealed.fields
            op = wire.LetterSendOp(kind="letter.send", blobs=blobs,
                                   payload=wire.LetterSendPayload(
                to=codes, number=number, subject=subject,
                date=letter_date, urgency=wire.Urgency(entry.urgency.value),
                secrecy=wire.Secrecy(entry.secrecy.value), kind=wire.LetterKind(entry.kind.value),
                send_register=wire.RegisterEntry(year=entry.year_be, number=entry.number),
                encryption="cms" if sealed_fields else None, sealed=sealed_fields))
            result = Outbox(s, self.ctx.actor).queue(op, urgency_rank=entry.urgency.rank,
                                                     entry_id=entry_id)
            s.add(SentLetter(op_id=result.op_id, entry_id=entry_id,
                             letter_number=entry.letter_number, subject=entry.subject,
                             year_be=entry.year_be, number=entry.number,
                             recipients=json.dumps(codes, ensure_ascii=False), source="device"))
        if replaced is not None:
            self.app.blobs.remove(replaced)
        return OutboxResult(result, Changes(frozenset({RegisterKind.SEND}),
                                            frozenset({entry_id}), outbox=True),
                            sealed_to=sealed.sealed_to if sealed is not None else (),
                            clear_by_policy=secret and sealed is None)

    def _keep_sealed(self, s: Session, entry: RegisterEntry, sealed: SealedSend) -> str | None:
        """Store the travelling envelope; it is also ours, so it becomes the latest
        version's at-rest copy. Returns the own-agency envelope it replaced (to remove)."""
        self.app.blobs.put(sealed.pdf)  # durable before the row that names it
        if s.get(Blob, sealed.pdf_sha256) is None:
            s.add(Blob(sha256=sealed.pdf_sha256, size=len(sealed.pdf),
                       created_at=dt.datetime.now(dt.UTC)))
        replaced = None
        if entry.sealed:
            version = s.scalar(select(DocumentVersion).where(
                DocumentVersion.document_id == entry.document_id,
                DocumentVersion.blob_sha256 == entry.pdf_sha256)
                .order_by(DocumentVersion.seq.desc()).limit(1))
            assert version is not None
            version.blob_sha256 = sealed.pdf_sha256
            s.flush()
            still = s.scalar(select(DocumentVersion.id).where(
                DocumentVersion.blob_sha256 == entry.pdf_sha256).limit(1))
            if still is None:
                blob = s.get(Blob, entry.pdf_sha256)
                if blob is not None:
                    s.delete(blob)
                replaced = entry.pdf_sha256
        AuditLog(s, self.ctx.actor).append(
            "secrecy.sealed_for_sending", "register_entry", entry.id,
            {"sealed_to": list(sealed.sealed_to), "sha256": sealed.pdf_sha256,
             "replaces": replaced})
        return replaced

    def outbox(self, states: Sequence[OutboxState] | None = None) -> list[OutboxOperation]:
        with self.app.database.read() as s:
            return Outbox(s, self.ctx.actor).listing(tuple(states) if states else None)

    def retry(self, op_id: str) -> OutboxResult:
        """Put a failed operation back in the queue (its content stays the same)."""
        with self.app.database.write() as s:
            op = Outbox(s, self.ctx.actor).retry(op_id)
        entries = frozenset({op.entry_id}) if op.entry_id is not None else frozenset()
        return OutboxResult(op, Changes(entries=entries, outbox=True))

    def outbox_lines(self, limit: int | None = OUTBOX_LINES) -> list[OutboxLine] | None:
        """The outbox view's rows (most pressing first); None: not signed in."""
        return sync_lines.outbox_lines(self, limit)

    # -- receiving --------------------------------------------------------------------------
    def inbox(self, states: Sequence[InboxState] | None = None) -> list[InboxItem]:
        with self.app.database.read() as s:
            return inbox_items(s, tuple(states) if states else None)

    def inbox_lines(self) -> list[InboxLine] | None:
        """The inbox view's rows (waiting and urgent first); None: not signed in."""
        return sync_lines.inbox_lines(self)

    def inbox_item(self, item_id: int) -> InboxItem:
        with self.app.database.read() as s:
            found = inbox_items(s, item_id=item_id)
        if not found:
            raise SyncError("sync.inbox_not_found", id=item_id)
        return found[0]

    def register_inbox(self, item_id: int, *, subject: str | None = None, action: str = "",
                       remarks: str = "", notes: str = "",
                       now: dt.datetime | None = None) -> RegisterResult:
        """Enter an arrived letter in the receive register: receive number, receipt stamp,
        and a ``letter.receipt`` queued for the sender, all in one transaction."""
        item = self.inbox_item(item_id)
        if item.state is InboxState.ARRIVED:
            raise SyncError("sync.inbox_not_ready", id=item_id)
        if item.state is not InboxState.READY:
            raise SyncError("sync.inbox_registered", id=item_id,
                            detail=item.registered_elsewhere or item.state.value)
        pdf = self.app.blobs.read(item.blobs[0])
        sent_subject, sent_number, sender = item.subject, item.letter_number, item.sender_name
        if item.encryption is not None:  # opened in memory; nothing is stored if it fails
            opened = open_inbox_letter(self.app, item, pdf)
            pdf, sent_subject, sent_number = opened.pdf, opened.subject, opened.number
            sender = opened.sender or sender
        with self.app.database.read() as s:
            office = s.get(Office, 1)
            own_name = office.agency_name if office else ""
        # The sender's fields are cleaned, not refused: a bad character another office
        # put in its metadata must not make its letter impossible to register here.
        intake = LetterIntake(
            subject=subject or clean_text(sent_subject), sender=clean_text(sender),
            recipient=clean_text(own_name), letter_number=clean_text(sent_number),
            letter_date=item.letter_date,
            kind=LetterKind.of(item.kind), urgency=Urgency.of(item.urgency),
            secrecy=Secrecy.of(item.secrecy), notes=notes, action=action, remarks=remarks)

        def within(s: Session, entry_ids: Sequence[int]) -> None:
            record_registration(s, self.ctx.actor, item_id, entry_ids[0])

        result = self.app.registration.receive(pdf, intake, now, within=within)
        # the inbox row is registered and a receipt for the sender is queued
        return dataclasses.replace(result, changes=result.changes | Changes(inbox=True,
                                                                            outbox=True))

    # -- receipts ---------------------------------------------------------------------------
    def delivery(self, entry_id: int) -> Delivery:
        """Where an outgoing letter is: recipients, its send operation, the receipts."""
        return sync_lines.delivery(self, entry_id)

    def delivery_summaries(self, entry_ids: list[int]) -> dict[int, DeliverySummary]:
        """The send register's delivery column for these entries (see sync_lines)."""
        return sync_lines.delivery_summaries(self, entry_ids)

    def receipts_for_entry(self, entry_id: int) -> tuple[DeliveryReceiptInfo, ...]:
        with self.app.database.read() as s:
            letters = s.scalars(select(SentLetter.op_id).where(SentLetter.entry_id == entry_id))
            return tuple(r for op_id in letters for r in _receipt_infos(s, op_id))

    def sent_letters(self) -> list[SentLetterInfo]:
        """Every letter our agency sent through the hub (from any of its devices)."""
        with self.app.database.read() as s:
            rows = s.scalars(select(SentLetter).order_by(SentLetter.committed_at,
                                                         SentLetter.op_id)).all()
            return [SentLetterInfo(r.op_id, r.entry_id, r.letter_number, r.subject,
                                   tuple(json.loads(r.recipients)), r.committed_at, r.source,
                                   _receipt_infos(s, r.op_id)) for r in rows]

