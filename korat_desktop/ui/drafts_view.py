"""ร่าง (drafts): letters still being written, before a number is issued.

The core does not keep drafts yet (a letter enters the store when it is registered),
so this view says so and points to the way that works today: write the letter in the
office's word processor, then ส่งหนังสือ to issue its number and sign it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from korat_desktop.ui.buttons import primary_button

__all__ = ["DraftsView"]


class DraftsView(QWidget):
    send_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(self.tr("ร่าง"), self)
        heading.setObjectName("viewTitle")
        notice = QLabel(self.tr(
            "โปรแกรมรุ่นนี้ยังไม่เก็บร่างหนังสือ\n\n"
            "จัดทำหนังสือด้วยโปรแกรมพิมพ์เอกสารของหน่วยงาน บันทึกเป็น PDF แล้วกด “ส่งหนังสือ…” "
            "เพื่อออกเลขทะเบียนส่งและลงนาม"), self)
        notice.setObjectName("notice")
        notice.setWordWrap(True)
        notice.setAccessibleName(self.tr("ร่าง"))
        send = primary_button(self.tr("ส่งหนังสือ…"), self)
        send.setAccessibleName(self.tr("ส่งหนังสือ"))
        send.clicked.connect(self.send_requested)
        row = QHBoxLayout()
        row.addWidget(send)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(heading)
        layout.addWidget(notice)
        layout.addLayout(row)
        layout.addStretch(1)
