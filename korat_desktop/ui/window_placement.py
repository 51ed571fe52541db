"""Dialogs and letter windows open centred on the window they belong to.

A window manager normally places new windows; on a PC without one (a kiosk session,
a remote X display, some thin clients) a window nobody places opens at 0,0, over the
main window's menu. QDialog centres itself, but a letter's window (a plain top-level
widget) does not, and QDialog leaves it to a window manager that says it will place
windows. So the app places each new window itself, on its first show: centred on its
parent, kept inside the parent's screen. A window the app positioned itself, or one the
clerk has moved and shows again, is left where it is.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QWidget

__all__ = ["centered", "fit_to_screen", "place", "place_on_first_show"]

_PLACED = "_korat_placed"
_KINDS = (Qt.WindowType.Window, Qt.WindowType.Dialog)


def centered(size: QSize, parent: QRect, screen: QRect) -> QRect:
    """A ``size`` rectangle centred on ``parent``, moved (not shrunk) into ``screen``."""
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(parent.center())
    x = max(screen.left(), min(rect.left(), screen.right() + 1 - rect.width()))
    y = max(screen.top(), min(rect.top(), screen.bottom() + 1 - rect.height()))
    rect.moveTopLeft(QPoint(x, y))
    return rect


def fit_to_screen(widget: QWidget, size: QSize, share: float = 0.9) -> None:
    """Resize ``widget`` to ``size``, or to ``share`` of its screen where that is smaller."""
    screen = widget.screen().availableGeometry()
    widget.resize(min(size.width(), int(screen.width() * share)),
                  min(size.height(), int(screen.height() * share)))


def place(window: QWidget) -> None:
    """Centre ``window``'s frame on its parent window's frame, inside the screen."""
    parent = window.parentWidget()
    if parent is None:
        return
    parent = parent.window()
    frame = window.frameGeometry()
    # before its first show a window has no frame yet: allow for the one it will get
    extra = QSize(frame.width() - window.width(), frame.height() - window.height())
    target = centered(window.size() + extra, parent.frameGeometry(),
                      parent.screen().availableGeometry())
    window.move(target.topLeft())


class _FirstShow(QObject):
    """Watches one window (not the whole application: that would run Python for every
    event of every widget) and places it when it is first shown, then goes."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            watched.removeEventFilter(self)
            if not watched.testAttribute(Qt.WidgetAttribute.WA_Moved) or \
                    watched.pos().isNull():
                place(watched)
            self.deleteLater()
        return False


W = TypeVar("W", bound=QWidget)


def place_on_first_show(window: W) -> W:
    """Centre ``window`` on its parent when it is first shown (see the module docstring);
    returns it. The Show event comes before the window is mapped, so it never flickers."""
    if window.isWindow() and window.windowType() in _KINDS and not window.property(_PLACED):
        window.setProperty(_PLACED, True)
        window.installEventFilter(_FirstShow(window))
    return window
