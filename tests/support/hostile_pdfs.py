"""Real letters made hostile: a poisoned font, active content, a no-changes certification.

Each starts from a real sample letter (korat_desktop.pdf.sample) and changes only the
part under test, so everything else about the file stays what offices send.
"""

from __future__ import annotations

import io
import re

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    StreamObject,
    TextStringObject,
)

from korat_desktop.pdf.sample import make_letter_pdf

__all__ = ["poisoned_letter", "active_letter", "no_changes_letter", "uncompressed",
           "ACTIVE_SAMPLES"]

ACTIVE_SAMPLES = ("open_action", "names_javascript", "launch", "attachment",
                  "attachment_annotation")


def _letter(subject: str) -> PdfWriter:
    data = make_letter_pdf(subject, ["ด้วยสำนักงานขอเชิญประชุมเรื่องการจัดทำแผน"])
    return PdfWriter(clone_from=PdfReader(io.BytesIO(data)))


def _bytes(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _name(text: str) -> NameObject:
    return NameObject(text)


def poisoned_letter(subject: str = "หนังสือพิษ") -> bytes:
    """A letter whose fonts' ToUnicode maps send every glyph to U+D800 (a lone surrogate)."""
    writer = _letter(subject)
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            cmap = font.get_object()["/ToUnicode"].get_object()
            data = re.sub(rb"(<[0-9A-F]{4}> )<[0-9A-F]*>", rb"\1<D800>", cmap.get_data())
            cmap.set_data(data)
    return _bytes(writer)


def _script(code: str) -> DictionaryObject:
    return DictionaryObject({_name("/S"): _name("/JavaScript"),
                             _name("/JS"): TextStringObject(code)})


def active_letter(kind: str) -> bytes:
    """A letter carrying one kind of active content (one of ``ACTIVE_SAMPLES``)."""
    writer = _letter(f"หนังสือ {kind}")
    root = writer._root_object
    page = writer.pages[0]
    if kind == "open_action":
        root[_name("/OpenAction")] = writer._add_object(_script("app.alert('x')"))
    elif kind == "names_javascript":
        tree = DictionaryObject({_name("/Names"): ArrayObject(
            [TextStringObject("start"), writer._add_object(_script("app.alert('x')"))])})
        root[_name("/Names")] = DictionaryObject({_name("/JavaScript"): tree})
    elif kind == "launch":
        page[_name("/AA")] = DictionaryObject({_name("/O"): DictionaryObject(
            {_name("/S"): _name("/Launch"), _name("/F"): TextStringObject("calc.exe")})})
    elif kind == "attachment":
        writer.add_attachment("payload.txt", b"hello")
    elif kind == "attachment_annotation":
        annot = DictionaryObject({
            _name("/Type"): _name("/Annot"), _name("/Subtype"): _name("/FileAttachment"),
            _name("/Rect"): ArrayObject([]), _name("/Contents"): TextStringObject("x")})
        page[_name("/Annots")] = ArrayObject([writer._add_object(annot)])
    else:
        raise ValueError(kind)
    return _bytes(writer)


def no_changes_letter(subject: str = "หนังสือรับรองห้ามแก้ไข") -> bytes:
    """A letter whose catalog claims a DocMDP certification: it passes the checks, but
    the receipt stamp is refused (``pdf.stamp_not_permitted``)."""
    writer = _letter(subject)
    writer._root_object[_name("/Perms")] = DictionaryObject(
        {_name("/DocMDP"): writer._add_object(DictionaryObject())})
    return _bytes(writer)


def uncompressed(data: bytes) -> bytes:
    """``data`` with every Flate stream stored plain, so flipped bytes land in the fonts'
    ToUnicode maps and the page text rather than only breaking the compression."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for obj in writer._objects:
        if isinstance(obj, StreamObject) and obj.get("/Filter") == "/FlateDecode":
            plain = obj.get_data()
            del obj[_name("/Filter")]
            obj._data = plain
    return _bytes(writer)
