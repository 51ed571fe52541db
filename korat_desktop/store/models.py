"""SQLAlchemy models of the local store.

These never leave the store and service layers: the UI and CLI get frozen
dataclasses (house rule 2). Times are stored as aware UTC; the domain layer
turns them into Thai local time for people.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

__all__ = [
    "sql_timestamp",
    "Base",
    "UtcDateTime",
    "Office",
    "Blob",
    "Document",
    "DocumentVersion",
    "RegisterEntryRow",
    "RegisterCounter",
    "AuditRecord",
    "AuditHead",
    "SyncEnrollment",
    "DirectoryAgency",
    "LetterRecipient",
    "OutboxOpRow",
    "UploadSessionRow",
    "InboxItemRow",
    "SentLetter",
    "DeliveryReceiptRow",
    "NumberLease",
    "DraftRow",
    "DirectoryCertificate",
    "DirectorySource",
    "CourierBundleRow",
    "CourierBundleOp",
    "RelayEvidenceRow",
    "RelayOpRow",
    "RelayCursor",
    "OfficeKeyRow",
    "SealedFieldsRow",
]


def sql_timestamp(moment: dt.datetime) -> str:
    """The exact text SQLAlchemy stores for a UtcDateTime, for the plain-SQL hot paths."""
    u = moment.astimezone(dt.UTC)
    return (f"{u.year:04d}-{u.month:02d}-{u.day:02d} {u.hour:02d}:{u.minute:02d}:"
            f"{u.second:02d}.{u.microsecond:06d}")


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: object) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: object) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    pass


class Office(Base):
    """This installation's agency: one row (id 1)."""

    __tablename__ = "office"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(64))
    agency_name: Mapped[str] = mapped_column(String(255))
    device_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class Blob(Base):
    """A content-addressed file under blobs/; the row exists only once the file is durable."""

    __tablename__ = "blob"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class Document(Base):
    __tablename__ = "document"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(Text)
    sender: Mapped[str] = mapped_column(Text, default="")
    recipient: Mapped[str] = mapped_column(Text, default="")
    letter_number: Mapped[str] = mapped_column(String(128), default="")
    letter_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    urgency: Mapped[str] = mapped_column(String(16))
    secrecy: Mapped[str] = mapped_column(String(16))
    notes: Mapped[str] = mapped_column(Text, default="")
    retention_years: Mapped[int] = mapped_column(Integer, default=10)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    # Active content found at registration ("javascript,embedded_files"; "" for none);
    # None for letters registered before it was looked for (migration 0004).
    active_content: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)
    # A scan's OCR: None (not a scan), pending, layer, text or failed (migration 0007)
    ocr: Mapped[str | None] = mapped_column(String(16), nullable=True, default=None)
    versions: Mapped[list[DocumentVersion]] = relationship(
        back_populates="document", order_by="DocumentVersion.seq")


