"""Smart intake in the receive dialog, against the real core: fields pre-filled from the
letter and marked as proposed, and a warning that holds back a letter already registered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from korat_desktop.domain.letters import LetterKind, Secrecy, Urgency
from tests.support.intake_corpus import corpus, plain_pdf

LETTERS = {s.name: s for s in corpus()}


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    return path


def _open(qtbot, desktop, path: Path):  # type: ignore[no-untyped-def]
    dialog = desktop.window.receive_letters([path])
    qtbot.waitUntil(lambda: not dialog.proposal_state(path).reading, timeout=20_000)
    return dialog


def test_a_dropped_letter_fills_the_form_marked_as_proposed(qtbot, start_desktop, tmp_path):
    desktop = start_desktop()
    path = _write(tmp_path, "circular", LETTERS["external_thai_digits_circular"].pdf)
    dialog = _open(qtbot, desktop, path)
    form = dialog.form
    assert form.subject.text().startswith("ซักซ้อมแนวทางการจัดทำแผนพัฒนาท้องถิ่น")
    assert form.subject.text().endswith("พ.ศ. 2570")
    assert form.letter_number.text() == "มท 0211.3/ว 123"
    assert form.letter_date.text() == "25/11/2569"
    assert "25 พฤศจิกายน 2569" in form.date_hint.text()
    assert form.sender_name.text() == "กรมส่งเสริมการปกครองท้องถิ่น"
    assert form.urgency.currentData() is Urgency.MOST_URGENT
    assert form.kind.currentData() is LetterKind.EXTERNAL
    assert form.secrecy.currentData() is Secrecy.NONE  # not stamped: not proposed
    assert set(form.proposed_fields()) == {"subject", "letter_number", "letter_date",
                                           "sender", "recipient", "urgency", "kind"}
    hint = form.proposal_hints["letter_number"]
    assert hint.text() == "จากเอกสาร" and "บรรทัด 2" in hint.toolTip()
    assert "มท ๐๒๑๑.๓/ว ๑๒๓" in hint.toolTip()  # where it was read, as printed
    assert "กรอกจากเอกสารแล้ว 7 ช่อง" in dialog.intake_status.text()
    assert dialog.duplicate_banner.isHidden()

    form.sender_name.end(False)
    form.sender_name.insert(" (กองพัฒนา)")
    assert "sender" not in form.proposed_fields()
    assert "subject" in form.proposed_fields()

    with qtbot.waitSignal(dialog.registered, timeout=20_000) as registered:
        qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    entry = registered.args[0].entries[0]
    assert entry.letter_number == "มท 0211.3/ว 123"
    assert entry.sender == "กรมส่งเสริมการปกครองท้องถิ่น (กองพัฒนา)"
    assert entry.urgency is Urgency.MOST_URGENT
    assert entry.letter_date is not None and entry.letter_date.isoformat() == "2026-11-25"
    dialog.close()


def test_a_letter_registered_before_is_held_back_until_confirmed(qtbot, start_desktop,
                                                                 tmp_path):
    desktop = start_desktop()
    path = _write(tmp_path, "memo", LETTERS["memo_plain"].pdf)
    first = _open(qtbot, desktop, path)
    assert first.duplicate_banner.isHidden()
    with qtbot.waitSignal(first.registered, timeout=20_000):
        first.register_all()
    first.close()

    again = _open(qtbot, desktop, path)
    assert not again.duplicate_banner.isHidden()
    assert "ลงทะเบียนไว้แล้ว (ไฟล์เดียวกัน): เลขรับ 1/" in again.duplicate_banner.text()
    assert again.files.item(0).text().startswith("⚠")
    assert not again.save.isEnabled()
    again.register_all()  # even asked directly, nothing is registered
    assert "ลงทะเบียนไว้แล้ว" in again.outcome.text()
    again.allow_duplicate.setChecked(True)
    assert again.save.isEnabled()
    with qtbot.waitSignal(again.registered, timeout=20_000) as registered:
        qtbot.mouseClick(again.save, Qt.MouseButton.LeftButton)
    assert registered.args[0].entries[0].number == 2
    again.close()


def test_the_same_number_and_date_typed_in_warns_too(qtbot, start_desktop, tmp_path):
    desktop = start_desktop()
    first = _open(qtbot, desktop, _write(tmp_path, "memo", LETTERS["memo_plain"].pdf))
    with qtbot.waitSignal(first.registered, timeout=20_000):
        first.register_all()
    first.close()
    other = _write(tmp_path, "note", plain_pdf(["เรื่อง สำเนาบันทึก", "เรียน หัวหน้า"]))
    dialog = _open(qtbot, desktop, other)
    assert dialog.duplicate_banner.isHidden()
    dialog.form.letter_number.insert("นม ๐๐๑๗.๒/๔๕๖")
    qtbot.keyClicks(dialog.form.letter_date, "3/3/2569")
    qtbot.waitUntil(lambda: not dialog.duplicate_banner.isHidden(), timeout=10_000)
    assert "ที่และลงวันที่เดียวกัน" in dialog.duplicate_banner.text()
    assert not dialog.save.isEnabled()
    dialog.form.letter_date.clear()
    qtbot.keyClicks(dialog.form.letter_date, "4/3/2569")
    qtbot.waitUntil(lambda: dialog.duplicate_banner.isHidden(), timeout=10_000)
    assert dialog.save.isEnabled()
    dialog.close()


def test_a_pdf_without_text_says_so_and_keeps_the_file_name(qtbot, start_desktop, tmp_path):
    desktop = start_desktop()
    path = _write(tmp_path, "scan_001", plain_pdf([]))
    dialog = _open(qtbot, desktop, path)
    assert "ไม่พบข้อความในเอกสาร" in dialog.intake_status.text()
    assert dialog.form.subject.text() == "scan 001"
    assert dialog.form.proposed_fields() == []
    dialog.close()


def test_what_the_clerk_typed_first_is_never_overwritten(qtbot, start_desktop, tmp_path):
    import threading

    desktop = start_desktop()
    gate = threading.Event()
    # hold the database lane, so the letter is read only after the clerk has typed
    held = desktop.operations.database_job("hold", lambda _app: gate.wait(20))
    path = _write(tmp_path, "memo", LETTERS["memo_plain"].pdf)
    dialog = desktop.window.receive_letters([path])
    assert dialog.proposal_state(path).reading
    assert "กำลังอ่านข้อมูลจากเอกสาร" in dialog.intake_status.text()
    dialog.form.subject.selectAll()
    dialog.form.subject.insert("เรื่องที่เจ้าหน้าที่พิมพ์เอง")
    gate.set()
    qtbot.waitUntil(lambda: held.done and not dialog.proposal_state(path).reading,
                    timeout=20_000)
    assert dialog.form.subject.text() == "เรื่องที่เจ้าหน้าที่พิมพ์เอง"
    assert "subject" not in dialog.form.proposed_fields()
    assert dialog.form.letter_number.text() == "นม 0017.2/456"  # the rest still proposed
    assert "letter_number" in dialog.form.proposed_fields()
    dialog.close()
