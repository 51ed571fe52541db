"""The receipt stamp lands on blank space, not on the sender's address.

Checked independently of the search: both PDFs are rendered again with pdfium at a
finer resolution than the search uses, and the pixels inside the stamp's box compared:
the original has no ink there, the stamped page has the stamp's blue there.
"""

from __future__ import annotations

import dataclasses

import pypdfium2 as pdfium
import pytest
from pdf_helpers import pdf_with_page

from korat_desktop.errors import PdfError
from korat_desktop.pdf.free_space import (
    StampPlace,
    StampRequest,
    choose_place,
    fixed_place,
    ink_map,
)
from korat_desktop.pdf.receipt_stamp import ReceiptStamp, stamp_receipt
from korat_desktop.services.pdf_work import _stamp
from tests.support.intake_corpus import corpus

_DPI = 100


def _letter_with_address() -> bytes:
    """An external letter: the sender's address block at the top right."""
    return next(s.pdf for s in corpus() if s.name == "external_plain")


def _dark_pixels(pdf: bytes, box_mm: tuple[float, float, float, float]) -> tuple[int, int]:
    """(dark pixels, of them bluish) inside ``box_mm`` (x, y, w, h from the top left)."""
    doc = pdfium.PdfDocument(pdf)
    try:
        image = doc[0].render(scale=_DPI / 72, draw_annots=True).to_pil().convert("RGB")
    finally:
        doc.close()
    px = _DPI / 25.4
    x, y, w, h = box_mm
    crop = image.crop((round(x * px), round(y * px), round((x + w) * px), round((y + h) * px)))
    dark = [p for p in crop.get_flattened_data() if min(p) < 200]
    return len(dark), sum(1 for r, g, b in dark if b > r + 40)


def test_stamp_lands_on_blank_space_beside_the_address(stamp: ReceiptStamp) -> None:
    pdf = _letter_with_address()
    size = (stamp.width_mm, stamp.height_mm)
    ink = ink_map(pdf)
    assert ink.page_mm == pytest.approx((210, 297), abs=0.6)
    old = fixed_place(ink.page_mm, *size)
    assert _dark_pixels(pdf, (old.x_mm, old.y_mm, *size))[0] > 100  # the old place: text

    place = choose_place(ink, *size)
    assert place.source == "free_space" and not place.fell_back
    assert place.x_mm + size[0] > ink.page_mm[0] / 2  # still on the right-hand side
    box = (place.x_mm, place.y_mm, *size)
    assert _dark_pixels(pdf, box) == (0, 0)  # no original ink under it
    stamped = stamp_receipt(pdf, stamp, at=(place.x_mm, place.y_mm))
    dark, blue = _dark_pixels(stamped, box)
    assert dark > 100 and blue > dark * 0.8  # the stamp is drawn exactly there


def test_the_worker_stamps_where_the_search_says(stamp: ReceiptStamp) -> None:
    pdf = _letter_with_address()
    out = _stamp((pdf, stamp, StampRequest()))
    assert out.error_code is None and out.place is not None
    assert out.place == choose_place(ink_map(pdf), stamp.width_mm, stamp.height_mm)
    assert _dark_pixels(out.pdf, (out.place.x_mm, out.place.y_mm, stamp.width_mm,
                                  stamp.height_mm))[1] > 100


def test_a_full_page_falls_back_to_the_fixed_corner_and_says_so(stamp: ReceiptStamp) -> None:
    full = pdf_with_page(content=b"0 0 0 rg 0 0 595 842 re f")  # a dark full-page scan
    out = _stamp((full, stamp, StampRequest()))
    assert out.place is not None and out.place.source == "fixed" and out.place.fell_back
    assert out.place == fixed_place(ink_map(full).page_mm, stamp.width_mm, stamp.height_mm)
    assert out.pdf.startswith(full)


def test_a_remembered_place_is_used_only_where_the_page_is_blank(stamp: ReceiptStamp) -> None:
    pdf = _letter_with_address()
    ink = ink_map(pdf)
    size = (stamp.width_mm, stamp.height_mm)
    blank = choose_place(ink, *size)
    low = (blank.x_mm, 240.0)  # bottom right: blank on this letter
    assert _dark_pixels(pdf, (*low, *size))[0] == 0
    assert choose_place(ink, *size, StampRequest(remembered=low)) == StampPlace(*low,
                                                                               "remembered")
    on_address = (fixed_place(ink.page_mm, *size).x_mm, 20.0)
    assert choose_place(ink, *size, StampRequest(remembered=on_address)) == blank


def test_the_clerks_place_is_used_as_given_and_off_page_is_refused(stamp: ReceiptStamp) -> None:
    pdf = _letter_with_address()
    ink = ink_map(pdf)
    chosen = choose_place(ink, 50, 25, StampRequest(at=(12.0, 30.0)))  # on text: their call
    assert chosen == StampPlace(12.0, 30.0, "clerk")
    stamped = stamp_receipt(pdf, stamp, at=(12.0, 30.0))
    assert _dark_pixels(stamped, (12.0, 30.0, 50, 25))[1] > 100
    with pytest.raises(PdfError) as e:
        choose_place(ink, 50, 25, StampRequest(at=(190.0, 10.0)))
    assert e.value.code == "pdf.stamp_off_page"
    assert "นอกหน้ากระดาษ" in e.value.message("th")


@pytest.mark.parametrize("rotate", [90, 270])
def test_a_rotated_page_is_searched_as_displayed(stamp: ReceiptStamp, rotate: int) -> None:
    text = b"BT /F1 24 Tf 400 780 Td (Sender address line) Tj 0 -30 Td (Second line) Tj ET"
    pdf = pdf_with_page(f"/Rotate {rotate}", content=text)
    ink = ink_map(pdf)
    assert ink.page_mm[0] > ink.page_mm[1]  # landscape as displayed
    out = _stamp((pdf, dataclasses.replace(stamp, receive_number=7), StampRequest()))
    assert out.place is not None and out.place.source == "free_space"
    box = (out.place.x_mm, out.place.y_mm, stamp.width_mm, stamp.height_mm)
    assert _dark_pixels(pdf, box) == (0, 0)
    assert _dark_pixels(out.pdf, box)[1] > 100
