"""Sending a letter (ส่งหนังสือ): attach the PDF, name the recipients, issue the number.

The flow follows the regulation's order: the number (ที่ <agency code>/<n>) is issued
when the letter is registered, and only then is it signed, so the signature covers a
letter that already carries its number. Signing opens the sign dialog for this entry.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from korat_desktop.services.results import RegisterResult
from korat_desktop.ui.buttons import primary_button
from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.letter_form import LetterForm
from korat_desktop.ui.operations import Operations
from korat_desktop.ui.pdf_drop import pdf_paths
from korat_desktop.ui.pdf_pane import PdfPane

__all__ = ["SendDialog"]


class SendDialog(QDialog):
    sign_requested = Signal(list)

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.path: Path | None = None
        self.issued: RegisterResult | None = None
        self.setWindowTitle(self.tr("ส่งหนังสือ"))
        self.setAccessibleName(self.windowTitle())
        self.setAcceptDrops(True)
        self.resize(1100, 680)

        self.file = QLineEdit(self)
        self.file.setReadOnly(True)
        self.file.setAccessibleName(self.tr("ไฟล์หนังสือ"))
        self.file.setPlaceholderText(self.tr("ยังไม่ได้แนบไฟล์ PDF"))
        self.attach = QPushButton(self.tr("แนบไฟล์…"), self)
        self.attach.setToolTip(self.tr("เลือกไฟล์ PDF ของหนังสือ (Ctrl+O)"))
        self.form = LetterForm(incoming=False, parent=self)
        self.circular = QCheckBox(self.tr("หนังสือเวียน (ใส่ ว หน้าเลข)"), self)
        self.preview = PdfPane(self)
        self.status = QLabel(self)
        self.status.setObjectName("result")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setAccessibleName(self.tr("ผลการออกเลข"))
        self.issue = primary_button(self.tr("ออกเลขทะเบียนส่ง"), self)
        self.issue.setToolTip(self.tr("บันทึกลงทะเบียนส่งและออกเลขที่หนังสือ (Ctrl+Enter)"))
        self.copy = QPushButton(self.tr("คัดลอกเลขที่"), self)
        self.sign = QPushButton(self.tr("ลงนาม…"), self)
        self.sign.setAccessibleName(self.tr("ลงนามหนังสือนี้"))
        self.close_button = QPushButton(self.tr("ปิด"), self)
        self.copy.hide()
        self.sign.hide()

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.attach)
        left_layout.addLayout(file_row)
        left_layout.addWidget(self.form)
        left_layout.addWidget(self.circular)
        left_layout.addStretch(1)
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(self.preview)
        split.setSizes([520, 560])
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        for button in (self.copy, self.sign, self.issue, self.close_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

        self.attach.clicked.connect(self.pick_file)
        self.issue.clicked.connect(self.issue_number)
        self.copy.clicked.connect(self.copy_number)
        self.sign.clicked.connect(self._sign)
        self.close_button.clicked.connect(self.close)
        self.form.changed.connect(self._refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Open), self, self.pick_file)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.issue.click)
        self._refresh()

    def set_path(self, path: Path) -> None:
        if self.issued is not None:
            return
        self.path = path
        self.file.setText(str(path))
        if not self.form.subject.text():
            self.form.subject.setText(path.stem.replace("_", " "))
        self.operations.read_pdf_file(path).then(
            self.preview.load, lambda e: self.status.setText(error_text(e)))
        self._refresh()

    def pick_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("เลือกไฟล์หนังสือ"), "", self.tr("ไฟล์ PDF (*.pdf)"))
        if name:
            self.set_path(Path(name))

    def _refresh(self) -> None:
        ready = (self.issued is None and self.path is not None
                 and bool(self.form.subject.text().strip())
                 and bool(self.form.recipient.text().strip()) and self.form.date_ok())
        self.issue.setEnabled(ready)

    def issue_number(self) -> None:
        if self.path is None or self.issued is not None:
            return
        self.issue.setEnabled(False)
        self.status.setText(self.tr("กำลังออกเลข…"))
        self.operations.send_file(self.path, self.form.intake(),
                                  self.circular.isChecked()).then(self._issued, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.status.setText(error_text(error))
        self._refresh()

    def _issued(self, result: RegisterResult) -> None:
        self.issued = result
        entry = result.entry
        self.status.setText(self.tr("ออกเลขแล้ว: ที่ {letter_number} (ทะเบียนส่งเลข {number})")
                            .format(letter_number=entry.letter_number,
                                    number=f"{entry.number}/{entry.year_be}"))
        self.form.set_read_only(True)
        self.circular.setEnabled(False)
        self.attach.setEnabled(False)
        self.issue.hide()
        self.copy.show()
        self.sign.show()
        self.sign.setDefault(True)
        self.sign.setFocus()

    def copy_number(self) -> None:
        if self.issued is not None:
            QGuiApplication.clipboard().setText(self.issued.entry.letter_number)

    def _sign(self) -> None:
        if self.issued is not None:
            self.sign_requested.emit([self.issued.entry.id])
            self.close()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.issued is None and pdf_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = pdf_paths(event.mimeData())
        if paths:
            self.set_path(paths[0])
            event.acceptProposedAction()
