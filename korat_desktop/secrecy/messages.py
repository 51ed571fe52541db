"""Thai and English text for the secrecy layer's error codes."""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, tuple[str, str]] = {
    "secrecy.no_certificate": (
        "หน่วยงาน {agency} ไม่มีใบรับรองสำหรับเข้ารหัสในทะเบียนหน่วยงาน (ไม่เคยมีหรือถูกถอนแล้ว)"
        " จึงส่งหนังสือลับถึงไม่ได้",
        "Agency {agency} has no encryption certificate in the directory (never listed, or "
        "withdrawn), so a secret letter cannot be sent to it",
    ),
    "secrecy.certificate_expired": (
        "ใบรับรองสำหรับเข้ารหัสของหน่วยงาน {agency} หมดอายุแล้ว จึงส่งหนังสือลับถึงไม่ได้",
        "The encryption certificate of agency {agency} has expired, so a secret letter "
        "cannot be sent to it",
    ),
    "secrecy.not_yet_valid": (
        "ใบรับรองสำหรับเข้ารหัสของหน่วยงาน {agency} ยังไม่ถึงวันเริ่มใช้ จึงส่งหนังสือลับถึงไม่ได้",
        "The encryption certificate of agency {agency} is not valid yet, so a secret "
        "letter cannot be sent to it",
    ),
    "secrecy.certificate_revoked": (
        "ใบรับรองสำหรับเข้ารหัสของหน่วยงาน {agency} ถูกเพิกถอนแล้ว ({detail}) จึงส่งหนังสือลับถึงไม่ได้",
        "The encryption certificate of agency {agency} was revoked ({detail}), so a secret "
        "letter cannot be sent to it",
    ),
    "secrecy.revocation_unknown": (
        "ตรวจสถานะการเพิกถอนใบรับรองของหน่วยงาน {agency} ไม่ได้ เพราะใบรับรองไม่ต่อถึง"
        "ผู้ออกใบรับรองที่เชื่อถือ ({detail})",
        "Could not check whether the certificate of agency {agency} is revoked: it does not "
        "chain to a trusted root ({detail})",
    ),
}
