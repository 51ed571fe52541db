"""Reading the registers: list, show, search, export, report, audit verification."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, case, func, or_, select

from korat_desktop.domain.letters import Secrecy, Urgency
from korat_desktop.domain.registers import RegisterEntry, RegisterKind
from korat_desktop.domain.thai_dates import THAI_TZ, be_year, thai_now
from korat_desktop.errors import StoreError
from korat_desktop.services.results import DocumentDetail, HistoryItem, VersionInfo
from korat_desktop.store.audit import AuditReport, verify_audit
from korat_desktop.store.models import (
    AuditRecord,
    Blob,
    Document,
    DocumentVersion,
    RegisterEntryRow,
)
from korat_desktop.store.search import SearchIndex
from korat_desktop.store.views import entry_query, load_entry, row_to_entry

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp

__all__ = ["RegisterQueries", "SearchFilters"]

SEARCH_WINDOW = 2000  # ranked hits a filtered search looks through


@dataclass(frozen=True)
class SearchFilters:
    """What a search may be narrowed to, as a clerk looks through the paper registers:
    one register, registered between two days (Thai calendar days), a sender or
    recipient (a substring of จาก or ถึง), an urgency, a secrecy class."""

    register: RegisterKind | None = None
    registered_from: dt.date | None = None
    registered_to: dt.date | None = None
    party: str = ""
    urgency: Urgency | None = None
    secrecy: Secrecy | None = None

    @property
    def empty(self) -> bool:
        return self == SearchFilters()

    def where(self, q: Select[Any]) -> Select[Any]:
        if self.register is not None:
            q = q.where(RegisterEntryRow.register == self.register.value)
        if self.registered_from is not None:
            q = q.where(RegisterEntryRow.registered_at >= _thai_midnight(self.registered_from))
        if self.registered_to is not None:
            q = q.where(RegisterEntryRow.registered_at
                        < _thai_midnight(self.registered_to + dt.timedelta(days=1)))
        if self.party.strip():
            like = "%" + self.party.strip().replace("\\", "\\\\").replace(
                "%", "\\%").replace("_", "\\_") + "%"
            q = q.where(or_(Document.sender.like(like, escape="\\"),
                            Document.recipient.like(like, escape="\\")))
        if self.urgency is not None:
            q = q.where(Document.urgency == self.urgency.value)
        if self.secrecy is not None:
            q = q.where(Document.secrecy == self.secrecy.value)
        return q


def _thai_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), THAI_TZ).astimezone(dt.UTC)


class RegisterQueries:
    def __init__(self, app: KoratApp) -> None:
        self.app = app

    def entries(self, register: RegisterKind, year_be: int | None = None, *, offset: int = 0,
                limit: int | None = None, newest_first: bool = False,
                urgent_first: bool = False) -> list[RegisterEntry]:
        """A page of a register's entries for one year (default: this year).

        ``urgent_first`` puts the urgent letters on top, the way the regulation asks a
        clerk to handle them: ด่วนที่สุด, ด่วนมาก, ด่วน, then the rest; newest number
        first within each. Paging stays consistent with :meth:`count`: the same rows,
        only in another order. The urgent ones are few, so they are sorted on their
        own and the rest is read straight down the register's index, which keeps a page
        of a 100,000-letter register as quick as the plain order.
        """
        year = year_be if year_be is not None else be_year(thai_now().date())
        where = (RegisterEntryRow.register == register.value, RegisterEntryRow.year_be == year)
        if not urgent_first:
            order = RegisterEntryRow.number.desc() if newest_first else RegisterEntryRow.number
            return self._page(entry_query().where(*where).order_by(order), offset, limit)
        # documents by urgency through their index: few are urgent, so this list is short
        urgent_docs = select(Document.id).where(
            Document.urgency.in_([u.value for u in Urgency if u.is_urgent])).scalar_subquery()
        urgent = RegisterEntryRow.document_id.in_(urgent_docs)
        rank = case({u.value: u.rank for u in Urgency}, value=Document.urgency,
                    else_=Urgency.NORMAL.rank)
        with self.app.database.read() as s:
            urgent_count = int(s.scalar(
                select(func.count()).select_from(RegisterEntryRow).where(*where, urgent)) or 0)
        rows: list[RegisterEntry] = []
        if offset < urgent_count:
            rows = self._page(entry_query().where(*where, urgent)
                              .order_by(rank, RegisterEntryRow.number.desc()), offset, limit)
        if limit is not None and len(rows) >= limit:
            return rows
        rest_offset = max(0, offset - urgent_count)
        rest_limit = None if limit is None else limit - len(rows)
        rest = entry_query().where(*where, or_(RegisterEntryRow.document_id.is_(None),
                                               ~urgent)).order_by(RegisterEntryRow.number.desc())
        return rows + self._page(rest, rest_offset, rest_limit)

    def _page(self, q: Select[Any], offset: int, limit: int | None) -> list[RegisterEntry]:
        q = q.offset(offset)
        if limit is not None:
            q = q.limit(limit)
        with self.app.database.read() as s:
            return [row_to_entry(row) for row in s.execute(q).all()]

    def count(self, register: RegisterKind, year_be: int | None = None) -> int:
        year = year_be if year_be is not None else be_year(thai_now().date())
        with self.app.database.read() as s:
            return int(s.scalar(select(func.count()).select_from(RegisterEntryRow).where(
                RegisterEntryRow.register == register.value,
                RegisterEntryRow.year_be == year)) or 0)

    def years(self, register: RegisterKind) -> list[int]:
        with self.app.database.read() as s:
            return list(s.scalars(select(RegisterEntryRow.year_be).distinct().where(
                RegisterEntryRow.register == register.value).order_by(
                    RegisterEntryRow.year_be.desc())))

    def entry(self, entry_id: int) -> RegisterEntry:
        with self.app.database.read() as s:
            found = load_entry(s, entry_id)
        if found is None:
            raise StoreError("store.entry_not_found", id=entry_id)
        return found

    def show(self, entry_id: int) -> DocumentDetail:
        with self.app.database.read() as s:
            entry = load_entry(s, entry_id)
            if entry is None:
                raise StoreError("store.entry_not_found", id=entry_id)
            versions: tuple[VersionInfo, ...] = ()
            notes, uid = "", ""
            active: str | None = ""
            audit_filters = [(AuditRecord.entity == "register_entry")
                             & (AuditRecord.entity_id == str(entry_id))]
            if entry.document_id is not None:
                doc = s.get(Document, entry.document_id)
                assert doc is not None
                notes, uid, active = doc.notes, doc.uid, doc.active_content
                rows = s.execute(select(DocumentVersion, Blob.size)
                                 .join(Blob, Blob.sha256 == DocumentVersion.blob_sha256)
                                 .where(DocumentVersion.document_id == doc.id)
                                 .order_by(DocumentVersion.seq)).all()
                versions = tuple(VersionInfo(v.seq, v.role, v.blob_sha256, size,
                                             v.signature_level, v.created_at)
                                 for v, size in rows)
                version_ids = [str(v.id) for v, _ in rows]
                audit_filters.append((AuditRecord.entity == "document")
                                     & (AuditRecord.entity_id == str(doc.id)))
                audit_filters.append((AuditRecord.entity == "document_version")
                                     & AuditRecord.entity_id.in_(version_ids))
            history = tuple(
                HistoryItem(r.seq, r.at, r.actor, r.action, r.details)
                for r in s.scalars(select(AuditRecord).where(or_(*audit_filters))
                                   .order_by(AuditRecord.seq)))
        receipts = self.app.sync.receipts_for_entry(entry_id)
        return DocumentDetail(entry, notes, uid, versions, history, receipts,
                              self._active_content(active, versions))

    def _active_content(self, stored: str | None,
                        versions: tuple[VersionInfo, ...]) -> tuple[str, ...]:
        """Recorded at registration; looked up in the original PDF for letters registered
        before that (``stored`` is None)."""
        from korat_desktop.pdf.active_content import parse_kinds

        if stored is not None:
            return parse_kinds(stored)
        if not versions:
            return ()
        from korat_desktop.pdf.inspect import active_content_of

        return active_content_of(self.app.blobs.read(versions[0].sha256))

    def search(self, query: str, limit: int = 50, offset: int = 0,
               filters: SearchFilters | None = None) -> list[RegisterEntry]:
        """Ranked hits, best first; on equal rank the newest document first. With
        ``filters``, only the entries they allow (without a query: every such entry,
        newest first, so "all ด่วนที่สุด received last week" needs no words)."""
        filters = filters or SearchFilters()
        with self.app.database.read() as s:
            if not query.strip():
                if filters.empty:
                    return []
                rows = s.execute(filters.where(entry_query())
                                 .where(RegisterEntryRow.voided.is_(False))
                                 .order_by(RegisterEntryRow.registered_at.desc(),
                                           RegisterEntryRow.id.desc())
                                 .limit(limit).offset(offset)).all()
                return [row_to_entry(row) for row in rows]
            index = SearchIndex(s)
            hits = (index.search(query, limit=limit, offset=offset) if filters.empty
                    else index.search(query, limit=SEARCH_WINDOW))
            if not hits:
                return []
            ids = [h.document_id for h in hits]
            rows = s.execute(filters.where(entry_query())
                             .where(RegisterEntryRow.document_id.in_(ids))
                             .order_by(RegisterEntryRow.id)).all()
        by_doc: dict[int, RegisterEntry] = {}
        for row in rows:
            entry = row_to_entry(row)
            assert entry.document_id is not None
            by_doc.setdefault(entry.document_id, entry)
        ranked = [by_doc[i] for i in ids if i in by_doc]
        return ranked if filters.empty else ranked[offset:offset + limit]

    def pdf(self, entry_id: int, version: int | None = None) -> bytes:
        """The PDF bytes of an entry's latest version (or version ``version``)."""
        entry = self.entry(entry_id)
        if entry.document_id is None:
            raise StoreError("store.document_not_found", id=entry_id)
        with self.app.database.read() as s:
            q = select(DocumentVersion.blob_sha256).where(
                DocumentVersion.document_id == entry.document_id)
            q = (q.where(DocumentVersion.seq == version) if version is not None
                 else q.order_by(DocumentVersion.seq.desc()).limit(1))
            digest = s.scalar(q)
        if digest is None:
            raise StoreError("store.document_not_found", id=entry_id)
        return self.app.blobs.read(digest)

    def verify_audit(self) -> AuditReport:
        with self.app.database.read() as s:
            return verify_audit(s)