class DocumentVersion(Base):
    """Every state of a document's PDF; old bytes are never replaced."""

    __tablename__ = "document_version"
    __table_args__ = (UniqueConstraint("document_id", "seq"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"), index=True)
    role: Mapped[str] = mapped_column(String(24))  # original, receipt_stamped, signed, upgraded
    signature_level: Mapped[str | None] = mapped_column(String(8), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    document: Mapped[Document] = relationship(back_populates="versions")


class RegisterEntryRow(Base):
    """One number of a register: either a document's entry or a voided number."""

    __tablename__ = "register_entry"
    __table_args__ = (
        UniqueConstraint("register", "year_be", "number"),
        Index("ix_register_entry_list", "register", "year_be", "number"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    register: Mapped[str] = mapped_column(String(8))
    year_be: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"), nullable=True,
                                                    index=True)
    registered_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    action: Mapped[str] = mapped_column(Text, default="")
    remarks: Mapped[str] = mapped_column(Text, default="")
    voided: Mapped[bool] = mapped_column(Boolean, default=False)
    void_reason: Mapped[str] = mapped_column(Text, default="")


class RegisterCounter(Base):
    """The next number of a register in a calendar year (BE)."""

    __tablename__ = "register_counter"
    register: Mapped[str] = mapped_column(String(8), primary_key=True)
    year_be: Mapped[int] = mapped_column(Integer, primary_key=True)
    next_number: Mapped[int] = mapped_column(Integer)


class AuditRecord(Base):
    """Append-only, hash-chained: each record's hash covers the previous one's."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
    details: Mapped[str] = mapped_column(Text)  # canonical JSON
    prev_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    hash: Mapped[bytes] = mapped_column(LargeBinary(32))


class AuditHead(Base):
    """The chain's last seq and hash, so cutting records off the end is noticed too."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[bytes] = mapped_column(LargeBinary(32))


# -- sync (issue 4): enrollment, outbox, inbox, leases ---------------------------------
class SyncEnrollment(Base):
    """This device's enrollment at a hub: one row (id 1) or none (standalone install).

    The device token itself is never here: it lives in the OS keyring.
    """

    __tablename__ = "sync_enrollment"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hub_url: Mapped[str] = mapped_column(String(512))
    hub_device_id: Mapped[str] = mapped_column(String(64))
    device_name: Mapped[str] = mapped_column(String(128))
    username: Mapped[str] = mapped_column(String(128))
    agency_code: Mapped[str] = mapped_column(String(64))
    agency_name: Mapped[str] = mapped_column(String(255))
    enrolled_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    changes_cursor: Mapped[str | None] = mapped_column(String(64), nullable=True)
    directory_etag: Mapped[str | None] = mapped_column(String(80), nullable=True)
    last_sync_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)


class DirectoryAgency(Base):
    """The hub's agency directory, cached so letters can be addressed offline."""

    __tablename__ = "directory_agency"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    relay: Mapped[str | None] = mapped_column(String(64), nullable=True)


class DirectoryCertificate(Base):
    """A certificate the directory lists for an agency: ``sign`` (may sign its courier
    bundles) or ``encrypt`` (what its bundles and secret letters are sealed to)."""

    __tablename__ = "directory_certificate"
    agency_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    use: Mapped[str] = mapped_column(String(8))
    der: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class DirectorySource(Base):
    """Where the cached directory came from (one row, id 1): the hub over TLS, or a
    hub-signed file a courier brought; and the hub's signing certificate in it."""

    __tablename__ = "directory_source"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(8))  # hub | file
    hub_certificate: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    issued_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    loaded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class LetterRecipient(Base):
    """An agency (by code) an outgoing letter is addressed to, for sending by sync."""

    __tablename__ = "letter_recipient"
    entry_id: Mapped[int] = mapped_column(ForeignKey("register_entry.id"), primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)


class OutboxOpRow(Base):
    """One queued operation. ``op_id``, ``kind``, ``body`` and ``content_sha256`` never
    change after insert (a trigger refuses it); only the delivery state moves."""

    __tablename__ = "outbox_op"
    __table_args__ = (Index("ix_outbox_op_due", "state", "urgency_rank", "id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    body: Mapped[str] = mapped_column(Text)  # canonical JSON of the operation
    content_sha256: Mapped[str] = mapped_column(String(64))
    urgency_rank: Mapped[int] = mapped_column(Integer)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("register_entry.id"),
                                                 nullable=True, index=True)
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    error_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    error_params: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    committed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    receipt: Mapped[str | None] = mapped_column(Text, nullable=True)


class UploadSessionRow(Base):
    """Where a blob's tus upload lives on the hub, so it resumes after any restart."""

    __tablename__ = "upload_session"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    location: Mapped[str] = mapped_column(String(512))
    length: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class InboxItemRow(Base):
    """A letter another agency sent us: arrived → ready (PDF here) → registered."""

    __tablename__ = "inbox_item"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    sender_code: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)  # the letter.send operation as sent
    subject: Mapped[str] = mapped_column(Text)
    urgency_rank: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(24))
    committed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    arrived_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("register_entry.id"),
                                                 nullable=True)
    receipt_op_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    registered_elsewhere: Mapped[str] = mapped_column(Text, default="")
    error_code: Mapped[str | None] = mapped_column(String(64), nullable=True)


class SentLetter(Base):
    """A letter.send of this agency (from this device or another one of the agency),
    so delivery receipts can be shown against it."""

    __tablename__ = "sent_letter"
    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("register_entry.id"),
                                                 nullable=True, index=True)
    letter_number: Mapped[str] = mapped_column(String(128))
    subject: Mapped[str] = mapped_column(Text)
    year_be: Mapped[int | None] = mapped_column(Integer, nullable=True)
    number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    recipients: Mapped[str] = mapped_column(Text)  # JSON list of agency codes
    source: Mapped[str] = mapped_column(String(8))  # device | agency
    committed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)


class DeliveryReceiptRow(Base):
    """A receiving agency registered one of our letters (its letter.receipt op)."""

    __tablename__ = "delivery_receipt"
    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    letter_op_id: Mapped[str] = mapped_column(String(36), index=True)
    receiver_code: Mapped[str] = mapped_column(String(64))
    receive_year: Mapped[int] = mapped_column(Integer)
    receive_number: Mapped[int] = mapped_column(Integer)
    received_date: Mapped[dt.date] = mapped_column(Date)
    received_time: Mapped[str] = mapped_column(String(5))
    committed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class NumberLease(Base):
    """A block of register numbers leased from the hub; ``next_number`` is the first
    number of the block this device has not used yet."""

    __tablename__ = "number_lease"
    lease_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    register: Mapped[str] = mapped_column(String(8))
    year_be: Mapped[int] = mapped_column(Integer)
    first: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)
    next_number: Mapped[int] = mapped_column(Integer)
    granted_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    released_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)


