"""Registering incoming letters by dropping PDFs on the main window."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication

from korat_desktop.ui.receive_dialog import ReceiveDialog


def drop_files(widget, paths) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = QPoint(widget.width() // 2, widget.height() // 2)
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(point.toPointF(), actions, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(point.toPointF(), actions, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    assert drop.isAccepted()


def test_drop_two_pdfs_registers_both_with_stamp_and_numbers(qtbot, start_desktop,
                                                           letter_files) -> None:
    desktop = start_desktop()
    window = desktop.window
    assert window.receive_view.model.rowCount() == 0
    paths = letter_files(2)
    drop_files(window, paths)
    dialog = window.receive_dialog
    assert isinstance(dialog, ReceiveDialog)
    assert dialog.paths() == paths
    # smart intake reads each letter's own เรื่อง (not the file name) off the UI thread
    qtbot.waitUntil(lambda: all(not dialog.proposal_state(p).reading for p in paths),
                    timeout=20_000)
    assert dialog.form.subject.text() == "หนังสือทดสอบ 1"
    assert "subject" in dialog.form.proposed_fields()
    dialog.form.subject.insert(" เรื่องขอเชิญประชุม")
    assert "subject" not in dialog.form.proposed_fields()  # now the clerk's own
    dialog.files.setCurrentRow(1)
    dialog.form.subject.clear()
    dialog.form.subject.insert("ขอความอนุเคราะห์ข้อมูล")
    dialog.form.letter_date.insert("๒๑/๑๑/๒๕๖๙")
    assert "พฤศจิกายน 2569" in dialog.form.date_hint.text()
    assert dialog.save.isEnabled()

    with qtbot.waitSignal(dialog.registered, timeout=20_000) as registered:
        qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    result = registered.args[0]
    assert [e.number for e in result.entries] == [1, 2]
    assert result.entries[1].letter_date is not None
    assert "1/" in dialog.outcome.text() and "2/" in dialog.outcome.text()

    # the preview now shows the stored, stamped PDF of the selected letter
    qtbot.waitUntil(lambda: dialog.preview.page_count() == 1, timeout=10_000)
    dialog.files.setCurrentRow(0)
    qtbot.mouseClick(dialog.copy, Qt.MouseButton.LeftButton)
    year = result.entries[0].year_be
    assert QGuiApplication.clipboard().text() == f"1/{year}"

    # every register view refreshed from the one changes signal
    qtbot.waitUntil(lambda: window.receive_view.model.rowCount() == 2, timeout=10_000)
    assert window.receive_view.count.text().endswith("2 รายการ")
    dialog.close()


def test_stamped_pdf_differs_from_the_dropped_file(qtbot, start_desktop, letter_files) -> None:
    desktop = start_desktop()
    (path,) = letter_files(1)
    dialog = desktop.window.receive_letters([path])
    with qtbot.waitSignal(dialog.registered, timeout=20_000) as registered:
        dialog.register_all()
    entry = registered.args[0].entries[0]
    job = desktop.operations.pdf(entry.id)
    qtbot.waitUntil(lambda: job.done, timeout=10_000)
    assert job.result != path.read_bytes()  # the receipt stamp was added
    assert job.result.startswith(path.read_bytes()[:8])
    dialog.close()


def test_a_non_pdf_drop_is_refused(qtbot, start_desktop, tmp_path) -> None:
    desktop = start_desktop()
    text = tmp_path / "note.txt"
    text.write_text("x")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(text))])
    enter = QDragEnterEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    QApplication.sendEvent(desktop.window, enter)
    assert not enter.isAccepted()
    assert desktop.window.receive_dialog is None
