"""Importing courier bundles (dropped on the window, or found on a stick just plugged in).

The service checks each bundle whole before it stores anything, and one bad file
fails alone: this dialog lists every file with what it brought (letters stored here,
operations passed on to the hub, ones that were here already) or why it was refused.
It is not modal: the clerk can go on working while a large bundle is read.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from korat_desktop.ui import language
from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.operations import Operations

if TYPE_CHECKING:
    from korat_desktop.services.courier_results import ImportItem, ImportResult

__all__ = ["BundleImportDialog"]


class BundleImportDialog(QDialog):
    imported = Signal(object)  # ImportResult

    def __init__(self, operations: Operations, paths: Sequence[Path],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.paths = [Path(p) for p in paths]
        self.report: ImportResult | None = None
        self.setWindowTitle(self.tr("นำเข้าชุดเอกสารจากพนักงานนำสาร"))
        self.setAccessibleName(self.windowTitle())
        self.setModal(False)
        self.resize(720, 360)
        self.message = QLabel(self.tr("กำลังตรวจและนำเข้า {count} ชุด…").format(
            count=len(self.paths)), self)
        self.message.setObjectName("result")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("ผลการนำเข้า"))
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.items = QListWidget(self)
        self.items.setAccessibleName(self.tr("ผลการนำเข้าแต่ละไฟล์"))
        for path in self.paths:
            self.items.addItem(self.tr("{name}: รอตรวจ").format(name=path.name))
        self.close_button = QPushButton(self.tr("ปิด"), self)
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.items, 1)
        layout.addLayout(bottom)

    def start(self) -> None:
        job = self.operations.courier.import_files(self.paths)
        job.progress.connect(self._progressed)
        job.then(self._imported, self._failed)

    def _progressed(self, done: int, total: int, _phase: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _failed(self, error: BaseException) -> None:
        self.progress.hide()
        self.message.setText(error_text(error))

    def item_text(self, item: ImportItem) -> str:
        name = item.path.name
        if not item.ok:
            why = item.error.message(language.current()) if item.error is not None else ""
            return self.tr("{name}: ไม่ได้นำเข้า — {why}").format(name=name, why=why)
        return self.tr("{name}: นำเข้าแล้ว เก็บที่นี่ {applied} รายการ ส่งต่อระบบกลาง "
                       "{relayed} รายการ มีอยู่แล้ว {already} รายการ").format(
            name=name, applied=item.applied, relayed=item.relayed, already=item.already)

    def _imported(self, result: ImportResult) -> None:
        self.report = result
        self.progress.hide()
        self.items.clear()
        for item in result.items:
            self.items.addItem(self.item_text(item))
        good = sum(1 for item in result.items if item.ok)
        self.message.setText(self.tr("นำเข้าได้ {good} จาก {count} ชุด").format(
            good=good, count=len(result.items)))
        self.imported.emit(result)
