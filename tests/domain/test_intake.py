"""Intake proposals read from letter text: each field, where it came from, and the traps
(a referenced letter's number and date, a meeting date in the body, "โดยด่วน")."""

from __future__ import annotations

import datetime as dt

import pytest

from korat_desktop.domain.intake import (
    CONFIDENT,
    IntakeField,
    IntakeProposals,
    letter_number_key,
    propose_fields,
)
from korat_desktop.domain.letters import LetterKind, Secrecy, Urgency

EXTERNAL = """\
ด่วนที่สุด
ที่ มท ๐๒๑๑.๓/ว ๑๒๓ กรมส่งเสริมการปกครองท้องถิ่น
ถนนนครราชสีมา เขตดุสิต กทม. ๑๐๓๐๐
๒๕ พ.ย. ๒๕๖๙
เรื่อง ซักซ้อมแนวทางการจัดทำแผนพัฒนาท้องถิ่นและการติดตาม
ประเมินผล ประจำปีงบประมาณ พ.ศ. ๒๕๗๐
เรียน ผู้ว่าราชการจังหวัด ทุกจังหวัด
อ้างถึง หนังสือกระทรวงมหาดไทย ที่ มท 0201.2/ว 1590 ลงวันที่ 1 ตุลาคม 2569
ขอเชิญประชุมในวันที่ 30 พฤศจิกายน 2569 จึงเรียนมาเพื่อโปรดดำเนินการ
โดยด่วน
ขอแสดงความนับถือ
(นายประเสริฐ มั่นคง)
อธิบดีกรมส่งเสริมการปกครองท้องถิ่น
"""


def _spans_point_at_their_text(text: str, proposals: IntakeProposals) -> None:
    for p in proposals.proposed():
        if "\n" not in p.span.text:
            assert text[p.span.start:p.span.end] == p.span.text, p.field
        assert text.splitlines()[p.span.line - 1].strip().startswith(
            p.span.text.split("\n")[0][:2]) or p.span.text.split("\n")[0] in \
            text.splitlines()[p.span.line - 1], p.field


def test_an_external_letter_gives_every_field_with_its_source():
    p = propose_fields(EXTERNAL)
    assert p.letter_number is not None and p.letter_number.value == "มท 0211.3/ว 123"
    assert p.letter_number.span.text == "มท ๐๒๑๑.๓/ว ๑๒๓"  # as printed
    assert p.letter_number.span.line == 2 and p.letter_number.confident
    assert p.letter_date is not None and p.letter_date.value == dt.date(2026, 11, 25)
    assert p.letter_date.span.text == "๒๕ พ.ย. ๒๕๖๙"
    assert p.subject is not None
    assert p.subject.value == ("ซักซ้อมแนวทางการจัดทำแผนพัฒนาท้องถิ่นและการติดตามประเมินผล "
                               "ประจำปีงบประมาณ พ.ศ. 2570")
    assert p.subject.span.line == 5 and p.subject.span.text.count("\n") == 1
    assert p.sender is not None and p.sender.value == "กรมส่งเสริมการปกครองท้องถิ่น"
    assert p.recipient is not None and p.recipient.value == "ผู้ว่าราชการจังหวัด ทุกจังหวัด"
    assert p.urgency is not None and p.urgency.value is Urgency.MOST_URGENT
    assert p.secrecy is None  # not stamped: nothing proposed
    assert p.kind is not None and p.kind.value is LetterKind.EXTERNAL
    assert p.missing() == (IntakeField.SECRECY,)
    _spans_point_at_their_text(EXTERNAL, p)


def test_the_referenced_letter_and_the_meeting_date_are_not_taken():
    # the header has no ที่ and no date: what stands after เรื่อง must not stand in for them
    text = EXTERNAL.replace("ที่ มท ๐๒๑๑.๓/ว ๑๒๓ ", "").replace("๒๕ พ.ย. ๒๕๖๙\n", "")
    p = propose_fields(text)
    assert p.letter_number is None
    assert p.letter_date is None


def test_urgency_in_a_sentence_is_not_a_stamp():
    text = EXTERNAL.replace("ด่วนที่สุด\n", "")
    assert "โดยด่วน" in text
    assert propose_fields(text).urgency is None


