"""Sending a letter (ส่งหนังสือ): attach the PDF, name the recipients, issue the number.

The flow follows the regulation's order, draft → number issued → signed → sent: the
letter may be kept as a draft (ร่าง, no number spent) and reopened here; the number
(ที่ <agency code>/<n>) is issued when it is registered, and only then is it signed,
so the signature covers a letter that already carries its number. Recipients are free
text, or agencies ticked from the hub's directory; for those, "sign and send" signs
the letter and queues it for the hub in one go, and "sign and send by courier"
(ส่งทางพนักงานนำสาร) signs and queues it, then puts it on a removable drive.
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

from korat_desktop.services.drafts import DraftFields, DraftInfo
from korat_desktop.services.results import RegisterResult
from korat_desktop.ui.buttons import primary_button
from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.letter_form import LetterForm
from korat_desktop.ui.operations import Operations
from korat_desktop.ui.pdf_drop import pdf_paths
from korat_desktop.ui.pdf_pane import PdfPane
from korat_desktop.ui.recipient_picker import RecipientPicker

__all__ = ["SendDialog"]


class SendDialog(QDialog):
    sign_requested = Signal(list)
    sign_and_send_requested = Signal(list)  # sign, then queue for the hub
    sign_and_courier_requested = Signal(list)  # sign, queue, then onto a courier's stick

    def __init__(self, operations: Operations, parent: QWidget | None = None,
                 draft: DraftInfo | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.path: Path | None = None  # a PDF chosen here (for a draft: a replacement)
        self.draft = draft
        self.issued: RegisterResult | None = None
        self.setWindowTitle(self.tr("ส่งหนังสือ") if draft is None else
                            self.tr("ร่างหนังสือ: {subject}").format(subject=draft.subject))
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
        self.recipients = RecipientPicker(self)
        self.circular = QCheckBox(self.tr("หนังสือเวียน (ใส่ ว หน้าเลข)"), self)
        self.preview = PdfPane(self)
        self.status = QLabel(self)
        self.status.setObjectName("result")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setAccessibleName(self.tr("ผลการออกเลข"))
        self.issue = primary_button(self.tr("ออกเลขทะเบียนส่ง"), self)
        self.issue.setToolTip(self.tr("บันทึกลงทะเบียนส่งและออกเลขที่หนังสือ (Ctrl+Enter)"))
        self.save_draft = QPushButton(self.tr("บันทึกเป็นร่าง"), self)
        self.save_draft.setToolTip(self.tr("เก็บไว้แก้ไขภายหลัง ยังไม่ออกเลข (Ctrl+S)"))
        self.copy = QPushButton(self.tr("คัดลอกเลขที่"), self)
        self.sign = QPushButton(self.tr("ลงนาม…"), self)
        self.sign.setAccessibleName(self.tr("ลงนามหนังสือนี้"))
        self.sign_and_send = primary_button(self.tr("ลงนามและส่ง…"), self)
        self.sign_and_send.setAccessibleName(self.tr("ลงนามแล้วส่งทางระบบกลาง"))
        self.sign_and_send.setToolTip(self.tr(
            "ลงนามด้วยบัตรหรือโทเคน แล้วเข้าคิวส่งถึงหน่วยงานที่เลือกทางระบบกลาง"))
        self.sign_and_courier = QPushButton(self.tr("ลงนามและส่งทางพนักงานนำสาร…"), self)
        self.sign_and_courier.setAccessibleName(self.tr("ลงนามแล้วส่งทางพนักงานนำสาร"))
        self.sign_and_courier.setToolTip(self.tr(
            "ลงนามด้วยบัตรหรือโทเคน แล้วเขียนชุดเอกสารลงแฟลชไดรฟ์ให้พนักงานนำสารนำไปส่ง"))
        self.close_button = QPushButton(self.tr("ปิด"), self)
        self.copy.hide()
        self.sign.hide()
        self.sign_and_send.hide()
        self.sign_and_courier.hide()

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.attach)
        left_layout.addLayout(file_row)
        left_layout.addWidget(self.form)
        left_layout.addWidget(self.recipients)
        left_layout.addWidget(self.circular)
        left_layout.addStretch(1)
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(self.preview)
        split.setSizes([520, 560])
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        for button in (self.copy, self.sign, self.sign_and_courier, self.sign_and_send,
                       self.save_draft, self.issue, self.close_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

        self.attach.clicked.connect(self.pick_file)
        self.issue.clicked.connect(self.issue_number)
        self.copy.clicked.connect(self.copy_number)
        self.sign.clicked.connect(self._sign)
        self.sign_and_send.clicked.connect(self._sign_and_send)
        self.sign_and_courier.clicked.connect(self._sign_and_courier)
        self.save_draft.clicked.connect(self.keep_draft)
        self.close_button.clicked.connect(self.close)
        self.form.changed.connect(self._refresh)
        self.recipients.changed.connect(self._refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Open), self, self.pick_file)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.issue.click)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save_draft.click)
        operations.hub.agencies().then(self.recipients.set_agencies)
        if draft is not None:
            self._show_draft(draft)
        self._refresh()

    def _show_draft(self, draft: DraftInfo) -> None:
        fields = draft.fields
        self.form.set_intake(fields.intake())
        self.recipients.set_codes(list(fields.recipient_codes))
        self.circular.setChecked(fields.circular)
        self.file.setText(draft.file_name or self.tr("ไฟล์ในร่าง"))
        self.operations.drafts.pdf(draft.id).then(
            self.preview.load, lambda e: self.status.setText(error_text(e)))

    def fields(self) -> DraftFields:
        intake = self.form.intake()
        return DraftFields(subject=intake.subject, recipient=intake.recipient,
                           recipient_codes=tuple(self.recipients.codes()),
                           letter_date=intake.letter_date, kind=intake.kind,
                           urgency=intake.urgency, secrecy=intake.secrecy,
                           circular=self.circular.isChecked(), notes=intake.notes)

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
        has_pdf = self.path is not None or self.draft is not None
        filled = bool(self.form.subject.text().strip()) and self.form.date_ok()
        addressed = bool(self.form.recipient.text().strip()) or bool(self.recipients.codes())
        self.issue.setEnabled(self.issued is None and has_pdf and filled and addressed)
        self.save_draft.setEnabled(self.issued is None and has_pdf and filled)

    def issue_number(self) -> None:
        if not self.issue.isEnabled():
            return
        self.issue.setEnabled(False)
        self.save_draft.setEnabled(False)
        self.status.setText(self.tr("กำลังออกเลข…"))
        codes = self.recipients.codes()
        if self.draft is not None:
            job = self.operations.drafts.issue(self.draft.id, self.fields(), self.path)
        elif codes:
            assert self.path is not None
            job = self.operations.hub.send(self.path, self.form.intake(), codes,
                                           self.circular.isChecked())
        else:
            assert self.path is not None
            job = self.operations.send_file(self.path, self.form.intake(),
                                            self.circular.isChecked())
        job.then(self._issued, self._failed)

    def keep_draft(self) -> None:
        """Save as a draft (ร่าง): no number is issued; reopen it from the drafts view."""
        if not self.save_draft.isEnabled():
            return
        self.save_draft.setEnabled(False)
        if self.draft is None:
            assert self.path is not None
            job = self.operations.drafts.create(self.path, self.fields())
        else:
            job = self.operations.drafts.update(self.draft.id, self.fields(), self.path)
        job.then(self._draft_saved, self._failed)

    def _draft_saved(self, result: object) -> None:
        self.draft = getattr(result, "draft", self.draft)
        self.path = None  # the PDF is in the draft now
        self.status.setText(self.tr("บันทึกร่างแล้ว ยังไม่ได้ออกเลข ดูได้ที่เมนู “ร่าง”"))
        self._refresh()

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
        self.recipients.set_read_only(True)
        self.circular.setEnabled(False)
        self.attach.setEnabled(False)
        self.issue.hide()
        self.save_draft.hide()
        self.copy.show()
        self.sign.show()
        if self.recipients.codes():
            self.sign_and_courier.show()
            self.sign_and_send.show()
            self.sign_and_send.setDefault(True)
            self.sign_and_send.setFocus()
        else:
            self.sign.setDefault(True)
            self.sign.setFocus()

    def copy_number(self) -> None:
        if self.issued is not None:
            QGuiApplication.clipboard().setText(self.issued.entry.letter_number)

    def _sign(self) -> None:
        if self.issued is not None:
            self.sign_requested.emit([self.issued.entry.id])
            self.close()

    def _sign_and_send(self) -> None:
        if self.issued is not None:
            self.sign_and_send_requested.emit([self.issued.entry.id])
            self.close()

    def _sign_and_courier(self) -> None:
        if self.issued is not None:
            self.sign_and_courier_requested.emit([self.issued.entry.id])
            self.close()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.issued is None and pdf_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = pdf_paths(event.mimeData())
        if paths:
            self.set_path(paths[0])
            event.acceptProposedAction()
