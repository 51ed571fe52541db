"""Paints urgency (ชั้นความเร็ว) and secrecy (ชั้นความลับ) as small badges before a subject.

A clerk scans a register for ด่วนที่สุด and ลับ before anything else, so they stand at
the start of the subject in red and in a dark outline, not in columns of their own
that the official register does not have.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from korat_desktop.domain.letters import Secrecy
from korat_desktop.domain.registers import RegisterEntry
from korat_desktop.ui import language
from korat_desktop.ui.register_model import ENTRY_ROLE, URGENT_COLOR

__all__ = ["BadgeDelegate"]

_SECRET_COLOR = QColor("#37474f")


class BadgeDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        entry = index.data(ENTRY_ROLE)
        if not isinstance(entry, RegisterEntry) or entry.voided:
            super().paint(painter, option, index)
            return
        badges = []
        lang = language.current()
        if entry.urgency.is_urgent:
            badges.append((entry.urgency.label(lang), URGENT_COLOR, True))
        if entry.secrecy is not Secrecy.NONE:
            badges.append((entry.secrecy.label(lang), _SECRET_COLOR, False))
        if not badges:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        metrics = opt.fontMetrics
        x = opt.rect.x() + 4
        height = min(opt.rect.height() - 4, metrics.height() + 2)
        y = opt.rect.y() + (opt.rect.height() - height) // 2
        for label, color, filled in badges:
            width = metrics.horizontalAdvance(label) + 10
            box = QRect(x, y, width, height)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(color, 1))
            painter.setBrush(color if filled else Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(QColor("white") if filled else color)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
            x += width + 4
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        color = opt.palette.highlightedText().color() if selected else (
            URGENT_COLOR if entry.urgency.is_urgent else opt.palette.text().color())
        painter.setPen(color)
        rest = QRect(x + 2, opt.rect.y(), opt.rect.right() - x - 2, opt.rect.height())
        painter.drawText(rest, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                         metrics.elidedText(text, Qt.TextElideMode.ElideRight, rest.width()))
        painter.restore()
