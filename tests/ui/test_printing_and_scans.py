"""Printing and scanned letters in the window, against the real core (issue 14 items
12 and 14).

Printing goes to Qt's PDF printer (QPrinter PdfFormat) through the preview dialog's
own paint request. The printed pages are images (the letter rendered by QPdfDocument,
stamps included), so their text is read back with the project's OCR (Tesseract tha),
which is also what shows the stamp really reached the paper.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

from korat_desktop.pdf.ocr import read_text
from tests.support.intake_corpus import corpus
from tests.support.scans import scan_of


def _printed(qtbot, dialog: QPrintPreviewDialog, path: Path) -> str:  # type: ignore[no-untyped-def]
    """What the preview's document prints on a PDF printer, read back by OCR."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(300)
    dialog.paintRequested.emit(printer)
    assert path.stat().st_size > 10_000
    return read_text(path.read_bytes(), first_page_only=True).text.replace(" ", "")


def _select_first(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10_000)
    view.table.selectRow(0)


def _wait_preview(qtbot, window) -> QPrintPreviewDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: isinstance(getattr(window, "print_dialog", None),
                                       QPrintPreviewDialog)
                    and window.print_dialog.isVisible(), timeout=20_000)
    dialog = window.print_dialog
    window.print_dialog = None
    return dialog


def test_ctrl_p_prints_the_letter_with_its_receipt_stamp(qtbot, start_desktop, seeded_dir,
                                                         tmp_path):
    desktop = start_desktop(seeded_dir(receive=1))
    window = desktop.window
    keys = {a.shortcut().toString(): a.text() for a in window.actions()}
    assert keys["Ctrl+P"] == "พิมพ์หนังสือที่เลือก…"
    assert keys["Ctrl+Shift+P"] == "พิมพ์ทะเบียน…"
    _select_first(qtbot, window.receive_view)
    window.print_selected()
    dialog = _wait_preview(qtbot, window)
    assert "เลขรับ 1-" in dialog.windowTitle()
    text = _printed(qtbot, dialog, tmp_path / "letter.pdf")
    dialog.close()
    assert "ขอเชิญประชุมคณะกรรมการ" in text  # the letter
    assert "เลขรับ1/" in text  # and the receipt stamp on it


def test_the_days_register_and_the_delivery_slip_print(qtbot, start_desktop, seeded_dir,
                                                       tmp_path):
    desktop = start_desktop(seeded_dir(send=2))
    window = desktop.window
    window.go_to(1)  # ทะเบียนส่ง
    period = window.print_register()
    assert period.register.currentText() == "ทะเบียนหนังสือส่ง"
    period.first.setText("31/02/2569")
    period._check()
    assert period.isVisible() and "อ่านวันที่ไม่ได้" in period.problem.text()
    period.first.setText(period.last.text())
    period._check()
    dialog = _wait_preview(qtbot, window)
    text = _printed(qtbot, dialog, tmp_path / "register.pdf")
    dialog.close()
    assert "ทะเบียนหนังสือส่ง" in text
    assert "เรื่องที่1ขอเชิญประชุม" in text

    _select_first(qtbot, window.send_view)
    window.print_slip()
    dialog = _wait_preview(qtbot, window)
    text = _printed(qtbot, dialog, tmp_path / "slip.pdf")
    dialog.close()
    assert "จากสำนักงานจังหวัดนครราชสีมา" in text and "ผู้รับ" in text
    assert "0017.1/" in text and "ขอเชิญประชุม" in text and "อำเภอพิมาย" in text


def test_a_scan_received_in_the_window_is_read_and_found_by_search(
        qtbot, start_desktop, seeded_dir, tmp_path):
    desktop = start_desktop(seeded_dir())
    window = desktop.window
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan_of(corpus()[0].pdf))
    dialog = window.receive_letters([path])
    qtbot.waitUntil(lambda: not dialog.proposal_state(path).reading, timeout=120_000)
    assert dialog.form.subject.text().replace(" ", "") == (
        "ขอเชิญประชุมคณะกรรมการบริหารงานจังหวัดแบบบูรณาการ")  # read by OCR
    assert "subject" in dialog.form.proposed_fields()
    with qtbot.waitSignal(dialog.registered, timeout=20_000):
        qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "อ่านข้อความจากภาพสแกนแล้ว 1 ฉบับ" in window.message.text(),
                    timeout=180_000)
    found = desktop.operations.search("ศาลากลางจังหวัด", 0, 10)
    qtbot.waitUntil(lambda: found.done, timeout=10_000)
    assert [e.subject.replace(" ", "") for e in found.result or []] == [
        "ขอเชิญประชุมคณะกรรมการบริหารงานจังหวัดแบบบูรณาการ"]
