"""Where on page 1 the receipt stamp can go without covering the letter's text.

A stamp at a fixed corner lands on the sender's address, which Thai letters print at
the top right. So page 1 is rendered (pdfium, at 50 dpi: enough to see a line of
text, a few tens of milliseconds), every pixel darker than paper is ink, the ink mask
is shrunk to 1 mm cells (a cell with any ink is inked), and a summed-area table over
it tells in constant time whether a rectangle (the stamp grown by a small gap) is
blank. Of the blank places the one whose top right corner is nearest the page's top
right corner wins; a page with no blank place big enough keeps the old fixed corner,
and says so.

Places are in millimetres from the top left corner of the page *as displayed* (after
/Rotate), which is what the clerk sees and what ``--stamp-at`` takes.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate
from operator import add
from typing import Literal

from korat_desktop.errors import PdfError

__all__ = ["InkMap", "PlaceSource", "StampPlace", "StampRequest", "choose_place", "ink_map",
           "fixed_place", "MARGIN_MM"]

PlaceSource = Literal["free_space", "clerk", "remembered", "fixed"]

MARGIN_MM = 8.0  # the fixed corner's distance from the page's edges (the old place)
_EDGE_MM = 5  # blank places are looked for this far in from the edges (printers' margin)
_GAP_MM = 2  # blank space kept between the stamp and the letter's ink
_DPI = 50
_INK_BELOW = 200  # grey level (0 black .. 255 white) below which a pixel is ink


@dataclass(frozen=True)
class StampPlace:
    """The stamp's top left corner in mm from the displayed page's top left, and why
    it is there: found ``free_space``, put by the ``clerk``, the sender's
    ``remembered`` place, or the ``fixed`` corner (no blank place was big enough)."""

    x_mm: float
    y_mm: float
    source: PlaceSource

    @property
    def fell_back(self) -> bool:
        return self.source == "fixed"


@dataclass(frozen=True)
class StampRequest:
    """Where the registration asks for the stamp: ``at`` is the clerk's choice (used as
    given); ``remembered`` is this sender's last place, used only if blank on this page."""

    at: tuple[float, float] | None = None
    remembered: tuple[float, float] | None = None


