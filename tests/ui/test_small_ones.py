"""The small things a first day trips on (issue 14 item 11): drop-downs, the status bar,
where windows open, and quitting."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture
def styled(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The app's own style sheet, as main() sets it."""
    from korat_desktop.ui.fonts import load_thai_font
    from korat_desktop.ui.style import STYLE_SHEET

    load_thai_font(qapp)
    old = qapp.styleSheet()
    qapp.setStyleSheet(STYLE_SHEET)
    yield
    qapp.setStyleSheet(old)


def _dark_pixels(image, rect) -> int:  # type: ignore[no-untyped-def]
    """Pixels dark enough to be text, inside ``rect``."""
    count = 0
    for y in range(rect.top() + 1, rect.bottom()):
        for x in range(rect.left() + 1, rect.right()):
            if image.pixelColor(x, y).lightness() < 110:
                count += 1
    return count


def test_a_drop_down_shows_its_current_item(qtbot, styled) -> None:
    from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

    host = QWidget()
    qtbot.addWidget(host)
    combo = QComboBox(host)
    QVBoxLayout(host).addWidget(combo)
    combo.addItems(["ด่วนที่สุด", "ด่วนมาก", "ด่วน", "ปกติ"])
    combo.setCurrentIndex(1)
    host.resize(300, 80)
    host.show()
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(lambda: view.isVisible(), timeout=5_000)
    image = view.viewport().grab().toImage()
    current = view.visualRect(combo.model().index(1, 0))
    other = view.visualRect(combo.model().index(2, 0))
    # the current item's text is drawn (it was a blank bordered row), as the others' is
    assert _dark_pixels(image, other) > 20
    assert _dark_pixels(image, current) > 20
    # and it is highlighted, so the clerk sees which one is chosen
    middle = current.center()
    assert image.pixelColor(current.left() + 3, middle.y()).name() == "#cfe0f3"
    combo.hidePopup()


def test_a_long_status_message_is_elided_with_the_whole_text_in_its_tooltip(
        qtbot, start_desktop, styled) -> None:
    desktop = start_desktop()
    window = desktop.window
    text = "ลงรับแล้ว เลขรับ " + ", ".join(f"{n}/2569" for n in range(1, 80))
    window.show_text(text)
    banner = "โหมดสาธิต: โทเคน Korat Demo ใบรับรอง สมชาย ใจดี PIN 123456 · " * 4
    window.set_demo_note(banner)
    qtbot.waitUntil(lambda: window.message.width() < window.message.sizeHint().width() + 1
                    and window.message.width() > 0, timeout=5_000)
    assert window.message.text() == text and window.message.toolTip() == text
    shown = window.message.displayed_text()
    assert shown.endswith("…") and len(shown) < len(text)
    assert window.demo_note.toolTip() == banner
    assert window.demo_note.displayed_text().endswith("…")
    # both fit in the window: neither pushes the other (or the sync status) off it
    bar = window.statusBar()
    assert window.message.geometry().right() <= bar.width()
    assert window.demo_note.geometry().right() <= bar.width()


def test_dialogs_and_letter_windows_open_centred_on_the_main_window(
        qtbot, start_desktop, seeded_dir) -> None:
    from korat_desktop.ui.window_placement import centered

    desktop = start_desktop(seeded_dir(receive=1))
    window = desktop.window
    window.move(0, 0)  # no window manager: nothing else places anything
    qtbot.waitUntil(lambda: window.pos().isNull(), timeout=5_000)
    screen = window.screen().availableGeometry()
    for make in (window.sign_in, window.open_settings, lambda: window.open_entry(1)):
        opened = make()
        qtbot.waitUntil(opened.isVisible, timeout=5_000)
        frame = opened.frameGeometry()
        assert screen.contains(frame), (type(opened).__name__, frame, screen)
        expected = centered(frame.size(), window.frameGeometry(), screen)
        assert abs(frame.left() - expected.left()) <= 4, type(opened).__name__
        assert abs(frame.top() - expected.top()) <= 4, type(opened).__name__
        assert not frame.topLeft().isNull()
        opened.close()


def test_centred_stays_on_the_screen() -> None:
    from PySide6.QtCore import QRect, QSize

    from korat_desktop.ui.window_placement import centered

    screen = QRect(0, 0, 1366, 768)
    assert centered(QSize(400, 200), QRect(0, 0, 1366, 768), screen) == QRect(483, 284, 400, 200)
    # a parent partly off the screen: moved back in, not shrunk
    assert centered(QSize(400, 200), QRect(1200, 600, 600, 400), screen) == \
        QRect(966, 568, 400, 200)


def test_quitting_says_so_until_the_store_is_closed(qtbot, start_desktop) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    desktop = start_desktop()
    window = desktop.window
    window.close()  # the clerk closes the window
    assert window.isVisible()  # it stays, saying so, until the store is closed
    assert window.message.text() == "กำลังปิดโปรแกรม…"
    cursor = QApplication.overrideCursor()
    assert cursor is not None and cursor.shape() == Qt.CursorShape.WaitCursor
    qtbot.waitUntil(lambda: desktop.done, timeout=60_000)
    assert QApplication.overrideCursor() is None
    assert not window.isVisible()
