"""Sample letters, shaping, line breaking and text extraction."""

from __future__ import annotations

import io

import pypdf
from fontTools.ttLib import TTFont

from korat_desktop.pdf.embed import FontUsage
from korat_desktop.pdf.fonts import load_font
from korat_desktop.pdf.linebreak import wrap
from korat_desktop.pdf.sample import make_letter_pdf
from korat_desktop.pdf.text import extract_text

TRICKY = "น้ำ ปี่ ป่า ฟ้า ญู ฐุ กั้น ที่ ผู้ใหญ่ ฝ้าย ปั้น ฟื้น ทำ สำนัก ซ้ำ ต่ำ office fine ๑๒๓"


def test_sample_is_small_and_valid() -> None:
    data = make_letter_pdf("เรื่องทดสอบ 1", ["ด้วยสำนักงานขอแจ้งให้ทราบ"])
    assert len(data) < 25_000
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1


def test_thai_text_round_trips_through_pypdf() -> None:
    data = make_letter_pdf("ทดสอบการจัดรูปอักษร", [TRICKY])
    text = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert TRICKY in text.replace("\n", " ")


def test_multi_page_sample() -> None:
    data = make_letter_pdf("หลายหน้า", ["บรรทัด"] * 3, pages=3)
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 3
    assert "- 3 -" in extract_text(data)


def test_extract_text_never_raises() -> None:
    assert extract_text(b"") == ""
    assert extract_text(b"%PDF-1.7 garbage") == ""
    assert extract_text(b"\x00" * 100) == ""


def test_extract_text_limit() -> None:
    data = make_letter_pdf("ยาว", ["ข้อความ " * 40] * 20)
    assert len(extract_text(data, max_chars=50)) == 50


def test_shaping_uses_alternate_glyphs() -> None:
    font = load_font()
    run = font.shape("ปี่")
    assert "".join(run.texts) == "ปี่"
    tone = run.gids[2]
    plain = font.shape("่").gids[0]
    assert tone != plain  # the small/shifted tone mark, not the default one
    assert run.x_offsets[2] < -100  # pushed left, clear of ป's tail


def test_sara_am_maps_back_to_one_character() -> None:
    run = load_font().shape("สำ")
    assert len(run.gids) == 3
    assert run.texts == ("ส", "", "ำ")


def test_thai_comes_back_in_typing_order() -> None:
    # a sender's font that maps ำ back to ํ + า, or a tone before its vowel: search and
    # intake must see "กำหนด" and "เรื่อง"
    text = extract_text(make_letter_pdf("กําหนดการประชุม", ["ทํา", "เร่ือง ผู่ ดู้"]))
    assert "เรื่อง กำหนดการประชุม" in text and "ทำ" in text
    assert "\u0e4d\u0e32" not in text
    assert "เรื่อง ผู่ ดู้" in text  # tone marks after their vowel, as typed


def test_subset_font_is_a_valid_truetype() -> None:
    usage = FontUsage(load_font())
    usage.show(load_font().shape(TRICKY), 12)
    parts = usage.parts()
    font = TTFont(io.BytesIO(parts.font_file))
    assert font["maxp"].numGlyphs == load_font().glyph_count
    assert len(parts.font_file) < 20_000
    assert len(parts.widths) == len(parts.cid_to_gid) // 2 - 1


def test_wrap_keeps_marks_with_their_consonant() -> None:
    font = load_font()
    text = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษานครราชสีมา"
    for width in (40, 60, 90, 140):
        lines = wrap(font, text, 10, width)
        assert "".join(lines) == text
        for line in lines:
            assert not ("\u0e30" <= line[0] <= "\u0e3a" and line[0] not in "ะาำ")
            assert line[0] not in "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d"
            assert font.width(line, 10) <= width or len(line) <= 2


def test_wrap_prefers_word_boundaries() -> None:
    lines = wrap(load_font(True), "เลขทะเบียนรับ", 10, 40)
    assert lines[0] == "เลข"
