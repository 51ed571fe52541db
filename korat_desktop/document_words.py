"""Words for a letter's versions, level choices and history, for people (Thai, English).

The store and the wire keep short codes ("receipt_stamped", "document.sign"); a clerk
reads what happened to the letter ("ประทับตรารับแล้ว", "ลงนามโดย …"). Unknown codes (a
newer peer's) get a neutral word, never the code itself in Thai.
"""

from __future__ import annotations

__all__ = ["LEVEL_NAMES", "history_text", "version_role_label"]

_ROLE_WORDS: dict[str, tuple[str, str]] = {
    "original": ("ต้นฉบับ", "original"),
    "receipt_stamped": ("ประทับตรารับแล้ว", "receipt stamped"),
    "signed": ("ลงนามแล้ว", "signed"),
    "upgraded": ("ยกระดับลายมือชื่อแล้ว", "signature upgraded"),
    "ocr": ("เพิ่มข้อความจากการอ่านภาพ", "text recognised (OCR)"),
    "ocr_text": ("เพิ่มข้อความจากการอ่านภาพ", "text recognised (OCR)"),
    "draft": ("ฉบับร่าง", "draft"),
}

LEVEL_NAMES: dict[str, tuple[str, str]] = {
    "b-b": ("ลายมือชื่อพื้นฐาน", "basic (B-B)"),
    "b-t": ("มีการประทับเวลา", "timestamped (B-T)"),
    "b-lt": ("ตรวจสอบได้ระยะยาว", "long-term validation (B-LT)"),
    "b-lta": ("เก็บรักษาระยะยาว", "long-term archive (B-LTA)"),
}
"""PAdES baseline levels named as a choice (the target level setting); what a
signature at a level can prove now is ``domain.signature_words.level_words``."""


def version_role_label(role: str, lang: str = "th") -> str:
    thai, english = _ROLE_WORDS.get(role, ("ฉบับแก้ไข", role.replace("_", " ")))
    return thai if lang == "th" else english


_HISTORY_WORDS: dict[str, tuple[str, str]] = {
    "document.create": ("สร้างเอกสาร", "document created"),
    "document.version": ("เพิ่มรุ่นที่ {seq} ({role})", "version {seq} added ({role})"),
    "register.entry": ("ลงทะเบียน เลขที่ {number}/{year_be}", "registered as no. {number}/{year_be}"),
    "document.sign": ("รุ่นที่ {seq}: ลงนามโดย {signer_cn} — {level}",
                      "version {seq}: signed by {signer_cn} — {level}"),
    "document.upgrade": ("รุ่นที่ {seq}: ยืนยันลายมือชื่อแล้ว — {level}",
                         "version {seq}: signature confirmed — {level}"),
    "register.void_entry": ("ยกเลิกเลข: {reason}", "number voided: {reason}"),
    "sync.recipients": ("ส่งถึงหน่วยงานในระบบกลาง", "sent to agencies through the hub"),
}


def history_text(action: str, params: dict[str, str], lang: str = "th") -> str:
    """One audit-log line as people read it (the letter window's history, korat show)."""
    from korat_desktop.domain.signature_words import level_words

    thai, english = _HISTORY_WORDS.get(action, ("รายการของระบบ", action))
    words = thai if lang == "th" else english
    values = dict(params)
    if "level" in values:
        values["level"] = level_words(values["level"], lang)
    if "role" in values:
        values["role"] = version_role_label(values["role"], lang)
    try:
        return words.format(**values)
    except (KeyError, IndexError, ValueError):
        return words
