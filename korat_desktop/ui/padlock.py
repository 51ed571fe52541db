"""The padlock in the status bar: whether secret letters (ลับ, ลับมาก) can be opened now.

Locked, sealed letters show only their placeholder, number and dates; one click unlocks
the office key for the rest of the session (the window asks once, every open window
follows), another locks it again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QToolButton, QWidget

from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.icons import icon
from korat_desktop.ui.secret_operations import SecretOperations

__all__ = ["PadlockButton"]


class PadlockButton(QToolButton):
    failed = Signal(str)  # why the key would not unlock, in the window's language

    def __init__(self, secrets: SecretOperations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.secrets = secrets
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setAutoRaise(True)
        self.clicked.connect(self.toggle_lock)
        secrets.lock_changed.connect(self._show)
        self._show(secrets.unlocked)

    def _show(self, unlocked: bool) -> None:
        self.setEnabled(True)
        self.setIcon(icon("padlock-open" if unlocked else "padlock-locked"))
        self.setText(self.tr("หนังสือลับ: ปลดล็อกแล้ว") if unlocked
                     else self.tr("หนังสือลับ: ล็อกอยู่"))
        self.setAccessibleName(self.text())
        self.setToolTip(self.tr("คลิกเพื่อล็อกหนังสือลับอีกครั้ง") if unlocked else self.tr(
            "คลิกเพื่อปลดล็อกหนังสือลับด้วยกุญแจของหน่วยงาน (ครั้งเดียวต่อการใช้งาน)"))

    def toggle_lock(self) -> None:
        self.setEnabled(False)
        job = self.secrets.lock() if self.secrets.unlocked else self.secrets.unlock()
        job.then(lambda _r: self.setEnabled(True), self._failed, owner=self)

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.setToolTip(error_text(error))
        self.failed.emit(error_text(error))
