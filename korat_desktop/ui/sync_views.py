"""What the inbox (หนังสือเข้า) and the outbox (รอส่ง) have in common.

Both are lists the sync engine owns. Until this computer has signed in to a hub, each
view says so plainly, with the button to sign in, rather than showing an empty table
that looks like "nothing arrived". Both refresh on the one ``changes`` signal and
after every sync.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from korat_desktop.services.results import Changes
from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.jobs import Job
from korat_desktop.ui.operations import Operations
from korat_desktop.ui.rows_model import Column, RowsModel

__all__ = ["HubListView", "make_list_table"]


def make_list_table(parent: QWidget, name: str) -> QTableView:
    table = QTableView(parent)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(30)
    table.horizontalHeader().setStretchLastSection(True)
    table.setTabKeyNavigation(False)
    return table


class HubListView(QWidget):
    """A titled list with actions, or a notice (not connected / empty / an error)."""

    signin_requested = Signal()

    def __init__(self, operations: Operations, title: str, empty_text: str,
                 columns: Sequence[Column[Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.empty_text = empty_text
        heading = QLabel(title, self)
        heading.setObjectName("viewTitle")
        self.actions_row = QHBoxLayout()
        self.actions_row.addWidget(heading)
        self.actions_row.addStretch(1)
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(title)
        self.signin = QPushButton(self.tr("ลงชื่อเข้าระบบกลาง…"), self)
        self.signin.setAccessibleName(self.tr("ลงชื่อเข้าระบบสารบรรณกลาง"))
        self.signin.clicked.connect(self.signin_requested)
        self.model: RowsModel[Any] = RowsModel(columns, self._muted, self)
        self.table = make_list_table(self, title)
        self.table.setModel(self.model)
        self.stack = QStackedWidget(self)
        notice_page = QWidget(self)
        notice_layout = QVBoxLayout(notice_page)
        notice_layout.setContentsMargins(0, 0, 0, 0)
        notice_layout.addWidget(self.notice)
        signin_row = QHBoxLayout()
        signin_row.addWidget(self.signin)
        signin_row.addStretch(1)
        notice_layout.addLayout(signin_row)
        notice_layout.addStretch(1)
        self.stack.addWidget(notice_page)
        self.stack.addWidget(self.table)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(16, 12, 16, 8)
        self.layout_.addLayout(self.actions_row)
        self.layout_.addWidget(self.stack, 1)
        self.connected = False
        self.show_not_connected()
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        operations.changes.connect(self._on_changes)

    # -- for subclasses ------------------------------------------------------------------
    def load(self) -> Job[Any]:
        raise NotImplementedError

    def concerns(self, changes: Changes) -> bool:
        """Whether ``changes`` touch what this list shows (then it reads it again)."""
        return changes.office  # signed in or out: connected, or not any more

    def _muted(self, row: Any) -> bool:
        return False

    def update_actions(self) -> None:
        """Enable the view's buttons for the current selection."""

    # -- shared --------------------------------------------------------------------------
    def selected(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _selection_changed(self, *_args: object) -> None:
        self.update_actions()

    def show_not_connected(self) -> None:
        self.connected = False
        self.notice.setText(self.tr(
            "เครื่องนี้ยังไม่ได้เชื่อมต่อกับระบบสารบรรณกลาง\n\n"
            "เมื่อลงชื่อเข้าระบบกลางแล้ว หนังสือที่หน่วยงานอื่นส่งถึงเรา "
            "และหนังสือที่รอส่งออกจะแสดงที่นี่ ระหว่างนี้ยังลงรับ ออกเลข และลงนามได้ตามปกติ"))
        self.signin.show()
        self.stack.setCurrentIndex(0)
        self.update_actions()

    def _on_changes(self, changes: Changes) -> None:
        if self.concerns(changes):
            self.refresh()

    def refresh(self) -> None:
        self.load().then(self._show, lambda e: self._show_notice(error_text(e)))

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.signin.hide()
        self.stack.setCurrentIndex(0)
        self.update_actions()

    def _show(self, rows: list[Any] | None) -> None:
        if rows is None:
            self.show_not_connected()
            return
        self.connected = True
        chosen = self.selected()
        self.model.set_rows(rows)
        if not rows:
            self._show_notice(self.empty_text)
            return
        self.stack.setCurrentIndex(1)
        key = getattr(chosen, "key", None)
        for index, row in enumerate(rows):
            if key is not None and getattr(row, "key", None) == key:
                self.table.selectRow(index)
        self.update_actions()
