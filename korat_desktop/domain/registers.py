"""Registers (ทะเบียนหนังสือรับ / ทะเบียนหนังสือส่ง) and their entries.

Numbers run consecutively through the calendar year and restart at 1 on 1 January;
a number is never reused, and a number that will not be used is recorded as voided.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from korat_desktop.domain.letters import LetterKind, Secrecy, Urgency

__all__ = [
    "RegisterKind",
    "RegisterEntry",
    "format_letter_number",
    "REGISTER_COLUMNS",
]


class RegisterKind(Enum):
    RECEIVE = "receive"
    SEND = "send"

    @property
    def thai(self) -> str:
        return "ทะเบียนหนังสือรับ" if self is RegisterKind.RECEIVE else "ทะเบียนหนังสือส่ง"

    @property
    def english(self) -> str:
        return "Receive register" if self is RegisterKind.RECEIVE else "Send register"

    def label(self, lang: str = "th") -> str:
        return self.thai if lang == "th" else self.english


@dataclass(frozen=True)
class RegisterEntry:
    """One line of a register, as the UI, CLI and reports see it (no ORM objects)."""

    id: int
    register: RegisterKind
    year_be: int
    number: int
    registered_at: dt.datetime  # aware, UTC
    letter_number: str  # ที่ of the letter: sender's (receive) or ours (send)
    letter_date: dt.date | None
    sender: str  # จาก
    recipient: str  # ถึง
    subject: str
    action: str  # การปฏิบัติ
    remarks: str  # หมายเหตุ
    kind: LetterKind
    urgency: Urgency
    secrecy: Secrecy
    document_id: int | None
    voided: bool = False
    void_reason: str = ""
    pdf_sha256: str | None = None
    signature_level: str | None = None
    retention_years: int = 10
    sealed: bool = False  # a secret letter kept sealed: the text columns hold a placeholder


def format_letter_number(agency_code: str, number: int, circular: bool = False) -> str:
    """``นม 0017.1/1234``; circulars put ว before the number: ``มท 0201.2/ว 1590``."""
    return f"{agency_code}/ว {number}" if circular else f"{agency_code}/{number}"


# The printed register's columns (SARABAN.md "Receiving" step 3).
REGISTER_COLUMNS: dict[RegisterKind, tuple[tuple[str, str, str], ...]] = {
    RegisterKind.RECEIVE: (
        ("number", "เลขทะเบียนรับ", "Receive no."),
        ("letter_number", "ที่", "Letter no."),
        ("letter_date", "ลงวันที่", "Dated"),
        ("sender", "จาก", "From"),
        ("recipient", "ถึง", "To"),
        ("subject", "เรื่อง", "Subject"),
        ("action", "การปฏิบัติ", "Action"),
        ("remarks", "หมายเหตุ", "Remarks"),
    ),
    RegisterKind.SEND: (
        ("number", "เลขทะเบียนส่ง", "Send no."),
        ("letter_number", "ที่", "Letter no."),
        ("letter_date", "ลงวันที่", "Dated"),
        ("sender", "จาก", "From"),
        ("recipient", "ถึง", "To"),
        ("subject", "เรื่อง", "Subject"),
        ("action", "การปฏิบัติ", "Action"),
        ("remarks", "หมายเหตุ", "Remarks"),
    ),
}
