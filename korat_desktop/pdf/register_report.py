"""The printed register (ทะเบียนหนังสือรับ / ทะเบียนหนังสือส่ง), A4 landscape.

Laid out like the paper book: the official columns (REGISTER_COLUMNS), entries in
number order under a heading for each day they were registered (Thai local time),
long texts wrapped inside their cells, the column header repeated on every page, and
voided numbers kept in sequence with the reason, because a register must show that
no number was skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from korat_desktop.domain.digits import to_thai_digits
from korat_desktop.domain.registers import REGISTER_COLUMNS, RegisterEntry, RegisterKind
from korat_desktop.domain.thai_dates import (
    THAI_MONTHS,
    be_year,
    format_thai_date,
    thai_now,
    to_thai_time,
)
from korat_desktop.errors import PdfError
from korat_desktop.pdf.canvas import Canvas
from korat_desktop.pdf.embed import FontUsage
from korat_desktop.pdf.fonts import load_font
from korat_desktop.pdf.linebreak import wrap
from korat_desktop.pdf.writer import assemble

__all__ = ["A4_LANDSCAPE", "render_register_pdf"]

A4_LANDSCAPE = (841.89, 595.28)
_MARGIN_X = 28.0
_MARGIN_TOP = 28.0
_MARGIN_BOTTOM = 34.0
_SIZE = 10.0
_LEADING = 13.0
_PAD_X = 3.0
_PAD_Y = 3.5
# share of the table width per column, in REGISTER_COLUMNS order
_COLUMN_SHARES = {
    "number": 0.06, "letter_number": 0.11, "letter_date": 0.075, "sender": 0.17,
    "recipient": 0.14, "subject": 0.265, "action": 0.1, "remarks": 0.08,
}
_SUBJECT_COLUMN = 5  # position of "subject" in REGISTER_COLUMNS (both registers)
_VOID_RGB = (0.62, 0.05, 0.05)
_URGENT_RGB = (0.75, 0.0, 0.0)


@dataclass(frozen=True)
class _Row:
    kind: str  # "heading" | "entry" | "void"
    cells: tuple[tuple[str, ...], ...]  # wrapped lines per column (heading: one cell)
    height: float
    urgent: bool = False


def render_register_pdf(entries: Sequence[RegisterEntry], register: RegisterKind, year_be: int,
                        agency_name: str, thai_digits: bool = False,
                        period: tuple[dt.date, dt.date] | None = None) -> bytes:
    """The register for ``year_be`` as a PDF (only entries of that register and year).

    With ``period`` (first and last day, Thai local dates), the entries registered on
    those days instead, whatever their year (numbers restart each year: by year, then
    number), under a heading that names the days.
    """
    try:
        return _render(entries, register, year_be, agency_name, thai_digits, period)
    except PdfError:
        raise
    except Exception as e:
        raise PdfError("pdf.report_failed", detail=str(e)[:160] or type(e).__name__) from e


def _render(entries: Sequence[RegisterEntry], register: RegisterKind, year_be: int,
            agency_name: str, thai_digits: bool,
            period: tuple[dt.date, dt.date] | None) -> bytes:
    fonts = {"F1": FontUsage(load_font(False), "KORATA"),
             "F2": FontUsage(load_font(True), "KORATB")}
    page_w, page_h = A4_LANDSCAPE
    table_w = page_w - 2 * _MARGIN_X
    columns = REGISTER_COLUMNS[register]
    widths = [table_w * _COLUMN_SHARES.get(key, 0.1) for key, _, _ in columns]
    widths[-1] += table_w - sum(widths)

    def digits(text: str) -> str:
        return to_thai_digits(text) if thai_digits else text

    rows = _build_rows(_selected(entries, register, year_be, period), widths, digits)
    header = _header_cells(columns, widths)
    header_h = max(len(c) for c in header) * _LEADING + 2 * _PAD_Y
    title_h = 52.0
    body_top = page_h - _MARGIN_TOP - title_h - header_h
    pages = _paginate(rows, body_top - _MARGIN_BOTTOM)

    printed = digits(format_thai_date(thai_now().date(), "full"))
    title = f"{register.thai} {agency_name}".strip()
    subtitle = digits(f"ประจำปี พ.ศ. {year_be}" if period is None else
                      f"ระหว่างวันที่ {format_thai_date(period[0], 'full')} ถึงวันที่ "
                      f"{format_thai_date(period[1], 'full')}")
    contents = []
    for number, page_rows in enumerate(pages, start=1):
        canvas = Canvas(fonts)
        top = page_h - _MARGIN_TOP
        _centered(canvas, title, "F2", 16, top - 14, page_w)
        _centered(canvas, subtitle, "F1", 13, top - 33, page_w)
        y = top - title_h
        _draw_header(canvas, header, widths, y, header_h)
        y -= header_h
        for row in page_rows:
            _draw_row(canvas, row, widths, y)
            y -= row.height
        footer = digits(f"หน้า {number} / {len(pages)}")
        fw = canvas.text_width(footer, "F1", 9)
        canvas.text(page_w - _MARGIN_X - fw, _MARGIN_BOTTOM - 18, footer, "F1", 9, gray=0.25)
        canvas.text(_MARGIN_X, _MARGIN_BOTTOM - 18, f"พิมพ์เมื่อ {printed}", "F1", 9, gray=0.25)
        contents.append(canvas.data())
    return assemble(contents, fonts, A4_LANDSCAPE,
                    title=f"{register.thai} {agency_name} {subtitle}")


def _centered(canvas: Canvas, text: str, font: str, size: float, y: float, page_w: float) -> None:
    """Centre ``text``; a very long agency name is set smaller rather than cut off."""
    while canvas.text_width(text, font, size) > page_w - 2 * _MARGIN_X and size > 8:
        size -= 0.5
    canvas.text((page_w - canvas.text_width(text, font, size)) / 2, y, text, font, size)


def _header_cells(columns: Sequence[tuple[str, str, str]],
                  widths: list[float]) -> tuple[tuple[str, ...], ...]:
    bold = load_font(True)
    return tuple(tuple(wrap(bold, thai, _SIZE, w - 2 * _PAD_X))
                 for (_, thai, _), w in zip(columns, widths, strict=True))


def _selected(entries: Sequence[RegisterEntry], register: RegisterKind, year_be: int,
              period: tuple[dt.date, dt.date] | None) -> list[RegisterEntry]:
    if period is None:
        return sorted((e for e in entries if e.register is register and e.year_be == year_be),
                      key=lambda e: e.number)
    first, last = period
    return sorted((e for e in entries if e.register is register
                   and first <= to_thai_time(e.registered_at).date() <= last),
                  key=lambda e: (e.year_be, e.number))


def _build_rows(selected: Sequence[RegisterEntry], widths: list[float],
                to_digits: Callable[[str], str]) -> list[_Row]:
    regular = load_font(False)
    rows: list[_Row] = []
    current_day: dt.date | None = None
    total_w = sum(widths)
    for entry in selected:
        day = to_thai_time(entry.registered_at).date()
        if day != current_day:
            current_day = day
            heading = to_digits(
                f"วันที่ {day.day} {THAI_MONTHS[day.month - 1]} พ.ศ. {be_year(day)}")
            rows.append(_Row("heading", ((heading,),), _LEADING + 2 * _PAD_Y))
        number = to_digits(str(entry.number))
        if entry.voided:
            reason = entry.void_reason.strip() or "-"
            text = f"ยกเลิกเลข  เหตุผล: {reason}"
            lines = tuple(wrap(regular, text, _SIZE, total_w - widths[0] - 2 * _PAD_X))
            rows.append(_Row("void", ((number,), lines),
                             len(lines) * _LEADING + 2 * _PAD_Y))
            continue
        subject = entry.subject
        if entry.urgency.is_urgent:
            subject = f"({entry.urgency.label('th')}) {subject}"
        values = {
            "number": number,
            "letter_number": to_digits(entry.letter_number),
            "letter_date": (to_digits(format_thai_date(entry.letter_date, "abbr"))
                            if entry.letter_date else "-"),
            "sender": entry.sender,
            "recipient": entry.recipient,
            "subject": subject,
            "action": entry.action,
            "remarks": entry.remarks,
        }
        cells = tuple(
            tuple(wrap(regular, values.get(key, ""), _SIZE, w - 2 * _PAD_X))
            for (key, _, _), w in zip(REGISTER_COLUMNS[entry.register], widths, strict=True)
        )
        height = max(len(c) for c in cells) * _LEADING + 2 * _PAD_Y
        rows.append(_Row("entry", cells, height, entry.urgency.is_urgent))
    return rows


def _paginate(rows: list[_Row], available: float) -> list[list[_Row]]:
    """Split rows into pages; a day heading never ends a page; at least one page."""
    pages: list[list[_Row]] = [[]]
    used = 0.0
    for i, row in enumerate(rows):
        need = row.height
        if row.kind == "heading" and i + 1 < len(rows):
            need += rows[i + 1].height
        if pages[-1] and used + need > available:
            pages.append([])
            used = 0.0
        if row.height > available:  # absurdly long cell: clip to one page
            row = _Row(row.kind, tuple(c[: int((available - 2 * _PAD_Y) // _LEADING)]
                                       for c in row.cells), available, row.urgent)
        pages[-1].append(row)
        used += row.height
    return pages


def _draw_header(canvas: Canvas, header: tuple[tuple[str, ...], ...], widths: list[float],
                 top: float, height: float) -> None:
    canvas.rect(_MARGIN_X, top - height, sum(widths), height, stroke=0.6, fill_gray=0.88)
    x = _MARGIN_X
    for lines, w in zip(header, widths, strict=True):
        block = len(lines) * _LEADING
        y = top - (height - block) / 2 - _LEADING + 3.5
        for line in lines:
            lw = canvas.text_width(line, "F2", _SIZE)
            canvas.text(x + (w - lw) / 2, y, line, "F2", _SIZE)
            y -= _LEADING
        if x > _MARGIN_X:
            canvas.line(x, top, x, top - height, 0.6)
        x += w


def _draw_row(canvas: Canvas, row: _Row, widths: list[float], top: float) -> None:
    total = sum(widths)
    bottom = top - row.height
    first_base = top - _PAD_Y - _LEADING + 3.5
    if row.kind == "heading":
        canvas.rect(_MARGIN_X, bottom, total, row.height, stroke=0.6, fill_gray=0.95)
        canvas.text(_MARGIN_X + _PAD_X, first_base, row.cells[0][0], "F2", _SIZE)
        return
    canvas.rect(_MARGIN_X, bottom, total, row.height, stroke=0.4)
    if row.kind == "void":
        number, lines = row.cells
        nw = canvas.text_width(number[0], "F1", _SIZE)
        canvas.text(_MARGIN_X + (widths[0] - nw) / 2, first_base, number[0], "F1", _SIZE,
                    rgb=_VOID_RGB)
        canvas.line(_MARGIN_X + widths[0], top, _MARGIN_X + widths[0], bottom, 0.4)
        y = first_base
        for line in lines:
            canvas.text(_MARGIN_X + widths[0] + _PAD_X, y, line, "F1", _SIZE, rgb=_VOID_RGB)
            y -= _LEADING
        return
    x = _MARGIN_X
    for index, (lines, w) in enumerate(zip(row.cells, widths, strict=True)):
        y = first_base
        for line in lines:
            if index in (0, 2):  # numbers and dates centred
                lx = x + (w - canvas.text_width(line, "F1", _SIZE)) / 2
            else:
                lx = x + _PAD_X
            rgb = _URGENT_RGB if row.urgent and index == _SUBJECT_COLUMN else None
            canvas.text(lx, y, line, "F1", _SIZE, rgb=rgb)
            y -= _LEADING
        if index:
            canvas.line(x, top, x, bottom, 0.4)
        x += w
