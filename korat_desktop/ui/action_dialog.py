"""การปฏิบัติ and หมายเหตุ of a register entry, filled in as the paper register has them:
what was done with the letter (เสนอ ผอ., แจ้งเวียน…) and any remark. Saved through the
core, which audits the change; the register report prints both."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.window_placement import place_on_first_show

if TYPE_CHECKING:
    from korat_desktop.domain.registers import RegisterEntry
    from korat_desktop.services.results import RegisterResult
    from korat_desktop.ui.operations import Operations

__all__ = ["ActionDialog"]


class ActionDialog(QDialog):
    saved = Signal(object)  # RegisterResult

    def __init__(self, operations: Operations, entry: RegisterEntry,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.entry = entry
        self.setObjectName("actionDialog")
        self.setWindowTitle(self.tr("การปฏิบัติ เลขทะเบียน {number}").format(
            number=f"{entry.number}/{entry.year_be}"))
        self.action = QPlainTextEdit(entry.action, self)
        self.action.setAccessibleName(self.tr("การปฏิบัติ"))
        self.action.setTabChangesFocus(True)
        self.action.setPlaceholderText(self.tr("เช่น เสนอผู้อำนวยการ, แจ้งเวียนทุกกลุ่มงาน"))
        self.action.setFixedHeight(90)
        self.remarks = QLineEdit(entry.remarks, self)
        self.remarks.setAccessibleName(self.tr("หมายเหตุ"))
        self.problem = QLabel(self)
        self.problem.setObjectName("error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        subject = QLabel(entry.subject, self)
        subject.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("เรื่อง"), subject)
        form.addRow(self.tr("การปฏิบัติ"), self.action)
        form.addRow(self.tr("หมายเหตุ"), self.remarks)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(self.tr("บันทึก"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("ยกเลิก"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(520, 260)
        place_on_first_show(self)

    def _save(self) -> None:
        self.save_button.setEnabled(False)
        self.operations.annotate(self.entry.id, self.action.toPlainText(),
                                 self.remarks.text()).then(self._saved, self._failed)

    def _saved(self, result: RegisterResult) -> None:
        self.saved.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.problem.setText(error_text(error))
        self.problem.show()
