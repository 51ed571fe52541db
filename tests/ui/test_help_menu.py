"""Help → คู่มือการใช้งาน (F1) and Help → เกี่ยวกับ: the manual covers a clerk's day in the
app's language, and About names the version, licence, office and hub."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from korat_desktop import __version__

_LATIN_WORD = re.compile(r"[A-Za-z]{4,}")
_ALLOWED = {"Korat", "Desktop", "Ctrl", "Shift", "korat", "Enter"}


def test_f1_opens_the_thai_manual_covering_the_day(qtbot, start_desktop) -> None:
    desktop = start_desktop()
    window = desktop.window
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    from korat_desktop.ui.help_dialogs import ManualDialog

    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ManualDialog)),
                    timeout=10_000)
    dialog = next(d for d in window.findChildren(ManualDialog) if d.isVisible())
    text = dialog.browser.toPlainText()
    for topic in ("ลงรับหนังสือ", "ส่งหนังสือ", "ลงนาม", "ซิงก์", "พนักงานนำสาร", "หนังสือลับ",
                  "ส่งข้อมูลให้ฝ่ายไอที"):
        assert topic in text, topic
    english = {w for w in _LATIN_WORD.findall(text)} - _ALLOWED
    assert english == set(), english  # Thai mode: no English words in the manual
    dialog.show_section("courier")  # the table of contents' anchors exist
    assert dialog.browser.verticalScrollBar().value() > 0
    dialog.close()


def test_the_english_manual_in_english_mode(qtbot, start_desktop) -> None:
    desktop = start_desktop(lang="en")
    dialog = desktop.window.show_manual()
    text = dialog.browser.toPlainText()
    assert "Receiving a letter" in text and "courier" in text.lower()
    dialog.close()


def test_about_names_version_licence_office_and_hub(qtbot, start_desktop) -> None:
    desktop = start_desktop()
    desktop.window.hub_url = "https://eoffice.example.go.th"
    dialog = desktop.window.show_about()
    text = dialog.label.text()
    assert __version__ in text and "Apache" in text
    assert "สำนักงานจังหวัดนครราชสีมา" in text and "นม 0017.1" in text
    assert "https://eoffice.example.go.th" in text
    assert desktop.office is not None and desktop.office.device_id in text
    dialog.close()
