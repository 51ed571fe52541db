"""First start on a PC that is not signed in to the hub: whose name goes in the history.

Offices share PCs under one operating-system account, so the history would otherwise
say "root" or "user". The name is a user setting (``user.name``, also
``korat config set user.name ...``), asked once; signing in to the hub later names the
hub user instead. The question does not block the window: a clerk can answer it later
(Settings has the same field), and until then the OS account is recorded.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.operations import Operations

__all__ = ["PersonDialog"]


class PersonDialog(QInputDialog):
    saved = Signal(str)  # the name, once it is in the user settings
    failed = Signal(str)  # why it could not be saved, in the user's words

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.setWindowTitle(self.tr("ผู้ใช้เครื่องนี้"))
        self.setAccessibleName(self.windowTitle())
        self.setInputMode(QInputDialog.InputMode.TextInput)
        self.setLabelText(self.tr(
            "เครื่องนี้ยังไม่ได้เข้าสู่ระบบสารบรรณกลาง กรุณาระบุชื่อ-นามสกุลของผู้ใช้ "
            "ประวัติของหนังสือจะบันทึกว่าใครลงทะเบียน ลงนาม หรือส่งหนังสือ "
            "(เปลี่ยนได้ภายหลังในการตั้งค่า)"))
        self.setOkButtonText(self.tr("บันทึก"))
        self.setCancelButtonText(self.tr("ไว้ภายหลัง"))
        self.resize(520, 180)
        self.name = self.findChild(QLineEdit)
        assert self.name is not None
        self.name.setAccessibleName(self.tr("ชื่อ-นามสกุล"))
        self.name.setPlaceholderText(self.tr("เช่น นางสาวสมใจ ใจดี"))
        self.textValueSelected.connect(self.submit)

    def submit(self, text: str) -> None:
        name = text.strip()
        if name:
            self.operations.change_settings({"user.name": name}).then(
                lambda _r: self.saved.emit(name), lambda e: self.failed.emit(error_text(e)))
