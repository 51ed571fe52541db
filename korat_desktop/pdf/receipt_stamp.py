"""The receipt stamp (ตรารับหนังสือ) on page 1 of an incoming PDF.

Always an incremental update: the received bytes stay byte-for-byte at the start of
the file, so the original can be recovered and any signature's byte range still
covers exactly what was signed.

* Unsigned PDF: the stamp is drawn into the page content, like ink on paper, so every
  viewer and text extractor sees it.
* Signed PDF: the stamp is a Stamp annotation. Changing page content after signing is
  never allowed; adding an annotation is what approval signatures and DocMDP level 3
  permit (Acrobat shows "annotation added", the signature stays valid). pyHanko's
  stock difference analysis does not know annotations, so stamp_policy.py adds a rule
  that recognises exactly this change. Certified documents with DocMDP level 1 or 2
  forbid it: we refuse rather than break the certification.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any, Literal

from korat_desktop.domain.digits import to_thai_digits
from korat_desktop.domain.thai_dates import THAI_MONTHS, be_year, to_thai_time
from korat_desktop.errors import PdfError
from korat_desktop.pdf.canvas import Canvas
from korat_desktop.pdf.embed import FontParts, FontUsage, fmt
from korat_desktop.pdf.fonts import load_font
from korat_desktop.pdf.geometry import page_rotation, visible_box
from korat_desktop.pdf.inspect import open_reader
from korat_desktop.pdf.linebreak import wrap

__all__ = ["STAMP_ANNOTATION_NAME", "ReceiptStamp", "StampMode", "stamp_receipt"]

StampMode = Literal["auto", "content", "annotation"]

MM = 72 / 25.4
_MARGIN_MM = 8.0
_INK = (0.05, 0.15, 0.55)  # stamp-pad blue
STAMP_ANNOTATION_NAME = "/KoratReceipt"  # the Stamp annotation's /Name (icon name)


@dataclass(frozen=True)
class ReceiptStamp:
    """What the receipt stamp says. ``received_at`` may be aware or naive UTC."""

    agency_name: str
    receive_number: int
    year_be: int
    received_at: dt.datetime
    thai_digits: bool = False
    width_mm: float = 50.0
    height_mm: float = 25.0

    def lines(self) -> tuple[str, str, str, str]:
        """The four lines: agency, เลขรับ, วันที่, เวลา (digits as configured)."""
        local = to_thai_time(self.received_at)
        date = f"{local.day} {THAI_MONTHS[local.month - 1]} {be_year(local.date())}"
        texts = (
            f"เลขรับ {self.receive_number}/{self.year_be}",
            f"วันที่ {date}",
            f"เวลา {local.hour:02d}.{local.minute:02d} น.",
        )
        if self.thai_digits:
            texts = tuple(to_thai_digits(t) for t in texts)  # type: ignore[assignment]
        return (self.agency_name.strip(), *texts)

    def validate(self) -> None:
        if not self.agency_name.strip():
            raise PdfError("pdf.bad_stamp", detail="agency_name is empty")
        if self.receive_number < 1:
            raise PdfError("pdf.bad_stamp", detail="receive_number must be 1 or more")
        if not 2400 <= self.year_be <= 2800:
            raise PdfError("pdf.bad_stamp", detail=f"year_be {self.year_be} is not a BE year")
        if not (20 <= self.width_mm <= 150 and 12 <= self.height_mm <= 100):
            raise PdfError("pdf.bad_stamp", detail="stamp size out of range")


def stamp_receipt(data: bytes, stamp: ReceiptStamp, mode: StampMode = "auto",
                  at: tuple[float, float] | None = None) -> bytes:
    """``data`` with the receipt stamp on page 1: its top left corner ``at`` (x, y) mm
    from the top left of the page as displayed (free_space.py finds a blank place),
    or without ``at`` at the fixed top right corner.

    ``mode="auto"`` draws into the page when the PDF has no signatures and adds a Stamp
    annotation when it has. Raises PdfError for unreadable, encrypted or empty PDFs,
    and ``pdf.stamp_not_permitted`` for documents certified against changes.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    stamp.validate()
    reader = open_reader(data)  # maps unreadable input to PdfError first
    if reader.encrypted:
        raise PdfError("pdf.encrypted")
    try:
        signed = len(reader.embedded_signatures) > 0
        level = _docmdp_level(reader.root)
    except Exception as e:
        raise PdfError("pdf.corrupt", detail=str(e)[:160]) from e
    if level in (1, 2):
        raise PdfError("pdf.stamp_not_permitted", level=level)
    use_annotation = mode == "annotation" or (mode == "auto" and signed)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        if int(writer.root["/Pages"].get("/Count", 0)) < 1:
            raise PdfError("pdf.empty")
        page_ref, _ = writer.find_page_for_modification(0)
        page = page_ref.get_object()
        box = visible_box(page)
        rotation = page_rotation(page)
        w, h = stamp.width_mm * MM, stamp.height_mm * MM
        matrix = _placement(box, rotation, w, h, _corner(box, rotation, w, h, at))
        form = _stamp_form(writer, stamp, w, h,
                           rotation_matrix=matrix[:4] if use_annotation else None)
        if use_annotation:
            _add_annotation(writer, page_ref, form, matrix, w, h, stamp)
        else:
            _draw_on_page(writer, page_ref, form, matrix)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except PdfError:
        raise
    except Exception as e:
        raise PdfError("pdf.stamp_failed", detail=str(e)[:160] or type(e).__name__) from e


