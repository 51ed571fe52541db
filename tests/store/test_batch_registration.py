"""Registering many letters at once (a drop of many PDFs): consecutive numbers, bad
files reported and left out, the PDF work spread over worker processes."""

from __future__ import annotations

from pypdf import PdfReader

from korat_desktop.domain.registers import RegisterKind
from korat_desktop.pdf.sample import make_letter_pdf
from korat_desktop.services.pdf_work import PARALLEL_THRESHOLD
from korat_desktop.services.registration import LetterIntake


def test_batch_in_worker_processes_with_a_bad_file(app):
    n = PARALLEL_THRESHOLD + 4
    items = [(make_letter_pdf(f"เรื่องที่ {i}", [f"ข้อความ {i}"]), LetterIntake(subject=f"เรื่องที่ {i}"))
             for i in range(n)]
    items[5] = (b"not a pdf at all", LetterIntake(subject="เสีย"))
    items[9] = (items[9][0], LetterIntake(subject="   "))  # empty subject
    result = app.registration.receive_many(items)
    assert [f.index for f in result.failures] == [5, 9]
    assert result.failures[0].code == "pdf.not_pdf"
    assert result.failures[1].code == "usage.bad_argument"
    assert [e.number for e in result.entries] == list(range(1, n - 1))
    assert [e.subject for e in result.entries] == [
        f"เรื่องที่ {i}" for i in range(n) if i not in (5, 9)]
    # each stamped copy carries its own number
    for e in result.entries[:3] + result.entries[-2:]:
        text = PdfReader(__import__("io").BytesIO(app.queries.pdf(e.id))).pages[0].extract_text()
        assert f"เลขรับ {e.number}/{e.year_be}" in text
    assert result.changes.registers == frozenset({RegisterKind.RECEIVE})
    assert app.queries.verify_audit().ok
    assert "เรื่องที่ 17" in [e.subject for e in app.queries.search("ข้อความ 17")]


def test_send_batch_numbers_and_letter_numbers(app):
    items = [(make_letter_pdf("แจ้ง", ["x"]), LetterIntake(subject=f"แจ้ง {i}", recipient="อำเภอ"))
             for i in range(3)]
    result = app.registration.send_many(items, circular=True)
    assert [e.letter_number for e in result.entries] == [
        "นม 0017.1/ว 1", "นม 0017.1/ว 2", "นม 0017.1/ว 3"]
    assert not result.failures


def test_all_bad_batch_stores_nothing(app):
    result = app.registration.receive_many([(b"%PDF-1.7 broken", LetterIntake(subject="x"))])
    assert result.entries == () and len(result.failures) == 1
    assert app.queries.count(RegisterKind.RECEIVE) == 0
    assert result.changes.empty
