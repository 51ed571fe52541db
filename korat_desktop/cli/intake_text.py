"""How intake's proposals and duplicates read on the command line (Thai or English).

Shared by ``korat intake`` and ``korat receive``, which says which proposals it used
and refuses a duplicate with :func:`duplicate_error`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from korat_desktop.domain.intake import FieldProposal, IntakeField
from korat_desktop.domain.registers import RegisterKind
from korat_desktop.domain.thai_dates import format_thai_date
from korat_desktop.errors import StoreError
from korat_desktop.services.intake import DuplicateLetter, IntakeResult

__all__ = ["duplicate_error", "used_fields_line", "proposal_value_text", "proposals_text"]


def proposal_value_text(proposal: FieldProposal[Any], lang: str) -> str:
    value = proposal.value
    if isinstance(value, dt.date):
        return format_thai_date(value, lang=lang)
    if hasattr(value, "label"):
        return str(value.label(lang))
    return str(value)


def _sureness(confidence: float, lang: str) -> str:
    if confidence >= 0.8:
        return "มั่นใจสูง" if lang == "th" else "high confidence"
    if confidence >= 0.6:
        return "มั่นใจปานกลาง" if lang == "th" else "medium confidence"
    return "มั่นใจต่ำ โปรดตรวจ" if lang == "th" else "low confidence, check it"


def used_fields_line(used: tuple[IntakeField, ...], lang: str) -> str:
    names = ", ".join(f.label(lang) for f in used)
    return (f"ใช้ข้อมูลที่อ่านจากเอกสาร: {names}" if lang == "th" else
            f"Taken from the letter's text: {names}")


def duplicate_error(duplicate: DuplicateLetter) -> StoreError:
    e = duplicate.entry
    receive = e.register is RegisterKind.RECEIVE
    return StoreError("store.duplicate_letter", reason=duplicate.reason.label("th"),
                      reason_en=duplicate.reason.label("en"),
                      register="เลขรับ" if receive else "เลขส่ง",
                      register_en="receive no." if receive else "send no.",
                      number=f"{e.number}/{e.year_be}", subject=e.subject, id=e.id)


def proposals_text(result: IntakeResult, lang: str) -> str:
    """Each proposal with where it was read and how sure, what was not found, duplicates."""
    th = lang == "th"
    proposals = result.proposals
    if proposals.text_chars == 0:
        lines = ["ไม่พบข้อความในเอกสาร (อาจเป็นภาพสแกน) จึงเสนอข้อมูลไม่ได้" if th else
                 "The PDF has no text (perhaps a scan): nothing can be proposed"]
    else:
        lines = ["ข้อมูลที่อ่านได้จากเอกสาร (โปรดตรวจก่อนลงรับ):" if th else
                 "Fields read from the letter (check them before registering):"]
        for p in proposals.proposed():
            source = p.span.text.replace("\n", " / ")
            where = f"บรรทัด {p.span.line}" if th else f"line {p.span.line}"
            lines.append(f"  {p.field.label(lang)}: {proposal_value_text(p, lang)}")
            lines.append(f"      ({_sureness(p.confidence, lang)}; {where}: “{source}”)")
        if proposals.missing():
            names = ", ".join(f.label(lang) for f in proposals.missing())
            lines.append(f"  ไม่พบ: {names}" if th else f"  Not found: {names}")
    lines += [f"! {d.message(lang)}" for d in result.duplicates]
    return "\n".join(lines)
