"""Placing the signature stamp: drag a rectangle on the page where it should go.

The page is drawn by QtPdf; the rectangle is kept in PDF points (origin bottom left,
as the signing layer expects), so what the clerk sees is exactly where the stamp
lands whatever the zoom. Arrow keys move it and Shift+arrows resize it, for people
who do not use a mouse.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtWidgets import QSizePolicy, QWidget

from korat_desktop.signing.stamp import DEFAULT_STAMP_SIZE, default_box

__all__ = ["StampPlacementView"]

Box = tuple[float, float, float, float]
_STEP = 6.0


class StampPlacementView(QWidget):
    box_changed = Signal()

    def __init__(self, document: QPdfDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.page = 0
        self.box: Box | None = None  # PDF points: x1, y1, x2, y2
        self._image: QImage | None = None
        self._image_for: tuple[int, QSize] | None = None
        self._drag_from: QPointF | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(260, 340)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("ตำแหน่งตราลายมือชื่อ"))
        self.setAccessibleDescription(self.tr(
            "ลากเมาส์เพื่อวางกรอบตราลายมือชื่อ ใช้ลูกศรเพื่อเลื่อน และ Shift+ลูกศรเพื่อปรับขนาด"))

    # -- geometry ------------------------------------------------------------------------
    def page_size(self) -> tuple[float, float]:
        size = self.document.pagePointSize(self.page)
        return size.width(), size.height()

    def _frame(self) -> tuple[QRectF, float]:
        """Where the page is drawn in the widget, and widget pixels per PDF point."""
        width, height = self.page_size()
        if width <= 0 or height <= 0:
            return QRectF(), 1.0
        scale = min((self.width() - 16) / width, (self.height() - 16) / height)
        drawn = QRectF(0, 0, width * scale, height * scale)
        drawn.moveCenter(QRectF(self.rect()).center())
        return drawn, scale

    def _to_points(self, p: QPointF) -> tuple[float, float]:
        frame, scale = self._frame()
        width, height = self.page_size()
        x = min(max((p.x() - frame.left()) / scale, 0.0), width)
        y = min(max(height - (p.y() - frame.top()) / scale, 0.0), height)
        return x, y

    def _to_widget(self, box: Box) -> QRectF:
        frame, scale = self._frame()
        _width, height = self.page_size()
        x1, y1, x2, y2 = box
        return QRectF(frame.left() + x1 * scale, frame.top() + (height - y2) * scale,
                      (x2 - x1) * scale, (y2 - y1) * scale)

    # -- state -----------------------------------------------------------------------------
    def set_page(self, page: int) -> None:
        count = self.document.pageCount()
        self.page = min(max(page, 0), max(count - 1, 0))
        if count:
            width, height = self.page_size()
            self.box = default_box(width, height)
        self._image = None
        self.update()
        self.box_changed.emit()

    def _clamp(self, box: Box) -> Box:
        width, height = self.page_size()
        x1, y1, x2, y2 = box
        w, h = max(x2 - x1, 40.0), max(y2 - y1, 20.0)
        x1 = min(max(x1, 0.0), width - w)
        y1 = min(max(y1, 0.0), height - h)
        return (x1, y1, x1 + w, y1 + h)

    # -- painting --------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#e9ecef"))
        frame, _scale = self._frame()
        if self.document.pageCount() == 0 or frame.isEmpty():
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("กำลังโหลดหน้า…"))
            return
        size = frame.size().toSize()
        if self._image is None or self._image_for != (self.page, size):
            options = QPdfDocumentRenderOptions()
            options.setRenderFlags(QPdfDocumentRenderOptions.RenderFlag.Annotations)
            self._image = self.document.render(self.page, size, options)
            self._image_for = (self.page, size)
        painter.drawImage(frame.topLeft(), self._image)
        if self.box is not None:
            rect = self._to_widget(self.box)
            painter.setPen(QPen(QColor("#1565c0"), 2, Qt.PenStyle.DashLine))
            painter.fillRect(rect, QColor(21, 101, 192, 40))
            painter.drawRect(rect)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.tr("ตราลายมือชื่อ"))
        if self.hasFocus():
            painter.setPen(QPen(self.palette().highlight().color(), 2))
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))

    # -- mouse and keyboard ----------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = event.position()
            self.setFocus()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is None:
            return
        ax, ay = self._to_points(self._drag_from)
        bx, by = self._to_points(event.position())
        self.box = (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is None:
            return
        ax, ay = self._to_points(self._drag_from)
        bx, by = self._to_points(event.position())
        self._drag_from = None
        if abs(bx - ax) < 10 or abs(by - ay) < 10:
            # a click: put a stamp of the usual size with its top left corner there
            w, h = DEFAULT_STAMP_SIZE
            self.box = self._clamp((ax, ay - h, ax + w, ay))
        else:
            self.box = self._clamp((min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
        self.update()
        self.box_changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        moves = {Qt.Key.Key_Left: (-_STEP, 0.0), Qt.Key.Key_Right: (_STEP, 0.0),
                 Qt.Key.Key_Up: (0.0, _STEP), Qt.Key.Key_Down: (0.0, -_STEP)}
        delta = moves.get(Qt.Key(event.key()))
        if delta is None or self.box is None:
            super().keyPressEvent(event)
            return
        dx, dy = delta
        x1, y1, x2, y2 = self.box
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.box = self._clamp((x1, y1 - dy, x2 + dx, y2))
        else:
            self.box = self._clamp((x1 + dx, y1 + dy, x2 + dx, y2 + dy))
        self.update()
        self.box_changed.emit()
