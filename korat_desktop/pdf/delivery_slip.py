"""The delivery slip for letters that go by hand (ใบรับหนังสือ / สมุดส่งหนังสือ), A4.

The messenger carries it with the letters; whoever takes each one signs its line and
writes the date and time, and the slip comes back as the office's proof of delivery,
as the paper สมุดส่งหนังสือ does. One block per letter: the ที่ (our send number), the
ลงวันที่, ถึง, เรื่อง, then the lines to sign. A ลับ/ลับมาก/ลับที่สุด letter's
subject is not printed (the messenger and the front desk see the slip; the regulation
keeps a secret letter's subject inside its envelope): its class is printed instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from korat_desktop.domain.digits import to_thai_digits
from korat_desktop.domain.letters import Secrecy
from korat_desktop.domain.registers import RegisterEntry, RegisterKind
from korat_desktop.domain.thai_dates import format_thai_date, thai_now
from korat_desktop.errors import PdfError
from korat_desktop.pdf.canvas import Canvas
from korat_desktop.pdf.embed import FontUsage
from korat_desktop.pdf.fonts import load_font
from korat_desktop.pdf.linebreak import wrap
from korat_desktop.pdf.sample import A4_PORTRAIT
from korat_desktop.pdf.writer import assemble

__all__ = ["render_delivery_slip", "slip_subject"]

_LEFT = 57.0
_RIGHT = A4_PORTRAIT[0] - 42.0
_TOP = A4_PORTRAIT[1] - 48.0
_BOTTOM = 48.0
_SIZE = 14.0
_LEADING = 19.0
_LABEL_W = 62.0


def slip_subject(entry: RegisterEntry) -> str:
    """What the slip says for the letter's เรื่อง."""
    if entry.secrecy is not Secrecy.NONE:
        return f"(หนังสือชั้นความลับ {entry.secrecy.label('th')} ไม่แสดงชื่อเรื่อง)"
    return entry.subject


def render_delivery_slip(entries: Sequence[RegisterEntry], agency_name: str,
                         thai_digits: bool = False) -> bytes:
    """A slip for ``entries`` (in the order given), as many A4 pages as they need."""
    if not entries:
        raise PdfError("pdf.report_failed", detail="no letters for the slip")
    try:
        return _render(entries, agency_name, thai_digits)
    except PdfError:
        raise
    except Exception as e:
        raise PdfError("pdf.report_failed", detail=str(e)[:160] or type(e).__name__) from e


def _render(entries: Sequence[RegisterEntry], agency_name: str, thai_digits: bool) -> bytes:
    fonts = {"F1": FontUsage(load_font(False), "KORATA"),
             "F2": FontUsage(load_font(True), "KORATB")}
    regular = fonts["F1"].font

    def digits(text: str) -> str:
        return to_thai_digits(text) if thai_digits else text

    value_w = _RIGHT - _LEFT - _LABEL_W - 8
    blocks = []
    for entry in entries:
        number = (entry.letter_number if entry.register is RegisterKind.SEND
                  else f"{entry.number}/{entry.year_be}")
        day = (format_thai_date(entry.letter_date, "full") if entry.letter_date
               else format_thai_date(thai_now().date(), "full"))
        rows = [("ที่", [digits(number)]), ("ลงวันที่", [digits(day)]),
                ("ถึง", wrap(regular, entry.recipient or "-", _SIZE, value_w)),
                ("เรื่อง", wrap(regular, slip_subject(entry), _SIZE, value_w))]
        blocks.append(rows)

    sign_h = 3 * _LEADING + 14
    pages: list[bytes] = []
    canvas, y = _new_page(fonts, agency_name, digits)
    for index, rows in enumerate(blocks, start=1):
        height = sum(len(lines) for _, lines in rows) * _LEADING + sign_h + 18
        if y - height < _BOTTOM and y < _TOP - 80:
            pages.append(canvas.data())
            canvas, y = _new_page(fonts, agency_name, digits)
        top = y
        canvas.text(_LEFT, y, digits(f"{index}."), "F2", _SIZE)
        for label, lines in rows:
            canvas.text(_LEFT + 18, y, label, "F2", _SIZE)
            for line in lines:
                canvas.text(_LEFT + _LABEL_W + 8, y, line, "F1", _SIZE)
                y -= _LEADING
        y -= 8
        half = (_RIGHT - _LEFT) / 2
        canvas.text(_LEFT + 18, y, "ลงชื่อ ...................................... ผู้รับ",
                    "F1", _SIZE)
        canvas.text(_LEFT + half + 10, y, "วันที่ ........................", "F1", _SIZE)
        y -= _LEADING
        canvas.text(_LEFT + 46, y, "(......................................)", "F1", _SIZE)
        canvas.text(_LEFT + half + 10, y, "เวลา .................. น.", "F1", _SIZE)
        y -= _LEADING + 4
        canvas.rect(_LEFT - 6, y + 4, _RIGHT - _LEFT + 12, top - y + 12, stroke=0.5,
                    stroke_gray=0.55)
        y -= 14
    pages.append(canvas.data())
    return assemble(pages, fonts, A4_PORTRAIT, title=f"ใบรับหนังสือ {agency_name}".strip())


def _new_page(fonts: dict[str, FontUsage], agency_name: str,
              digits: Callable[[str], str]) -> tuple[Canvas, float]:
    canvas = Canvas(fonts)
    width = A4_PORTRAIT[0]
    title = "ใบรับหนังสือ"
    canvas.text((width - canvas.text_width(title, "F2", 20)) / 2, _TOP, title, "F2", 20)
    line = f"จาก {agency_name}".strip()
    canvas.text((width - canvas.text_width(line, "F1", _SIZE)) / 2, _TOP - 24, line, "F1",
                _SIZE)
    printed = digits(f"พิมพ์เมื่อ {format_thai_date(thai_now().date(), 'full')}")
    canvas.text(_RIGHT - canvas.text_width(printed, "F1", 10), _TOP - 42, printed, "F1", 10,
                gray=0.3)
    return canvas, _TOP - 72
