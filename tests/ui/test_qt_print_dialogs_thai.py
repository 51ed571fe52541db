"""Qt's print preview and print dialogs speak Thai in Thai mode (qtbase_th)."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QPushButton, QTabWidget, QWidget

from korat_desktop.ui import language
from tests.support.thai_words import foreign_words
from tests.ui.visible_text import visible_texts


def _english(dialog: QWidget) -> dict[str, list[str]]:
    texts = list(visible_texts(dialog))
    for tabs in dialog.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            texts += list(visible_texts(dialog))
    return {text: words for _where, text in texts if (words := foreign_words(text))}


def test_print_preview_is_thai(qtbot, qapp) -> None:
    language.install("th")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    preview = QPrintPreviewDialog(printer)
    preview.show()
    qtbot.waitExposed(preview)
    assert preview.windowTitle() == "ตัวอย่างก่อนพิมพ์"
    english = _english(preview)
    preview.close()
    assert not english, english


def test_print_dialog_and_its_options_are_thai(qtbot, qapp) -> None:
    language.install("th")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer)
    dialog.show()
    qtbot.waitExposed(dialog)
    options = next(b for b in dialog.findChildren(QPushButton) if "ตัวเลือก" in b.text())
    options.click()  # the copies, pages and colour options
    qtbot.waitUntil(lambda: any(t == "จำนวนชุด:" for _w, t in visible_texts(dialog)),
                    timeout=5_000)
    english = _english(dialog)
    dialog.close()
    assert not english, english
