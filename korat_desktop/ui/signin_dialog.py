"""Signing this computer in to the central e-Office (ระบบสารบรรณกลาง), once.

The clerk types the hub's address (IT usually set it already), their user name and
password. An account IT imported has no password yet: its first sign-in takes the
one-time setup code IT handed out, and the password typed is then the one being set. The password field is emptied the moment the button is pressed; the
password goes to the network lane, is sent to the hub once and is dropped. What the
hub gives back is a device token, which the core keeps in the OS keyring (never in the
database or a file), so nobody types the password again on this computer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
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

from korat_desktop.sync.enrollment import NEW_PASSWORD_MIN
from korat_desktop.ui.buttons import primary_button
from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.operations import Operations

if TYPE_CHECKING:
    from korat_desktop.services.sync_ops import EnrollmentResult

__all__ = ["SignInDialog"]


class SignInDialog(QDialog):
    signed_in = Signal(object)  # EnrollmentInfo

    def __init__(self, operations: Operations, hub_url: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.setWindowTitle(self.tr("ลงชื่อเข้าระบบสารบรรณกลาง"))
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(520)
        intro = QLabel(self.tr(
            "ลงชื่อเข้าใช้ครั้งเดียวต่อเครื่อง จากนั้นโปรแกรมจะส่งและรับหนังสือกับหน่วยงานอื่นให้เอง "
            "เมื่อมีอินเทอร์เน็ต รหัสผ่านไม่ถูกเก็บไว้ในเครื่อง"), self)
        intro.setWordWrap(True)
        self.hub_url = QLineEdit(hub_url, self)
        self.hub_url.setAccessibleName(self.tr("ที่อยู่ระบบกลาง"))
        self.hub_url.setPlaceholderText("https://eoffice.example.go.th")
        self.username = QLineEdit(self)
        self.username.setAccessibleName(self.tr("ชื่อผู้ใช้"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("รหัสผ่าน"))
        self.setup_code = QLineEdit(self)
        self.setup_code.setAccessibleName(self.tr("รหัสตั้งค่าครั้งแรก"))
        self.setup_code.setPlaceholderText(self.tr("เฉพาะครั้งแรก: รหัสที่ได้รับจากฝ่ายไอที"))
        self.setup_code.setToolTip(self.tr(
            "ผู้ใช้ที่ฝ่ายไอทีสร้างให้ยังไม่มีรหัสผ่าน: ใส่รหัสตั้งค่าครั้งแรก แล้วตั้งรหัสผ่านใหม่ "
            "ในช่องรหัสผ่าน (อย่างน้อย 8 ตัวอักษร) รหัสนี้ใช้ได้ครั้งเดียว"))
        self.message = QLabel(self)
        self.message.setObjectName("result")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("ผลการลงชื่อเข้าใช้"))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sign_in = primary_button(self.tr("ลงชื่อเข้าใช้"), self)
        self.cancel = QPushButton(self.tr("ยกเลิก"), self)

        form = QFormLayout()
        form.addRow(self.tr("ที่อยู่ระบบกลาง"), self.hub_url)
        form.addRow(self.tr("ชื่อผู้ใช้"), self.username)
        form.addRow(self.tr("รหัสตั้งค่าครั้งแรก"), self.setup_code)
        self.password_label = QLabel(self.tr("รหัสผ่าน"), self)
        form.addRow(self.password_label, self.password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.sign_in)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)

        self.sign_in.clicked.connect(self.start)
        self.cancel.clicked.connect(self.reject)
        for field in (self.hub_url, self.username, self.password, self.setup_code):
            field.textChanged.connect(self._refresh)
            field.returnPressed.connect(self.sign_in.click)
        self._busy = False
        self._refresh()
        (self.username if hub_url else self.hub_url).setFocus()

    def _refresh(self) -> None:
        first_time = bool(self.setup_code.text().strip())
        self.password_label.setText(self.tr("ตั้งรหัสผ่านใหม่") if first_time
                                    else self.tr("รหัสผ่าน"))
        self.password.setPlaceholderText(
            self.tr("อย่างน้อย {n} ตัวอักษร").format(n=NEW_PASSWORD_MIN) if first_time else "")
        enough = (len(self.password.text()) >= NEW_PASSWORD_MIN if first_time
                  else bool(self.password.text()))
        self.sign_in.setEnabled(not self._busy and all(
            f.text().strip() for f in (self.hub_url, self.username)) and enough)

    def start(self) -> None:
        if not self.sign_in.isEnabled():
            return
        password = self.password.text()
        self.password.clear()  # cleared the moment it is used
        self._busy = True
        self._refresh()
        self.message.setText(self.tr("กำลังติดต่อระบบกลาง…"))
        code = self.setup_code.text().strip() or None
        self.operations.hub.login(self.hub_url.text(), self.username.text(), password,
                                  setup_code=code).then(self._done, self._failed)
        del password

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.message.setText(error_text(error))
        self.password.setFocus()
        self._refresh()

    def _done(self, result: EnrollmentResult) -> None:
        self._busy = False
        self.setup_code.clear()  # spent
        agency = result.info.agency_name
        self.message.setText(self.tr("ลงชื่อเข้าใช้แล้วในนาม {agency}").format(agency=agency))
        self.signed_in.emit(result.info)
        self.accept()
