"""Rows to frozen domain views: the only shape that leaves the store."""

from __future__ import annotations

from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session

from korat_desktop.domain.letters import LetterKind, Secrecy, Urgency
from korat_desktop.domain.registers import RegisterEntry, RegisterKind
from korat_desktop.store.models import Document, DocumentVersion, RegisterEntryRow

__all__ = ["entry_query", "to_entry", "load_entry"]


def entry_query() -> Select[RegisterEntryRow, Document, DocumentVersion]:
    """Entries joined to their document and its latest version (left joins: voided numbers)."""
    latest = (select(func.max(DocumentVersion.id))
              .where(DocumentVersion.document_id == RegisterEntryRow.document_id)
              .correlate(RegisterEntryRow).scalar_subquery())
    return (select(RegisterEntryRow, Document, DocumentVersion)
            .outerjoin(Document, Document.id == RegisterEntryRow.document_id)
            .outerjoin(DocumentVersion, DocumentVersion.id == latest))


def to_entry(row: RegisterEntryRow, doc: Document | None,
             version: DocumentVersion | None) -> RegisterEntry:
    return RegisterEntry(
        id=row.id,
        register=RegisterKind(row.register),
        year_be=row.year_be,
        number=row.number,
        registered_at=row.registered_at,
        letter_number=doc.letter_number if doc else "",
        letter_date=doc.letter_date if doc else None,
        sender=doc.sender if doc else "",
        recipient=doc.recipient if doc else "",
        subject=doc.subject if doc else "",
        action=row.action,
        remarks=row.remarks,
        kind=LetterKind.of(doc.kind) if doc else LetterKind.EXTERNAL,
        urgency=Urgency.of(doc.urgency) if doc else Urgency.NORMAL,
        secrecy=Secrecy.of(doc.secrecy) if doc else Secrecy.NONE,
        document_id=row.document_id,
        voided=row.voided,
        void_reason=row.void_reason,
        pdf_sha256=version.blob_sha256 if version else None,
        signature_level=version.signature_level if version else None,
        retention_years=doc.retention_years if doc else 0,
    )


def row_to_entry(row: Row[RegisterEntryRow, Document, DocumentVersion]) -> RegisterEntry:
    return to_entry(row[0], row[1], row[2])


def load_entry(session: Session, entry_id: int) -> RegisterEntry | None:
    found = session.execute(entry_query().where(RegisterEntryRow.id == entry_id)).first()
    return None if found is None else row_to_entry(found)
