"""A register on screen (ทะเบียนรับ or ทะเบียนส่ง): the year, the count and the table.

It asks for nothing itself but pages (through its model) and years; opening, signing
and registering are requests it passes up to the main window.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from korat_desktop.domain.registers import RegisterKind
from korat_desktop.domain.thai_dates import be_year, thai_now
from korat_desktop.services.results import Changes
from korat_desktop.ui import language
from korat_desktop.ui.badge_delegate import BadgeDelegate
from korat_desktop.ui.operations import Operations
from korat_desktop.ui.register_model import RegisterTableModel

__all__ = ["RegisterView", "make_register_table"]

_WIDTHS = (105, 130, 95, 165, 165, 300, 100, 100, 110)  # the last: ชั้นความลับ


def make_register_table(parent: QWidget, name: str) -> QTableView:
    """A table set up the same way wherever register entries are listed."""
    table = QTableView(parent)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setShowGrid(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(30)
    table.horizontalHeader().setHighlightSections(False)
    table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft
                                                 | Qt.AlignmentFlag.AlignVCenter)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    table.setItemDelegateForColumn(5, BadgeDelegate(table))
    return table


def size_columns(table: QTableView) -> None:
    header = table.horizontalHeader()
    for column, width in enumerate(_WIDTHS):
        table.setColumnWidth(column, width)
    header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
    model = table.model()
    if model is not None and model.columnCount() > len(_WIDTHS):  # the send register's การส่ง
        table.setColumnWidth(len(_WIDTHS), 170)


class RegisterView(QWidget):
    open_requested = Signal(int)  # entry id
    sign_requested = Signal(list)  # entry ids
    add_requested = Signal()  # receive (or send) a new letter

    def __init__(self, operations: Operations, register: RegisterKind,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.register = register
        self.model = RegisterTableModel(operations, register, parent=self)
        lang = language.current()

        self.title = QLabel(register.label(lang), self)
        self.title.setObjectName("viewTitle")
        self.year = QComboBox(self)
        self.year.setAccessibleName(self.tr("ปี พ.ศ. ของทะเบียน"))
        self.year.setMinimumWidth(110)
        self.count = QLabel(self)
        self.count.setObjectName("muted")
        if register is RegisterKind.RECEIVE:
            self.add = QPushButton(self.tr("ลงรับหนังสือ…"), self)
            self.add.setToolTip(self.tr("ลงทะเบียนรับไฟล์ PDF (Ctrl+R) หรือลากไฟล์มาวางในหน้าต่าง"))
        else:
            self.add = QPushButton(self.tr("ส่งหนังสือ…"), self)
            self.add.setToolTip(self.tr("ออกเลขทะเบียนส่งให้ไฟล์ PDF (Ctrl+N)"))
        self.add.setObjectName("primary")
        self.add.setAccessibleName(self.add.text().rstrip("…"))
        self.sign = QPushButton(self.tr("ลงนามที่เลือก…"), self)
        self.sign.setAccessibleName(self.tr("ลงนามหนังสือที่เลือก"))
        self.sign.setToolTip(self.tr("ลงนามทุกแถวที่เลือกด้วย PIN ครั้งเดียว (Ctrl+Shift+S)"))
        self.open_button = QPushButton(self.tr("เปิด"), self)
        self.open_button.setAccessibleName(self.tr("เปิดหนังสือที่เลือก"))
        self.action_button = QPushButton(self.tr("การปฏิบัติ…"), self)
        self.action_button.setAccessibleName(self.tr("บันทึกการปฏิบัติและหมายเหตุ"))
        self.action_button.setToolTip(self.tr("บันทึกการปฏิบัติและหมายเหตุของแถวที่เลือก (Ctrl+E)"))
        self.action_button.setShortcut("Ctrl+E")

        self.table = make_register_table(self, register.label(lang))
        self.table.setModel(self.model)
        size_columns(self.table)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("ปี พ.ศ."), self))
        top.addWidget(self.year)
        top.addWidget(self.count)
        top.addStretch(1)
        top.addWidget(self.open_button)
        top.addWidget(self.action_button)
        top.addWidget(self.sign)
        top.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

        self._selected_ids: list[int] = []
        self.year.activated.connect(self._year_chosen)
        self.model.total_changed.connect(self._show_count)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.table.activated.connect(self._activated)
        self.add.clicked.connect(self.add_requested)
        self.sign.clicked.connect(lambda: self.sign_requested.emit(self.selected_ids()))
        self.open_button.clicked.connect(self._open_current)
        self.action_button.clicked.connect(self.edit_action)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()
        self.operations.changes.connect(self._on_changes)

    def start(self) -> None:
        """Load the current year's register (called once the store is open)."""
        current = be_year(thai_now().date())
        self.operations.register_years(self.register).then(
            lambda years: self._fill_years(years, current))
        self.model.set_year(current)

    def _fill_years(self, years: list[int], selected: int) -> None:
        self.year.clear()
        for year in sorted(set(years) | {selected}, reverse=True):
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(0, self.year.findData(selected)))

    def _on_changes(self, changes: Changes) -> None:
        if self.register in changes.registers:
            chosen = self.year.currentData()
            self.operations.register_years(self.register).then(
                lambda years: self._fill_years(years, chosen or be_year(thai_now().date())))

    def _year_chosen(self, index: int) -> None:
        self.model.set_year(self.year.itemData(index))

    def _show_count(self, total: int) -> None:
        self.count.setText(self.tr("ทั้งหมด {count} รายการ").format(count=f"{total:,}"))

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        entries = [self.model.entry(r) for r in rows]
        return [e.id for e in entries if e is not None and not e.voided]

    def _update_buttons(self) -> None:
        ids = self.selected_ids()
        self.sign.setEnabled(bool(ids))
        self.open_button.setEnabled(len(ids) == 1)
        self.action_button.setEnabled(len(ids) == 1)

    def _activated(self, index: QModelIndex) -> None:
        entry = self.model.entry(index.row())
        if entry is not None and not entry.voided:
            self.open_requested.emit(entry.id)

    def edit_action(self) -> QDialog | None:
        """การปฏิบัติ/หมายเหตุ of the selected entry (the row refreshes from the changes)."""
        from korat_desktop.ui.action_dialog import ActionDialog

        ids = self.selected_ids()
        row = self.model.row_of(ids[0]) if len(ids) == 1 else None
        entry = self.model.entry(row) if row is not None else None
        if entry is None:
            return None
        dialog = ActionDialog(self.operations, entry, self)
        dialog.open()
        return dialog

    def _open_current(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.open_requested.emit(ids[0])

    def _remember_selection(self) -> None:
        self._selected_ids = self.selected_ids()

    def _restore_selection(self) -> None:
        selection = self.table.selectionModel()
        for entry_id in self._selected_ids:
            row = self.model.row_of(entry_id)
            if row is not None:
                selection.select(self.model.index(row, 0),
                                 QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)
        self._update_buttons()

    def select_entry(self, entry_id: int) -> None:
        row = self.model.row_of(entry_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
