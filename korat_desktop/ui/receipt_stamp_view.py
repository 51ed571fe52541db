"""Page 1 of a letter with the receipt stamp's proposed place, which the clerk can move.

The core proposes the place (blank space near the top right, or this sender's usual
place: services/stamp_places.py); this view only draws page 1 (QtPdf) with the stamp's
rectangle on it, in millimetres from the page's top left as displayed, the unit the
core and ``korat receive --stamp-at`` use. Drag the rectangle, or click where its top
left should go; arrow keys move it by 1 mm (Shift: 5 mm) for people without a mouse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtWidgets import QSizePolicy, QWidget

if TYPE_CHECKING:
    from korat_desktop.services.stamp_places import StampProposal

__all__ = ["ReceiptStampView"]


class ReceiptStampView(QWidget):
    moved = Signal()  # the clerk moved the stamp (``place_mm`` is the new place)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.proposal: StampProposal | None = None
        self.place_mm: tuple[float, float] | None = None
        self._image: QImage | None = None
        self._image_size: QSize | None = None
        self._grab: QPointF | None = None  # where in the stamp the mouse holds it (mm)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(240, 320)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("ตำแหน่งตรารับ"))
        self.setAccessibleDescription(self.tr(
            "ลากกรอบเพื่อย้ายตรารับ หรือคลิกตรงที่ให้มุมซ้ายบนของตราอยู่ ใช้ลูกศรเพื่อเลื่อน"))

    # -- state ---------------------------------------------------------------------------
    def show_letter(self, pdf: bytes, proposal: StampProposal,
                    moved_to: tuple[float, float] | None = None) -> None:
        """Show ``pdf``'s page 1 with the stamp at ``moved_to`` or where proposed."""
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.proposal = proposal
        self.place_mm = moved_to or (proposal.place.x_mm, proposal.place.y_mm)
        self._image = None
        self.update()

    def clear(self) -> None:
        self.document.close()
        self.proposal = None
        self.place_mm = None
        self._image = None
        self.update()

    # -- geometry ------------------------------------------------------------------------
    def _frame(self) -> tuple[QRectF, float]:
        """Where page 1 is drawn in the widget, and widget pixels per millimetre."""
        if self.proposal is None:
            return QRectF(), 1.0
        width, height = self.proposal.page_mm
        scale = min((self.width() - 16) / width, (self.height() - 16) / height)
        drawn = QRectF(0, 0, width * scale, height * scale)
        drawn.moveCenter(QRectF(self.rect()).center())
        return drawn, scale

    def stamp_rect(self) -> QRectF:
        """The stamp's rectangle in widget coordinates (empty when nothing is shown)."""
        if self.proposal is None or self.place_mm is None:
            return QRectF()
        frame, scale = self._frame()
        w, h = self.proposal.size_mm
        x, y = self.place_mm
        return QRectF(frame.left() + x * scale, frame.top() + y * scale, w * scale, h * scale)

    def to_mm(self, point: QPointF) -> QPointF:
        frame, scale = self._frame()
        return QPointF((point.x() - frame.left()) / scale, (point.y() - frame.top()) / scale)

    def _move_to(self, x: float, y: float) -> None:
        assert self.proposal is not None
        width, height = self.proposal.page_mm
        w, h = self.proposal.size_mm
        self.place_mm = (round(min(max(x, 0.0), width - w), 1),
                         round(min(max(y, 0.0), height - h), 1))
        self.update()

    # -- painting ------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#e9ecef"))
        frame, _scale = self._frame()
        if self.proposal is None or self.document.pageCount() == 0 or frame.isEmpty():
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("กำลังหาที่ว่างสำหรับตรารับ…"))
            return
        size = frame.size().toSize()
        if self._image is None or self._image_size != size:
            options = QPdfDocumentRenderOptions()
            options.setRenderFlags(QPdfDocumentRenderOptions.RenderFlag.Annotations)
            self._image = self.document.render(0, size, options)
            self._image_size = size
        painter.drawImage(frame.topLeft(), self._image)
        rect = self.stamp_rect()
        painter.fillRect(rect, QColor(21, 101, 192, 50))
        painter.setPen(QPen(QColor("#1565c0"), 2, Qt.PenStyle.DashLine))
        painter.drawRect(rect)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.tr("ตรารับ"))
        if self.hasFocus():
            painter.setPen(QPen(self.palette().highlight().color(), 2))
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))

    # -- mouse and keyboard --------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.place_mm is None:
            return
        self.setFocus()
        at = self.to_mm(event.position())
        if self.stamp_rect().contains(event.position()):
            self._grab = QPointF(at.x() - self.place_mm[0], at.y() - self.place_mm[1])
        else:  # a click elsewhere: the stamp's top left goes there
            self._grab = QPointF(0, 0)
            self._move_to(at.x(), at.y())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._grab is not None:
            at = self.to_mm(event.position())
            self._move_to(at.x() - self._grab.x(), at.y() - self._grab.y())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._grab is None:
            return
        at = self.to_mm(event.position())
        self._move_to(at.x() - self._grab.x(), at.y() - self._grab.y())
        self._grab = None
        self.moved.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = 5.0 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1.0
        moves = {Qt.Key.Key_Left: (-step, 0.0), Qt.Key.Key_Right: (step, 0.0),
                 Qt.Key.Key_Up: (0.0, -step), Qt.Key.Key_Down: (0.0, step)}
        delta = moves.get(Qt.Key(event.key()))
        if delta is None or self.place_mm is None:
            super().keyPressEvent(event)
            return
        self._move_to(self.place_mm[0] + delta[0], self.place_mm[1] + delta[1])
        self.moved.emit()
