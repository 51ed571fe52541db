"""Every control can be named by a screen reader and reached from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QWidget,
)

_CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox,
             QPlainTextEdit)


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, _CONTROLS) or widget.parent() is None:
            continue
        if isinstance(widget.parent(), (*_CONTROLS, QMenuBar)) or \
                isinstance(widget, QHeaderView) or widget.window() is not root.window():
            continue  # a part of another control (a combo's editor and popup, a header)
        name = widget.accessibleName() or (
            widget.text() if isinstance(widget, QAbstractButton) else "")
        if not name.strip():
            missing.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
    return missing


def test_main_window_and_dialogs_name_every_control(qtbot, start_desktop, seeded_dir) -> None:
    from korat_desktop.ui.main_window import Page

    desktop = start_desktop(seeded_dir(receive=1))
    window = desktop.window
    for page in range(Page.COUNT):  # every page, built or not yet
        window.go_to(page)
    assert unnamed_controls(window) == [], unnamed_controls(window)
    receive = window.receive_letters()
    send = window.send_letter()
    settings = window.open_settings()
    sign = window.sign_entries([1])
    document = window.open_entry(1)
    qtbot.waitUntil(lambda: bool(settings.editors), timeout=10_000)
    qtbot.waitUntil(lambda: document.detail is not None, timeout=10_000)
    for widget in (receive, send, settings, sign, document):
        assert unnamed_controls(widget) == [], (type(widget).__name__, unnamed_controls(widget))
        widget.close()


def test_shortcuts_reach_the_frequent_actions(qtbot, start_desktop) -> None:
    desktop = start_desktop()
    window = desktop.window
    shortcuts = {a.shortcut().toString() for a in window.actions()}
    for keys in ("Ctrl+R", "Ctrl+N", "Ctrl+Shift+S", "Ctrl+F", "Ctrl+1", "Ctrl+2", "F5",
                 "Ctrl+,", "Ctrl+Q", "F1"):
        assert keys in shortcuts, keys
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.search_view
