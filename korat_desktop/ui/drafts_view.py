"""ร่าง (drafts): letters being written, kept with their PDF, before a number is issued.

A draft uses no send-register number, so a letter can wait for the head of office's
comments for days without leaving a gap in the register. Opening a draft shows it in
the send dialog, where it can be changed, saved again, or have its number issued
(after which it leaves this list and appears in ทะเบียนส่ง).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from korat_desktop.domain.thai_dates import format_thai_time, to_thai_time
from korat_desktop.services.results import Changes
from korat_desktop.ui import language
from korat_desktop.ui.buttons import primary_button
from korat_desktop.ui.entry_text import short_date
from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.operations import Operations
from korat_desktop.ui.rows_model import Column, RowsModel
from korat_desktop.ui.sync_views import make_list_table

if TYPE_CHECKING:  # the drafts service loads with the first list, not with the window
    from korat_desktop.services.drafts import DraftInfo
    from korat_desktop.services.results import RegisterResult

__all__ = ["DraftsView"]


def _to(draft: DraftInfo) -> str:
    fields = draft.fields
    return ", ".join(x for x in (fields.recipient, *fields.recipient_codes) if x)


def _changed_at(draft: DraftInfo) -> str:
    moment = to_thai_time(draft.updated_at)
    return f"{short_date(moment.date(), language.current())} {format_thai_time(moment)}"


def _urgency(draft: DraftInfo) -> str:
    urgency = draft.fields.urgency
    return urgency.label(language.current()) if urgency.is_urgent else ""


def _is_urgent(draft: DraftInfo) -> bool:
    return draft.fields.urgency.is_urgent


class DraftsView(QWidget):
    new_requested = Signal()  # a new letter, starting as a draft
    edit_requested = Signal(object)  # DraftInfo
    issued = Signal(object)  # RegisterResult

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        heading = QLabel(self.tr("ร่าง"), self)
        heading.setObjectName("viewTitle")
        self.result = QLabel(self)
        self.result.setObjectName("result")
        self.new_button = primary_button(self.tr("ร่างหนังสือใหม่…"), self)
        self.new_button.setAccessibleName(self.tr("ร่างหนังสือใหม่"))
        self.open_button = QPushButton(self.tr("เปิดร่าง…"), self)
        self.open_button.setAccessibleName(self.tr("เปิดร่างที่เลือกเพื่อแก้ไข"))
        self.issue_button = QPushButton(self.tr("ออกเลขทะเบียนส่ง"), self)
        self.issue_button.setAccessibleName(self.tr("ออกเลขทะเบียนส่งให้ร่างที่เลือก"))
        self.delete_button = QPushButton(self.tr("ลบร่าง"), self)
        self.delete_button.setAccessibleName(self.tr("ลบร่างที่เลือก"))
        self.model: RowsModel[DraftInfo] = RowsModel([
            Column(self.tr("ชั้นความเร็ว"), _urgency, _is_urgent),
            Column(self.tr("เรื่อง"), lambda d: d.subject, _is_urgent),
            Column(self.tr("ถึง"), _to),
            Column(self.tr("แก้ไขล่าสุด"), _changed_at),
        ], parent=self)
        self.table = make_list_table(self, self.tr("ร่างหนังสือ"))
        self.table.setModel(self.model)
        for column, width in enumerate((110, 420, 260)):
            self.table.setColumnWidth(column, width)
        self.notice = QLabel(self.tr(
            "ยังไม่มีร่างหนังสือ\n\nร่างคือหนังสือที่ยังไม่ออกเลข: แนบไฟล์ PDF กรอกเรื่องและผู้รับ "
            "แล้วกด “บันทึกเป็นร่าง” เก็บไว้แก้ไขได้จนกว่าจะพร้อมออกเลขและลงนาม"), self)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.stack = QStackedWidget(self)
        notice_page = QWidget(self)
        notice_layout = QVBoxLayout(notice_page)
        notice_layout.setContentsMargins(0, 0, 0, 0)
        notice_layout.addWidget(self.notice)
        notice_layout.addStretch(1)
        self.stack.addWidget(notice_page)
        self.stack.addWidget(self.table)

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        for widget in (self.result, self.delete_button, self.issue_button, self.open_button,
                       self.new_button):
            top.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self._open_selected)
        self.issue_button.clicked.connect(self.issue_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.activated.connect(lambda _i: self._open_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        operations.changes.connect(self._on_changes)
        self._update_buttons()

    def _on_changes(self, changes: Changes) -> None:
        if changes.drafts:
            self.refresh()

    def refresh(self) -> None:
        self.operations.drafts.list().then(self._show, lambda e: self.result.setText(
            error_text(e)))

    def _show(self, drafts: list[DraftInfo]) -> None:
        self.model.set_rows(drafts)
        self.stack.setCurrentIndex(1 if drafts else 0)
        self._update_buttons()

    def selected(self) -> DraftInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected() is not None
        for button in (self.open_button, self.issue_button, self.delete_button):
            button.setEnabled(chosen)

    def _open_selected(self) -> None:
        draft = self.selected()
        if draft is not None:
            self.edit_requested.emit(draft)

    def issue_selected(self) -> None:
        draft = self.selected()
        if draft is None:
            return
        self.issue_button.setEnabled(False)
        self.operations.drafts.issue(draft.id).then(
            self._issued, lambda e: self.result.setText(error_text(e)))

    def _issued(self, result: RegisterResult) -> None:
        entry = result.entry
        self.result.setText(self.tr("ออกเลขแล้ว: ที่ {letter_number}").format(
            letter_number=entry.letter_number))
        self.issued.emit(result)

    def delete_selected(self, confirm: bool = True) -> None:
        draft = self.selected()
        if draft is None:
            return
        if confirm and QMessageBox.question(
                self, self.tr("ลบร่าง"), self.tr("ลบร่าง “{subject}” ใช่หรือไม่").format(
                    subject=draft.subject)) != QMessageBox.StandardButton.Yes:
            return
        self.operations.drafts.delete(draft.id).then(
            lambda _r: self.result.setText(self.tr("ลบร่างแล้ว")),
            lambda e: self.result.setText(error_text(e)))
