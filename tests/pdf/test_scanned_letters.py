"""Scanned letters (issue 14): OCR on a real office, with the real Tesseract.

The scan is one of the intake corpus's letters (our own writer), rendered to a 300 dpi
grayscale image and put back into a PDF with no text at all. Tesseract's ``tha`` model
reads it; the assertions are on words it reads reliably at that resolution.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pdf_helpers import sign

from korat_desktop.app import KoratApp
from korat_desktop.domain.intake import IntakeField
from korat_desktop.errors import PdfError, StoreError
from korat_desktop.pdf.ocr import is_image_only
from korat_desktop.pdf.text import extract_text
from korat_desktop.services.registration import LetterIntake
from tests.support.intake_corpus import corpus
from tests.support.scans import scan_of

SUBJECT = "ขอเชิญประชุมคณะกรรมการบริหารงานจังหวัดแบบบูรณาการ"


@pytest.fixture(scope="module")
def scan() -> bytes:
    letter = corpus()[0]
    assert letter.expected["subject"] == SUBJECT
    return scan_of(letter.pdf)


def _versions(app: KoratApp, entry_id: int) -> list[tuple[int, str, bytes]]:
    detail = app.queries.show(entry_id)
    return [(v.seq, v.role, app.queries.pdf(entry_id, v.seq)) for v in detail.versions]


def test_the_sample_scan_has_no_text(scan: bytes) -> None:
    assert extract_text(scan) == ""
    assert is_image_only(scan)
    assert not is_image_only(corpus()[0].pdf)


def test_a_scan_is_read_proposed_kept_as_v1_and_found_by_search(
        app: KoratApp, scan: bytes) -> None:
    proposed = app.intake.propose(scan)
    assert proposed.read_by_ocr and proposed.ocr_error is None
    assert proposed.proposals.subject is not None
    assert proposed.proposals.subject.value.replace(" ", "") == SUBJECT
    intake, used = proposed.fill(LetterIntake(subject=""))
    assert IntakeField.SUBJECT in used

    entry = app.registration.receive(scan, intake).entry
    assert app.ocr.pending() == [entry.id]
    assert app.queries.search("ศาลากลางจังหวัด") == []  # only the page image says it

    outcome = app.ocr.run(entry.id)
    assert outcome.ok and outcome.state == "layer" and outcome.seq == 3
    assert outcome.proposals.subject is not None
    assert outcome.proposals.subject.value.replace(" ", "") == SUBJECT
    assert [e.id for e in app.queries.search("ศาลากลางจังหวัด")] == [entry.id]
    assert [e.id for e in app.queries.search("บริหารงานจังหวัด")] == [entry.id]

    versions = _versions(app, entry.id)
    assert [(seq, role) for seq, role, _ in versions] == [
        (1, "original"), (2, "receipt_stamped"), (3, "ocr")]
    assert versions[0][2] == scan  # the scan itself, byte for byte
    ocr_text = extract_text(versions[2][2])
    assert f"เลขรับ {entry.number}/{entry.year_be}" in ocr_text  # the stamp is kept
    assert len(ocr_text) > 200  # and the page now carries a text layer
    assert app.ocr.pending() == []
    assert app.queries.verify_audit().ok
    history = [h.action for h in app.queries.show(entry.id).history]
    assert "document.ocr" in history

    with pytest.raises(StoreError) as e:
        app.ocr.run(entry.id)
    assert e.value.code == "store.already_ocr"


def test_a_signed_scan_is_read_but_never_rewritten(
        app: KoratApp, scan: bytes, signer_files: tuple[Path, Path]) -> None:
    signed = sign(scan, signer_files)
    entry = app.registration.receive(signed, LetterIntake(subject="หนังสือสแกนที่ลงนามแล้ว")).entry
    before = [(seq, role, hashlib.sha256(data).hexdigest())
              for seq, role, data in _versions(app, entry.id)]
    assert app.ocr.pending() == [entry.id]

    outcome = app.ocr.run(entry.id)
    assert outcome.ok and outcome.state == "text" and outcome.seq is None
    after = [(seq, role, hashlib.sha256(data).hexdigest())
             for seq, role, data in _versions(app, entry.id)]
    assert after == before  # no new version, no byte changed
    assert _versions(app, entry.id)[0][2] == signed
    assert [e.id for e in app.queries.search("ศาลากลางจังหวัด")] == [entry.id]


def test_a_letter_with_text_is_not_a_scan(app: KoratApp) -> None:
    entry = app.registration.receive(corpus()[0].pdf, LetterIntake(subject=SUBJECT)).entry
    assert app.ocr.pending() == []
    with pytest.raises(PdfError) as e:
        app.ocr.run(entry.id)
    assert e.value.code == "pdf.not_a_scan"
    assert [v[1] for v in _versions(app, entry.id)] == ["original", "receipt_stamped"]


def test_without_tesseract_a_scan_waits(app: KoratApp, scan: bytes, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A PC where IT has not installed Tesseract: the letter is registered and stays
    pending, the clerk learns which package is missing, and nothing is half-stored."""
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    proposed = app.intake.propose(scan)
    assert not proposed.read_by_ocr and proposed.ocr_error == "pdf.ocr_unavailable"
    entry = app.registration.receive(scan, LetterIntake(subject="สแกน")).entry
    with pytest.raises(PdfError) as e:
        app.ocr.run(entry.id)
    assert e.value.code == "pdf.ocr_unavailable"
    assert "tesseract-ocr" in e.value.message("th")
    assert app.ocr.pending() == [entry.id]
    assert len(_versions(app, entry.id)) == 2


def test_ocr_misreadings_of_the_labels_are_mended_only_where_a_label_stands() -> None:
    from korat_desktop.pdf.ocr import repair_labels

    text = ("N นม 0017.1/1234   สำนักงานจังหวัด\nเรือง ขอเชิญประชุม\nวันที 5 ธันวาคม 2569\n"
            "ที มท 0201.2/ว 1590\nเรืองราวที่เล่า\nทีนี่ 5 คน\nเรียน เรือง นี้\nเรยน นายอำเภอ\n"
            "ด่วนทีสุด")
    assert repair_labels(text).splitlines() == [
        "ที่ นม 0017.1/1234   สำนักงานจังหวัด", "เรื่อง ขอเชิญประชุม", "วันที่ 5 ธันวาคม 2569",
        "ที่ มท 0201.2/ว 1590", "เรืองราวที่เล่า", "ทีนี่ 5 คน", "เรียน เรือง นี้",
        "เรียน นายอำเภอ", "ด่วนที่สุด"]
