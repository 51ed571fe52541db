"""First look at an incoming PDF: is it a PDF we can store, stamp and index?

We read it with pyHanko because the stamp is written with pyHanko: a file pyHanko
cannot read would fail later, at the worst moment (at the counter, with the letter in
hand). The checks are cheap and bounded: no full object scan, no content parsing.

Active content (JavaScript, launch actions, embedded files) is not refused: the bytes
may be signed and are the record. It is reported (``PdfInfo.active_content``, see
:mod:`korat_desktop.pdf.active_content`) so the clerk is warned before opening an
export in another reader.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from korat_desktop.errors import PdfError
from korat_desktop.pdf.active_content import find_active_content
from korat_desktop.pdf.geometry import page_rotation, visible_box

__all__ = ["MAX_PDF_BYTES", "PdfInfo", "check_pdf", "open_reader", "active_content_of"]

MAX_PDF_BYTES = 512 * 1024 * 1024
_HEADER = re.compile(rb"%PDF-(\d\.\d)")


@dataclass(frozen=True)
class PdfInfo:
    """What the app needs to know about a PDF before accepting it."""

    page_count: int
    signature_count: int  # embedded signatures (filled signature fields)
    encrypted: bool
    version: str  # "1.7", from the header or the catalog's /Version if newer
    page_width_pt: float  # first page as displayed (CropBox, after /Rotate)
    page_height_pt: float
    rotation: int  # first page's /Rotate: 0, 90, 180 or 270
    revisions: int  # 1 + number of incremental updates
    active_content: tuple[str, ...] = ()  # ACTIVE_KINDS found, e.g. ("javascript",)

    @property
    def has_signatures(self) -> bool:
        return self.signature_count > 0


def _check_framing(data: bytes) -> str:
    """Header and tail checks that need no parsing; returns the header version."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise PdfError("pdf.not_pdf")
    if len(data) > MAX_PDF_BYTES:
        raise PdfError("pdf.too_large", size_mb=len(data) // 2**20, limit_mb=MAX_PDF_BYTES // 2**20)
    match = _HEADER.search(bytes(data[:1024]))
    if match is None:
        raise PdfError("pdf.not_pdf")
    eof = data.rfind(b"%%EOF")
    if eof < 0 or data.rfind(b"startxref") < 0:
        raise PdfError("pdf.truncated")
    tail = bytes(data[eof + 5 :])
    if b"endobj" in tail or b" obj" in tail or b"xref" in tail:
        raise PdfError("pdf.truncated")  # an incremental update cut off mid-way
    return match.group(1).decode("ascii")


def open_reader(data: bytes) -> Any:
    """A pyHanko reader for ``data``, with reading failures mapped to PdfError."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    _check_framing(data)
    try:
        return PdfFileReader(io.BytesIO(data), strict=False)
    except PdfError:
        raise
    except Exception as e:  # pyHanko raises many types on broken input
        raise PdfError("pdf.corrupt", detail=_short(e)) from e


def _short(e: BaseException) -> str:
    text = str(e) or type(e).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def check_pdf(data: bytes, *, allow_encrypted: bool = False) -> PdfInfo:
    """Check that ``data`` is a readable, unencrypted PDF with pages; describe it.

    Raises PdfError: ``pdf.not_pdf``, ``pdf.truncated``, ``pdf.corrupt``,
    ``pdf.encrypted`` (unless ``allow_encrypted``: then only what is readable without
    a password is reported) and ``pdf.empty``.
    """
    header_version = _check_framing(data)
    reader = open_reader(data)
    if reader.encrypted and not allow_encrypted:
        raise PdfError("pdf.encrypted")
    try:
        if reader.encrypted:
            try:
                ok = reader.decrypt("").status.name != "FAILED"
            except Exception:
                ok = False
            if not ok:
                return PdfInfo(0, 0, True, header_version, 0.0, 0.0, 0,
                               reader.xrefs.total_revisions)
        root = reader.root
        version = header_version
        catalog_version = root.get("/Version")
        if catalog_version is not None:
            text = str(catalog_version).lstrip("/")
            if re.fullmatch(r"\d\.\d", text) and text > version:
                version = text
        count = _page_count(root)
        if count <= 0:
            raise PdfError("pdf.empty")
        page_ref, _ = reader.find_page_for_modification(0)
        page = page_ref.get_object()
        x0, y0, x1, y1 = visible_box(page)
        rotation = page_rotation(page)
        w, h = x1 - x0, y1 - y0
        if rotation in (90, 270):
            w, h = h, w
        signatures = _signature_count(reader)
        return PdfInfo(
            page_count=count,
            signature_count=signatures,
            encrypted=bool(reader.encrypted),
            version=version,
            page_width_pt=round(w, 2),
            page_height_pt=round(h, 2),
            rotation=rotation,
            revisions=reader.xrefs.total_revisions,
            active_content=find_active_content(root),
        )
    except PdfError:
        raise
    except RecursionError as e:
        raise PdfError("pdf.corrupt", detail="page tree too deep") from e
    except Exception as e:
        raise PdfError("pdf.corrupt", detail=_short(e)) from e


def _page_count(root: Any) -> int:
    pages = root["/Pages"]
    count = pages.get("/Count", 0)
    try:
        return int(count)
    except Exception:
        return 0


def _signature_count(reader: Any) -> int:
    try:
        return len(reader.embedded_signatures)
    except Exception:
        return 0


def active_content_of(data: bytes) -> tuple[str, ...]:
    """The active content of a stored PDF (for letters registered before it was recorded).

    A stored PDF was readable when it was registered; should it no longer be, there is
    nothing this can report, and the caller shows the letter anyway.
    """
    try:
        return find_active_content(open_reader(data).root)
    except Exception:
        return ()
