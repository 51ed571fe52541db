"""The fields a clerk types for a letter, turned into the core's ``LetterIntake``.

Dates are typed the way Thai offices write them, day/month/Buddhist-Era year
(``21/11/2569``, Thai digits welcome); the full Thai date is shown beside the field so
a slip of one digit is seen before the letter is registered.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from korat_desktop.domain.digits import to_ascii_digits
from korat_desktop.domain.letters import LetterKind, Secrecy, Urgency
from korat_desktop.domain.thai_dates import BE_OFFSET, format_thai_date
from korat_desktop.services.registration import LetterIntake
from korat_desktop.ui import language

__all__ = ["LetterForm", "parse_be_date"]

_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")


def parse_be_date(text: str) -> dt.date | None:
    """``21/11/2569`` (or with Thai digits) → 2026-11-21; a CE year is accepted too.

    Raises ValueError for text that is not a date; empty text is ``None``.
    """
    folded = to_ascii_digits(text).strip()
    if not folded:
        return None
    match = _DATE.match(folded)
    if not match:
        raise ValueError(text)
    day, month, year = (int(g) for g in match.groups())
    if year > 2400:
        year -= BE_OFFSET
    return dt.date(year, month, day)


class LetterForm(QWidget):
    """Subject, parties, number, date, kind, urgency, secrecy and notes of one letter.

    A field filled from the letter's own text (smart intake) carries a small
    "จากเอกสาร" hint beside it, with where it was read in its tooltip, until the clerk
    changes it: a proposal is never taken for the clerk's own entry.
    """

    changed = Signal()
    field_edited = Signal(str)  # the LetterIntake field the clerk just changed

    def __init__(self, *, incoming: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lang = language.current()
        self.incoming = incoming
        self.subject = self._line(self.tr("เรื่อง"), self.tr("เรื่องของหนังสือ (จำเป็น)"))
        self.sender_name = self._line(self.tr("จาก"), self.tr("หน่วยงานหรือผู้ส่ง"))
        self.recipient = self._line(
            self.tr("ถึง"), self.tr("ผู้รับ คั่นหลายรายด้วยจุลภาค ( , )") if not incoming
            else self.tr("ผู้รับในหน่วยงานของเรา"))
        self.letter_number = self._line(self.tr("ที่"), self.tr("เช่น มท 0201.2/ว 1590"))
        self.letter_date = self._line(self.tr("ลงวันที่"), self.tr("วว/ดด/ปปปป (พ.ศ.)"))
        self.date_hint = QLabel(self)
        self.date_hint.setObjectName("muted")
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("ประเภทหนังสือ"))
        for kind in LetterKind:
            self.kind.addItem(kind.label(lang), kind)
        self.urgency = QComboBox(self)
        self.urgency.setAccessibleName(self.tr("ชั้นความเร็ว"))
        for urgency in (Urgency.NORMAL, Urgency.URGENT, Urgency.VERY_URGENT,
                        Urgency.MOST_URGENT):
            self.urgency.addItem(urgency.label(lang), urgency)
        self.secrecy = QComboBox(self)
        self.secrecy.setAccessibleName(self.tr("ชั้นความลับ"))
        for secrecy in (Secrecy.NONE, Secrecy.CONFIDENTIAL, Secrecy.SECRET, Secrecy.TOP_SECRET):
            self.secrecy.addItem(secrecy.label(lang), secrecy)
        self.notes = QPlainTextEdit(self)
        self.notes.setAccessibleName(self.tr("หมายเหตุ"))
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(64)

        self._fields: dict[str, QLineEdit | QComboBox] = {
            "subject": self.subject, "letter_number": self.letter_number,
            "letter_date": self.letter_date, "sender": self.sender_name,
            "recipient": self.recipient, "kind": self.kind, "urgency": self.urgency,
            "secrecy": self.secrecy}
        self.proposal_hints: dict[str, QLabel] = {}
        for name in self._fields:
            hint = QLabel(self.tr("จากเอกสาร"), self)
            hint.setObjectName("proposed")
            hint.hide()
            self.proposal_hints[name] = hint

        date_row = QHBoxLayout()
        date_row.addWidget(self.letter_date, 1)
        date_row.addWidget(self.date_hint, 1)
        date_row.addWidget(self.proposal_hints["letter_date"])
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("เรื่อง"), self._hinted("subject"))
        if incoming:
            form.addRow(self.tr("ที่"), self._hinted("letter_number"))
            form.addRow(self.tr("ลงวันที่"), date_row)
            form.addRow(self.tr("จาก"), self._hinted("sender"))
            form.addRow(self.tr("ถึง"), self._hinted("recipient"))
        else:
            form.addRow(self.tr("ถึง"), self._hinted("recipient"))
            form.addRow(self.tr("ลงวันที่"), date_row)
            self.letter_number.hide()
            self.sender_name.hide()
        form.addRow(self.tr("ประเภท"), self._hinted("kind"))
        form.addRow(self.tr("ชั้นความเร็ว"), self._hinted("urgency"))
        form.addRow(self.tr("ชั้นความลับ"), self._hinted("secrecy"))
        form.addRow(self.tr("หมายเหตุ"), self.notes)
        self.letter_date.textChanged.connect(self._show_date)
        for name, widget in self._fields.items():
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(lambda _t, n=name: self._edited(n))
            else:
                widget.activated.connect(lambda _i, n=name: self._edited(n))
        self.notes.textChanged.connect(self.changed)

    def _hinted(self, name: str) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self._fields[name], 1)
        row.addWidget(self.proposal_hints[name])
        return row

    def _edited(self, name: str) -> None:
        self.proposal_hints[name].hide()
        self.field_edited.emit(name)
        self.changed.emit()

    def show_proposed(self, hints: Mapping[str, tuple[str, bool]]) -> None:
        """Mark the fields filled from the letter: name -> (where it was read, confident).

        A less sure reading says so on its hint ("จากเอกสาร โปรดตรวจ")."""
        for name, label in self.proposal_hints.items():
            found = hints.get(name)
            label.setVisible(found is not None and not self._fields[name].isHidden())
            if found is None:
                continue
            where, confident = found
            label.setText(self.tr("จากเอกสาร") if confident else self.tr("จากเอกสาร โปรดตรวจ"))
            label.setToolTip(where)
            label.setAccessibleName(self.tr("ข้อมูลนี้อ่านจากเอกสาร: {where}").format(
                where=where))

    def proposed_fields(self) -> list[str]:
        """The fields still showing a value proposed from the letter."""
        return [name for name, label in self.proposal_hints.items() if not label.isHidden()]

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setAccessibleName(name)
        field.setPlaceholderText(placeholder)
        return field

    def _show_date(self, text: str) -> None:
        try:
            day = parse_be_date(text)
        except ValueError:
            self.date_hint.setText(self.tr("วันที่ไม่ถูกต้อง"))
            return
        self.date_hint.setText(format_thai_date(day, lang=language.current()) if day else "")

    def date_ok(self) -> bool:
        try:
            parse_be_date(self.letter_date.text())
        except ValueError:
            return False
        return True

    def intake(self) -> LetterIntake:
        """The typed letter; an unparseable date is left out (``date_ok`` tells)."""
        try:
            letter_date = parse_be_date(self.letter_date.text())
        except ValueError:
            letter_date = None
        return LetterIntake(
            subject=self.subject.text().strip(),
            sender=self.sender_name.text().strip() if self.incoming else "",
            recipient=self.recipient.text().strip(),
            letter_number=self.letter_number.text().strip() if self.incoming else "",
            letter_date=letter_date,
            kind=self.kind.currentData(),
            urgency=self.urgency.currentData(),
            secrecy=self.secrecy.currentData(),
            notes=self.notes.toPlainText().strip(),
        )

    def set_intake(self, intake: LetterIntake) -> None:
        self.subject.setText(intake.subject)
        self.sender_name.setText(intake.sender)
        self.recipient.setText(intake.recipient)
        self.letter_number.setText(intake.letter_number)
        self.letter_date.setText(
            "" if intake.letter_date is None else
            f"{intake.letter_date.day}/{intake.letter_date.month}/"
            f"{intake.letter_date.year + BE_OFFSET}")
        self.kind.setCurrentIndex(max(0, self.kind.findData(intake.kind)))
        self.urgency.setCurrentIndex(max(0, self.urgency.findData(intake.urgency)))
        self.secrecy.setCurrentIndex(max(0, self.secrecy.findData(intake.secrecy)))
        self.notes.setPlainText(intake.notes)

    def set_read_only(self, read_only: bool) -> None:
        for field in (self.subject, self.sender_name, self.recipient, self.letter_number,
                      self.letter_date):
            field.setReadOnly(read_only)
        self.notes.setReadOnly(read_only)
        for combo in (self.kind, self.urgency, self.secrecy):
            combo.setEnabled(not read_only)
