"""ทะเบียนพนักงานนำสาร: every bundle written here or imported here, and what it carried.

A bundle can be lost on the way, so what it carried stays in the outbox until the hub
or the recipient acknowledges it; this page says, per bundle, how many of its
operations are acknowledged (x/y), and below, for the selected bundle, which letters
it held and whether each came through. It reads the log again on the one ``changes``
signal (an export, an import, a sync that brought receipts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from korat_desktop.services.results import Changes
from korat_desktop.ui import language
from korat_desktop.ui.drives import format_size
from korat_desktop.ui.entry_text import moment_text
from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.operations import Operations
from korat_desktop.ui.rows_model import Column, RowsModel
from korat_desktop.ui.sync_views import make_list_table

if TYPE_CHECKING:
    from korat_desktop.services.courier_results import CourierBundleView, CourierOpView

__all__ = ["CourierLogView"]


def acknowledged(bundle: CourierBundleView) -> str:
    done = sum(1 for op in bundle.operations if op.acknowledged)
    return f"{done}/{len(bundle.operations)}"


class CourierLogView(QWidget):
    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        title = self.tr("ทะเบียนพนักงานนำสาร")
        heading = QLabel(title, self)
        heading.setObjectName("viewTitle")
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(title)
        bundle_columns: list[Column[CourierBundleView]] = [
            Column(self.tr("วันที่"), lambda b: moment_text(b.recorded_at, language.current())),
            Column(self.tr("ทาง"), self._direction_text),
            Column(self.tr("หน่วยงาน"), self._agencies_text),
            Column(self.tr("หนังสือ"), lambda b: str(len(b.operations))),
            Column(self.tr("ตอบรับแล้ว"), acknowledged),
            Column(self.tr("ขนาด"), lambda b: format_size(b.size)),
            Column(self.tr("ไฟล์"), self._file_text),
        ]
        op_columns: list[Column[CourierOpView]] = [
            Column(self.tr("รายการ"), self._op_text),
            Column(self.tr("ในชุดนี้"), self._role_text),
            Column(self.tr("ตอบรับ"), lambda op: self.tr("ตอบรับแล้ว") if op.acknowledged
                   else self.tr("ยังไม่ตอบรับ")),
        ]
        self.model: RowsModel[CourierBundleView] = RowsModel(bundle_columns, parent=self)
        self.table = make_list_table(self, title)
        self.table.setModel(self.model)
        self.ops_model: RowsModel[CourierOpView] = RowsModel(
            op_columns, lambda op: op.acknowledged, self)
        self.ops_table = make_list_table(self, self.tr("หนังสือในชุดที่เลือก"))
        self.ops_table.setModel(self.ops_model)
        for column, width in enumerate((170, 90, 260, 70, 90, 90)):
            self.table.setColumnWidth(column, width)
        self.ops_table.setColumnWidth(0, 520)
        self.ops_table.setColumnWidth(1, 200)
        split = QSplitter(self)
        split.setOrientation(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.ops_table)
        split.setSizes([380, 220])
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(split, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_ops())
        operations.changes.connect(self._on_changes)

    # -- cells -----------------------------------------------------------------------------
    def _direction_text(self, bundle: CourierBundleView) -> str:
        return self.tr("ส่งออก") if bundle.direction == "out" else self.tr("รับเข้า")

    def _agencies_text(self, bundle: CourierBundleView) -> str:
        if bundle.direction == "out":
            return self.tr("ถึง {agencies}").format(agencies=", ".join(bundle.recipients))
        return self.tr("จาก {agency}").format(agency=bundle.sender_agency)

    def _file_text(self, bundle: CourierBundleView) -> str:
        if bundle.parts > 1:
            return self.tr("{name} (ส่วน {part}/{parts})").format(
                name=bundle.file_name, part=bundle.part, parts=bundle.parts)
        return bundle.file_name

    def _op_text(self, op: CourierOpView) -> str:
        if op.kind == "letter.send":
            if not op.subject:  # carried for another office: sealed, not ours to read
                return self.tr("หนังสือถึงหน่วยงานอื่น (ปิดผนึก)")
            return self.tr("หนังสือ เรื่อง {subject}").format(subject=op.subject)
        if op.kind == "letter.receipt":
            return self.tr("ใบตอบรับหนังสือ")
        if op.kind == "number.void":
            return self.tr("แจ้งยกเลิกเลขทะเบียน")
        return op.subject or op.kind

    def _role_text(self, op: CourierOpView) -> str:
        return {"carried": self.tr("นำไปส่ง"), "applied": self.tr("รับไว้ที่นี่"),
                "relayed": self.tr("ส่งต่อระบบกลาง"),
                "page": self.tr("จากระบบกลาง (นำส่งแทน)")}.get(op.role, op.role)

    # -- loading ---------------------------------------------------------------------------
    def _on_changes(self, changes: Changes) -> None:
        if changes.couriers or changes.outbox or changes.inbox or changes.receipts:
            self.refresh()

    def refresh(self) -> None:
        self.operations.courier.log().then(self._show, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.notice.setText(error_text(error))
        self.notice.show()

    def selected(self) -> CourierBundleView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _show(self, bundles: list[CourierBundleView]) -> None:
        chosen = self.selected()
        self.model.set_rows(bundles)
        self.notice.setText(self.tr("ยังไม่มีชุดเอกสารที่ส่งหรือรับทางพนักงานนำสาร"))
        self.notice.setVisible(not bundles)
        for index, bundle in enumerate(bundles):
            if chosen is not None and bundle.bundle_id == chosen.bundle_id \
                    and bundle.direction == chosen.direction:
                self.table.selectRow(index)
        if self.selected() is None and bundles:
            self.table.selectRow(0)
        self._show_ops()

    def _show_ops(self) -> None:
        bundle = self.selected()
        self.ops_model.set_rows(bundle.operations if bundle is not None else [])
