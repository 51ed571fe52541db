"""One letter's OCR in words and in JSON, for ``korat ocr`` and ``korat receive``."""

from __future__ import annotations

from typing import Any

__all__ = ["ocr_line", "ocr_data"]


def ocr_line(outcome: Any, lang: str) -> str:
    """One letter's OCR in words."""
    th = lang == "th"
    if not outcome.ok:
        return f"id {outcome.entry_id}: {outcome.error_message(lang)}"
    subject = outcome.proposals.subject.value if outcome.proposals.subject else ""
    if outcome.state == "layer":
        what = (f"เพิ่มชั้นข้อความเป็นรุ่นที่ {outcome.seq}" if th
                else f"text layer added as version {outcome.seq}")
    else:
        what = ("เอกสารมีลายมือชื่อ จึงไม่แก้ไฟล์ เก็บเฉพาะข้อความไว้ค้นหา" if th
                else "signed, so the file is unchanged; its text is indexed only")
    line = (f"id {outcome.entry_id}: อ่านด้วย OCR {outcome.pages} หน้า "
            f"({len(outcome.text)} ตัวอักษร), {what}" if th else
            f"id {outcome.entry_id}: OCR read {outcome.pages} page(s) ({len(outcome.text)} "
            f"characters), {what}")
    if subject:
        line += f"; {'เรื่อง' if th else 'subject'}: {subject}"
    return line


def ocr_data(outcome: Any) -> dict[str, Any]:
    from korat_desktop.cli.context import to_jsonable

    return {"id": outcome.entry_id, "document_id": outcome.document_id,
            "state": outcome.state, "version": outcome.seq, "pages": outcome.pages,
            "chars": len(outcome.text), "error": outcome.error_code,
            "proposed": {p.field.value: to_jsonable(p.value)
                         for p in outcome.proposals.proposed()}}
