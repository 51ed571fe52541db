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
