"""Printing with Qt's print dialog and its preview (QtPrintSupport).

Everything the clerk prints is a PDF the core made or keeps (services/printing.py):
the letter as the app shows it, stamps and signature appearances included; the
register for some days; the delivery slip. Its pages are rendered through QPdfDocument
(the same renderer as the preview pane) at the printer's own resolution and scaled to
the printable area, keeping their proportions, so what comes out is what the screen
showed, at the printer's sharpness (up to :data:`MAX_RENDER_DPI`).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from korat_desktop.ui.pdf_pane import load_pdf

__all__ = ["MAX_RENDER_DPI", "paint_pdf", "print_preview", "RegisterPeriodDialog"]

# A page is rendered at the printer's resolution up to this: a 1200 dpi printer (or
# Qt's PDF printer) would otherwise get a 140-megapixel image per A4 page, while 300
# dpi is what letters are scanned and faxed at and prints sharp Thai at 14 pt.
MAX_RENDER_DPI = 300


def paint_pdf(printer: QPrinter, pdf: bytes) -> int:
    """Print ``pdf`` on ``printer`` page by page; returns the pages printed."""
    document = QPdfDocument()
    buffer = load_pdf(document, pdf)
    try:
        count = document.pageCount()
        if count == 0:
            return 0
        device_dpi = printer.resolution()
        dpi = min(device_dpi, MAX_RENDER_DPI)
        options = QPdfDocumentRenderOptions()
        # stamps and signature appearances are annotations: print them as shown
        options.setRenderFlags(QPdfDocumentRenderOptions.RenderFlag.Annotations)
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        try:
            for page in range(count):
                if page:
                    printer.newPage()
                area = painter.viewport()  # the printable area, in device pixels
                points = document.pagePointSize(page)
                wide, high = points.width() * device_dpi / 72, points.height() * device_dpi / 72
                scale = min(area.width() / max(wide, 1), area.height() / max(high, 1), 1.0)
                target = QRect(area.x() + int(area.width() - wide * scale) // 2, area.y(),
                               int(wide * scale), int(high * scale))
                size = QSize(int(points.width() * dpi / 72 * scale),
                             int(points.height() * dpi / 72 * scale))
                image = document.render(page, size, options, fillColor=Qt.GlobalColor.white)
                painter.drawImage(target, image)
        finally:
            painter.end()
        return count
    finally:
        document.close()
        buffer.close()


def print_preview(parent: QWidget, pdf: bytes, title: str) -> QPrintPreviewDialog:
    """Qt's print preview of ``pdf`` (its print button opens the print dialog)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFullPage(False)
    if _is_landscape(pdf):  # the register: A4 landscape, as the paper book
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate(
        "print_preview", "ตัวอย่างก่อนพิมพ์: {title}").format(title=title))
    dialog.paintRequested.connect(lambda target: paint_pdf(target, pdf))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog._printer = printer  # type: ignore[attr-defined]  # lives as long as the dialog
    dialog.open()
    return dialog


def _is_landscape(pdf: bytes) -> bool:
    document = QPdfDocument()
    buffer = load_pdf(document, pdf)
    try:
        size = document.pagePointSize(0) if document.pageCount() else None
        return size is not None and size.width() > size.height()
    finally:
        document.close()
        buffer.close()


class RegisterPeriodDialog(QDialog):
    """Which register and which days to print (Buddhist-Era dates, today by default)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from korat_desktop.domain.registers import RegisterKind
        from korat_desktop.domain.thai_dates import thai_now

        self.setWindowTitle(self.tr("พิมพ์ทะเบียน"))
        today = thai_now().date()
        text = f"{today.day:02d}/{today.month:02d}/{today.year + 543}"
        self.register = QComboBox(self)
        self.register.addItem(self.tr("ทะเบียนหนังสือรับ"), RegisterKind.RECEIVE)
        self.register.addItem(self.tr("ทะเบียนหนังสือส่ง"), RegisterKind.SEND)
        self.register.setAccessibleName(self.tr("ทะเบียน"))
        self.first = QLineEdit(text, self)
        self.first.setAccessibleName(self.tr("ตั้งแต่วันที่"))
        self.last = QLineEdit(text, self)
        self.last.setAccessibleName(self.tr("ถึงวันที่"))
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("ดูตัวอย่างก่อนพิมพ์"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("ทะเบียน"), self.register)
        form.addRow(self.tr("ตั้งแต่วันที่ (วว/ดด/ปปปป พ.ศ.)"), self.first)
        form.addRow(self.tr("ถึงวันที่"), self.last)
        form.addRow(self.problem)
        form.addRow(buttons)

    def period(self) -> tuple[dt.date, dt.date] | None:
        """The days typed, or None (and the reason shown) when they cannot be read."""
        from korat_desktop.domain.thai_dates import parse_date
        from korat_desktop.errors import DomainError

        try:
            first = parse_date(self.first.text())
            last = parse_date(self.last.text() or self.first.text())
        except DomainError:
            self.problem.setText(self.tr("อ่านวันที่ไม่ได้ พิมพ์เป็น วว/ดด/ปปปป พ.ศ. เช่น 02/12/2569"))
            return None
        if last < first:
            self.problem.setText(self.tr("วันสุดท้ายต้องไม่ก่อนวันแรก"))
            return None
        self.problem.clear()
        return first, last

    def _check(self) -> None:
        if self.period() is not None:
            self.accept()
