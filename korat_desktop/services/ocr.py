"""Scanned letters in the register: OCR them, keep the text, propose their fields.

Registration marks a scan (page images, no text of its own) ``document.ocr =
"pending"``; this service does the slow part afterwards, off the UI thread in the
window and right after ``korat receive`` on the command line (or ``korat ocr``):

* an unsigned scan gets a new version, its latest PDF with Tesseract's text layer
  (``role = "ocr"``); the scan stays version 1 and every earlier version as it was;
* a signed one is never rewritten (that would break its signature): its pages are
  read to text only, and only the search index learns the text;

either way the text is added to the search index and the fields it proposes are
returned (:mod:`korat_desktop.domain.intake`), and each step is in the audit log.

OCR runs outside any transaction (seconds per page); the result is stored only if
the document has no newer version by then, else it is read again from the new one.
A failure marks the document ``failed`` with the reason audited (``korat ocr ID``
tries again); OCR that is not installed leaves it ``pending`` for when it is.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select

from korat_desktop.domain.intake import IntakeProposals, propose_fields
from korat_desktop.domain.registers import RegisterKind
from korat_desktop.errors import PdfError, StoreError
from korat_desktop.services.actor import current_actor
from korat_desktop.services.results import Changes
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.models import Blob, Document, DocumentVersion, RegisterEntryRow
from korat_desktop.store.search import SearchIndex

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp

__all__ = ["OcrBatch", "OcrOutcome", "OcrPlan", "OcrReading", "ScanOcr", "OCR_ROLE", "read"]

log = logging.getLogger(__name__)

OCR_ROLE = "ocr"
_ATTEMPTS = 3


@dataclass(frozen=True)
class OcrOutcome:
    """What OCR of one registered letter did."""

    entry_id: int
    document_id: int
    state: str  # layer | text | failed
    seq: int | None  # the version OCR added (layer), else None
    pages: int
    text: str
    proposals: IntakeProposals
    error_code: str | None
    error_params: tuple[tuple[str, str], ...]
    changes: Changes

    @property
    def ok(self) -> bool:
        return self.error_code is None

    def error_message(self, lang: str = "th") -> str:
        from korat_desktop.messages import render

        return render(self.error_code, lang, dict(self.error_params)) if self.error_code else ""


@dataclass(frozen=True)
class OcrBatch:
    """The scans one pass read (the window's background pass)."""

    outcomes: tuple[OcrOutcome, ...]

    @property
    def changes(self) -> Changes:
        merged = Changes()
        for outcome in self.outcomes:
            merged = merged | outcome.changes
        return merged


@dataclass(frozen=True)
class _Target:
    entry_id: int
    document_id: int
    register: RegisterKind
    seq: int
    sha256: str


@dataclass(frozen=True)
class OcrPlan:
    """One letter's OCR to do: the version to read, and whether it may be rewritten."""

    entry_id: int
    document_id: int
    register: RegisterKind
    seq: int
    sha256: str
    pdf: bytes = field(repr=False)
    signed: bool
    languages: tuple[str, ...]


@dataclass(frozen=True)
class OcrReading:
    """What Tesseract read from a plan's PDF (``layer``: the new PDF, for an unsigned
    scan), or the ``pdf.*`` reason it could not."""

    text: str = ""
    pages: int = 0
    layer: bytes | None = field(default=None, repr=False)
    error_code: str | None = None
    error_params: tuple[tuple[str, str], ...] = ()


def read(plan: OcrPlan) -> OcrReading:
    """Run OCR on the plan's PDF: seconds per page, touching no store, so the window
    runs it on a lane of its own."""
    from korat_desktop.pdf.ocr import add_text_layer, read_text

    try:
        if plan.signed:
            text = read_text(plan.pdf, plan.languages)
            return OcrReading(text.text, text.pages)
        layer = add_text_layer(plan.pdf, plan.languages)
        return OcrReading(layer.text, layer.pages, layer.pdf)
    except PdfError as e:
        return OcrReading(error_code=e.code,
                          error_params=tuple((k, str(v)) for k, v in e.params.items()))


class ScanOcr:
    def __init__(self, app: KoratApp) -> None:
        self.app = app

    @property
    def languages(self) -> tuple[str, ...]:
        raw = str(self.app.config["ocr.languages"])
        return tuple(p for p in (x.strip() for x in raw.split("+")) if p) or ("tha", "eng")

    @property
    def enabled(self) -> bool:
        return bool(self.app.config["ocr.enabled"])

    def pending(self) -> list[int]:
        """Register entries whose scan waits for OCR, oldest first."""
        with self.app.database.read() as s:
            return list(s.scalars(
                select(RegisterEntryRow.id)
                .join(Document, Document.id == RegisterEntryRow.document_id)
                .where(Document.ocr == "pending", RegisterEntryRow.voided.is_(False))
                .order_by(RegisterEntryRow.id)))

    def read_for_intake(self, pdf: bytes) -> str:
        """The first page's text of an unregistered scan, for the fields it proposes
        (the เรื่อง, ที่ and date are on page 1); nothing is stored."""
        from korat_desktop.pdf.ocr import read_text

        return read_text(pdf, self.languages, first_page_only=True).text

    def run(self, entry_id: int, *, force: bool = False) -> OcrOutcome:
        """OCR one letter's scan (see the module docstring): :meth:`plan`, :func:`read`
        and :meth:`keep` in one go, for the command line.

        ``force``: also a letter that was read before, or one not marked as a scan
        when registered (before OCR existed). A letter with text of its own is refused
        (``pdf.not_a_scan``); ``pdf.ocr_unavailable`` is raised and the letter stays
        pending; any other failure is the outcome's.
        """
        for _ in range(_ATTEMPTS):
            plan = self.plan(entry_id, force=force)
            outcome = self.keep(plan, read(plan))
            if outcome is not None:
                return outcome
            log.info("document %s changed during OCR; reading it again", plan.document_id)
        raise StoreError("store.document_changed", id=entry_id)

    def plan(self, entry_id: int, *, force: bool = False) -> OcrPlan:
        """What OCR of this entry is to read (quick, on the store); see :meth:`run`."""
        from korat_desktop.pdf.inspect import check_pdf
        from korat_desktop.pdf.ocr import is_image_only

        target, state, original = self._target(entry_id)
        if state in ("layer", "text") and not force:
            raise StoreError("store.already_ocr", id=entry_id)
        if state is None and not is_image_only(self.app.blobs.read(original)):
            raise PdfError("pdf.not_a_scan")
        latest = self.app.blobs.read(target.sha256)
        try:
            signed = check_pdf(latest).has_signatures
        except PdfError:
            signed = True  # unreadable for pyHanko: never rewrite what we cannot check
        return OcrPlan(target.entry_id, target.document_id, target.register, target.seq,
                       target.sha256, latest, signed, self.languages)

    def keep(self, plan: OcrPlan, reading: OcrReading) -> OcrOutcome | None:
        """Store what OCR read (quick, on the store); None when the document got a
        newer version meanwhile (plan and read again). ``pdf.ocr_unavailable`` is
        raised and the letter stays pending."""
        if reading.error_code == "pdf.ocr_unavailable":
            raise PdfError(reading.error_code, **dict(reading.error_params))
        if reading.error_code is not None:
            return self._failed(plan, reading)
        return self._store(plan, reading)

    # -- steps -----------------------------------------------------------------------
    def _target(self, entry_id: int) -> tuple[_Target, str | None, str]:
        """The entry's latest version, its OCR state and its first version's hash."""
        with self.app.database.read() as s:
            row = s.get(RegisterEntryRow, entry_id)
            if row is None or row.document_id is None:
                raise StoreError("store.entry_not_found", id=entry_id)
            doc = s.get(Document, row.document_id)
            versions = list(s.scalars(select(DocumentVersion)
                                      .where(DocumentVersion.document_id == row.document_id)
                                      .order_by(DocumentVersion.seq)))
            if doc is None or not versions:
                raise StoreError("store.entry_not_found", id=entry_id)
            latest = versions[-1]
            return (_Target(entry_id, doc.id, RegisterKind(row.register), latest.seq,
                            latest.blob_sha256), doc.ocr, versions[0].blob_sha256)

    def _changes(self, target: _Target | OcrPlan) -> Changes:
        return Changes(frozenset({target.register}), frozenset({target.entry_id}),
                       frozenset({target.document_id}))

    def _store(self, target: OcrPlan, reading: OcrReading) -> OcrOutcome | None:
        """Keep what OCR read; None when the document got a newer version meanwhile."""
        layer_pdf, text, pages = reading.layer, reading.text, reading.pages
        moment = dt.datetime.now(dt.UTC)
        seq: int | None = None
        with self.app.blob_write() as s:
            latest = s.scalars(select(DocumentVersion)
                               .where(DocumentVersion.document_id == target.document_id)
                               .order_by(DocumentVersion.seq.desc()).limit(1)).first()
            if latest is None or latest.seq != target.seq:
                return None
            doc = s.get(Document, target.document_id)
            assert doc is not None
            audit = AuditLog(s, current_actor(self.app, s))
            details: dict[str, object] = {"pages": pages, "chars": len(text),
                                          "languages": "+".join(target.languages),
                                          "from_seq": target.seq}
            if layer_pdf is not None:
                digest = self.app.blobs.put(layer_pdf)
                if s.get(Blob, digest) is None:
                    s.add(Blob(sha256=digest, size=len(layer_pdf), created_at=moment))
                version = DocumentVersion(document_id=doc.id, seq=target.seq + 1,
                                          blob_sha256=digest, role=OCR_ROLE,
                                          signature_level=None, created_at=moment)
                s.add(version)
                s.flush()
                seq = version.seq
                audit.append("document.version", "document_version", version.id,
                             {"document_id": doc.id, "seq": seq, "role": OCR_ROLE,
                              "sha256": digest})
                details.update(mode="layer", seq=seq, sha256=digest)
            else:
                details.update(mode="text")
            state = "layer" if layer_pdf is not None else "text"
            doc.ocr = state
            audit.append("document.ocr", "document", doc.id, details)
            SearchIndex(s).add_body(doc.id, text)
        return OcrOutcome(target.entry_id, target.document_id, state, seq, pages, text,
                          propose_fields(text), None, (), self._changes(target))

    def _failed(self, target: OcrPlan, reading: OcrReading) -> OcrOutcome:
        code, params = reading.error_code, reading.error_params
        with self.app.database.write() as s:
            doc = s.get(Document, target.document_id)
            assert doc is not None
            doc.ocr = "failed"
            AuditLog(s, current_actor(self.app, s)).append(
                "document.ocr_failed", "document", doc.id,
                {"code": code, "params": dict(params)})
        return OcrOutcome(target.entry_id, target.document_id, "failed", None, 0, "",
                          propose_fields(""), code, params, self._changes(target))
