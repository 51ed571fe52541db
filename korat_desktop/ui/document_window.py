"""One letter: its PDF, what the register says, its signatures, its history.

Everything shown comes from three background operations (detail, PDF bytes, verify);
the window refreshes when a change names its entry, e.g. after it was signed. A letter
with active content (JavaScript, launch actions, embedded files) says so above
everything else: our viewer runs none of it, but a reader the export is opened in may.

A secret letter kept sealed (ลับ, ลับมาก) shows its placeholder and a padlock until the
office key is unlocked for the session (the bar above the letter asks, once); then its
real fields and PDF come from ``operations.secrets.open_letter`` (each view audited).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from korat_desktop.document_words import (
    history_text,
    version_role_label,
)
from korat_desktop.domain.letters import Secrecy
from korat_desktop.domain.registers import RegisterEntry, RegisterKind
from korat_desktop.domain.signature_words import level_words
from korat_desktop.domain.thai_dates import to_thai_time
from korat_desktop.pdf.active_content import active_content_warning
from korat_desktop.services.results import Changes, DocumentDetail
from korat_desktop.ui import language
from korat_desktop.ui.delivery_panel import DeliveryPanel
from korat_desktop.ui.entry_text import registered_text, short_date
from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.icons import icon
from korat_desktop.ui.operations import Operations
from korat_desktop.ui.pdf_pane import PdfPane
from korat_desktop.ui.signatures_panel import SignaturesPanel
from korat_desktop.ui.window_placement import fit_to_screen

if TYPE_CHECKING:
    from korat_desktop.services.printing import Printout
    from korat_desktop.services.secrets import OpenedLetter
    from korat_desktop.ui.jobs import Job

__all__ = ["DocumentWindow"]


class DocumentWindow(QWidget):
    sign_requested = Signal(list)

    def __init__(self, operations: Operations, entry_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.operations = operations
        self.entry_id = entry_id
        self.detail: DocumentDetail | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        fit_to_screen(self, QSize(1200, 720))  # an old 1024x768 screen must show it whole

        self.heading = QLabel(self)
        self.heading.setObjectName("viewTitle")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_number = QPushButton(self.tr("คัดลอกเลขทะเบียน"), self)
        self.copy_number.setToolTip(self.tr("คัดลอกเลขทะเบียนไปวางที่อื่น (Ctrl+Shift+C)"))
        self.save_pdf = QPushButton(self.tr("บันทึก PDF…"), self)
        self.save_pdf.setAccessibleName(self.tr("บันทึก PDF เป็นไฟล์"))
        self.print_letter = QPushButton(self.tr("พิมพ์…"), self)
        self.print_letter.setAccessibleName(self.tr("พิมพ์หนังสือนี้"))
        self.print_letter.setToolTip(self.tr("พิมพ์หนังสือพร้อมตราประทับ (Ctrl+P)"))
        self.action_button = QPushButton(self.tr("การปฏิบัติ…"), self)
        self.action_button.setAccessibleName(self.tr("บันทึกการปฏิบัติและหมายเหตุ"))
        self.action_button.setToolTip(self.tr("บันทึกการปฏิบัติและหมายเหตุ (Ctrl+E)"))
        self.sign = QPushButton(self.tr("ลงนาม…"), self)
        self.sign.setObjectName("primary")
        self.sign.setAccessibleName(self.tr("ลงนามหนังสือนี้"))
        self.sign.setToolTip(self.tr("ลงนามด้วยบัตรหรือโทเคน (Ctrl+Shift+S)"))

        self.active_warning = QLabel(self)
        self.active_warning.setObjectName("urgent")
        self.active_warning.setWordWrap(True)
        self.active_warning.setAccessibleName(self.tr("คำเตือน: เอกสารมีเนื้อหาที่สั่งทำงานได้"))
        self.active_warning.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.active_warning.hide()

        self.locked_bar = QWidget(self)
        self.locked_text = QLabel(self.tr(
            "หนังสือลับ: เนื้อหาเก็บแบบเข้ารหัส ต้องปลดล็อกด้วยกุญแจของหน่วยงานก่อนจึงจะอ่านได้"),
            self.locked_bar)
        self.locked_text.setObjectName("secret")
        self.locked_text.setWordWrap(True)
        self.unlock_button = QPushButton(icon("padlock-locked"), self.tr("ปลดล็อกเพื่ออ่าน"),
                                         self.locked_bar)
        self.unlock_button.setAccessibleName(self.tr("ปลดล็อกหนังสือลับด้วยกุญแจของหน่วยงาน"))
        locked_layout = QHBoxLayout(self.locked_bar)
        locked_layout.setContentsMargins(0, 0, 0, 0)
        locked_layout.addWidget(self.locked_text, 1)
        locked_layout.addWidget(self.unlock_button)
        self.locked_bar.hide()
        self.opened: OpenedLetter | None = None  # the sealed letter, opened for viewing

        self.pdf = PdfPane(self)
        self.fields = QWidget(self)
        self.form = QFormLayout(self.fields)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.signatures = SignaturesPanel(self)
        self.history = QTreeWidget(self)
        self.history.setAccessibleName(self.tr("ประวัติของหนังสือ"))
        self.history.setHeaderLabels([self.tr("เมื่อ"), self.tr("โดย"), self.tr("รายการ")])
        self.history.setRootIsDecorated(False)
        self.history.setColumnWidth(0, 170)
        self.delivery = DeliveryPanel(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.fields, self.tr("รายละเอียด"))
        self.tabs.addTab(self.signatures, self.tr("ลายมือชื่อ"))
        self.tabs.addTab(self.history, self.tr("ประวัติ"))
        self.tabs.addTab(self.delivery, self.tr("การส่ง"))

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.copy_number)
        top.addWidget(self.save_pdf)
        top.addWidget(self.print_letter)
        top.addWidget(self.action_button)
        top.addWidget(self.sign)
        split = QSplitter(self)
        split.addWidget(self.pdf)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([700, 480])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.active_warning)
        layout.addWidget(self.locked_bar)
        layout.addWidget(split, 1)

        self.copy_number.clicked.connect(self.copy_register_number)
        self.save_pdf.clicked.connect(self._save_pdf)
        self.print_letter.clicked.connect(self.print_preview)
        self.action_button.clicked.connect(self.edit_action)
        QShortcut(QKeySequence("Ctrl+E"), self, self.edit_action)
        self.sign.clicked.connect(lambda: self.sign_requested.emit([self.entry_id]))
        self.delivery.queue_requested.connect(self._queue)
        self.unlock_button.clicked.connect(self._unlock)
        operations.secrets.lock_changed.connect(self._on_lock_changed)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, self.copy_register_number)
        QShortcut(QKeySequence("Ctrl+Shift+S"), self, self.sign.click)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.print_preview)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        QShortcut(QKeySequence("Esc"), self, self.close)
        operations.changes.connect(self._on_changes)
        self.load()

    def load(self) -> None:
        self.heading.setText(self.tr("กำลังเปิดหนังสือ…"))
        self.operations.detail(self.entry_id).then(self._detail_loaded, self._show_error)

    def _detail_loaded(self, detail: DocumentDetail) -> None:
        if not detail.entry.sealed:
            self.opened = None
            self.locked_bar.hide()
            self._show_detail(detail)
            self.operations.preview_pdf(self.entry_id).then(self.pdf.load, self._show_error)
            return
        if not self.operations.secrets.unlocked:
            self._show_locked(detail)
            return
        self.operations.secrets.open_letter(self.entry_id).then(
            lambda opened: self._show_opened(detail, opened), self._show_error)

    def _show_locked(self, detail: DocumentDetail) -> None:
        self.opened = None
        self.pdf.clear()
        self.locked_bar.show()
        self.unlock_button.setEnabled(True)
        self._show_detail(detail)

    def _show_opened(self, detail: DocumentDetail, opened: OpenedLetter) -> None:
        self.opened = opened
        self.locked_bar.hide()
        self._show_detail(dataclasses.replace(detail, entry=opened.entry,
                                              notes=opened.fields.notes or detail.notes))
        self.pdf.load(opened.pdf)

    def _unlock(self) -> None:
        self.unlock_button.setEnabled(False)
        self.operations.secrets.unlock().then(None, self._unlock_failed, owner=self)

    def _unlock_failed(self, error: BaseException) -> None:
        self.unlock_button.setEnabled(True)
        self.locked_text.setText(error_text(error))

    def _on_lock_changed(self, _unlocked: bool) -> None:
        if (self.detail is not None and self.detail.entry.sealed) or self.opened is not None:
            self.load()

    def _on_changes(self, changes: Changes) -> None:
        if self.detail is not None and self.detail.entry.register is RegisterKind.SEND and (
                changes.outbox or changes.receipts or RegisterKind.SEND in changes.registers):
            self._load_delivery()  # a receipt or a sync result may concern this letter
        if self.entry_id in changes.entries or (
                self.detail is not None and self.detail.entry.document_id in changes.documents):
            self.load()

    def print_preview(self) -> Job[Printout]:
        """The letter as shown, in Qt's print preview (ui/printing.py)."""
        from korat_desktop.ui.printing import print_preview

        return self.operations.printout_letter(self.entry_id).then(
            lambda p: print_preview(self, p.pdf, p.title), self._show_error)
    def edit_action(self) -> QWidget | None:
        """การปฏิบัติ/หมายเหตุ of this letter's entry; the window reloads from the changes."""
        if self.detail is None or self.detail.entry.voided:
            return None
        from korat_desktop.ui.action_dialog import ActionDialog

        dialog = ActionDialog(self.operations, self.detail.entry, self)
        dialog.open()
        return dialog

    def register_number(self) -> str:
        if self.detail is None:
            return ""
        entry = self.detail.entry
        return f"{entry.number}/{entry.year_be}"

    def copy_register_number(self) -> None:
        text = self.register_number()
        if text:
            QGuiApplication.clipboard().setText(text)

    def _show_error(self, error: BaseException) -> None:
        self.heading.setText(error_text(error))

    def _show_detail(self, detail: DocumentDetail) -> None:
        self.detail = detail
        entry = detail.entry
        lang = language.current()
        kind = (self.tr("เลขทะเบียนรับ") if entry.register is RegisterKind.RECEIVE
                else self.tr("เลขทะเบียนส่ง"))
        self.heading.setText(f"{kind} {self.register_number()}  ·  {entry.subject}")
        self.setWindowTitle(f"{self.register_number()} {entry.subject}")
        self.setAccessibleName(self.windowTitle())
        warning = active_content_warning(detail.active_content, lang)
        self.active_warning.setText(warning)
        self.active_warning.setAccessibleDescription(warning)
        self.active_warning.setVisible(bool(warning))
        while self.form.rowCount():
            self.form.removeRow(0)
        rows = [
            (self.tr("ทะเบียน"), entry.register.label(lang)),
            (kind, self.register_number()),
            (self.tr("ลงทะเบียนเมื่อ"), registered_text(entry, lang)),
            (self.tr("ที่"), entry.letter_number),
            (self.tr("ลงวันที่"), short_date(entry.letter_date, lang)),
            (self.tr("จาก"), entry.sender),
            (self.tr("ถึง"), entry.recipient),
            (self.tr("เรื่อง"), entry.subject),
            (self.tr("ประเภท"), entry.kind.label(lang)),
            (self.tr("ชั้นความเร็ว"), entry.urgency.label(lang)),
            (self.tr("ชั้นความลับ"), self._secrecy_text(entry, lang)),
            (self.tr("การปฏิบัติ"), entry.action),
            (self.tr("หมายเหตุ"), entry.remarks),
            (self.tr("บันทึกเพิ่มเติม"), detail.notes),
            (self.tr("ลายมือชื่อ"), level_words(entry.signature_level, lang)),
            (self.tr("อายุการเก็บ"), self.tr("{years} ปี").format(years=entry.retention_years)),
            (self.tr("รุ่นของเอกสาร"), ", ".join(
                self.tr("รุ่นที่ {seq} {role}").format(seq=v.seq,
                                                    role=version_role_label(v.role, lang))
                for v in detail.versions)),
        ]
        for name, value in rows:
            label = QLabel(value or "-", self.fields)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            label.setAccessibleName(name)
            if name == self.tr("ชั้นความเร็ว") and entry.urgency.is_urgent:
                label.setObjectName("urgent")
            if name == self.tr("ชั้นความลับ") and entry.secrecy is not Secrecy.NONE:
                label.setObjectName("secret")
            self.form.addRow(name, label)
        self.history.clear()
        for item in detail.history:
            local = to_thai_time(item.at)
            when = f"{short_date(local.date(), lang)} {local:%H:%M:%S}"
            self.history.addTopLevelItem(QTreeWidgetItem(
                [when, item.actor, history_text(item.action, item.params, lang)]))
        self.sign.setEnabled(not entry.voided and entry.document_id is not None)
        self._load_delivery()
        if any(v.signature_level for v in detail.versions):
            self.signatures.show_checking()
            self.operations.verify(self.entry_id).then(
                self.signatures.show_report,
                lambda e: self.signatures.show_message(error_text(e)))
        else:
            self.signatures.show_message(self.tr("เอกสารนี้ยังไม่มีลายมือชื่ออิเล็กทรอนิกส์"))

    def _secrecy_text(self, entry: RegisterEntry, lang: str) -> str:
        label = entry.secrecy.label(lang)
        if not entry.sealed:
            return label
        return (self.tr("{label} (เก็บแบบเข้ารหัส ปลดล็อกแล้ว)") if self.opened is not None
                else self.tr("{label} (เก็บแบบเข้ารหัส ล็อกอยู่)")).format(label=label)

    def _load_delivery(self) -> None:
        if self.detail is None:
            return
        if self.detail.entry.register is RegisterKind.RECEIVE:
            self.delivery.show_message(self.tr("หนังสือรับ: สถานะการส่งแสดงเฉพาะหนังสือที่เราส่ง"))
            return
        signed = bool(self.detail.entry.signature_level)
        self.operations.hub.delivery(self.entry_id).then(
            lambda d: self.delivery.show_delivery(d, signed),
            lambda e: self.delivery.show_message(error_text(e)))

    def _queue(self) -> None:
        self.operations.hub.queue([self.entry_id]).then(
            lambda _r: self._load_delivery(), lambda e: self.delivery.show_message(error_text(e)))

    def _save_pdf(self) -> None:
        if self.detail is None:
            return
        name = f"{self.detail.entry.register.value}-{self.detail.entry.number}-" \
               f"{self.detail.entry.year_be}.pdf"
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("บันทึก PDF"), name,
                                                    self.tr("ไฟล์ PDF (*.pdf)"))
        if path:
            self.operations.export_pdf(self.entry_id, path).then(
                None, lambda e: self.heading.setText(error_text(e)))
