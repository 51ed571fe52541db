"""Smart intake as an operation: a PDF's proposed fields and the letters it may repeat.

The proposals come from :mod:`korat_desktop.domain.intake` over the PDF's text; the
duplicate check asks the store, because only the register knows what was received:
the same bytes (SHA-256 of the file, against every stored version, so the original
and anything we stamped are both recognised), or the same sender's number on the same
letter date in the receive register (numbers compared without spaces, "ที่" or Thai
digits). Voided entries do not count: a clerk who voided a wrong registration must be
able to register the letter again without a warning about itself.

Results are frozen, for the window (through ui/operations.py) and the command line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from korat_desktop.domain.intake import (
    IntakeField,
    IntakeProposals,
    letter_number_key,
    propose_fields,
)
from korat_desktop.domain.letters import LabelledEnum
from korat_desktop.domain.registers import RegisterEntry, RegisterKind
from korat_desktop.errors import PdfError
from korat_desktop.services.pdf_work import prepare_pdf
from korat_desktop.services.registration import LetterIntake
from korat_desktop.store.blobs import sha256_hex
from korat_desktop.store.models import Document, DocumentVersion, RegisterEntryRow
from korat_desktop.store.views import load_entry

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp

__all__ = ["DuplicateReason", "DuplicateLetter", "IntakeResult", "IntakeService"]


class DuplicateReason(LabelledEnum):
    SAME_FILE = ("same_file", "ไฟล์เดียวกัน", "the same file")
    SAME_NUMBER_AND_DATE = ("same_number_and_date", "ที่และลงวันที่เดียวกัน",
                            "the same number and letter date")


@dataclass(frozen=True)
class DuplicateLetter:
    """A registered letter the new one repeats, and how we know."""

    reason: DuplicateReason
    entry: RegisterEntry

    def message(self, lang: str = "th") -> str:
        e = self.entry
        if lang == "th":
            book = "เลขรับ" if e.register is RegisterKind.RECEIVE else "เลขส่ง"
            return (f"ลงทะเบียนไว้แล้ว ({self.reason.label('th')}): {book} {e.number}/{e.year_be}"
                    f" เรื่อง {e.subject}")
        book = "receive no." if e.register is RegisterKind.RECEIVE else "send no."
        return (f"Already registered ({self.reason.label('en')}): {book} {e.number}/{e.year_be}"
                f", {e.subject}")


@dataclass(frozen=True)
class IntakeResult:
    """What one PDF proposes, and the registered letters it may repeat."""

    sha256: str
    proposals: IntakeProposals
    duplicates: tuple[DuplicateLetter, ...]
    # a scan: its first page was read by OCR (``read_by_ocr``), or could not be
    # (``ocr_error``, a ``pdf.*`` code: the fields are then typed by hand)
    read_by_ocr: bool = False
    ocr_error: str | None = None

    def fill(self, intake: LetterIntake, fields: frozenset[IntakeField] | None = None
             ) -> tuple[LetterIntake, tuple[IntakeField, ...]]:
        """``intake`` with the proposed value in each of ``fields`` (default: all);
        also which fields were filled, so the caller can say so."""
        wanted = set(IntakeField) if fields is None else fields
        changes: dict[str, object] = {}
        used = []
        for proposal in self.proposals.proposed():
            if proposal.field in wanted:
                changes[proposal.field.value] = proposal.value
                used.append(proposal.field)
        return dataclasses.replace(intake, **changes), tuple(used)  # type: ignore[arg-type]


class IntakeService:
    def __init__(self, app: KoratApp) -> None:
        self.app = app

    def propose(self, pdf: bytes, *, scan_text: str | None = None,
                scan_error: str | None = None) -> IntakeResult:
        """The fields the PDF's text proposes, and any registered letter it repeats.

        Refuses what registration would refuse (``pdf.*``: not a PDF, damaged,
        encrypted), so a clerk learns it before filling anything in. A scan's first
        page is read by OCR (``ocr.enabled``); OCR that fails leaves the fields empty.
        The window reads it on a lane of its own and passes ``scan_text`` (or the
        ``scan_error`` code) so the store is not held up meanwhile.
        """
        prepared = prepare_pdf(pdf)
        prepared.raise_if_failed()
        text, read_by_ocr, ocr_error = prepared.text, False, None
        if scan_text is not None or scan_error is not None:
            text, read_by_ocr, ocr_error = scan_text or "", scan_text is not None, scan_error
        elif prepared.scan and self.app.ocr.enabled:
            try:  # a scan has no text: read its first page (seconds, off the UI thread)
                text, read_by_ocr = self.app.ocr.read_for_intake(pdf), True
            except PdfError as e:
                ocr_error = e.code
        proposals = propose_fields(text)
        digest = sha256_hex(pdf)
        number = proposals.letter_number.value if proposals.letter_number else ""
        day = proposals.letter_date.value if proposals.letter_date else None
        return IntakeResult(digest, proposals, self.duplicates(digest, number, day),
                            read_by_ocr, ocr_error)

    def duplicates(self, sha256: str | None, letter_number: str = "",
                   letter_date: dt.date | None = None) -> tuple[DuplicateLetter, ...]:
        """Registered, not voided letters with these bytes, or (receive register) this
        sender's number on this letter date. The same file first."""
        found: dict[int, DuplicateReason] = {}
        with self.app.database.read() as s:
            if sha256:
                for entry_id in s.scalars(
                        select(RegisterEntryRow.id).distinct()
                        .join(DocumentVersion,
                              DocumentVersion.document_id == RegisterEntryRow.document_id)
                        .where(DocumentVersion.blob_sha256 == sha256,
                               RegisterEntryRow.voided.is_(False))
                        .order_by(RegisterEntryRow.id)):
                    found.setdefault(entry_id, DuplicateReason.SAME_FILE)
            key = letter_number_key(letter_number)
            if key and letter_date is not None:
                # few letters share a date, so the numbers are compared here, folded
                rows = s.execute(
                    select(RegisterEntryRow.id, Document.letter_number)
                    .join(Document, Document.id == RegisterEntryRow.document_id)
                    .where(Document.letter_date == letter_date,
                           RegisterEntryRow.register == RegisterKind.RECEIVE.value,
                           RegisterEntryRow.voided.is_(False))
                    .order_by(RegisterEntryRow.id))
                for entry_id, number in rows:
                    if letter_number_key(number or "") == key:
                        found.setdefault(entry_id, DuplicateReason.SAME_NUMBER_AND_DATE)
            entries = {i: load_entry(s, i) for i in found}
        return tuple(DuplicateLetter(reason, entry) for i, reason in found.items()
                     if (entry := entries[i]) is not None)
