"""A one-line label that shows what fits with "…" and keeps the whole text in its tooltip.

The status bar's messages and the demo banner can be longer than the window is wide; a
plain QLabel then pushes the other status widgets away or is cut off mid-word with no
way to read the rest. This one asks for little width, draws the text elided to the
width it gets, and its tooltip (and accessible description) holds the full text.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QLabel, QWidget

__all__ = ["ElidedLabel"]

_MIN_WIDTH = 80


class ElidedLabel(QLabel):
    """``preferred_width`` caps the width it asks for (a standing note should leave the
    status bar's messages room)."""

    def __init__(self, parent: QWidget | None = None, *,
                 preferred_width: int | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._preferred_width = preferred_width

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)  # the whole message, however little of it fits
        self.setAccessibleDescription(text)
        self.update()

    def displayed_text(self) -> str:
        """What the label shows at its current width."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                             max(0, self.contentsRect().width()))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self._preferred_width is None:
            return hint
        return QSize(min(hint.width(), self._preferred_width), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), _MIN_WIDTH), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        QFrame.paintEvent(self, event)  # the style sheet's background and border
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(),
                                  int(self.alignment() | Qt.AlignmentFlag.AlignVCenter),
                                  self.palette(), self.isEnabled(), self.displayed_text(),
                                  self.foregroundRole())