@dataclass(frozen=True)
class InkMap:
    """Page 1 as 1 mm cells: ``page_mm`` as displayed, and a summed-area table of inked
    cells (``table[r][c]`` = inked cells above and left of row r, column c)."""

    page_mm: tuple[float, float]
    table: tuple[tuple[int, ...], ...]

    @property
    def cells(self) -> tuple[int, int]:
        """(columns, rows)."""
        return len(self.table[0]) - 1, len(self.table) - 1

    def ink_in(self, x_mm: float, y_mm: float, w_mm: float, h_mm: float) -> int:
        """Inked cells touched by this rectangle grown by the gap (clipped to the page)."""
        x_mm, y_mm, w_mm, h_mm = (x_mm - _GAP_MM, y_mm - _GAP_MM, w_mm + 2 * _GAP_MM,
                                  h_mm + 2 * _GAP_MM)
        cols, rows = self.cells
        c0, r0 = max(int(x_mm), 0), max(int(y_mm), 0)
        c1 = min(max(int(-(-(x_mm + w_mm) // 1)), 0), cols)
        r1 = min(max(int(-(-(y_mm + h_mm) // 1)), 0), rows)
        if c1 <= c0 or r1 <= r0:
            return 0
        t = self.table
        return t[r1][c1] - t[r0][c1] - t[r1][c0] + t[r0][c0]


def ink_map(pdf: bytes) -> InkMap:
    """Render page 1 and map its ink (``pdf.corrupt`` when pdfium cannot draw it)."""
    import pypdfium2 as pdfium
    from PIL import Image

    try:
        doc = pdfium.PdfDocument(pdf)
        try:
            if len(doc) < 1:
                raise PdfError("pdf.empty")
            page = doc[0]
            scale = _DPI / 72
            image = page.render(scale=scale, grayscale=True, draw_annots=True,
                                may_draw_forms=True).to_pil().convert("L")
        finally:
            doc.close()
    except PdfError:
        raise
    except Exception as e:  # pdfium's own errors: this file cannot be drawn
        raise PdfError("pdf.corrupt", detail=str(e)[:160] or type(e).__name__) from e
    px_per_mm = _DPI / 25.4
    page_mm = (image.width / px_per_mm, image.height / px_per_mm)
    ink = image.point(lambda v: 255 if v < _INK_BELOW else 0)
    cols, rows = max(int(page_mm[0]), 1), max(int(page_mm[1]), 1)
    cells = ink.resize((cols, rows), Image.Resampling.BOX)  # any ink in a cell: > 0
    inked = cells.point(lambda v: 1 if v else 0).tobytes()  # 0/1 per cell
    table = [(0,) * (cols + 1)]
    for r in range(rows):  # row sums in C (accumulate, map): ~60k cells in a few ms
        running = accumulate(inked[r * cols:(r + 1) * cols], initial=0)
        table.append(tuple(map(add, table[-1], running)))
    return InkMap(page_mm, tuple(table))


def fixed_place(page_mm: tuple[float, float], w_mm: float, h_mm: float) -> StampPlace:
    """The old place: ``MARGIN_MM`` in from the top right corner."""
    return StampPlace(max(page_mm[0] - MARGIN_MM - w_mm, 0.0), min(MARGIN_MM, page_mm[1]),
                      "fixed")


def _nearest_blank(ink: InkMap, w_mm: float, h_mm: float) -> StampPlace | None:
    """The blank stamp-sized place whose top right is nearest the top right corner."""
    cols, rows = ink.cells
    w, h = int(-(-w_mm // 1)), int(-(-h_mm // 1))
    right, top = cols - _EDGE_MM, _EDGE_MM
    if right - w < _EDGE_MM or rows - _EDGE_MM - h < top:
        return None
    t = ink.table
    g = _GAP_MM  # the box checked is the stamp grown by the gap (< _EDGE_MM: on the page)
    best: tuple[int, int, int] | None = None
    for r0 in range(top, rows - _EDGE_MM - h + 1):
        dy = (r0 - top) ** 2
        if best is not None and dy >= best[0]:
            break  # rows further down can only be further away
        upper, lower = t[r0 - g], t[r0 + h + g]
        for c0 in range(right - w, _EDGE_MM - 1, -1):
            distance = dy + (right - w - c0) ** 2
            if best is not None and distance >= best[0]:
                break
            b0, b1 = c0 - g, c0 + w + g
            if lower[b1] - upper[b1] - lower[b0] + upper[b0] == 0:
                best = (distance, c0, r0)
                break
    if best is None:
        return None
    return StampPlace(float(best[1]), float(best[2]), "free_space")


def choose_place(ink: InkMap, w_mm: float, h_mm: float,
                 request: StampRequest = StampRequest()) -> StampPlace:
    """Where the stamp goes: the clerk's place, else the sender's remembered place if
    it is blank on this page, else the nearest blank place, else the fixed corner."""
    page_w, page_h = ink.page_mm
    if request.at is not None:
        x, y = request.at
        if not (0 <= x <= page_w - w_mm + 0.5 and 0 <= y <= page_h - h_mm + 0.5):
            raise PdfError("pdf.stamp_off_page", x=f"{x:g}", y=f"{y:g}",
                           width=f"{page_w:.0f}", height=f"{page_h:.0f}")
        return StampPlace(min(x, page_w - w_mm), min(y, page_h - h_mm), "clerk")
    if request.remembered is not None:
        x, y = request.remembered
        if (0 <= x <= page_w - w_mm and 0 <= y <= page_h - h_mm
                and ink.ink_in(x, y, w_mm, h_mm) == 0):
            return StampPlace(x, y, "remembered")
    return _nearest_blank(ink, w_mm, h_mm) or fixed_place(ink.page_mm, w_mm, h_mm)
