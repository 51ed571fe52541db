"""A read-only table of plain rows, for the short lists (inbox, outbox, drafts).

Unlike the registers these lists are small (what waits to go out or to be registered),
so the model holds all rows; each view says which columns it shows and how a cell reads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

__all__ = ["Column", "RowsModel"]

Row = TypeVar("Row")
_Index = QModelIndex | QPersistentModelIndex


class Column(Generic[Row]):
    """A column: its title, the text of a cell, and whether the cell shows urgency in red."""

    def __init__(self, title: str, text: Callable[[Row], str],
                 urgent: Callable[[Row], bool] | None = None) -> None:
        self.title = title
        self.text = text
        self.urgent = urgent


class RowsModel(QAbstractTableModel, Generic[Row]):
    URGENT = QColor("#b3261e")
    MUTED = QColor("#6b7682")

    def __init__(self, columns: Sequence[Column[Row]],
                 muted: Callable[[Row], bool] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Row] = []
        self._muted = muted

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> Row | None:
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row(index.row())
        if row is None:
            return None
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                    Qt.ItemDataRole.ToolTipRole):
            return column.text(row)
        urgent = column.urgent is not None and column.urgent(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            if urgent:
                return self.URGENT
            return self.MUTED if self._muted is not None and self._muted(row) else None
        if role == Qt.ItemDataRole.FontRole and urgent:
            font = QFont()
            font.setBold(True)
            return font
        return None
