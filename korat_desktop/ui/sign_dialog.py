"""Signing letters with a smart card or USB token (one PIN for the whole batch).

Order of events, and why:
1. The token list refreshes by itself when a card goes in or out (TokenWatcher).
2. The PIN is read from the field, the field is cleared at once, and the PIN goes to
   the token lane to log in. A wrong PIN costs nothing but a message: the dialog stays
   open for another try. A reader with a PIN pad gets no field at all.
3. With the session open, the database lane signs each letter and stores each new
   version as it goes; progress counts letters. The session is closed (logged out)
   afterwards, whatever happened.
Every failure is shown in the core's own plain words, per letter where it concerns
one letter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QComboBox,
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

from korat_desktop.services.signing_ops import SignReport
from korat_desktop.signing import Appearance
from korat_desktop.ui import language
from korat_desktop.ui.buttons import primary_button
from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.operations import Operations, SignerHandle
from korat_desktop.ui.stamp_placement import StampPlacementView
from korat_desktop.ui.token_watch import TokenWatcher

if TYPE_CHECKING:  # the signing stack loads with the first token listing
    from korat_desktop.services.token_listing import TokenListing

__all__ = ["SignDialog"]


class SignDialog(QDialog):
    signed = Signal(object)  # SignReport

    def __init__(self, operations: Operations, entry_ids: list[int],
                 watcher: TokenWatcher, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.entry_ids = list(entry_ids)
        self.watcher = watcher
        self._listings: list[TokenListing] = []
        self._signer: SignerHandle | None = None
        self.report: SignReport | None = None
        self._released = False
        self.setWindowTitle(self.tr("ลงนามหนังสือ {count} ฉบับ").format(count=len(entry_ids)))
        self.setAccessibleName(self.windowTitle())
        self.resize(980, 680)

        self.token = QComboBox(self)
        self.token.setAccessibleName(self.tr("บัตรหรือโทเคน"))
        self.certificate = QComboBox(self)
        self.certificate.setAccessibleName(self.tr("ใบรับรองสำหรับลงนาม"))
        self.token_state = QLabel(self)
        self.token_state.setObjectName("muted")
        self.token_state.setWordWrap(True)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(self.tr("รหัส PIN"))
        self.pin.setPlaceholderText(self.tr("รหัส PIN ของบัตร"))
        self.pin_pad_note = QLabel(self.tr("เครื่องอ่านบัตรนี้มีแป้นกด ให้กด PIN ที่เครื่องอ่านเมื่อกดลงนาม"),
                                   self)
        self.pin_pad_note.setWordWrap(True)
        self.pin_pad_note.hide()
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

        form = QFormLayout()
        form.addRow(self.tr("บัตร/โทเคน"), self.token)
        form.addRow("", self.token_state)
        form.addRow(self.tr("ใบรับรอง"), self.certificate)
        form.addRow(self.tr("PIN"), self.pin)
        form.addRow("", self.pin_pad_note)
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

        self.token.activated.connect(lambda _i: self._token_chosen())
        self.certificate.activated.connect(lambda _i: self._refresh())
        self.page.valueChanged.connect(lambda v: self.placement.set_page(v - 1))
        self.document.statusChanged.connect(self._document_loaded)
        self.pin.textEdited.connect(lambda _t: self._refresh())
        self.sign.clicked.connect(self.start_signing)
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.sign.click)
        watcher.tokens_changed.connect(self._show_tokens)
        watcher.failed.connect(lambda e: self._show_tokens([], error_text(e)))
        self._show_tokens(watcher.listings)
        watcher.start()
        if self.entry_ids:
            self.operations.pdf(self.entry_ids[0]).then(
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

    # -- tokens and certificates -----------------------------------------------------------
    def _show_tokens(self, listings: list[TokenListing], problem: str = "") -> None:
        chosen = self.token.currentData()
        self._listings = listings
        self.token.clear()
        for index, listing in enumerate(listings):
            self.token.addItem(listing.token.display_name, index)
        if not listings:
            self.token_state.setText(problem or self.tr(
                "ไม่พบบัตรหรือโทเคน กรุณาเสียบบัตร รายการจะปรับเองภายในไม่กี่วินาที"))
        if chosen is not None and 0 <= chosen < self.token.count():
            self.token.setCurrentIndex(chosen)
        self._token_chosen()

    def listing(self) -> TokenListing | None:
        index = self.token.currentData()
        return self._listings[index] if index is not None and index < len(self._listings) else None

    def _token_chosen(self) -> None:
        listing = self.listing()
        self.certificate.clear()
        if listing is None:
            self._refresh()
            return
        lang = language.current()
        for cert in listing.certificates:
            until = cert.info.not_after.strftime("%d/%m/") + str(cert.info.not_after.year + 543)
            text = f"{cert.info.common_name} ({cert.label})"
            text += self.tr(" · ใช้ได้ถึง {date}").format(date=until)
            if not cert.can_sign_by_usage:
                text += self.tr(" · ไม่ได้ออกให้ใช้ลงนาม")
            self.certificate.addItem(text, cert.label)
        usable = next((i for i, c in enumerate(listing.certificates) if c.can_sign_by_usage), 0)
        self.certificate.setCurrentIndex(usable)
        flags = listing.token.flags
        notes = []
        if listing.error_code:
            from korat_desktop.messages import render

            notes.append(render(listing.error_code, lang, {"token": listing.token.label}))
        if flags.pin_locked:
            notes.append(self.tr("PIN ของบัตรนี้ถูกล็อก ติดต่อผู้ดูแลบัตร"))
        elif flags.pin_final_try:
            notes.append(self.tr("ระวัง: ใส่ PIN ผิดอีกครั้งบัตรจะถูกล็อก"))
        elif flags.pin_count_low:
            notes.append(self.tr("เคยใส่ PIN ผิดมาแล้ว โปรดตรวจสอบให้ดี"))
        self.token_state.setText(" ".join(notes) or listing.token.manufacturer)
        self.pin.setVisible(not listing.token.pin_pad)
        self.pin_pad_note.setVisible(listing.token.pin_pad)
        self._refresh()

    def _refresh(self) -> None:
        listing = self.listing()
        ready = (listing is not None and self.certificate.count() > 0
                 and not listing.token.flags.pin_locked and self._signer is None
                 and self.report is None
                 and (listing.token.pin_pad or bool(self.pin.text())))
        self.sign.setEnabled(ready)

    def appearance(self) -> Appearance:
        return Appearance(name=self.name.text().strip() or None,
                          position=self.position.text().strip() or None,
                          reason=self.reason.text().strip() or None,
                          page=self.page.value() if self.document.pageCount() else None,
                          box=self.placement.box)

    # -- signing -----------------------------------------------------------------------------
    def start_signing(self) -> None:
        listing = self.listing()
        if listing is None or self._signer is not None:
            return
        pin = None if listing.token.pin_pad else self.pin.text()
        self.pin.clear()  # never kept on screen or in the widget once it is used
        self.sign.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.message.setText(self.tr("กดรหัสที่เครื่องอ่านบัตร…") if listing.token.pin_pad
                             else self.tr("กำลังเข้าสู่บัตร…"))
        self.operations.open_signer(listing.token, self.certificate.currentData(), pin).then(
            self._logged_in, self._login_failed)
        del pin

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
        job.then(self._signed, self._sign_failed)

    def _finish_session(self) -> None:
        if self._signer is not None:
            self.operations.close_signer(self._signer)
            self._signer = None
        self.progress.hide()

    def _sign_failed(self, error: BaseException) -> None:
        self._finish_session()
        self.message.setText(error_text(error))
        self._refresh()

    def _signed(self, report: SignReport) -> None:
        self._finish_session()
        self.report = report
        lang = language.current()
        signed = [r for r in report.results if r.ok]
        self.results.clear()
        for result in report.results:
            if result.ok:
                line = self.tr("ฉบับที่ {id}: ลงนามแล้ว ({level})").format(
                    id=result.entry_id, level=(result.level or "").upper())
            else:
                why = result.error.message(lang) if result.error else ""
                line = self.tr("ฉบับที่ {id}: ไม่สำเร็จ — {why}").format(id=result.entry_id,
                                                                        why=why)
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

    def closeEvent(self, event: object) -> None:
        self.pin.clear()
        if not self._released:
            self._released = True
            self.watcher.release()
        super().closeEvent(event)  # type: ignore[arg-type]
