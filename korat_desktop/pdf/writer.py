"""A minimal writer for the PDFs we create from scratch (sample letters, registers).

Building new documents does not need a general PDF library: objects are serialised
straight to bytes with a classic cross-reference table, which keeps a one-page letter
at a few milliseconds and a sixty-page register well under a second.
"""

from __future__ import annotations

import hashlib

from korat_desktop.pdf.embed import FontParts, FontUsage, deflate, fmt

__all__ = ["PdfBuilder", "assemble", "pdf_string"]


def pdf_string(text: str) -> str:
    """A PDF text string: literal for ASCII, UTF-16BE hex otherwise."""
    if text.isascii():
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return f"({escaped})"
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


class PdfBuilder:
    """Collects numbered objects and writes the file with an xref table."""

    def __init__(self) -> None:
        self._objects: list[bytes | None] = [None]

    def reserve(self) -> int:
        """A number for an object written later with :meth:`set`."""
        self._objects.append(None)
        return len(self._objects) - 1

    def set(self, num: int, body: str | bytes) -> int:
        self._objects[num] = body.encode("latin-1") if isinstance(body, str) else body
        return num

    def add(self, body: str | bytes) -> int:
        return self.set(self.reserve(), body)

    def add_stream(self, data: bytes, extra: str = "", compress: bool = True) -> int:
        if compress:
            data = deflate(data)
            extra += "/Filter/FlateDecode"
        head = f"<<{extra}/Length {len(data)}>>\nstream\n".encode("latin-1")
        return self.add(head + data + b"\nendstream")

    def add_font(self, parts: FontParts) -> int:
        """Embed a shaped-font subset; returns the Type 0 font object's number."""
        file_num = self.add_stream(parts.font_file, f"/Length1 {len(parts.font_file)}")
        c2g = self.add_stream(parts.cid_to_gid)
        tounicode = self.add_stream(parts.to_unicode)
        bbox = " ".join(str(v) for v in parts.bbox)
        # CIDs are consecutive from 1, so /W is a single block: [1 [w1 w2 ...]]
        widths = "[1[" + " ".join(map(str, parts.widths)) + "]]" if parts.widths else "[]"
        desc = self.add(
            f"<</Type/FontDescriptor/FontName/{parts.base_font}/Flags {parts.flags}"
            f"/FontBBox[{bbox}]/ItalicAngle {fmt(parts.italic_angle)}/Ascent {parts.ascent}"
            f"/Descent {parts.descent}/CapHeight {parts.cap_height}/StemV 80"
            f"/FontFile2 {file_num} 0 R>>"
        )
        cid_font = self.add(
            f"<</Type/Font/Subtype/CIDFontType2/BaseFont/{parts.base_font}"
            "/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>"
            f"/FontDescriptor {desc} 0 R/DW 0/W {widths}/CIDToGIDMap {c2g} 0 R>>"
        )
        return self.add(
            f"<</Type/Font/Subtype/Type0/BaseFont/{parts.base_font}/Encoding/Identity-H"
            f"/DescendantFonts[{cid_font} 0 R]/ToUnicode {tounicode} 0 R>>"
        )

    def finish(self, root: int, info: int | None = None) -> bytes:
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = [0] * len(self._objects)
        for num, body in enumerate(self._objects):
            if num == 0:
                continue
            if body is None:
                raise ValueError(f"object {num} reserved but never written")
            offsets[num] = len(out)
            out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
        xref_at = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % len(self._objects)
        out += b"".join(b"%010d 00000 n \n" % off for off in offsets[1:])
        doc_id = hashlib.md5(bytes(out), usedforsecurity=False).hexdigest()
        trailer = f"trailer\n<</Size {len(self._objects)}/Root {root} 0 R"
        if info is not None:
            trailer += f"/Info {info} 0 R"
        trailer += f"/ID[<{doc_id}><{doc_id}>]>>\nstartxref\n{xref_at}\n%%EOF\n"
        out += trailer.encode("latin-1")
        return bytes(out)


def assemble(pages: list[bytes], fonts: dict[str, FontUsage], size: tuple[float, float],
             title: str = "", producer: str = "Korat Desktop") -> bytes:
    """A complete document: one content stream per page, fonts shared by all pages."""
    pdf = PdfBuilder()
    catalog = pdf.reserve()
    page_tree = pdf.reserve()
    font_refs = " ".join(f"/{name} {pdf.add_font(usage.parts())} 0 R"
                         for name, usage in fonts.items())
    resources = pdf.add(f"<</Font<<{font_refs}>>>>")
    kids = []
    for content in pages:
        stream = pdf.add_stream(content)
        kids.append(pdf.add(
            f"<</Type/Page/Parent {page_tree} 0 R/MediaBox[0 0 {fmt(size[0])} {fmt(size[1])}]"
            f"/Resources {resources} 0 R/Contents {stream} 0 R>>"
        ))
    pdf.set(page_tree, f"<</Type/Pages/Count {len(kids)}/Kids["
            + " ".join(f"{k} 0 R" for k in kids) + "]>>")
    pdf.set(catalog, f"<</Type/Catalog/Pages {page_tree} 0 R/Lang(th-TH)>>")
    info = pdf.add(f"<</Title{pdf_string(title)}/Producer{pdf_string(producer)}>>")
    return pdf.finish(catalog, info)
