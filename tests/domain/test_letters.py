import pytest

from korat_desktop.domain.letters import (
    LETTER_FIELDS,
    LetterKind,
    Secrecy,
    Urgency,
    parse_enum,
)
from korat_desktop.domain.registers import RegisterKind, format_letter_number
from korat_desktop.errors import DomainError


def test_six_kinds_each_with_fields():
    assert len(LetterKind) == 6
    for kind in LetterKind:
        assert any(f.name == "subject" for f in LETTER_FIELDS[kind])
    external = {f.name for f in LETTER_FIELDS[LetterKind.EXTERNAL]}
    assert {"letter_number", "salutation", "closing", "cc", "enclosures"} <= external


def test_urgency_sorts_most_urgent_first():
    ordered = sorted([Urgency.NORMAL, Urgency.URGENT, Urgency.MOST_URGENT, Urgency.VERY_URGENT],
                     key=lambda u: u.rank)
    assert [u.thai for u in ordered] == ["ด่วนที่สุด", "ด่วนมาก", "ด่วน", "ปกติ"]


def test_only_top_secret_never_leaves_the_office():
    assert not Secrecy.TOP_SECRET.may_leave_office
    assert all(s.may_leave_office for s in Secrecy if s is not Secrecy.TOP_SECRET)


def test_parse_enum_accepts_values_and_thai_labels():
    assert parse_enum(Urgency, "ด่วนมาก") is Urgency.VERY_URGENT
    assert parse_enum(Secrecy, "top_secret") is Secrecy.TOP_SECRET
    assert parse_enum(LetterKind, "Internal memo") is LetterKind.INTERNAL
    with pytest.raises(DomainError) as err:
        parse_enum(Urgency, "ช้า")
    assert err.value.code == "domain.bad_choice"


def test_letter_number_format_and_circulars():
    assert format_letter_number("นม 0017.1", 1234) == "นม 0017.1/1234"
    assert format_letter_number("มท 0201.2", 1590, circular=True) == "มท 0201.2/ว 1590"
    assert RegisterKind.RECEIVE.thai == "ทะเบียนหนังสือรับ"
