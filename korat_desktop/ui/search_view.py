"""Search across both registers (Thai substrings, Thai or ASCII digits).

Results arrive ranked from the core in pages; the model asks for the next page while
the last one came back full, so a broad query never loads thousands of rows at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from korat_desktop.domain.letters import Secrecy, Urgency
from korat_desktop.domain.registers import RegisterEntry, RegisterKind
from korat_desktop.services.results import Changes
from korat_desktop.ui import language
from korat_desktop.ui.entry_text import cell_text, secrecy_text
from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.operations import Operations
from korat_desktop.ui.register_model import ENTRY_ROLE, URGENT_COLOR, entry_tooltip
from korat_desktop.ui.register_view import make_register_table

if TYPE_CHECKING:
    from korat_desktop.services.queries import SearchFilters

__all__ = ["SearchResultsModel", "SearchView"]

_Index = QModelIndex | QPersistentModelIndex
_COLUMNS = (("register", "ทะเบียน", "Register"), ("number", "เลขทะเบียน", "Reg. no."),
            ("letter_number", "ที่", "Letter no."), ("letter_date", "ลงวันที่", "Dated"),
            ("sender", "จาก", "From"), ("recipient", "ถึง", "To"),
            ("subject", "เรื่อง", "Subject"), ("secrecy", "ชั้นความลับ", "Secrecy"))


class SearchResultsModel(QAbstractTableModel):
    searched = Signal(str, int)  # query, rows so far
    failed = Signal(object)

    def __init__(self, operations: Operations, page_size: int = 100,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.page_size = page_size
        self.query = ""
        self.filters: SearchFilters | None = None
        self._rows: list[RegisterEntry] = []
        self._more = False
        self._fetching = False
        self._generation = 0
        operations.changes.connect(self._on_changes)

    def _on_changes(self, changes: Changes) -> None:
        """Hits are register entries: search again when some may have changed."""
        if self.active and (changes.registers or changes.entries):
            self.set_query(self.query, self.filters)

    @property
    def active(self) -> bool:
        """Words to look for, or a filter (filters alone list entries, newest first)."""
        return bool(self.query) or (self.filters is not None and not self.filters.empty)

    def set_query(self, text: str, filters: SearchFilters | None = None) -> None:
        self._generation += 1
        self.beginResetModel()
        self.query = text.strip()
        self.filters = filters
        self._rows = []
        self._more = self.active
        self._fetching = False
        self.endResetModel()
        if self.active:
            self.fetchMore()
        else:
            self.searched.emit("", 0)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008 - Qt API
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008 - Qt API
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation, query = self._generation, self.query
        self.operations.search(query, len(self._rows), self.page_size, self.filters).then(
            lambda rows: self._on_page(generation, rows), self._on_failed)

    def _on_page(self, generation: int, rows: list[RegisterEntry]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._more = len(rows) >= self.page_size
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.searched.emit(self.query or "*", len(self._rows))

    def _on_failed(self, error: BaseException) -> None:
        self._fetching = False
        self._more = False
        self.failed.emit(error)

    def entry(self, row: int) -> RegisterEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            _key, th, en = _COLUMNS[section]
            return th if language.current() == "th" else en
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index.row())
        if entry is None:
            return None
        key = _COLUMNS[index.column()][0]
        lang = language.current()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if key == "register":
                return self.tr("รับ") if entry.register.value == "receive" else self.tr("ส่ง")
            if key == "secrecy":
                return secrecy_text(entry.secrecy.value, lang)
            return cell_text(entry, key, lang)
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.ForegroundRole and entry.urgency.is_urgent:
            return URGENT_COLOR
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry_tooltip(entry, lang)
        return None


class SearchView(QWidget):
    open_requested = Signal(int)

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SearchResultsModel(operations, parent=self)
        title = QLabel(self.tr("ค้นหาหนังสือ"), self)
        title.setObjectName("viewTitle")
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(
            self.tr("พิมพ์เลขที่ เรื่อง ชื่อหน่วยงาน หรือข้อความในหนังสือ (เลขไทยหรือเลขอารบิกก็ได้)"))
        self.field.setAccessibleName(self.tr("คำค้นหา"))
        self.field.setClearButtonEnabled(True)
        self._build_filters()
        self.status = QLabel(self)
        self.status.setObjectName("muted")
        self.status.setAccessibleName(self.tr("ผลการค้นหา"))
        self.table = make_register_table(self, self.tr("ผลการค้นหา"))
        self.table.setItemDelegateForColumn(5, None)  # type: ignore[arg-type]
        self.table.setModel(self.model)
        for column, width in enumerate((70, 110, 160, 100, 170, 170)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(title)
        layout.addWidget(self.field)
        layout.addLayout(self.filter_row)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self._search_now)
        self.field.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.register, self.urgency, self.secrecy):
            combo.activated.connect(lambda _i: self._search_now())
        for box in (self.date_from, self.date_to, self.party):
            box.textChanged.connect(lambda _t: self._debounce.start())
        self.field.returnPressed.connect(self._search_now)
        self.model.searched.connect(self._show_status)
        self.model.failed.connect(lambda e: self.status.setText(error_text(e)))
        self.table.activated.connect(self._activated)

    def _build_filters(self) -> None:
        """Narrow the search as one looks through the paper registers: which register,
        registered between two days (BE), จาก/ถึง, ชั้นความเร็ว, ชั้นความลับ."""
        lang = language.current()
        self.register = QComboBox(self)
        self.register.setAccessibleName(self.tr("ทะเบียนที่ค้น"))
        self.register.addItem(self.tr("ทุกทะเบียน"), None)
        for kind in (RegisterKind.RECEIVE, RegisterKind.SEND):
            self.register.addItem(kind.label(lang), kind)
        self.date_from = QLineEdit(self)
        self.date_to = QLineEdit(self)
        for box, name in ((self.date_from, self.tr("ลงทะเบียนตั้งแต่วันที่")),
                          (self.date_to, self.tr("ลงทะเบียนถึงวันที่"))):
            box.setPlaceholderText(self.tr("วว/ดด/ปปปป"))
            box.setAccessibleName(name)
            box.setToolTip(name + self.tr(" (พ.ศ. เช่น 25/11/2569)"))
            box.setMaximumWidth(120)
        self.party = QLineEdit(self)
        self.party.setPlaceholderText(self.tr("จาก/ถึง"))
        self.party.setAccessibleName(self.tr("ผู้ส่งหรือผู้รับ"))
        self.urgency = QComboBox(self)
        self.urgency.setAccessibleName(self.tr("ชั้นความเร็ว"))
        self.urgency.addItem(self.tr("ทุกชั้นความเร็ว"), None)
        for u in Urgency:
            self.urgency.addItem(u.label(lang), u)
        self.secrecy = QComboBox(self)
        self.secrecy.setAccessibleName(self.tr("ชั้นความลับ"))
        self.secrecy.addItem(self.tr("ทุกชั้นความลับ"), None)
        for c in Secrecy:
            self.secrecy.addItem(c.label(lang), c)
        row = QHBoxLayout()
        row.addWidget(self.register)
        row.addWidget(QLabel(self.tr("วันที่"), self))
        row.addWidget(self.date_from)
        row.addWidget(QLabel("–", self))
        row.addWidget(self.date_to)
        row.addWidget(self.party, 1)
        row.addWidget(self.urgency)
        row.addWidget(self.secrecy)
        self.filter_row = row

    def filters(self) -> SearchFilters | None:
        """The filters as chosen; None (and a message) while a date cannot be read."""
        from korat_desktop.domain.thai_dates import parse_date
        from korat_desktop.errors import KoratError
        from korat_desktop.services.queries import SearchFilters

        days = []
        for box in (self.date_from, self.date_to):
            text = box.text().strip()
            try:
                days.append(parse_date(text) if text else None)
            except KoratError as e:
                self.status.setText(error_text(e))
                return None
        return SearchFilters(register=self.register.currentData(), registered_from=days[0],
                             registered_to=days[1], party=self.party.text().strip(),
                             urgency=self.urgency.currentData(),
                             secrecy=self.secrecy.currentData())

    def _search_now(self) -> None:
        self._debounce.stop()
        filters = self.filters()
        if filters is None:
            return
        self.model.set_query(self.field.text(), filters)

    def _show_status(self, query: str, rows: int) -> None:
        if not query:
            self.status.setText("")
        elif rows == 0 and query == "*":
            self.status.setText(self.tr("ไม่พบหนังสือตามที่เลือก"))
        elif rows == 0:
            self.status.setText(self.tr("ไม่พบหนังสือที่ตรงกับ “{query}”").format(query=query))
        else:
            self.status.setText(self.tr("พบ {count} รายการ เรียงจากที่ตรงที่สุด").format(
                count=f"{rows:,}"))

    def _activated(self, index: QModelIndex) -> None:
        entry = self.model.entry(index.row())
        if entry is not None:
            self.open_requested.emit(entry.id)

    def focus_search(self) -> None:
        self.field.setFocus()
        self.field.selectAll()