def test_a_memo_reads_its_header_line():
    text = ("ลับมาก\nบันทึกข้อความ\n"
            "ส่วนราชการ กลุ่มงานบริหารทรัพยากรบุคคล สำนักงานจังหวัดนครราชสีมา โทร. 0 4424 2911\n"
            "ที่ นม 0017.2/456 วันที่ 3 มีนาคม 2569\n"
            "เรื่อง ขออนุมัติเดินทางไปราชการ\n"
            "เรียน หัวหน้าสำนักงานจังหวัดนครราชสีมา\nข้อความ\nลับมาก\n")
    p = propose_fields(text)
    assert p.kind is not None and p.kind.value is LetterKind.INTERNAL
    assert p.kind.confidence > 0.9
    assert p.sender is not None
    assert p.sender.value == "กลุ่มงานบริหารทรัพยากรบุคคล สำนักงานจังหวัดนครราชสีมา"
    assert p.sender.rule == "memo_header"
    assert p.letter_number is not None and p.letter_number.value == "นม 0017.2/456"
    assert p.letter_date is not None and p.letter_date.value == dt.date(2026, 3, 3)
    assert p.letter_date.rule == "date_label"
    assert p.secrecy is not None and p.secrecy.value is Secrecy.SECRET
    assert p.secrecy.confidence == 0.95  # stamped top and bottom
    _spans_point_at_their_text(text, p)


@pytest.mark.parametrize(("printed", "day", "confident"), [
    ("25 พฤศจิกายน 2569", dt.date(2026, 11, 25), True),
    ("๒๕ พ.ย. ๒๕๖๙", dt.date(2026, 11, 25), True),
    ("25/11/2569", dt.date(2026, 11, 25), True),
    ("วันที่ ๑ เดือน ธันวาคม พ.ศ. ๒๕๖๙", dt.date(2026, 12, 1), True),
    ("25 พ.ย. 69", dt.date(2026, 11, 25), False),  # a two-digit year: proposed, less sure
    ("15 ธันวาคม 2026", dt.date(2026, 12, 15), True),  # Christian Era, converted
    ("15 December 2026", dt.date(2026, 12, 15), True),
])
def test_letter_dates_in_the_forms_letters_print(printed, day, confident):
    p = propose_fields(f"ที่ นม 0017.1/1\n{printed}\nเรื่อง ทดสอบ\nเรียน นายอำเภอ\n")
    assert p.letter_date is not None and p.letter_date.value == day
    assert p.letter_date.confident is confident


def test_an_impossible_date_is_not_proposed():
    assert propose_fields("ที่ นม 0017.1/1\n31 กุมภาพันธ์ 2569\nเรื่อง ทดสอบ\n").letter_date is None


def test_a_subject_without_a_landmark_after_it_keeps_only_its_own_line():
    p = propose_fields("เรื่อง ขอเชิญประชุม\nบรรทัดต่อไป\nอีกบรรทัด\nอีก\nอีก\nอีก\nอีก\n")
    assert p.subject is not None and p.subject.value == "ขอเชิญประชุม"
    assert not p.subject.confident


def test_text_without_letter_parts_proposes_nothing():
    assert propose_fields("").proposed() == ()
    assert propose_fields("   \n\n").text_chars == 0
    p = propose_fields("Lorem ipsum dolor sit amet\nวันนี้อากาศดี")
    assert p.proposed() == ()
    assert set(p.missing()) == set(IntakeField)


def test_a_signature_position_is_the_last_resort_sender():
    text = ("เรื่อง ขอความอนุเคราะห์\nเรียน นายอำเภอ\nข้อความ\nขอแสดงความนับถือ\n"
            "(นายอนันต์ ปกครอง)\nปลัดอำเภอ ปฏิบัติราชการแทน\nนายอำเภอปากช่อง\n"
            "ฝ่ายบริหารงานปกครอง\n")
    p = propose_fields(text)
    assert p.sender is not None and p.sender.value == "นายอำเภอปากช่อง"
    assert p.sender.rule == "signature" and p.sender.confidence < CONFIDENT


def test_letter_numbers_compare_without_spaces_thi_or_thai_digits():
    assert letter_number_key("ที่ มท ๐๒๑๑.๓/ว ๑๒๓") == letter_number_key("มท 0211.3/ว123")
    assert letter_number_key("นม 0017.1/1234") != letter_number_key("นม 0017.1/1235")
    assert letter_number_key("ที่ว่าการ 1") == "ที่ว่าการ1"
    assert letter_number_key("ที่ วท 0123/4") == letter_number_key("วท 0123/4") == "วท0123/4"
    assert letter_number_key("ที่นม 0017/1") == "นม0017/1"


def test_a_letter_spaced_memo_heading_is_still_a_memo():
    p = propose_fields("บ ั น ท ึ ก ข ้ อ ค ว า ม\nเรื่อง ทดสอบ\nเรียน นายอำเภอ\n")
    assert p.kind is not None and p.kind.value is LetterKind.INTERNAL
    assert propose_fields("บันทึกข้อความต่อท้าย\nเรื่อง ทดสอบ\n").kind is None
