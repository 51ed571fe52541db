"""หนังสือเข้า: letters other offices sent us through the hub, and registering them.

Waiting letters come first, the most urgent on top (the regulation's "sort by
urgency"). Registering one gives it the next receive number, stamps the receipt on
its PDF and queues the delivery receipt for the sender, in one step; the number is
shown at once so the clerk can write it on the paper copy if there is one.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from korat_desktop.domain.letters import Urgency
from korat_desktop.services.results import Changes, RegisterResult
from korat_desktop.services.sync_rows import InboxLine
from korat_desktop.ui import language
from korat_desktop.ui.buttons import primary_button
from korat_desktop.ui.entry_text import secrecy_text, short_date
from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.jobs import Job
from korat_desktop.ui.operations import Operations
from korat_desktop.ui.rows_model import Column
from korat_desktop.ui.sync_views import HubListView

__all__ = ["InboxView"]


class InboxState:
    """The engine's inbox states (a StrEnum there; plain text here, so the window opens
    without importing the sync engine)."""

    ARRIVED, READY, REGISTERED, ELSEWHERE = "arrived", "ready", "registered", "elsewhere"


def _urgency(line: InboxLine) -> str:
    urgency = Urgency.of(line.item.urgency)
    return urgency.label(language.current()) if urgency.is_urgent else ""


def _is_urgent(line: InboxLine) -> bool:
    return Urgency.of(line.item.urgency).is_urgent and line.item.state in (
        InboxState.ARRIVED, InboxState.READY)


class InboxView(HubListView):
    open_requested = Signal(int)  # entry id of a registered letter
    registered = Signal(object)  # RegisterResult

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        columns = [
            Column(self.tr("สถานะ"), self._state_text),
            Column(self.tr("ชั้นความเร็ว"), _urgency, _is_urgent),
            Column(self.tr("ชั้นความลับ"), lambda line: secrecy_text(line.item.secrecy)),
            Column(self.tr("จาก"), lambda line: line.item.sender_name),
            Column(self.tr("ที่"), lambda line: line.item.letter_number),
            Column(self.tr("ลงวันที่"), lambda line: short_date(line.item.letter_date,
                                                              language.current())),
            Column(self.tr("เรื่อง"), lambda line: line.item.subject, _is_urgent),
        ]
        super().__init__(operations, self.tr("หนังสือเข้า"),
                         self.tr("ยังไม่มีหนังสือเข้าจากหน่วยงานอื่น"), columns, parent)
        self.result = QLabel(self)
        self.result.setObjectName("result")
        self.result.setAccessibleName(self.tr("ผลการลงรับ"))
        self.open_button = QPushButton(self.tr("เปิด"), self)
        self.open_button.setAccessibleName(self.tr("เปิดหนังสือที่ลงรับแล้ว"))
        self.register_button = primary_button(self.tr("ลงรับ"), self)
        self.register_button.setAccessibleName(self.tr("ลงรับหนังสือที่เลือก"))
        self.register_button.setToolTip(self.tr(
            "ออกเลขรับ ประทับตรารับ และส่งใบตอบรับถึงผู้ส่ง (Enter)"))
        for widget in (self.result, self.open_button, self.register_button):
            self.actions_row.addWidget(widget)
        for column, width in enumerate((200, 110, 200, 150, 100)):
            self.table.setColumnWidth(column, width)
        self.register_button.clicked.connect(self.register_selected)
        self.open_button.clicked.connect(self._open_selected)
        self.table.activated.connect(lambda _i: self._activate())
        self.update_actions()

    def load(self) -> Job[list[InboxLine] | None]:
        return self.operations.hub.inbox()

    def concerns(self, changes: Changes) -> bool:
        # letters arrive or get registered; an entry a line shows may be voided
        if super().concerns(changes) or changes.inbox:
            return True
        lines = (self.model.row(i) for i in range(self.model.rowCount()))
        return bool(changes.entries & {line.item.entry_id for line in lines if line})

    def _muted(self, row: InboxLine) -> bool:
        return row.item.state in (InboxState.REGISTERED, InboxState.ELSEWHERE)

    def _state_text(self, line: InboxLine) -> str:
        state = line.item.state
        if state == InboxState.ARRIVED:
            return self.tr("กำลังรับไฟล์")
        if state == InboxState.READY:
            return self.tr("รอลงรับ")
        if state == InboxState.REGISTERED:
            return self.tr("ลงรับแล้ว เลขรับ {number}").format(number=line.receive_number)
        return self.tr("ลงรับที่เครื่องอื่นแล้ว")

    def update_actions(self) -> None:
        if not hasattr(self, "register_button"):
            return
        line = self.selected()
        state = line.item.state if isinstance(line, InboxLine) else None
        self.register_button.setEnabled(self.connected and state == InboxState.READY)
        self.open_button.setEnabled(self.connected and isinstance(line, InboxLine)
                                    and line.item.entry_id is not None)
        for widget in (self.register_button, self.open_button):
            widget.setVisible(self.connected)

    def _activate(self) -> None:
        line = self.selected()
        if isinstance(line, InboxLine) and line.item.state == InboxState.READY:
            self.register_selected()
        else:
            self._open_selected()

    def _open_selected(self) -> None:
        line = self.selected()
        if isinstance(line, InboxLine) and line.item.entry_id is not None:
            self.open_requested.emit(line.item.entry_id)

    def register_selected(self) -> Job | None:
        line = self.selected()
        if not isinstance(line, InboxLine) or line.item.state != InboxState.READY:
            return None
        self.register_button.setEnabled(False)
        self.result.setText(self.tr("กำลังลงรับ…"))
        return self.operations.hub.register_inbox(line.item.id).then(
            self._registered, lambda e: self.result.setText(error_text(e)))

    def _registered(self, result: RegisterResult) -> None:
        entry = result.entry
        self.result.setText(self.tr("ลงรับแล้ว เลขรับ {number}").format(
            number=f"{entry.number}/{entry.year_be}"))
        self.registered.emit(result)
