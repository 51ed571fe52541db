"""Signing letters with a smart card or USB token (one PIN for the whole batch).

Order of events, and why:
1. The token list refreshes by itself when a card goes in or out, and the PIN is taken
   from its field and cleared at once (:mod:`korat_desktop.ui.signer_picker`). A wrong
   PIN costs nothing but a message: the dialog stays open for another try.
3. With the session open, the database lane signs each letter and stores each new
   version as it goes; progress counts letters. The session is closed (logged out)
   afterwards, whatever happened.
Every failure is shown in the core's own plain words, per letter where it concerns
one letter.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from korat_desktop.domain.signature_words import level_words
from korat_desktop.services.signing_ops import SignReport, SignResult
from korat_desktop.signing import Appearance
from korat_desktop.ui import language
from korat_desktop.ui.buttons import primary_button
from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.operations import Operations, SignerHandle
from korat_desktop.ui.signer_picker import SignerPicker
from korat_desktop.ui.stamp_placement import StampPlacementView
from korat_desktop.ui.token_watch import TokenWatcher

__all__ = ["SignDialog"]


class SignDialog(QDialog):
    signed = Signal(object)  # SignReport

    def __init__(self, operations: Operations, entry_ids: list[int],
                 watcher: TokenWatcher, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.entry_ids = list(entry_ids)
        self.watcher = watcher
        self._signer: SignerHandle | None = None
        self.report: SignReport | None = None
        self.setWindowTitle(self.tr("ลงนามหนังสือ {count} ฉบับ").format(count=len(entry_ids)))
        self.setAccessibleName(self.windowTitle())
        self.resize(980, 680)

        form = QFormLayout()
        self.signer_picker = SignerPicker(operations, watcher, form, self)
        # the picker's fields, by the names the flows and tests know them
        self.token = self.signer_picker.token
        self.certificate = self.signer_picker.certificate
        self.pin = self.signer_picker.pin
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("ชื่อที่แสดงในตรา"))
        self.name.setPlaceholderText(self.tr("ตามใบรับรอง"))
        self.position = QLineEdit(self)
        self.position.setAccessibleName(self.tr("ตำแหน่ง"))
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName(self.tr("เหตุผล"))
        self.page = QSpinBox(self)
        self.page.setAccessibleName(self.tr("หน้าที่วางตรา"))
        self.page.setMinimum(1)
        self.document = QPdfDocument(self)
        self.placement = StampPlacementView(self.document, self)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.message = QLabel(self)
        self.message.setObjectName("result")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("ผลการลงนาม"))
        self.results = QListWidget(self)
        self.results.setAccessibleName(self.tr("ผลการลงนามแต่ละฉบับ"))
        self.results.hide()
        self.sign = primary_button(self.tr("ลงนาม"), self)
        self.sign.setDefault(True)
        self.close_button = QPushButton(self.tr("ปิด"), self)

        form.addRow(self.tr("ชื่อในตรา"), self.name)
        form.addRow(self.tr("ตำแหน่ง"), self.position)
        form.addRow(self.tr("เหตุผล"), self.reason)
        form.addRow(self.tr("หน้าที่วางตรา"), self.page)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(QLabel(self.tr("ลากกรอบบนหน้ากระดาษเพื่อวางตรา (ใช้กับทุกฉบับ)"), self))
        left.addWidget(self.message)
        left.addWidget(self.results, 1)
        left.addStretch(0)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.placement, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addStretch(0)
        bottom.addWidget(self.sign)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)

        self.signer_picker.changed.connect(self._refresh)
        self.page.valueChanged.connect(lambda v: self.placement.set_page(v - 1))
        self.document.statusChanged.connect(self._document_loaded)
        self.sign.clicked.connect(self.start_signing)
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.sign.click)
        self._refresh()
        if self.entry_ids:
            self.operations.preview_pdf(self.entry_ids[0]).then(
                self._load_preview, lambda e: self.message.setText(error_text(e)))

    # -- the first letter's page, for placing the stamp ----------------------------------------
    def _load_preview(self, data: bytes) -> None:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice

        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)

    def _document_loaded(self, status: QPdfDocument.Status) -> None:
        if status == QPdfDocument.Status.Ready:
            count = self.document.pageCount()
            self.page.setMaximum(max(1, count))
            self.page.setValue(max(1, count))  # the signature block is on the last page
            self.placement.set_page(count - 1)

    def _refresh(self) -> None:
        self.sign.setEnabled(self.signer_picker.ready() and self._signer is None
                             and self.report is None)

    def appearance(self) -> Appearance:
        return Appearance(name=self.name.text().strip() or None,
                          position=self.position.text().strip() or None,
                          reason=self.reason.text().strip() or None,
                          page=self.page.value() if self.document.pageCount() else None,
                          box=self.placement.box)

    # -- signing -----------------------------------------------------------------------------
    def start_signing(self) -> None:
        if not self.signer_picker.ready() or self._signer is not None:
            return
        self.sign.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.message.setText(self.tr("กดรหัสที่เครื่องอ่านบัตร…") if self.signer_picker.pin_pad
                             else self.tr("กำลังเข้าสู่บัตร…"))
        self.signer_picker.log_in().then(self._logged_in, self._login_failed)

    def _login_failed(self, error: BaseException) -> None:
        self.progress.hide()
        self.message.setText(error_text(error))
        self._refresh()
        self.pin.setFocus()

    def _logged_in(self, signer: SignerHandle) -> None:
        self._signer = signer
        self.message.setText(self.tr("กำลังลงนามในนามของ {name}…").format(
            name=signer.info.common_name))
        self.progress.setRange(0, len(self.entry_ids))
        self.progress.setValue(0)
        job = self.operations.sign(self.entry_ids, signer, self.appearance())
        job.progress.connect(lambda done, _total, _text: self.progress.setValue(done))
        job.then(self.show_report, self._sign_failed)

    def _finish_session(self) -> None:
        if self._signer is not None:
            self.operations.close_signer(self._signer)
            self._signer = None
        self.progress.hide()

    def _sign_failed(self, error: BaseException) -> None:
        self._finish_session()
        self.message.setText(error_text(error))
        self._refresh()

    def show_report(self, report: SignReport) -> None:
        """The batch is done: one line per letter, by its register number and version."""
        self._finish_session()
        self.report = report
        lang = language.current()
        signed = [r for r in report.results if r.ok]
        self.results.clear()
        for result in report.results:
            letter = self.letter_text(result)
            if result.ok:
                line = self.tr("{letter} รุ่นที่ {seq}: {level}").format(
                    letter=letter, seq=result.seq, level=level_words(result.level, lang))
            else:
                why = result.error.message(lang) if result.error else ""
                line = self.tr("{letter}: ไม่สำเร็จ — {why}").format(letter=letter, why=why)
            self.results.addItem(line)
        self.results.show()
        if report.all_signed:
            self.message.setText(self.tr("ลงนามเรียบร้อย {count} ฉบับ").format(count=len(signed)))
        else:
            text = self.tr("ลงนามได้ {done} จาก {count} ฉบับ").format(
                done=len(signed), count=len(report.results))
            if report.stopped is not None:
                text += " — " + report.stopped.message(lang)
            self.message.setText(text)
        self.sign.setEnabled(False)
        self.close_button.setFocus()
        self.signed.emit(report)

    def letter_text(self, result: SignResult) -> str:
        """The letter as the clerk knows it: its register number (เลขรับ 12/2569)."""
        from korat_desktop.domain.registers import RegisterKind

        if result.number is None or result.year_be is None:  # cannot happen for a signed one
            return self.tr("หนังสือ")
        number = f"{result.number}/{result.year_be}"
        if result.register is RegisterKind.SEND:
            return self.tr("เลขส่ง {number}").format(number=number)
        return self.tr("เลขรับ {number}").format(number=number)

    def closeEvent(self, event: object) -> None:
        self.signer_picker.release()
        super().closeEvent(event)  # type: ignore[arg-type]
