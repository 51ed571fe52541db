"""The printed register: columns, day headings, voided numbers, pages, speed."""

from __future__ import annotations

import io

import pypdf
import pytest
from pdf_factories import make_entries

from korat_desktop.domain.registers import REGISTER_COLUMNS, RegisterKind
from korat_desktop.errors import PdfError
from korat_desktop.pdf.inspect import check_pdf
from korat_desktop.pdf.register_report import render_register_pdf

AGENCY = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษานครราชสีมา เขต 1"


def _pages(data: bytes) -> list[str]:
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def report() -> bytes:
    return render_register_pdf(make_entries(150), RegisterKind.RECEIVE, 2569, AGENCY)


def test_landscape_a4_with_title(report: bytes) -> None:
    info = check_pdf(report)
    assert (info.page_width_pt, info.page_height_pt) == (841.89, 595.28)
    first = _pages(report)[0]
    assert f"ทะเบียนหนังสือรับ {AGENCY}" in first
    assert "ประจำปี พ.ศ. 2569" in first


def test_header_and_page_numbers_on_every_page(report: bytes) -> None:
    pages = _pages(report)
    assert len(pages) > 3
    for number, text in enumerate(pages, start=1):
        flat = text.replace("\n", "")
        for _, thai, _ in REGISTER_COLUMNS[RegisterKind.RECEIVE]:
            assert thai in flat
        assert f"หน้า {number} / {len(pages)}" in text


def test_rows_grouped_by_thai_date(report: bytes) -> None:
    text = "\n".join(_pages(report))
    # entries start 2 Jan 2026 01:30 UTC = 08:30 Thai time, 40 per day
    assert "วันที่ 2 มกราคม พ.ศ. 2569" in text
    assert "วันที่ 3 มกราคม พ.ศ. 2569" in text
    assert text.index("วันที่ 2 มกราคม") < text.index("วันที่ 3 มกราคม")
    assert "31 ธ.ค." in text  # abbreviated letter dates
    assert "นม 0017.1/1001" in text


def test_voided_numbers_shown_with_reason(report: bytes) -> None:
    text = "\n".join(_pages(report))
    assert "ยกเลิกเลข" in text and "ออกเลขซ้ำซ้อนจากเครื่องสำรอง" in text


def test_long_subjects_wrapped_not_lost(report: bytes) -> None:
    text = "".join(_pages(report)).replace("\n", "").replace(" ", "")
    assert "ณโรงเรียนในสังกัดสำนักงานเขตพื้นที่การศึกษาประถมศึกษานครราชสีมา" in text


def test_thai_digits_and_register_filter() -> None:
    entries = make_entries(30) + make_entries(5, register=RegisterKind.SEND)
    data = render_register_pdf(entries, RegisterKind.SEND, 2569, AGENCY, thai_digits=True)
    text = "\n".join(_pages(data))
    assert "ทะเบียนหนังสือส่ง" in text and "เลขทะเบียนส่ง" in text.replace("\n", "")
    assert "ประจำปี พ.ศ. ๒๕๖๙" in text
    assert "หน้า ๑ / ๑" in text


def test_empty_register_still_prints_one_page() -> None:
    data = render_register_pdf([], RegisterKind.RECEIVE, 2569, AGENCY)
    assert check_pdf(data).page_count == 1


def test_two_thousand_rows() -> None:
    entries = make_entries(2000)
    data = render_register_pdf(entries, RegisterKind.RECEIVE, 2569, AGENCY)
    assert check_pdf(data).page_count > 100


def test_failures_are_pdf_errors() -> None:
    with pytest.raises(PdfError) as info:
        render_register_pdf([object()], RegisterKind.RECEIVE, 2569, AGENCY)  # type: ignore[list-item]
    assert info.value.code == "pdf.report_failed"
