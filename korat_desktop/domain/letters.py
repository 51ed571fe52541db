"""The six kinds of official letter, urgency and secrecy classes (ระเบียบงานสารบรรณ ข้อ 9).

Values are stable ASCII identifiers (stored in the database and sent over the wire);
Thai and English labels are for people.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Self

__all__ = [
    "LabelledEnum",
    "LetterKind",
    "Urgency",
    "Secrecy",
    "LetterField",
    "LETTER_FIELDS",
    "parse_enum",
]


class _Labelled(Enum):
    """An enum whose members carry (value, thai, english)."""

    def __new__(cls, value: str, thai: str, english: str) -> _Labelled:
        obj = object.__new__(cls)
        obj._value_ = value
        obj.thai = thai  # type: ignore[attr-defined]
        obj.english = english  # type: ignore[attr-defined]
        return obj

    def label(self, lang: str = "th") -> str:
        return self.thai if lang == "th" else self.english  # type: ignore[attr-defined]

    @classmethod
    def of(cls, value: str) -> Self:
        """The member stored as ``value`` (the database and wire form)."""
        return cls._value2member_map_[value]  # type: ignore[return-value]


LabelledEnum = _Labelled
"""The base of enums stored as a stable value and shown with a Thai or English label."""


class LetterKind(_Labelled):
    EXTERNAL = ("external", "หนังสือภายนอก", "External letter")
    INTERNAL = ("internal", "หนังสือภายใน", "Internal memo")
    STAMPED = ("stamped", "หนังสือประทับตรา", "Stamped letter")
    DIRECTIVE = ("directive", "หนังสือสั่งการ", "Directive")
    PUBLIC_NOTICE = ("notice", "หนังสือประชาสัมพันธ์", "Public notice")
    EVIDENCE = ("evidence", "หนังสือที่เจ้าหน้าที่ทำขึ้นหรือรับไว้เป็นหลักฐาน",
                "Record kept as evidence")


class Urgency(_Labelled):
    """ชั้นความเร็ว. ``rank`` sorts the most urgent first (0)."""

    MOST_URGENT = ("most_urgent", "ด่วนที่สุด", "Most urgent")
    VERY_URGENT = ("very_urgent", "ด่วนมาก", "Very urgent")
    URGENT = ("urgent", "ด่วน", "Urgent")
    NORMAL = ("normal", "ปกติ", "Normal")

    @property
    def rank(self) -> int:
        return list(Urgency).index(self)

    @property
    def is_urgent(self) -> bool:
        return self is not Urgency.NORMAL


class Secrecy(_Labelled):
    """ชั้นความลับ. ลับที่สุด never leaves the office electronically (Amendment No. 4)."""

    TOP_SECRET = ("top_secret", "ลับที่สุด", "Top secret")
    SECRET = ("secret", "ลับมาก", "Secret")
    CONFIDENTIAL = ("confidential", "ลับ", "Confidential")
    NONE = ("none", "ไม่มีชั้นความลับ", "Not classified")

    @property
    def may_leave_office(self) -> bool:
        """Whether sync or a courier bundle may carry it."""
        return self is not Secrecy.TOP_SECRET


@dataclass(frozen=True)
class LetterField:
    name: str
    thai: str
    english: str
    required: bool = False


_EXTERNAL = (
    LetterField("letter_number", "ที่", "Number", True),
    LetterField("issuing_agency", "ส่วนราชการเจ้าของหนังสือ", "Issuing agency", True),
    LetterField("letter_date", "วัน เดือน ปี", "Date", True),
    LetterField("subject", "เรื่อง", "Subject", True),
    LetterField("salutation", "คำขึ้นต้น", "Salutation", True),
    LetterField("reference", "อ้างถึง", "Reference"),
    LetterField("enclosures", "สิ่งที่ส่งมาด้วย", "Enclosures"),
    LetterField("body", "ข้อความ", "Body", True),
    LetterField("closing", "คำลงท้าย", "Closing", True),
    LetterField("signer", "ลงชื่อ", "Signature", True),
    LetterField("signer_position", "ตำแหน่ง", "Position", True),
    LetterField("originating_unit", "ส่วนราชการเจ้าของเรื่อง", "Originating unit"),
    LetterField("phone", "โทร/โทรสาร", "Phone/fax"),
    LetterField("cc", "สำเนาส่ง", "Copies to"),
)
_INTERNAL = (
    LetterField("issuing_agency", "ส่วนราชการ", "Agency", True),
    LetterField("letter_number", "ที่", "Number", True),
    LetterField("letter_date", "วันที่", "Date", True),
    LetterField("subject", "เรื่อง", "Subject", True),
    LetterField("salutation", "คำขึ้นต้น", "Salutation", True),
    LetterField("body", "ข้อความ", "Body", True),
    LetterField("signer", "ลงชื่อ", "Signature", True),
    LetterField("signer_position", "ตำแหน่ง", "Position", True),
)
_GENERIC = (
    LetterField("letter_number", "ที่", "Number"),
    LetterField("letter_date", "วันที่", "Date"),
    LetterField("subject", "เรื่อง", "Subject", True),
    LetterField("body", "ข้อความ", "Body"),
    LetterField("signer", "ลงชื่อ", "Signature"),
    LetterField("signer_position", "ตำแหน่ง", "Position"),
)

LETTER_FIELDS: dict[LetterKind, tuple[LetterField, ...]] = {
    LetterKind.EXTERNAL: _EXTERNAL,
    LetterKind.INTERNAL: _INTERNAL,
    LetterKind.STAMPED: _GENERIC,
    LetterKind.DIRECTIVE: _GENERIC,
    LetterKind.PUBLIC_NOTICE: _GENERIC,
    LetterKind.EVIDENCE: _GENERIC,
}


def parse_enum(enum_type: type[_Labelled], text: str) -> _Labelled:
    """Accept a stable value ("most_urgent"), a Thai label ("ด่วนที่สุด") or an English one."""
    from korat_desktop.errors import DomainError

    needle = text.strip()
    for member in enum_type:
        if needle in (member.value, member.thai, member.english, member.name):  # type: ignore[attr-defined]
            return member
        if needle.lower() in (member.value.lower(), member.english.lower()):  # type: ignore[attr-defined]
            return member
    raise DomainError("domain.bad_choice", field=enum_type.__name__, value=text,
                      choices=", ".join(m.value for m in enum_type))
