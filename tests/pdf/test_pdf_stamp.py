"""The receipt stamp: incremental, extractable, placed right, signatures kept intact."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pypdf
import pytest
from pdf_helpers import object_stream_pdf, pdf_with_page, sign, validate

from korat_desktop.errors import PdfError
from korat_desktop.pdf.inspect import check_pdf
from korat_desktop.pdf.receipt_stamp import ReceiptStamp, stamp_receipt
from korat_desktop.pdf.stamp_policy import receipt_stamp_diff_policy
from korat_desktop.pdf.text import extract_text


def _page1_text(data: bytes) -> str:
    return pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_stamp_is_incremental_and_extractable(letter_pdf: bytes, stamp: ReceiptStamp) -> None:
    out = stamp_receipt(letter_pdf, stamp)
    assert out.startswith(letter_pdf)
    text = _page1_text(out)
    assert "เลขรับ 1234/2569" in text
    assert "วันที่ 21 พฤศจิกายน 2569" in text
    assert "เวลา 10.05 น." in text  # 03:05 UTC is 10:05 in Thailand
    assert "สำนักงานเขตพื้นที่" in text
    info = check_pdf(out)
    assert info.revisions == 2 and info.page_count == 1


def test_thai_digits(letter_pdf: bytes, stamp: ReceiptStamp) -> None:
    out = stamp_receipt(letter_pdf, dataclasses.replace(stamp, thai_digits=True))
    assert "เลขรับ ๑๒๓๔/๒๕๖๙" in _page1_text(out)


def _stamp_box(data: bytes) -> tuple[float, float, float, float]:
    """Where the stamp's border is drawn, in default user space (from the content)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    page = reader.pages[0]
    annots = page.get("/Annots")
    if annots:
        rect = [float(v) for v in annots[-1].get_object()["/Rect"]]
        return rect[0], rect[1], rect[2], rect[3]
    contents = page.get_contents()
    assert contents is not None
    ops = contents.get_data().decode("latin-1")
    a, b, c, d, e, f = (float(v) for v in ops.rsplit(" cm ", 1)[0].split("q")[-1].split()[-6:])
    w, h = 50 * 72 / 25.4, 25 * 72 / 25.4
    xs = [a * x + c * y + e for x, y in ((0, 0), (w, 0), (0, h), (w, h))]
    ys = [b * x + d * y + f for x, y in ((0, 0), (w, 0), (0, h), (w, h))]
    return min(xs), min(ys), max(xs), max(ys)


@pytest.mark.parametrize("mode", ["content", "annotation"])
@pytest.mark.parametrize(("rotate", "corner"), [
    (0, "top-right"), (90, "top-left"), (180, "bottom-left"), (270, "bottom-right"),
])
def test_placement_follows_rotation_and_cropbox(stamp: ReceiptStamp, rotate: int, corner: str,
                                                mode: str) -> None:
    """Top right *as displayed*: on the unrotated page that corner moves with /Rotate."""
    crop = (40, 60, 540, 780)
    data = pdf_with_page(f"/Rotate {rotate}/CropBox[{' '.join(map(str, crop))}]")
    x0, y0, x1, y1 = _stamp_box(stamp_receipt(data, stamp, mode=mode))  # type: ignore[arg-type]
    assert crop[0] <= x0 and x1 <= crop[2] and crop[1] <= y0 and y1 <= crop[3]
    near_top, near_right = y1 > crop[3] - 40, x1 > crop[2] - 40
    near_bottom, near_left = y0 < crop[1] + 40, x0 < crop[0] + 40
    expected = {"top-right": near_top and near_right, "top-left": near_top and near_left,
                "bottom-left": near_bottom and near_left,
                "bottom-right": near_bottom and near_right}
    assert expected[corner], (x0, y0, x1, y1)
    long_side_vertical = (y1 - y0) > (x1 - x0)
    assert long_side_vertical == (rotate in (90, 270))


def test_object_streams_and_revisions(stamp: ReceiptStamp) -> None:
    out = stamp_receipt(object_stream_pdf(), stamp)
    assert check_pdf(out).revisions == 3
    text = _page1_text(out)
    assert "Object streams" in text and "เลขรับ" in text


