"""หนังสือเข้า (letters from other offices) and รอส่ง (the outbox), read from the sync engine.

Both are lists the sync engine owns. Until the app has one, each view says plainly
that this computer is not connected to a central e-Office and what that means, rather
than showing an empty table that looks like "nothing arrived".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QTableView, QVBoxLayout, QWidget

from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.operations import Operations
from korat_desktop.ui.sync_bridge import SyncItem

__all__ = ["SyncItemsModel", "SyncListView"]

_Index = QModelIndex | QPersistentModelIndex


class SyncItemsModel(QAbstractTableModel):
    """Items as the engine describes them: one column per field it reports."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[SyncItem] = []
        self.columns: list[str] = []
        self.headers: dict[str, str] = {}

    def set_items(self, items: list[SyncItem]) -> None:
        self.beginResetModel()
        self.items = items
        self.columns = [name for name, _v in items[0].fields] if items else []
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            name = self.columns[section]
            return self.headers.get(name, name)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            fields = dict(self.items[index.row()].fields)
            return fields.get(self.columns[index.column()], "")
        return None


class SyncListView(QWidget):
    """The inbox (``kind="inbox"``) or the outbox (``"outbox"``): a table or a plain notice."""

    def __init__(self, operations: Operations, kind: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.kind = kind
        if kind == "inbox":
            title = self.tr("หนังสือเข้า")
            self.empty_text = self.tr("ยังไม่มีหนังสือเข้าจากหน่วยงานอื่น")
        else:
            title = self.tr("รอส่ง")
            self.empty_text = self.tr("ไม่มีหนังสือค้างส่ง ทุกฉบับส่งถึงระบบกลางแล้ว")
        heading = QLabel(title, self)
        heading.setObjectName("viewTitle")
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(title)
        self.model = SyncItemsModel(self)
        self.model.headers = {
            "state": self.tr("สถานะ"), "kind": self.tr("รายการ"),
            "entry_id": self.tr("ฉบับที่"), "attempts": self.tr("ส่งแล้ว (ครั้ง)"),
            "error": self.tr("ปัญหา"), "created_at": self.tr("เข้าคิวเมื่อ"),
            "sender_name": self.tr("จาก"), "letter_number": self.tr("ที่"),
            "subject": self.tr("เรื่อง"), "letter_date": self.tr("ลงวันที่"),
            "urgency": self.tr("ชั้นความเร็ว")}
        self.table = QTableView(self)
        self.table.setAccessibleName(title)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.stack = QStackedWidget(self)
        notice_page = QWidget(self)
        notice_layout = QVBoxLayout(notice_page)
        notice_layout.addWidget(self.notice)
        notice_layout.addStretch(1)
        self.stack.addWidget(notice_page)
        self.stack.addWidget(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(heading)
        layout.addWidget(self.stack, 1)
        self.show_not_connected()
        operations.changes.connect(lambda _c: self.refresh())

    def show_not_connected(self) -> None:
        self.notice.setText(self.tr(
            "เครื่องนี้ยังไม่ได้เชื่อมต่อกับระบบสารบรรณกลาง\n\n"
            "เมื่อเครื่องนี้ลงชื่อเข้าระบบกลางแล้ว (korat login) หนังสือที่หน่วยงานอื่นส่งถึงเรา "
            "และหนังสือที่รอส่งออกจะแสดงที่นี่ ระหว่างนี้ยังลงรับ ออกเลข และลงนามได้ตามปกติ"))
        self.stack.setCurrentIndex(0)

    def refresh(self) -> None:
        job = self.operations.inbox() if self.kind == "inbox" else self.operations.outbox()
        job.then(self._show, lambda e: self._show_notice(error_text(e)))

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.stack.setCurrentIndex(0)

    def _show(self, items: list[SyncItem] | None) -> None:
        if items is None:
            self.show_not_connected()
        elif not items:
            self._show_notice(self.empty_text)
        else:
            self.model.set_items(items)
            self.stack.setCurrentIndex(1)