def _docmdp_level(root: Any) -> int | None:
    """The certification signature's DocMDP /P (1 no changes .. 3 annotations)."""
    perms = root.get("/Perms")
    if perms is None:
        return None
    sig = perms.get_object().get("/DocMDP")
    if sig is None:
        return None
    for ref in sig.get_object().get("/Reference", []):
        ref_dict = ref.get_object()
        if ref_dict.get("/TransformMethod") == "/DocMDP":
            params = ref_dict.get("/TransformParams")
            p = params.get_object().get("/P", 2) if params is not None else 2
            return int(p)
    return 2


def _shown_size(box: tuple[float, float, float, float], rotation: int) -> tuple[float, float]:
    width, height = box[2] - box[0], box[3] - box[1]
    return (height, width) if rotation in (90, 270) else (width, height)


def _corner(box: tuple[float, float, float, float], rotation: int, w: float, h: float,
            at: tuple[float, float] | None) -> tuple[float, float]:
    """The stamp's bottom left corner in displayed page points (origin bottom left):
    ``at`` mm from the displayed top left, or ``_MARGIN_MM`` in from the top right."""
    shown_w, shown_h = _shown_size(box, rotation)
    if at is None:
        return max(shown_w - _MARGIN_MM * MM - w, 0.0), max(shown_h - _MARGIN_MM * MM - h, 0.0)
    x, y = at
    u0 = min(max(x * MM, 0.0), max(shown_w - w, 0.0))
    v0 = min(max(shown_h - y * MM - h, 0.0), max(shown_h - h, 0.0))
    return u0, v0


def _placement(box: tuple[float, float, float, float], rotation: int, w: float, h: float,
               corner: tuple[float, float]) -> tuple[float, float, float, float, float, float]:
    """Matrix taking stamp space (0..w, 0..h, upright) to default user space.

    ``corner`` is where the stamp's bottom left goes on the page *as displayed*: for a
    page with /Rotate 90 the displayed top right is the top left of the unrotated page.
    """
    x0, y0, x1, y1 = box
    _shown_w, shown_h = _shown_size(box, rotation)
    u0, v0 = corner
    if rotation == 90:
        return (0, 1, -1, 0, x0 + shown_h - v0, y0 + u0)
    if rotation == 180:
        return (-1, 0, 0, -1, x1 - u0, y1 - v0)
    if rotation == 270:
        return (0, -1, 1, 0, x1 - shown_h + v0, y1 - u0)
    return (1, 0, 0, 1, x0 + u0, y0 + v0)


