"""Hostile letters (issue 13, item 2): a poisoned font, bad characters, files whose
stamp fails. Every failure is one letter's alone; nothing else is lost or renumbered."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from korat_desktop.domain.registers import RegisterKind
from korat_desktop.errors import StoreError, UsageError
from korat_desktop.pdf.sample import make_letter_pdf
from korat_desktop.pdf.text import extract_text
from korat_desktop.services.pdf_work import PARALLEL_THRESHOLD
from korat_desktop.services.registration import LetterIntake
from korat_desktop.store.db import raw_connection
from korat_desktop.store.search import SearchIndex
from tests.support.hostile_pdfs import no_changes_letter, poisoned_letter


def _stamped_number(app, entry) -> str:
    import io

    return PdfReader(io.BytesIO(app.queries.pdf(entry.id))).pages[0].extract_text()


def test_poisoned_font_text_is_cleaned_at_the_pdf_edge():
    extracted = extract_text(poisoned_letter())
    assert extracted, "the poisoned glyphs still give (replacement) text"
    extracted.encode("utf-8")  # no lone surrogate left
    assert "\ufffd" in extracted


def test_poisoned_letter_is_registered_and_searchable(app):
    result = app.registration.receive(poisoned_letter(), LetterIntake(subject="หนังสือพิษ"))
    assert result.entry.number == 1
    assert [e.id for e in app.queries.search("หนังสือพิษ")] == [result.entry.id]
    assert app.queries.verify_audit().ok


def test_batch_of_three_with_a_poisoned_letter_registers_all(app):
    items = [(make_letter_pdf("ก่อน", ["x"]), LetterIntake(subject="ก่อน")),
             (poisoned_letter(), LetterIntake(subject="พิษ")),
             (make_letter_pdf("หลัง", ["y"]), LetterIntake(subject="หลัง"))]
    result = app.registration.receive_many(items)
    assert not result.failures
    assert [(e.number, e.subject) for e in result.entries] == [
        (1, "ก่อน"), (2, "พิษ"), (3, "หลัง")]


@pytest.mark.parametrize("parallel", [False, True], ids=["in_process", "workers"])
def test_every_per_file_pdf_failure_fails_alone(app, parallel):
    """Refused at the check (truncated) or only when stamping (certified against
    changes): either way that letter alone, with a pdf.* code; the others get
    consecutive numbers, each stamped with its own."""
    good = make_letter_pdf("ดี", ["เนื้อความ"])
    count = PARALLEL_THRESHOLD + 2 if parallel else 5
    items = [(good, LetterIntake(subject=f"เรื่อง {i}")) for i in range(count)]
    items[1] = (good[: len(good) // 2], LetterIntake(subject="ตัดท้าย"))
    items[3] = (no_changes_letter(), LetterIntake(subject="ห้ามแก้ไข"))
    items[4] = (poisoned_letter(), LetterIntake(subject="พิษ"))
    result = app.registration.receive_many(items)
    assert [(f.index, f.code) for f in result.failures] == [
        (1, "pdf.truncated"), (3, "pdf.stamp_not_permitted")]
    assert all(f.error().layer == "pdf" for f in result.failures)
    assert [e.number for e in result.entries] == list(range(1, count - 1))
    assert [e.subject for e in result.entries][:3] == ["เรื่อง 0", "เรื่อง 2", "พิษ"]
    for entry in result.entries[:3]:
        assert f"เลขรับ {entry.number}/{entry.year_be}" in _stamped_number(app, entry)
    assert app.queries.count(RegisterKind.RECEIVE) == count - 2
    assert app.queries.verify_audit().ok
    # numbering goes on right after the last one kept
    after = app.registration.receive(good, LetterIntake(subject="ต่อ"))
    assert after.entry.number == count - 1


def test_a_lone_letter_whose_stamp_fails_raises_its_pdf_error(app):
    with pytest.raises(Exception) as info:
        app.registration.receive(no_changes_letter(), LetterIntake(subject="ห้ามแก้ไข"))
    assert getattr(info.value, "code", None) == "pdf.stamp_not_permitted"
    assert app.queries.count(RegisterKind.RECEIVE) == 0
    assert app.registration.receive(make_letter_pdf("ดี", ["x"]),
                                    LetterIntake(subject="ดี")).entry.number == 1


@pytest.mark.parametrize("field,value", [
    ("subject", "เรื่อง\udcff\udcfe"),  # argv bytes that are not UTF-8 (surrogateescape)
    ("sender", "จาก\x00"),
    ("remarks", "หมายเหตุ\x1b[31m"),
])
def test_intake_with_characters_that_cannot_be_recorded_is_refused(app, field, value):
    fields = {"subject": "เรื่อง", field: value}
    with pytest.raises(UsageError) as info:
        app.registration.receive(make_letter_pdf("x", ["x"]), LetterIntake(**fields))
    assert info.value.code == "usage.bad_text"
    assert info.value.params["name"] == field
    assert "type it again" in info.value.message("en")
    assert app.queries.count(RegisterKind.RECEIVE) == 0


def test_multiline_notes_are_fine(app):
    result = app.registration.receive(make_letter_pdf("x", ["x"]),
                                      LetterIntake(subject="เรื่อง", notes="หนึ่ง\nสอง\tสาม"))
    assert result.entry.number == 1


def test_search_index_cleans_what_it_is_given(app):
    with app.database.write() as s:
        SearchIndex(s).put(99, number="1/2569", subject="เรื่อง\ud800ทดสอบ", parties="",
                           notes="\x00", body="\udcff")
    with app.database.read() as s:
        assert [h.document_id for h in SearchIndex(s).search("ทดสอบ")] == [99]
        # a bad search term is cleaned the same way, so it finds what it was cleaned to
        assert [h.document_id for h in SearchIndex(s).search("\udcff")] == [99]


def test_store_refuses_text_it_cannot_hold(app):
    with pytest.raises(StoreError) as info, app.database.write() as s:
        raw_connection(s).execute("UPDATE office SET agency_name = ?", ("x\udcff",))
    assert info.value.code == "store.bad_text"
    with app.database.read() as s:
        name = s.execute(text("SELECT agency_name FROM office")).scalar()
    assert name == "สำนักงานจังหวัดนครราชสีมา"
