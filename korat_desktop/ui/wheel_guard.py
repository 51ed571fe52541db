"""The mouse wheel changes a number box or a drop-down only once it has focus.

Qt's spin boxes and combo boxes take the wheel (and focus) as soon as the pointer is
over them, so a clerk scrolling a long settings page silently changes whichever
value passes under the pointer. One application-wide filter fixes it everywhere:
such widgets take focus by click or Tab only, and a wheel over one without focus
scrolls the page around it instead.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QWidget

from korat_desktop.ui.app_filters import install_once

__all__ = ["WheelGuard", "guard_wheel"]

_GUARDED = (QAbstractSpinBox, QComboBox)


class WheelGuard(QObject):
    """Event filter: unfocused number boxes and combos pass the wheel to their page."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind is QEvent.Type.Polish and isinstance(watched, _GUARDED):
            widget = watched
            if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind is QEvent.Type.Wheel and isinstance(watched, _GUARDED) \
                and not watched.hasFocus():
            area = _scroll_area_of(watched)
            if area is not None:
                QCoreApplication.sendEvent(area.verticalScrollBar(), event)
            event.ignore()
            return True
        return False


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def guard_wheel(app: QCoreApplication) -> WheelGuard:
    """Install the guard on ``app`` (once; the guard lives as long as the app)."""
    return install_once(app, WheelGuard)
