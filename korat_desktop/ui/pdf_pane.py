"""A PDF preview with zoom and page navigation (QtPdf's QPdfView).

The bytes come from the database lane; rendering is QtPdf's own work on the UI thread,
page by page as they scroll into view, which stays quick on old PCs.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QPointF
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

__all__ = ["PdfPane", "load_pdf"]

_ZOOM_STEPS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0)


def load_pdf(document: QPdfDocument, data: bytes, owner: QObject | None = None) -> QBuffer:
    """Load ``data`` into ``document``; the buffer must live as long as the document
    reads it (QPdfDocument reads pages from it lazily)."""
    buffer = QBuffer(owner)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return buffer


class PdfPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.view = QPdfView(self)
        self.view.setAccessibleName(self.tr("ตัวอย่างหนังสือ"))
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)

        self.previous = self._button("‹", self.tr("หน้าก่อนหน้า"), self.tr("หน้าก่อนหน้า (Alt+←)"))
        self.page = QSpinBox(self)
        self.page.setAccessibleName(self.tr("เลขหน้า"))
        self.page.setMinimum(1)
        self.pages = QLabel(self)
        self.next = self._button("›", self.tr("หน้าถัดไป"), self.tr("หน้าถัดไป (Alt+→)"))
        self.zoom_out = self._button("−", self.tr("ย่อ"), self.tr("ย่อ (Ctrl+-)"))
        self.zoom_label = QLabel(self)
        self.zoom_label.setMinimumWidth(48)
        self.zoom_in = self._button("+", self.tr("ขยาย"), self.tr("ขยาย (Ctrl++)"))
        self.fit = self._button(self.tr("พอดีความกว้าง"), self.tr("พอดีความกว้าง"),
                                self.tr("ปรับให้พอดีความกว้าง (Ctrl+0)"))

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (self.previous, QLabel(self.tr("หน้า"), self), self.page, self.pages,
                       self.next):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.zoom_out, self.zoom_label, self.zoom_in, self.fit):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        navigator = self.view.pageNavigator()
        self.previous.clicked.connect(lambda: self.go_to(self.current_page() - 1))
        self.next.clicked.connect(lambda: self.go_to(self.current_page() + 1))
        self.page.editingFinished.connect(lambda: self.go_to(self.page.value() - 1))
        navigator.currentPageChanged.connect(self._page_changed)
        self.zoom_in.clicked.connect(lambda: self.step_zoom(+1))
        self.zoom_out.clicked.connect(lambda: self.step_zoom(-1))
        self.fit.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.view.zoomFactorChanged.connect(self._show_zoom)
        self.view.zoomModeChanged.connect(lambda _m: self._show_zoom(self.view.zoomFactor()))
        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, lambda: self.step_zoom(+1)),
                           (QKeySequence.StandardKey.ZoomOut, lambda: self.step_zoom(-1)),
                           ("Ctrl+0", self.fit.click),
                           ("Alt+Left", self.previous.click),
                           ("Alt+Right", self.next.click)):
            QShortcut(QKeySequence(keys), self, slot)
        self._show_pages()

    def _button(self, text: str, name: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setAccessibleName(name)
        button.setToolTip(tip)
        return button

    def load(self, data: bytes) -> None:
        self.document.close()
        buffer = load_pdf(self.document, data, self)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self._show_pages()
        self.go_to(0)

    def clear(self) -> None:
        self.document.close()
        self._show_pages()

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        if 0 <= page < self.page_count():
            self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())

    def step_zoom(self, direction: int) -> None:
        factor = self.view.zoomFactor()
        if self.view.zoomMode() != QPdfView.ZoomMode.Custom:
            factor = self._effective_zoom()
        steps = [z for z in _ZOOM_STEPS if (z > factor + 0.01 if direction > 0
                                            else z < factor - 0.01)]
        if steps:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(steps[0] if direction > 0 else steps[-1])

    def _effective_zoom(self) -> float:
        """The zoom a fit mode currently shows, so +/- continue from what is on screen."""
        if self.page_count() == 0:
            return 1.0
        size = self.document.pagePointSize(self.current_page())
        dpi_scale = self.logicalDpiX() / 72.0
        if size.width() <= 0:
            return 1.0
        return max(0.1, (self.view.viewport().width() - 24) / (size.width() * dpi_scale))

    def _show_zoom(self, factor: float) -> None:
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom:
            self.zoom_label.setText(f"{factor * 100:.0f}%")
        else:
            self.zoom_label.setText(f"{self._effective_zoom() * 100:.0f}%")

    def _show_pages(self) -> None:
        count = self.page_count()
        self.page.setMaximum(max(1, count))
        self.pages.setText(self.tr("จาก {count}").format(count=count))
        for widget in (self.previous, self.next, self.page, self.zoom_in, self.zoom_out,
                       self.fit):
            widget.setEnabled(count > 0)
        self._page_changed(self.current_page())

    def _page_changed(self, page: int) -> None:
        self.page.setValue(page + 1)
        self.previous.setEnabled(page > 0)
        self.next.setEnabled(page + 1 < self.page_count())
        self._show_zoom(self.view.zoomFactor())
