"""รอส่ง: what this computer sends to the hub, each item with where it is and why.

Failed or refused items come first with the hub's reason in plain words and a button
to try again; waiting ones next, the most urgent first; what already reached the hub
last, greyed. While a sync runs, a progress bar says how far it got. An operation a
courier carries says on which bundle(s) it went; it stays here
until the hub or the recipient acknowledges it, as a bundle can be lost.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QWidget

from korat_desktop.domain.thai_dates import format_thai_time, to_thai_time
from korat_desktop.services.results import Changes
from korat_desktop.services.sync_rows import OutboxLine
from korat_desktop.ui import language
from korat_desktop.ui.entry_text import secrecy_text, short_date
from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.jobs import Job
from korat_desktop.ui.operations import Operations
from korat_desktop.ui.rows_model import Column
from korat_desktop.ui.sync_bridge import SyncState, SyncStatus
from korat_desktop.ui.sync_views import HubListView

__all__ = ["OutboxView"]


class OutboxState:
    """The engine's outbox states (plain text here: the window opens without the engine)."""

    QUEUED, COMMITTED, FAILED, REFUSED = "queued", "committed", "failed", "refused"


def _when(line: OutboxLine) -> str:
    moment = line.op.committed_at or line.op.created_at
    return f"{short_date(to_thai_time(moment).date(), language.current())} " \
           f"{format_thai_time(moment)}"


class OutboxView(HubListView):
    courier_requested = Signal(list)  # op ids (may be empty: choose in the dialog)

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        columns = [
            Column(self.tr("สถานะ"), self._state_text,
                   lambda line: line.op.state in (OutboxState.FAILED, OutboxState.REFUSED)),
            Column(self.tr("รายการ"), self._what_text),
            Column(self.tr("ถึง"), lambda line: ", ".join(line.recipient_names
                                                          or line.recipients)),
            Column(self.tr("เมื่อ"), _when),
            Column(self.tr("ชุดเอกสาร"), self._bundle_text),
            Column(self.tr("ปัญหา"), self._problem_text),
            Column(self.tr("ชั้นความลับ"), lambda line: secrecy_text(line.secrecy)),
        ]
        super().__init__(operations, self.tr("รอส่ง"),
                         self.tr("ไม่มีหนังสือค้างส่ง ทุกฉบับส่งถึงระบบกลางแล้ว"), columns, parent)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("ความคืบหน้าการซิงก์"))
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.result = QLabel(self)
        self.result.setObjectName("result")
        self.retry_button = QPushButton(self.tr("ลองส่งอีกครั้ง"), self)
        self.retry_button.setAccessibleName(self.tr("ลองส่งรายการที่เลือกอีกครั้ง"))
        self.courier_button = QPushButton(self.tr("ส่งทางพนักงานนำสาร…"), self)
        self.courier_button.setAccessibleName(self.tr("ส่งรายการที่เลือกทางพนักงานนำสาร"))
        self.courier_button.setToolTip(self.tr(
            "เขียนชุดเอกสารที่ลงนามและเข้ารหัสแล้วลงแฟลชไดรฟ์ ให้พนักงานนำสารนำไปส่ง"))
        for widget in (self.result, self.progress, self.retry_button, self.courier_button):
            self.actions_row.addWidget(widget)
        for column, width in enumerate((190, 420, 170, 150, 200)):
            self.table.setColumnWidth(column, width)
        self.retry_button.clicked.connect(self.retry_selected)
        self.courier_button.clicked.connect(self._courier_selected)
        self.update_actions()

    def load(self) -> Job[list[OutboxLine] | None]:
        return self.operations.hub.outbox()

    def concerns(self, changes: Changes) -> bool:
        return super().concerns(changes) or changes.outbox or changes.couriers

    def _bundle_text(self, line: OutboxLine) -> str:
        return ", ".join(line.bundles)

    def _courier_selected(self) -> None:
        line = self.selected()
        self.courier_requested.emit([line.op.op_id] if isinstance(line, OutboxLine) else [])

    def _muted(self, row: OutboxLine) -> bool:
        return row.op.state == OutboxState.COMMITTED

    def _state_text(self, line: OutboxLine) -> str:
        op = line.op
        if op.state == OutboxState.COMMITTED:
            return self.tr("ส่งถึงระบบกลางแล้ว")
        if op.state == OutboxState.QUEUED:
            return (self.tr("รอส่ง (ลองแล้ว {count} ครั้ง)").format(count=op.attempts)
                    if op.attempts else self.tr("รอส่ง"))
        if op.state == OutboxState.REFUSED:
            return self.tr("ระบบกลางไม่รับ")
        return self.tr("ส่งไม่สำเร็จ")

    def _what_text(self, line: OutboxLine) -> str:
        kind = line.op.kind
        if kind == "letter.send":
            return self.tr("หนังสือ {number} เรื่อง {subject}").format(
                number=line.letter_number, subject=line.subject)
        if kind == "letter.receipt":
            return self.tr("ใบตอบรับหนังสือ")
        if kind == "number.void":
            return self.tr("แจ้งยกเลิกเลขทะเบียน")
        return kind

    def _problem_text(self, line: OutboxLine) -> str:
        error = line.op.error
        return error.message(language.current()) if error is not None else ""

    def update_actions(self) -> None:
        if not hasattr(self, "retry_button"):
            return
        line = self.selected()
        self.retry_button.setVisible(self.connected)
        self.retry_button.setEnabled(isinstance(line, OutboxLine) and line.op.state in (
            OutboxState.FAILED, OutboxState.REFUSED))

    def retry_selected(self) -> None:
        line = self.selected()
        if isinstance(line, OutboxLine):
            self.operations.hub.retry(line.op.op_id).then(
                lambda _r: self.result.setText(self.tr("จะส่งอีกครั้งในการซิงก์ครั้งถัดไป")),
                lambda e: self.result.setText(error_text(e)))

    def show_sync(self, status: SyncStatus) -> None:
        """Follow the sync monitor: a progress bar while a sync runs."""
        syncing = status.state is SyncState.SYNCING
        self.progress.setVisible(syncing)
        if syncing:
            if status.percent is None:
                self.progress.setRange(0, 0)
            else:
                self.progress.setRange(0, 100)
                self.progress.setValue(status.percent)
        else:
            self.refresh()
