"""Small PDFs for signing tests, and reading back what a signature stamp says."""

from __future__ import annotations

from io import BytesIO

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, StreamObject

__all__ = ["blank_pdf", "stamp_texts", "tamper_incremental", "widget_rects"]

A4 = (595.0, 842.0)


def blank_pdf(pages: int = 2) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(*A4)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _annotations(data: bytes) -> list[tuple[int, DictionaryObject]]:
    reader = PdfReader(BytesIO(data))
    found = []
    for index, page in enumerate(reader.pages):
        for ref in page.get("/Annots") or []:
            found.append((index, ref.get_object()))
    return found


def stamp_texts(data: bytes) -> list[str]:
    """Text of every signature appearance, extracted the way pypdf extracts pages.

    Appearances live in annotation streams, which page text extraction skips; we draw
    each one on a scratch page so the font's ToUnicode map is what gets tested.
    """
    texts = []
    for _index, annot in _annotations(data):
        ap = annot.get("/AP")
        if not ap or "/N" not in ap:
            continue
        page = PageObject.create_blank_page(width=A4[0], height=A4[1])
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/XObject"): DictionaryObject({NameObject("/Stamp"): ap.raw_get("/N")})})
        content = StreamObject()
        content.set_data(b"q /Stamp Do Q")
        page.replace_contents(content)
        texts.append(page.extract_text())
    return texts


def widget_rects(data: bytes) -> list[tuple[int, tuple[float, ...]]]:
    """(0-based page, /Rect) of every annotation that has an appearance."""
    return [(index, tuple(float(v) for v in annot["/Rect"]))
            for index, annot in _annotations(data) if annot.get("/AP")]


def tamper_incremental(data: bytes) -> bytes:
    """Append an incremental update that writes new text on page 1 (a forgery)."""
    writer = IncrementalPdfFileWriter(BytesIO(data))
    stream = generic.StreamObject(stream_data=b"BT /Helv 12 Tf 72 720 Td (PAID IN FULL) Tj ET")
    page_ref, _resources = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    page[generic.NameObject("/Contents")] = writer.add_object(stream)
    writer.update_container(page)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