def test_content_without_state_leak(stamp: ReceiptStamp) -> None:
    """Page content that leaves a transformed CTM must not move the stamp."""
    data = pdf_with_page(content=b"0.5 0 0 0.5 0 0 cm BT /F1 24 Tf 72 700 Td (Hi) Tj ET")
    _, _, x1, y1 = _stamp_box(stamp_receipt(data, stamp))
    assert x1 > 500 and y1 > 780


def test_signed_pdf_signature_stays_intact(letter_pdf: bytes, stamp: ReceiptStamp,
                                           signer_files) -> None:
    from pyhanko.sign.diff_analysis import ModificationLevel

    signed = sign(letter_pdf, signer_files)
    out = stamp_receipt(signed, stamp)
    assert out.startswith(signed)
    # stock pyHanko policy: bytes intact and valid, but it cannot explain annotations
    status = validate(out, signer_files)
    assert status.intact and status.valid and status.trusted
    assert status.modification_level == ModificationLevel.OTHER
    # with our rule the stamp is recognised as an annotation, allowed after approval
    status = validate(out, signer_files, receipt_stamp_diff_policy())
    assert status.intact and status.valid
    assert status.modification_level == ModificationLevel.ANNOTATIONS
    assert status.docmdp_ok and status.bottom_line
    # the stamp is an annotation, so it shows up through our extractor
    assert "เลขรับ 1234/2569" in extract_text(out)
    assert pypdf.PdfReader(io.BytesIO(out)).pages[0]["/Annots"]


def test_certified_annotations_allowed(letter_pdf: bytes, stamp: ReceiptStamp,
                                       signer_files) -> None:
    out = stamp_receipt(sign(letter_pdf, signer_files, certify_level=3), stamp)
    status = validate(out, signer_files, receipt_stamp_diff_policy())
    assert status.intact and status.docmdp_ok


@pytest.mark.parametrize("level", [1, 2])
def test_certified_no_changes_refused(letter_pdf: bytes, stamp: ReceiptStamp, signer_files,
                                      level: int) -> None:
    with pytest.raises(PdfError) as info:
        stamp_receipt(sign(letter_pdf, signer_files, certify_level=level), stamp)
    assert info.value.code == "pdf.stamp_not_permitted"
    assert str(level) in info.value.message("th")


def test_policy_rejects_other_changes(letter_pdf: bytes, signer_files) -> None:
    """The rule clears stamps only: a content change after signing is still OTHER."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.diff_analysis import ModificationLevel

    signed = sign(letter_pdf, signer_files)
    w = IncrementalPdfFileWriter(io.BytesIO(signed))
    w.add_stream_to_page(0, w.add_object(generic.StreamObject(stream_data=b"0 0 m 9 9 l S")))
    out = io.BytesIO()
    w.write(out)
    status = validate(out.getvalue(), signer_files, receipt_stamp_diff_policy())
    assert status.modification_level == ModificationLevel.OTHER


@pytest.mark.parametrize("bad", [
    {"receive_number": 0}, {"year_be": 2026}, {"agency_name": "  "}, {"width_mm": 5},
])
def test_bad_stamp_data(letter_pdf: bytes, stamp: ReceiptStamp, bad: dict) -> None:
    with pytest.raises(PdfError) as info:
        stamp_receipt(letter_pdf, dataclasses.replace(stamp, **bad))
    assert info.value.code == "pdf.bad_stamp"


def test_bad_inputs(letter_pdf: bytes, stamp: ReceiptStamp) -> None:
    for data, code in ((b"nope", "pdf.not_pdf"), (letter_pdf[:500], "pdf.truncated")):
        with pytest.raises(PdfError) as info:
            stamp_receipt(data, stamp)
        assert info.value.code == code


def test_naive_datetime_is_utc(letter_pdf: bytes, stamp: ReceiptStamp) -> None:
    naive = dataclasses.replace(stamp, received_at=dt.datetime(2026, 12, 31, 20, 0))
    assert naive.lines()[2] == "วันที่ 1 มกราคม 2570"
