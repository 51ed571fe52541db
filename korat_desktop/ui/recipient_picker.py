"""Choosing recipient agencies from the hub's directory, by ticking them.

The directory is the one the core caches at every sync, so letters can be addressed
offline. A province has hundreds of agencies, so the list filters as the clerk types
part of a name or a code (Thai digits welcome). Nothing is shown when this computer
is not connected to a hub: then the free-text "ถึง" field is all there is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from korat_desktop.domain.digits import to_ascii_digits

__all__ = ["RecipientPicker"]


class RecipientPicker(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("ส่งทางระบบกลางถึงหน่วยงาน"), self)
        self.filter = QLineEdit(self)
        self.filter.setAccessibleName(self.tr("ค้นหาหน่วยงานผู้รับ"))
        self.filter.setPlaceholderText(self.tr("พิมพ์ชื่อหรือรหัสหน่วยงานเพื่อค้นหา"))
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("หน่วยงานผู้รับในระบบกลาง"))
        self.list.setMaximumHeight(150)
        self.chosen = QLabel(self)
        self.chosen.setObjectName("muted")
        self.chosen.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        layout.addWidget(self.chosen)
        self.filter.textChanged.connect(self._filter)
        self.list.itemChanged.connect(lambda _i: self._changed())
        self._pending: list[str] = []
        self.hide()

    def set_agencies(self, agencies: Sequence[Any]) -> None:
        """Fill from the directory (objects with ``code`` and ``name``); hidden if empty."""
        wanted = set(self.codes()) | set(self._pending)
        self.list.blockSignals(True)
        self.list.clear()
        for agency in agencies:
            item = QListWidgetItem(f"{agency.name} ({agency.code})", self.list)
            item.setData(Qt.ItemDataRole.UserRole, agency.code)
            item.setData(Qt.ItemDataRole.UserRole + 1, agency.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if agency.code in wanted
                               else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self._pending = []
        self.setVisible(bool(agencies))
        self._changed()

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def codes(self) -> list[str]:
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in self._items()
                if i.checkState() == Qt.CheckState.Checked]

    def names(self) -> list[str]:
        return [str(i.data(Qt.ItemDataRole.UserRole + 1)) for i in self._items()
                if i.checkState() == Qt.CheckState.Checked]

    def set_codes(self, codes: Sequence[str]) -> None:
        """Tick these agencies (kept until the directory arrives, if it has not yet)."""
        if not self.list.count():
            self._pending = list(codes)
            return
        for item in self._items():
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               in codes else Qt.CheckState.Unchecked)

    def set_read_only(self, read_only: bool) -> None:
        self.filter.setEnabled(not read_only)
        self.list.setEnabled(not read_only)

    def _filter(self, text: str) -> None:
        wanted = to_ascii_digits(text).strip().casefold()
        for item in self._items():
            item.setHidden(bool(wanted) and wanted not in to_ascii_digits(item.text()).casefold())

    def _changed(self) -> None:
        names = self.names()
        self.chosen.setText(self.tr("เลือกแล้ว {count} หน่วยงาน: {names}").format(
            count=len(names), names=", ".join(names)) if names else "")
        self.changed.emit()
