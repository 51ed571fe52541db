"""Signature levels and checks said in words people use, Thai and English.

"B-B", "b-lt" and "none" are PAdES and pyHanko's names; a clerk needs to know what a
signature can prove now and what it is still waiting for. Kept in the domain (no
signing libraries) so that the registers, the letter view and the CLI all say the same.
"""

from __future__ import annotations

__all__ = ["LEVEL_WORDS", "MODIFICATION_WORDS", "level_words", "modification_words",
           "waiting_words"]

LEVEL_WORDS: dict[str, tuple[str, str]] = {
    "b-b": ("ลงนามแล้ว รอประทับเวลา", "signed, waiting for a timestamp"),
    "b-t": ("ลงนามและประทับเวลาแล้ว", "signed and timestamped"),
    "b-lt": ("ลงนาม ประทับเวลา และเก็บหลักฐานตรวจสอบไว้ในเอกสารแล้ว (ตรวจได้ระยะยาว)",
             "signed, timestamped, with its proof kept in the document (verifiable "
             "long-term)"),
    "b-lta": ("ลงนามและเก็บหลักฐานพร้อมตราเวลาเก็บถาวรแล้ว (ตรวจได้ระยะยาวมาก)",
              "signed, with its proof sealed by an archive timestamp"),
}

MODIFICATION_WORDS: dict[str, tuple[str, str]] = {
    "none": ("ไม่มีการแก้ไข", "no changes"),
    "lta_updates": ("เพิ่มเฉพาะหลักฐานตรวจสอบและตราเวลา", "only proof and timestamps added"),
    "form_filling": ("กรอกแบบฟอร์มหรือลงนามเพิ่ม", "form filling or further signatures"),
    "annotations": ("เพิ่มตราหรือหมายเหตุบนหน้า (เช่น ตรารับ)",
                    "stamps or notes added on a page (e.g. the receipt stamp)"),
    "other": ("แก้ไขในลักษณะอื่น", "other changes"),
}


def _pick(words: tuple[str, str], lang: str) -> str:
    return words[0] if lang == "th" else words[1]


def level_words(level: str | None, lang: str = "th") -> str:
    """``b-lt`` → "signed, timestamped, ..."; no level → not signed."""
    if not level:
        return "ยังไม่ได้ลงนาม" if lang == "th" else "not signed"
    words = LEVEL_WORDS.get(level.lower())
    return _pick(words, lang) if words else level.upper()


def modification_words(level: str | None, lang: str = "th") -> str:
    if not level:
        return "-"
    words = MODIFICATION_WORDS.get(level)
    return _pick(words, lang) if words else level


def waiting_words(reason: str | None, level: str | None, tsa_configured: bool,
                  lang: str = "th") -> str:
    """What "not yet confirmed" means for this signature, and when it will be.

    ``reason``: the verdict reason's value (``NO_REVOCATION_INFO``, ``UNKNOWN_ROOT``...).
    """
    th = lang == "th"
    if reason == "UNKNOWN_ROOT":
        return ("ยังไม่รู้จักผู้ออกใบรับรองนี้ จะยืนยันได้เมื่อฝ่ายไอทีเพิ่มใบรับรองหลักที่เชื่อถือ"
                if th else "The certificate's issuer is not known yet; it can be confirmed "
                "once IT adds the trusted root certificate")
    if not tsa_configured and (level or "b-b").lower() == "b-b":
        return ("ลายมือชื่อทำไว้ถูกต้องแล้ว แต่ยังไม่ได้ประทับเวลา จะยืนยันได้เมื่อเชื่อมต่อบริการ"
                "ประทับเวลา (ยังไม่ได้ตั้งค่า แจ้งฝ่ายไอที)" if th else
                "The signature is made correctly but not timestamped yet; it can be "
                "confirmed once a timestamp service is set up (ask IT)")
    if reason == "NO_REVOCATION_INFO" or (level or "").lower() in ("b-b", "b-t"):
        return ("ลายมือชื่อทำไว้ถูกต้องแล้ว รอตรวจสถานะใบรับรองและประทับเวลา "
                "จะยืนยันได้เองเมื่อเชื่อมต่อเครือข่ายและซิงก์ครั้งถัดไป" if th else
                "The signature is made correctly and waits for its certificate check and "
                "timestamp; it is confirmed by itself at the next sync with a network")
    return ""
