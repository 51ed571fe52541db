"""Errors in plain words: a KoratError speaks for itself in Thai or English.

Anything else reaching the UI is a bug; the clerk gets a calm sentence and the
details go to the log, not to the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from korat_desktop.errors import KoratError
from korat_desktop.ui import language

__all__ = ["error_text"]


def error_text(error: BaseException) -> str:
    if isinstance(error, KoratError):
        return error.message(language.current())
    return QCoreApplication.translate(
        "error_text", "เกิดข้อผิดพลาดที่ไม่คาดคิด รายละเอียดถูกบันทึกไว้ในไฟล์บันทึกของโปรแกรม")
