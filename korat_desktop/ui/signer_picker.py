"""Choosing who signs: a card or USB token with its certificate and PIN, or (for a
courier bundle) the office's certificate file (PKCS#12) with its password.

The token list follows cards going in and out (TokenWatcher). The PIN (or password)
is read from its field, the field is cleared at once, and it goes to the token lane to
log in; a wrong one costs a message, nothing else. A reader with a PIN pad gets no
field. Letters and bundles are signed the same way, so both dialogs use this part.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from korat_desktop.ui import language
from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.jobs import Job
from korat_desktop.ui.operations import Operations, SignerHandle
from korat_desktop.ui.token_watch import TokenWatcher

if TYPE_CHECKING:  # the signing stack loads with the first token listing
    from korat_desktop.services.token_listing import TokenListing
    from korat_desktop.signing.tokens import TokenCertificate

__all__ = ["SignerPicker"]


def _first_token(listings: list[TokenListing]) -> int:
    """The token holding the default certificate, else the first that can sign at all."""
    for index, listing in enumerate(listings):
        if listing.default_label is not None:
            return index
    return next((i for i, t in enumerate(listings) if t.usable()), 0)


class SignerPicker(QWidget):
    """The rows of a form that choose the signer; ``changed`` when readiness may differ."""

    changed = Signal()

    def __init__(self, operations: Operations, watcher: TokenWatcher, form: QFormLayout,
                 parent: QWidget, *, office_file: bool = False, office_file_path: str = "",
                 ) -> None:
        super().__init__(parent)
        self.operations = operations
        self.watcher = watcher
        self._listings: list[TokenListing] = []
        self._released = False
        self.hide()  # the rows live in the caller's form; this widget only owns them

        self.use_token = QRadioButton(self.tr("บัตรหรือโทเคน"), parent)
        self.use_file = QRadioButton(self.tr("ใบรับรองของสำนักงาน (ไฟล์ .p12)"), parent)
        self.use_token.setChecked(True)
        self._kind = QButtonGroup(self)  # exclusive among themselves, not with the
        self._kind.addButton(self.use_token)  # dialog's other radio buttons
        self._kind.addButton(self.use_file)
        self.token = QComboBox(parent)
        self.token.setAccessibleName(self.tr("บัตรหรือโทเคน"))
        self.certificate = QComboBox(parent)
        self.certificate.setAccessibleName(self.tr("ใบรับรองสำหรับลงนาม"))
        self.token_state = QLabel(parent)
        self.token_state.setObjectName("muted")
        self.token_state.setWordWrap(True)
        self.pin = QLineEdit(parent)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(self.tr("รหัส PIN"))
        self.pin.setPlaceholderText(self.tr("รหัส PIN ของบัตร"))
        self.pin_pad_note = QLabel(self.tr("เครื่องอ่านบัตรนี้มีแป้นกด ให้กด PIN ที่เครื่องอ่านเมื่อกดลงนาม"),
                                   parent)
        self.pin_pad_note.setWordWrap(True)
        self.file = QLineEdit(office_file_path, parent)
        self.file.setAccessibleName(self.tr("ไฟล์ใบรับรองของสำนักงาน"))
        self.browse = QPushButton(self.tr("เลือกไฟล์…"), parent)
        self.password = QLineEdit(parent)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("รหัสผ่านไฟล์ใบรับรอง"))

        if office_file:
            choice = QHBoxLayout()
            choice.addWidget(self.use_token)
            choice.addWidget(self.use_file)
            choice.addStretch(1)
            form.addRow(self.tr("ลงนามด้วย"), choice)
        form.addRow(self.tr("บัตร/โทเคน"), self.token)
        form.addRow("", self.token_state)
        form.addRow(self.tr("ใบรับรอง"), self.certificate)
        form.addRow(self.tr("PIN"), self.pin)
        form.addRow("", self.pin_pad_note)
        self._file_row: QHBoxLayout | None = None
        if office_file:
            self._file_row = QHBoxLayout()
            self._file_row.addWidget(self.file, 1)
            self._file_row.addWidget(self.browse)
            form.addRow(self.tr("ไฟล์ใบรับรอง"), self._file_row)
            form.addRow(self.tr("รหัสผ่าน"), self.password)
        self._form = form

        self._person_chose = False  # a token picked by hand stays picked as the list changes
        self.token.activated.connect(lambda _i: self._token_picked())
        self.certificate.activated.connect(lambda _i: self.changed.emit())
        self.pin.textEdited.connect(lambda _t: self.changed.emit())
        self.password.textEdited.connect(lambda _t: self.changed.emit())
        self.file.textEdited.connect(lambda _t: self.changed.emit())
        self.use_file.toggled.connect(self._mode_changed)
        self.browse.clicked.connect(self._browse)
        watcher.tokens_changed.connect(self._show_tokens)
        watcher.failed.connect(lambda e: self._show_tokens([], error_text(e)))
        self._show_tokens(watcher.listings)
        self._mode_changed()
        watcher.start()

    # -- which kind of signer ------------------------------------------------------------
    @property
    def file_mode(self) -> bool:
        return self.use_file.isChecked()

    def _mode_changed(self, *_args: object) -> None:
        self._show_rows()
        self.changed.emit()

    def _show_rows(self) -> None:
        tokens, pad = not self.file_mode, self.pin_pad
        for widget in (self.token, self.token_state, self.certificate):
            self._form.setRowVisible(widget, tokens)
        self._form.setRowVisible(self.pin, tokens and not pad)
        self._form.setRowVisible(self.pin_pad_note, pad)
        if self._file_row is not None:
            self._form.setRowVisible(self._file_row, not tokens)
            self._form.setRowVisible(self.password, not tokens)

    def _browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self.parentWidget(), self.tr("เลือกไฟล์ใบรับรองของสำนักงาน"), "",
            self.tr("ใบรับรอง PKCS#12 (*.p12 *.pfx)"))
        if name:
            self.file.setText(name)
            self.changed.emit()

    # -- tokens and certificates -----------------------------------------------------------
    def _show_tokens(self, listings: list[TokenListing], problem: str = "") -> None:
        """A new token list: keep the person's token (by serial), else the default one."""
        current = self.listing() if self._person_chose else None
        keep = (current.token.module_path, current.token.serial) if current else None
        self._listings = listings
        self.token.clear()
        for index, listing in enumerate(listings):
            self.token.addItem(listing.token.display_name, index)
        if not listings:
            self.token_state.setText(problem or self.tr(
                "ไม่พบบัตรหรือโทเคน กรุณาเสียบบัตร รายการจะปรับเองภายในไม่กี่วินาที"))
        same = [i for i, t in enumerate(listings)
                if keep == (t.token.module_path, t.token.serial)]
        if same:
            self.token.setCurrentIndex(same[0])
        elif listings:
            self.token.setCurrentIndex(_first_token(listings))
        self._token_chosen()

    def _token_picked(self) -> None:
        self._person_chose = True
        self._token_chosen()

    def listing(self) -> TokenListing | None:
        index = self.token.currentData()
        return self._listings[index] if index is not None and index < len(self._listings) else None

    def _problem_text(self, code: str, cert: TokenCertificate) -> str:
        from korat_desktop.signing.certificates import be_date_text

        if code == "signing.cert_expired":
            return self.tr("หมดอายุแล้วเมื่อ {date}").format(
                date=be_date_text(cert.info.not_after.date()))
        if code == "signing.cert_not_yet_valid":
            return self.tr("ยังใช้ไม่ได้จนถึง {date}").format(
                date=be_date_text(cert.info.not_before.date()))
        return self.tr("ไม่ได้ออกให้ใช้ลงนาม")

    def _token_chosen(self) -> None:
        listing = self.listing()
        self.certificate.clear()
        if listing is None:
            self._show_rows()
            self.changed.emit()
            return
        from korat_desktop.signing.certificates import be_date_text

        lang = language.current()
        model = self.certificate.model()
        usable = listing.usable()
        for index, cert in enumerate(listing.certificates):
            text = f"{cert.info.common_name} ({cert.label})"
            code = listing.problem(index)
            if code is None:
                text += self.tr(" · ใช้ได้ถึง {date}").format(
                    date=be_date_text(cert.info.not_after.date()))
            else:
                text += " · " + self._problem_text(code, cert)
            self.certificate.addItem(text, cert.label)
            item = model.item(index) if isinstance(model, QStandardItemModel) else None
            if code is not None and item is not None:  # shown, greyed, never chosen
                item.setEnabled(False)
                item.setToolTip(self._problem_text(code, cert))
        chosen = listing.default_label or (usable[0].label if len(usable) == 1 else None)
        self.certificate.setPlaceholderText(self.tr("เลือกใบรับรอง"))
        self.certificate.setCurrentIndex(self.certificate.findData(chosen) if chosen else -1)
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
        if listing.certificates and not usable and not flags.pin_locked:
            notes.append(self.tr("บัตรนี้ไม่มีใบรับรองที่ใช้ลงนามได้ในขณะนี้"))
        self.token_state.setText(" ".join(notes) or listing.token.manufacturer)
        self._show_rows()
        self.changed.emit()

    def chosen_certificate(self) -> TokenCertificate | None:
        """The certificate picked, when it can sign now (a greyed one never counts)."""
        listing = self.listing()
        label = self.certificate.currentData()
        if listing is None or label is None:
            return None
        return next((c for c in listing.usable() if c.label == label), None)

    # -- logging in --------------------------------------------------------------------------
    @property
    def pin_pad(self) -> bool:
        listing = self.listing()
        return not self.file_mode and listing is not None and listing.token.pin_pad

    def ready(self) -> bool:
        """Enough is chosen and typed to try logging in."""
        if self.file_mode:
            return bool(self.file.text().strip())
        listing = self.listing()
        return (listing is not None and self.chosen_certificate() is not None
                and (listing.token.pin_pad or bool(self.pin.text())))

    def log_in(self) -> Job[SignerHandle]:
        """Open the chosen signer; the PIN or password field is cleared at once."""
        if self.file_mode:
            password = self.password.text() or None
            self.password.clear()
            job = self.operations.courier.open_file_signer(Path(self.file.text().strip()),
                                                           password)
            del password
            return job
        listing = self.listing()
        assert listing is not None
        pin = None if listing.token.pin_pad else self.pin.text()
        self.pin.clear()  # never kept on screen or in the widget once it is used
        job = self.operations.open_signer(listing.token, self.certificate.currentData(), pin)
        del pin
        return job

    def release(self) -> None:
        """The dialog is closing: clear what was typed, stop needing the token list."""
        self.pin.clear()
        self.password.clear()
        if not self._released:
            self._released = True
            self.watcher.release()