def _layout(canvas: Canvas, stamp: ReceiptStamp, w: float, h: float) -> None:
    """Bordered box; agency name centred in bold, then เลขรับ / วันที่ / เวลา."""
    pad = 0.06 * h
    r, g, b = _INK
    canvas.raw(f"q {fmt(r)} {fmt(g)} {fmt(b)} RG 1.2 w 0.6 0.6 {fmt(w - 1.2)} {fmt(h - 1.2)} re S "
               f"0.5 w 2.2 2.2 {fmt(w - 4.4)} {fmt(h - 4.4)} re S Q")
    agency, *rest = stamp.lines()
    inner_w = w - 4 * pad - 4
    bold = load_font(True)
    regular = load_font(False)
    agency_lines = [agency]
    rows = 4
    row = (h - 2 * pad - 4) / rows
    agency_size = min(row * 0.72, 12.0)
    while bold.width(agency, agency_size) > inner_w and agency_size > 8.0:
        agency_size -= 0.25
    if bold.width(agency, agency_size) > inner_w:  # too long for one line: use two rows
        rows = 5
        row = (h - 2 * pad - 4) / rows
        agency_size = min(row * 0.72, 12.0)
        agency_lines = wrap(bold, agency, agency_size, inner_w)
        while len(agency_lines) > 2 and agency_size > 5.0:
            agency_size -= 0.25
            agency_lines = wrap(bold, agency, agency_size, inner_w)
        agency_lines = agency_lines[:2]
    size = min(row * 0.72, 12.0)
    top = h - 2.2 - pad
    for i, line in enumerate(agency_lines):
        canvas.text((w - bold.width(line, agency_size)) / 2, top - row * (i + 0.78), line, "F2",
                    agency_size, rgb=_INK)
    rule = top - row * len(agency_lines) - row * 0.08
    canvas.raw(f"q {fmt(r)} {fmt(g)} {fmt(b)} RG 0.4 w {fmt(2.2 + pad)} {fmt(rule)} m "
               f"{fmt(w - 2.2 - pad)} {fmt(rule)} l S Q")
    for i, line in enumerate(rest):
        line_size = size
        while regular.width(line, line_size) > inner_w and line_size > 5:
            line_size -= 0.25
        base = top - row * (len(agency_lines) + i) - row * 0.86
        canvas.text(2.2 + 2 * pad, base, line, "F1", line_size, rgb=_INK)


def _stamp_form(writer: Any, stamp: ReceiptStamp, w: float, h: float,
                rotation_matrix: tuple[float, float, float, float] | None) -> Any:
    """The stamp as a Form XObject (shared by both modes)."""
    from pyhanko.pdf_utils import generic

    fonts = {"F1": FontUsage(load_font(False), "KORATR"),
             "F2": FontUsage(load_font(True), "KORATS")}
    canvas = Canvas(fonts)
    _layout(canvas, stamp, w, h)
    content = canvas.data()
    font_dict = generic.DictionaryObject({
        generic.NameObject("/" + name): _embed_font(writer, usage.parts())
        for name, usage in fonts.items()
    })
    form = generic.StreamObject({
        generic.NameObject("/Type"): generic.NameObject("/XObject"),
        generic.NameObject("/Subtype"): generic.NameObject("/Form"),
        generic.NameObject("/BBox"): generic.ArrayObject(
            [generic.FloatObject(0), generic.FloatObject(0),
             generic.FloatObject(round(w, 3)), generic.FloatObject(round(h, 3))]),
        generic.NameObject("/Resources"): generic.DictionaryObject(
            {generic.NameObject("/Font"): font_dict}),
    }, stream_data=content)
    if rotation_matrix is not None and rotation_matrix != (1, 0, 0, 1):
        form[generic.NameObject("/Matrix")] = generic.ArrayObject(
            [generic.FloatObject(v) for v in (*rotation_matrix, 0, 0)])
    form.compress()
    return writer.add_object(form)


def _embed_font(writer: Any, parts: FontParts) -> Any:
    """The Type 0 font of ``parts`` as pyHanko objects in ``writer``."""
    from pyhanko.pdf_utils import generic

    def n(name: str) -> Any:
        return generic.NameObject(name)

    def stream(data: bytes, extra: dict[str, Any] | None = None) -> Any:
        obj = generic.StreamObject({n(k): v for k, v in (extra or {}).items()}, stream_data=data)
        obj.compress()
        return writer.add_object(obj)

    font_file = stream(parts.font_file, {"/Length1": generic.NumberObject(len(parts.font_file))})
    descriptor = writer.add_object(generic.DictionaryObject({
        n("/Type"): n("/FontDescriptor"),
        n("/FontName"): n("/" + parts.base_font),
        n("/Flags"): generic.NumberObject(parts.flags),
        n("/FontBBox"): generic.ArrayObject([generic.NumberObject(v) for v in parts.bbox]),
        n("/ItalicAngle"): generic.FloatObject(parts.italic_angle),
        n("/Ascent"): generic.NumberObject(parts.ascent),
        n("/Descent"): generic.NumberObject(parts.descent),
        n("/CapHeight"): generic.NumberObject(parts.cap_height),
        n("/StemV"): generic.NumberObject(80),
        n("/FontFile2"): font_file,
    }))
    widths = [generic.NumberObject(v) for v in parts.widths]
    cid_font = writer.add_object(generic.DictionaryObject({
        n("/Type"): n("/Font"),
        n("/Subtype"): n("/CIDFontType2"),
        n("/BaseFont"): n("/" + parts.base_font),
        n("/CIDSystemInfo"): generic.DictionaryObject({
            n("/Registry"): generic.TextStringObject("Adobe"),
            n("/Ordering"): generic.TextStringObject("Identity"),
            n("/Supplement"): generic.NumberObject(0),
        }),
        n("/FontDescriptor"): descriptor,
        n("/DW"): generic.NumberObject(0),
        n("/W"): generic.ArrayObject([generic.NumberObject(1), generic.ArrayObject(widths)]),
        n("/CIDToGIDMap"): stream(parts.cid_to_gid),
    }))
    return writer.add_object(generic.DictionaryObject({
        n("/Type"): n("/Font"),
        n("/Subtype"): n("/Type0"),
        n("/BaseFont"): n("/" + parts.base_font),
        n("/Encoding"): n("/Identity-H"),
        n("/DescendantFonts"): generic.ArrayObject([cid_font]),
        n("/ToUnicode"): stream(parts.to_unicode),
    }))