# -- drafts (issue 5): letters being written, before a number is issued ---------------
class DraftRow(Base):
    """A draft (ร่าง): a PDF and the letter's fields, in no register and with no number.

    Issuing its number turns it into a send-register entry and removes the row in the
    same transaction. Recipients are free text (``recipient``) and/or agency codes of
    the hub's directory (``recipient_codes``, a JSON list) for sending by sync.
    """

    __tablename__ = "draft"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(40), unique=True)
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"), index=True)
    file_name: Mapped[str] = mapped_column(String(255), default="")
    subject: Mapped[str] = mapped_column(Text)
    recipient: Mapped[str] = mapped_column(Text, default="")
    recipient_codes: Mapped[str] = mapped_column(Text, default="[]")
    letter_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    kind: Mapped[str] = mapped_column(String(16))
    urgency: Mapped[str] = mapped_column(String(16))
    secrecy: Mapped[str] = mapped_column(String(16))
    circular: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


# -- couriers (issue 9): bundles out and in, relaying -----------------------------------
class CourierBundleRow(Base):
    """A bundle this office wrote (``out``) or imported (``in``), for the courier log."""

    __tablename__ = "courier_bundle"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String(36), unique=True)
    direction: Mapped[str] = mapped_column(String(4))  # out | in
    file_name: Mapped[str] = mapped_column(Text)
    file_sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    sender_agency: Mapped[str] = mapped_column(String(64))
    recipients: Mapped[str] = mapped_column(Text)  # JSON list of agency codes
    signer: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    part: Mapped[int] = mapped_column(Integer, default=1)
    parts: Mapped[int] = mapped_column(Integer, default=1)


class CourierBundleOp(Base):
    """An operation a bundle carried. ``role``: ``carried`` (ours, out), ``applied``
    (in, for us), ``relayed`` (in, forwarded to the hub), ``page`` (relayed hub page)."""

    __tablename__ = "courier_bundle_op"
    bundle_id: Mapped[str] = mapped_column(ForeignKey("courier_bundle.bundle_id"),
                                           primary_key=True)
    op_id: Mapped[str] = mapped_column(String(36), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(32))


class RelayEvidenceRow(Base):
    """The origin's signed evidence of an imported bundle, kept to forward to the hub
    unchanged (``POST /relay/bundles/{bundle_id}``)."""

    __tablename__ = "relay_evidence"
    bundle_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sender_agency: Mapped[str] = mapped_column(String(64))
    manifest_xml: Mapped[bytes] = mapped_column(LargeBinary)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    operations_json: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class RelayOpRow(Base):
    """One operation waiting to be relayed: ``pending`` → ``committed`` | ``replayed``
    | ``refused`` (with the hub's code)."""

    __tablename__ = "relay_op"
    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    bundle_id: Mapped[str] = mapped_column(ForeignKey("relay_evidence.bundle_id"), index=True)
    origin_agency: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    blobs: Mapped[str] = mapped_column(Text)  # JSON list of SHA-256
    state: Mapped[str] = mapped_column(String(12))
    error_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class RelayCursor(Base):
    """Relay outward, per offline agency we carry for: ``acked`` is the last hub cursor
    that agency said it applied (from its own bundles), so every bundle we write for it
    holds everything after that (a lost bundle is carried again). On the offline office
    itself one row for its own agency: ``acked`` is the last relayed page it applied."""

    __tablename__ = "relay_cursor"
    agency_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    acked: Mapped[str | None] = mapped_column(String(64), nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class OfficeKeyRow(Base):
    """One of this office's encryption keys. The private key is in the OS keyring only
    (under ``key_id``, the SHA-256 of its public key); a row is one certificate of such
    a key (a renewed certificate for the same key is a new row). ``cert_der`` is empty
    while a CSR waits for the CA's certificate; a retired one is kept (never deleted) so
    bundles and letters sealed to it still open."""

    __tablename__ = "office_key"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_id: Mapped[str] = mapped_column(String(64), index=True)
    cert_der: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    cert_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    retired_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)


class SealedFieldsRow(Base):
    """What a secret (ลับ, ลับมาก) document is about, sealed to our own agency's
    encryption certificate (:mod:`korat_desktop.secrecy.sealed`). While the row exists
    the document's plain columns hold the placeholder and its versions are sealed blobs."""

    __tablename__ = "sealed_fields"
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), primary_key=True)
    der: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
