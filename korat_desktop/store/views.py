"""Rows to frozen domain views: the only shape that leaves the store.

The register views select plain columns, not ORM entities: a table scrolling
through 100,000 entries asks for pages of them all the time, and building three
identity-mapped objects per row costs more than the query.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session

from korat_desktop.domain.letters import LetterKind, Secrecy, Urgency
from korat_desktop.domain.registers import RegisterEntry, RegisterKind
from korat_desktop.store.models import (
    Document,
    DocumentVersion,
    RegisterEntryRow,
    SealedFieldsRow,
)

__all__ = ["entry_query", "row_to_entry", "load_entry"]

_COLUMNS = (
    RegisterEntryRow.id, RegisterEntryRow.register, RegisterEntryRow.year_be,
    RegisterEntryRow.number, RegisterEntryRow.registered_at, Document.letter_number,
    Document.letter_date, Document.sender, Document.recipient, Document.subject,
    RegisterEntryRow.action, RegisterEntryRow.remarks, Document.kind, Document.urgency,
    Document.secrecy, RegisterEntryRow.document_id, RegisterEntryRow.voided,
    RegisterEntryRow.void_reason, DocumentVersion.blob_sha256,
    DocumentVersion.signature_level, Document.retention_years,
    SealedFieldsRow.document_id.is_not(None).label("sealed"),
)


def entry_query() -> Select[*tuple[Any, ...]]:
    """Entries joined to their document and its latest version (left joins: voided numbers)."""
    latest = (select(func.max(DocumentVersion.id))
              .where(DocumentVersion.document_id == RegisterEntryRow.document_id)
              .correlate(RegisterEntryRow).scalar_subquery())
    return (select(*_COLUMNS)
            .outerjoin(Document, Document.id == RegisterEntryRow.document_id)
            .outerjoin(DocumentVersion, DocumentVersion.id == latest)
            .outerjoin(SealedFieldsRow, SealedFieldsRow.document_id == Document.id))


def row_to_entry(row: Row[*tuple[Any, ...]]) -> RegisterEntry:
    (entry_id, register, year_be, number, registered_at, letter_number, letter_date, sender,
     recipient, subject, action, remarks, kind, urgency, secrecy, document_id, voided,
     void_reason, sha256, level, retention, sealed) = row
    has_doc = document_id is not None
    return RegisterEntry(
        id=entry_id,
        register=RegisterKind(register),
        year_be=year_be,
        number=number,
        registered_at=registered_at,
        letter_number=letter_number or "",
        letter_date=letter_date,
        sender=sender or "",
        recipient=recipient or "",
        subject=subject or "",
        action=action,
        remarks=remarks,
        kind=LetterKind.of(kind) if has_doc else LetterKind.EXTERNAL,
        urgency=Urgency.of(urgency) if has_doc else Urgency.NORMAL,
        secrecy=Secrecy.of(secrecy) if has_doc else Secrecy.NONE,
        document_id=document_id,
        voided=bool(voided),
        void_reason=void_reason,
        pdf_sha256=sha256,
        signature_level=level,
        retention_years=retention if has_doc else 0,
        sealed=bool(sealed),
    )


def load_entry(session: Session, entry_id: int) -> RegisterEntry | None:
    found = session.execute(entry_query().where(RegisterEntryRow.id == entry_id)).first()
    return None if found is None else row_to_entry(found)