def _draw_on_page(writer: Any, page_ref: Any, form: Any,
                  matrix: tuple[float, float, float, float, float, float]) -> None:
    """Paint the form over the page content, isolated by q/Q from the page's state."""
    from pyhanko.pdf_utils import generic

    page = page_ref.get_object()
    resources = page.get("/Resources")
    existing = set()
    try:
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        if xobjects is not None:
            existing = set(xobjects.get_object().keys())
    except Exception:
        existing = set()
    name = "/KoratReceipt"
    counter = 1
    while name in existing:
        counter += 1
        name = f"/KoratReceipt{counter}"
    cm = " ".join(fmt(round(v, 4)) for v in matrix)
    opening = writer.add_object(generic.StreamObject(stream_data=b"q\n"))
    closing = writer.add_object(
        generic.StreamObject(stream_data=f"\nQ q {cm} cm {name} Do Q\n".encode("ascii")))
    writer.add_stream_to_page(0, opening, prepend=True)
    writer.add_stream_to_page(0, closing, resources=generic.DictionaryObject({
        generic.NameObject("/XObject"): generic.DictionaryObject({
            generic.NameObject(name): form})}))


def _add_annotation(writer: Any, page_ref: Any, form: Any,
                    matrix: tuple[float, float, float, float, float, float],
                    w: float, h: float, stamp: ReceiptStamp) -> None:
    """Add a printable Stamp annotation whose appearance is the form."""
    from pyhanko.pdf_utils import generic

    a, b, c, d, e, f = matrix
    corners = [(a * x + c * y + e, b * x + d * y + f) for x, y in ((0, 0), (w, 0), (0, h), (w, h))]
    xs = [p[0] for p in corners]
    ys = [p[1] for p in corners]
    rect = generic.ArrayObject([generic.FloatObject(round(v, 3))
                                for v in (min(xs), min(ys), max(xs), max(ys))])
    now = dt.datetime.now(dt.UTC).strftime("D:%Y%m%d%H%M%SZ")
    annot = writer.add_object(generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/Stamp"),
        generic.NameObject("/Name"): generic.NameObject(STAMP_ANNOTATION_NAME),
        generic.NameObject("/Rect"): rect,
        generic.NameObject("/F"): generic.NumberObject(4 | 128),  # Print, Locked
        generic.NameObject("/P"): page_ref,
        generic.NameObject("/M"): generic.TextStringObject(now),
        generic.NameObject("/T"): generic.TextStringObject(stamp.agency_name),
        generic.NameObject("/NM"): generic.TextStringObject(
            f"korat-receipt-{stamp.year_be}-{stamp.receive_number}"),
        generic.NameObject("/Contents"): generic.TextStringObject(" ".join(stamp.lines())),
        generic.NameObject("/AP"): generic.DictionaryObject({generic.NameObject("/N"): form}),
    }))
    page = page_ref.get_object()
    annots = page.raw_get("/Annots") if "/Annots" in page else None
    if isinstance(annots, generic.IndirectObject):
        array = annots.get_object()
        array.append(annot)
        writer.mark_update(annots)
    else:
        array = generic.ArrayObject(list(annots or []))
        array.append(annot)
        page[generic.NameObject("/Annots")] = array
        writer.mark_update(page_ref)
