"""First start: which agency this installation belongs to.

The letter code (e.g. นม 0017.1) goes into every ที่ number this office issues, so it
is asked once, plainly, before anything else. IT can skip the question by putting
``agency.code`` and ``agency.name`` in the machine config.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from korat_desktop.ui.buttons import primary_button
from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.operations import Operations

__all__ = ["AgencyDialog"]


class AgencyDialog(QDialog):
    def __init__(self, operations: Operations, code: str = "", name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.setWindowTitle(self.tr("ตั้งค่าหน่วยงาน"))
        self.setAccessibleName(self.windowTitle())
        intro = QLabel(self.tr(
            "ครั้งแรกที่ใช้งาน กรุณาระบุหน่วยงานของเครื่องนี้ รหัสหนังสือจะใช้ออกเลขที่หนังสือส่ง "
            "เช่น ที่ นม 0017.1/123 และเปลี่ยนภายหลังไม่ได้"), self)
        intro.setWordWrap(True)
        self.code = QLineEdit(code, self)
        self.code.setAccessibleName(self.tr("รหัสหนังสือของหน่วยงาน"))
        self.code.setPlaceholderText(self.tr("เช่น นม 0017.1"))
        self.name = QLineEdit(name, self)
        self.name.setAccessibleName(self.tr("ชื่อหน่วยงาน"))
        self.name.setPlaceholderText(self.tr("เช่น สำนักงานจังหวัดนครราชสีมา"))
        self.message = QLabel(self)
        self.message.setObjectName("result")
        self.message.setWordWrap(True)
        self.save = primary_button(self.tr("เริ่มใช้งาน"), self)
        self.save.setDefault(True)
        self.quit = QPushButton(self.tr("ออก"), self)
        form = QFormLayout()
        form.addRow(self.tr("รหัสหนังสือ"), self.code)
        form.addRow(self.tr("ชื่อหน่วยงาน"), self.name)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.save)
        bottom.addWidget(self.quit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(bottom)
        self.resize(560, 240)
        self.save.clicked.connect(self.submit)
        self.quit.clicked.connect(self.reject)
        for field in (self.code, self.name):
            field.textChanged.connect(self._refresh)
        self._refresh()

    def _refresh(self) -> None:
        self.save.setEnabled(bool(self.code.text().strip() and self.name.text().strip()))

    def submit(self) -> None:
        self.save.setEnabled(False)
        self.operations.init_office(self.code.text(), self.name.text()).then(
            lambda _r: self.accept(), self._failed)

    def _failed(self, error: BaseException) -> None:
        self.message.setText(error_text(error))
        self._refresh()
