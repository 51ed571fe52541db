"""Sample letters for tests, benchmarks and demo mode.

Real shaped Thai text in an embedded Sarabun subset, so the documents behave like the
letters offices receive: text extraction, search indexing and stamping all work on
them. Building one takes a few milliseconds and a one-page letter is a few KB.
"""

from __future__ import annotations

from korat_desktop.pdf.canvas import Canvas
from korat_desktop.pdf.embed import FontUsage
from korat_desktop.pdf.fonts import load_font
from korat_desktop.pdf.linebreak import wrap
from korat_desktop.pdf.writer import assemble

__all__ = ["A4_PORTRAIT", "make_letter_pdf"]

A4_PORTRAIT = (595.28, 841.89)
_MARGIN_LEFT = 85.0  # 3 cm, as on official letters
_MARGIN_RIGHT = 57.0  # 2 cm
_TOP = 841.89 - 57.0
_BOTTOM = 57.0
_BODY_SIZE = 14.0
_LEADING = 21.0


def make_letter_pdf(subject: str, body_lines: list[str], pages: int = 1) -> bytes:
    """A small internal-memo-style letter (บันทึกข้อความ) with ``subject`` and body.

    Body lines are wrapped to the page; with ``pages > 1`` the body is repeated on
    every page, each page numbered, so multi-page documents are easy to make.
    """
    fonts = {"F1": FontUsage(load_font(False), "KORATA"),
             "F2": FontUsage(load_font(True), "KORATB")}
    width = A4_PORTRAIT[0] - _MARGIN_LEFT - _MARGIN_RIGHT
    regular = fonts["F1"].font
    wrapped: list[str] = []
    for line in body_lines:
        wrapped.extend(wrap(regular, line, _BODY_SIZE, width))
    contents = []
    for page_no in range(1, max(pages, 1) + 1):
        canvas = Canvas(fonts)
        y = _TOP
        if page_no == 1:
            canvas.text(_MARGIN_LEFT + width / 2 - canvas.text_width("บันทึกข้อความ", "F2", 22) / 2,
                        y, "บันทึกข้อความ", "F2", 22)
            y -= 30
            label_w = canvas.text(_MARGIN_LEFT, y, "เรื่อง", "F2", _BODY_SIZE)
            subject_lines = wrap(regular, subject, _BODY_SIZE, width - label_w - 8)
            for line in subject_lines:
                canvas.text(_MARGIN_LEFT + label_w + 8, y, line, "F1", _BODY_SIZE)
                y -= _LEADING
            canvas.line(_MARGIN_LEFT, y + 12, _MARGIN_LEFT + width, y + 12, 0.5)
            y -= 6
        else:
            label = f"- {page_no} -"
            canvas.text(_MARGIN_LEFT + width / 2 - canvas.text_width(label, "F1", 12) / 2,
                        y, label, "F1", 12)
            y -= 30
        for line in wrapped:
            if y < _BOTTOM:
                break
            canvas.text(_MARGIN_LEFT, y, line, "F1", _BODY_SIZE)
            y -= _LEADING
        contents.append(canvas.data())

    return assemble(contents, fonts, A4_PORTRAIT, title=subject)
