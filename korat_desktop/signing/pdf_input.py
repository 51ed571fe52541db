"""Opening PDF bytes for an incremental update, with our error codes."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader

from korat_desktop.errors import SigningError

__all__ = ["open_for_update", "open_reader", "page_count", "page_size"]


def _detail(e: Exception) -> str:
    return str(e).splitlines()[0][:200] if str(e) else type(e).__name__


def open_for_update(data: bytes) -> IncrementalPdfFileWriter:
    """A writer that appends to ``data`` without touching earlier revisions."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise SigningError("signing.pdf_corrupt", detail="no PDF header")
    try:
        writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
    except (PdfError, ValueError, KeyError, IndexError, TypeError) as e:
        raise SigningError("signing.pdf_corrupt", detail=_detail(e)) from e
    if writer.prev.encrypted:
        raise SigningError("signing.pdf_encrypted")
    return writer


def open_reader(data: bytes) -> PdfFileReader:
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise SigningError("signing.pdf_corrupt", detail="no PDF header")
    try:
        return PdfFileReader(BytesIO(data), strict=False)
    except (PdfError, ValueError, KeyError, IndexError, TypeError) as e:
        raise SigningError("signing.pdf_corrupt", detail=_detail(e)) from e


def page_count(writer: IncrementalPdfFileWriter) -> int:
    try:
        return int(writer.root["/Pages"]["/Count"])
    except (PdfError, KeyError, TypeError, ValueError) as e:
        raise SigningError("signing.pdf_corrupt", detail=_detail(e)) from e


def page_size(writer: IncrementalPdfFileWriter, page_index: int) -> tuple[float, float]:
    """Width and height of a page (MediaBox may be inherited from the page tree)."""
    try:
        page_ref, _ = writer.find_page_for_modification(page_index)
        node: Any = page_ref.get_object()
        while node is not None:
            if "/MediaBox" in node:
                x1, y1, x2, y2 = (float(v) for v in node["/MediaBox"])
                return abs(x2 - x1), abs(y2 - y1)
            node = node.get("/Parent")
            node = node.get_object() if node is not None else None
    except (PdfError, KeyError, TypeError, ValueError, IndexError) as e:
        raise SigningError("signing.pdf_corrupt", detail=_detail(e)) from e
    return 595.0, 842.0  # A4, what a Thai office would have printed on
