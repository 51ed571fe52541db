"""Qt's file dialog in Thai mode: Thai words, and Buddhist-Era dates in its date column."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QTreeView

from korat_desktop.ui import language
from korat_desktop.ui.file_dialog_thai import ThaiFileColumns
from tests.support.thai_words import foreign_words
from tests.ui.visible_text import visible_texts

MODIFIED = dt.datetime(2026, 12, 1, 3, 5, tzinfo=dt.UTC)  # 10.05 in Thailand


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "letters"
    (folder / "ตอบรับ").mkdir(parents=True)
    (folder / "letter.pdf").write_bytes(b"%PDF-1.7\n" + b"0" * 2039)  # 2 KB
    (folder / "a-to-b.korat").write_bytes(b"x" * 10)
    stamp = MODIFIED.timestamp()
    for path in folder.iterdir():
        os.utime(path, (stamp, stamp))
    return folder


def _dialog(folder: Path) -> QFileDialog:
    dialog = QFileDialog(None, "เลือกไฟล์", str(folder), "ไฟล์ที่ใช้ได้ (*.pdf *.korat)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    return dialog


def _rows(qtbot, dialog: QFileDialog) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    view = next(v for v in dialog.findChildren(QTreeView) if v.isVisible())
    model = view.model()
    qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) == 3, timeout=10_000)
    rows = {}
    for row in range(model.rowCount(view.rootIndex())):
        cells = [model.index(row, c, view.rootIndex()).data() or "" for c in range(4)]
        rows[cells[0]] = cells[1:]
    return rows


def test_file_dialog_columns_are_thai_with_buddhist_era_dates(qtbot, qapp, folder) -> None:
    language.install("th")
    dialog = _dialog(folder)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert isinstance(dialog.proxyModel(), ThaiFileColumns)
    rows = _rows(qtbot, dialog)
    assert rows["letter.pdf"] == ["2.0 KB", "ไฟล์ PDF", "1 ธ.ค. 2569 10.05 น."]
    assert rows["a-to-b.korat"] == ["10 ไบต์", "ชุดเอกสารพนักงานนำสาร", "1 ธ.ค. 2569 10.05 น."]
    assert rows["ตอบรับ"] == ["", "โฟลเดอร์", "1 ธ.ค. 2569 10.05 น."]
    # the rest of the dialog is Thai too (qtbase_th): nothing but file names in Latin
    names = {"letter.pdf", "a-to-b.korat", Path.home().name}
    english = {text: words for _where, text in visible_texts(dialog)
               if text not in names and (words := foreign_words(text))}
    dialog.close()
    assert not english, english


def test_static_file_dialogs_get_the_thai_columns(qtbot, qapp, folder) -> None:
    """The app calls QFileDialog's static functions; they get the columns too."""
    language.install("th")
    seen: list[object] = []

    def look() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QFileDialog):
            seen.append(modal.proxyModel())
            modal.reject()
        else:
            QTimer.singleShot(50, look)

    QTimer.singleShot(50, look)
    name, _filter = QFileDialog.getSaveFileName(
        None, "บันทึก PDF", str(folder / "new.pdf"), "ไฟล์ PDF (*.pdf)",
        options=QFileDialog.Option.DontUseNativeDialog)
    assert name == ""
    assert len(seen) == 1 and isinstance(seen[0], ThaiFileColumns)


def test_english_mode_keeps_qt_columns(qtbot, qapp, folder) -> None:
    try:
        language.install("en")
        dialog = _dialog(folder)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.proxyModel() is None
        rows = _rows(qtbot, dialog)
        assert "2569" not in rows["letter.pdf"][2]
        dialog.close()
    finally:
        language.install("th")
