"""A register as a Qt table model that fetches lazily, one page at a time.

A register can hold 100,000 letters; loading them all would freeze an old PC for
seconds and hold hundreds of megabytes. The model knows the count, holds only the rows
fetched so far (newest first), and asks for the next page through ``fetchMore`` when
the view scrolls near the end. Pages come from the database lane; a page that arrives
after the model was reset (another year chosen, a change announced) is dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from korat_desktop.domain.letters import Secrecy
from korat_desktop.domain.registers import REGISTER_COLUMNS, RegisterEntry, RegisterKind
from korat_desktop.services.results import Changes
from korat_desktop.ui import language
from korat_desktop.ui.entry_text import cell_text, column_titles, registered_text
from korat_desktop.ui.icons import icon
from korat_desktop.ui.operations import Operations

if TYPE_CHECKING:
    from korat_desktop.services.sync_rows import DeliverySummary

__all__ = ["ENTRY_ROLE", "RegisterTableModel", "SECRECY_COLUMN", "URGENT_COLOR",
           "entry_tooltip"]

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
URGENT_COLOR = QColor("#b3261e")
_VOIDED_COLOR = QColor("#8a8a8a")
_Index = QModelIndex | QPersistentModelIndex
SECRECY_COLUMN = "secrecy"
"""A column the window adds after the official ones: ชั้นความลับ, with a padlock on a
sealed letter while the office key is locked."""


def entry_tooltip(entry: RegisterEntry, lang: str) -> str:
    lines = [entry.subject]
    if entry.urgency.is_urgent:
        lines.append(entry.urgency.label(lang))
    if entry.secrecy is not Secrecy.NONE:
        lines.append(entry.secrecy.label(lang))
    lines.append(registered_text(entry, lang))
    return "\n".join(line for line in lines if line)


class RegisterTableModel(QAbstractTableModel):
    """Entries of one register and year, newest first, fetched in pages."""

    loading_changed = Signal(bool)
    total_changed = Signal(int)
    failed = Signal(object)

    def __init__(self, operations: Operations, register: RegisterKind, *,
                 page_size: int = 200, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.register = register
        self.page_size = page_size
        self.year_be: int | None = None
        self.thai_digits = False
        self._keys = [*(key for key, _th, _en in REGISTER_COLUMNS[register]), SECRECY_COLUMN]
        # the send register also shows where each letter is (not a printed column)
        self._delivery_column = len(self._keys) if register is RegisterKind.SEND else None
        if self._delivery_column is not None:
            self._keys.append("delivery")
        self._deliveries: dict[int, DeliverySummary] = {}
        self._rows: list[RegisterEntry] = []
        self._total = 0
        self._generation = 0
        self._fetching = False
        operations.changes.connect(self._on_changes)
        operations.secrets.lock_changed.connect(self._on_lock_changed)

    # -- loading -------------------------------------------------------------------------
    @property
    def total(self) -> int:
        return self._total

    def set_year(self, year_be: int | None) -> None:
        self.year_be = year_be
        self.reload()

    def reload(self, keep: int = 0) -> None:
        """Start again from the newest entry; ``keep`` rows are fetched in one go."""
        self._generation += 1
        generation = self._generation
        self._fetching = True
        self.loading_changed.emit(True)
        limit = max(self.page_size, keep)
        self.operations.register_count(self.register, self.year_be).then(
            lambda total: self._on_count(generation, total, limit), self._on_failed)

    def _on_count(self, generation: int, total: int, limit: int) -> None:
        if generation != self._generation:
            return
        self.operations.register_page(self.register, self.year_be, 0, limit).then(
            lambda rows: self._on_first_page(generation, total, rows), self._on_failed)

    def _on_first_page(self, generation: int, total: int, rows: list[RegisterEntry]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._rows = list(rows)
        self._total = max(total, len(rows))
        self._fetching = False
        self.endResetModel()
        self._load_deliveries(generation, [e.id for e in rows])
        self.total_changed.emit(self._total)
        self.loading_changed.emit(False)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008 - Qt API
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008 - Qt API
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation = self._generation
        self.loading_changed.emit(True)
        self.operations.register_page(self.register, self.year_be, len(self._rows),
                                      self.page_size).then(
            lambda rows: self._on_page(generation, rows), self._on_failed)

    def _on_page(self, generation: int, rows: list[RegisterEntry]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
            self._load_deliveries(generation, [e.id for e in rows])
        else:
            self._total = len(self._rows)  # entries went away meanwhile
        self.loading_changed.emit(False)

    def _on_failed(self, error: BaseException) -> None:
        self._fetching = False
        self.loading_changed.emit(False)
        self.failed.emit(error)

    def _load_deliveries(self, generation: int, entry_ids: list[int]) -> None:
        if self._delivery_column is None or not entry_ids:
            return
        self.operations.hub.delivery_summaries(entry_ids).then(
            lambda found: self._on_deliveries(generation, entry_ids, found))

    def _on_deliveries(self, generation: int, entry_ids: list[int],
                       found: dict[int, DeliverySummary]) -> None:
        if generation != self._generation or self._delivery_column is None:
            return
        for entry_id in entry_ids:
            self._deliveries.pop(entry_id, None)
        self._deliveries.update(found)
        if self._rows:
            column = self._delivery_column
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def delivery(self, row: int) -> DeliverySummary | None:
        entry = self.entry(row)
        return None if entry is None else self._deliveries.get(entry.id)

    def _on_changes(self, changes: Changes) -> None:
        if self.register in changes.registers or (
                changes.entries & {e.id for e in self._rows}):
            self.reload(keep=len(self._rows))
        elif self._delivery_column is not None and (changes.outbox or changes.receipts):
            # queued, sent, or a receipt came back: only the delivery column moves
            self._load_deliveries(self._generation, [e.id for e in self._rows])

    def _on_lock_changed(self, _unlocked: bool) -> None:
        if self._rows:
            column = self._keys.index(SECRECY_COLUMN)
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    # -- reading ---------------------------------------------------------------------------
    def entry(self, row: int) -> RegisterEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: int) -> int | None:
        for row, entry in enumerate(self._rows):
            if entry.id == entry_id:
                return row
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._keys)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if section == self._delivery_column:
                return self.tr("การส่ง")
            if self._keys[section] == SECRECY_COLUMN:
                return self.tr("ชั้นความลับ")
            return column_titles(self.register, language.current())[section]
        return None

    def _secrecy_cell(self, entry: RegisterEntry, role: int) -> Any:
        locked = entry.sealed and not self.operations.secrets.unlocked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if entry.secrecy is Secrecy.NONE:
                return ""
            label = entry.secrecy.label(language.current())
            return self.tr("{label} (ล็อก)").format(label=label) if locked else label
        if role == Qt.ItemDataRole.DecorationRole and entry.sealed:
            return icon("padlock-locked" if locked else "padlock-open")
        if role == Qt.ItemDataRole.ToolTipRole and entry.sealed:
            return (self.tr("หนังสือลับที่เก็บแบบเข้ารหัส: ปลดล็อกด้วยกุญแจของหน่วยงานจึงจะเปิดได้")
                    if locked else self.tr("หนังสือลับที่เก็บแบบเข้ารหัส (ปลดล็อกแล้ว)"))
        if role == ENTRY_ROLE:
            return entry
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index.row())
        if entry is None:
            return None
        key = self._keys[index.column()]
        if key == SECRECY_COLUMN:
            return self._secrecy_cell(entry, role)
        lang = language.current()
        if key == "delivery":
            return self._delivery_data(entry, role, lang)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if entry.voided and key == "subject":
                return self.tr("ยกเลิกเลข: {reason}").format(reason=entry.void_reason)
            return cell_text(entry, key, lang, self.thai_digits)
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.ForegroundRole:
            if entry.voided:
                return _VOIDED_COLOR
            urgent = entry.urgency.is_urgent and key in ("number", "subject")
            return URGENT_COLOR if urgent else None
        if role == Qt.ItemDataRole.FontRole and (entry.voided or (
                entry.urgency.is_urgent and key == "number")):
            font = QFont()
            font.setItalic(entry.voided)
            font.setBold(not entry.voided)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry_tooltip(entry, lang)
        return None

    def _delivery_data(self, entry: RegisterEntry, role: int, lang: str) -> Any:
        summary = self._deliveries.get(entry.id)
        if role == ENTRY_ROLE:
            return entry
        if summary is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return summary.text(lang)
        if role == Qt.ItemDataRole.ToolTipRole:
            return summary.details(lang)
        if role == Qt.ItemDataRole.ForegroundRole and summary.state == "failed":
            return URGENT_COLOR
        return None
