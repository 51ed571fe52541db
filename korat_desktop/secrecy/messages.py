"""Thai and English text for the secrecy layer's error codes."""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, tuple[str, str]] = {
    "secrecy.no_certificate": (
        "หน่วยงาน {agency} ไม่มีใบรับรองสำหรับเข้ารหัส จึงส่งหนังสือลับถึงไม่ได้",
        "Agency {agency} has no encryption certificate, so a secret letter cannot be "
        "sent to it",
    ),
    "secrecy.certificate_expired": (
        "ใบรับรองสำหรับเข้ารหัสของหน่วยงาน {agency} หมดอายุแล้วเมื่อ {not_after}",
        "The encryption certificate of agency {agency} expired on {not_after}",
    ),
    "secrecy.not_yet_valid": (
        "ใบรับรองสำหรับเข้ารหัสของหน่วยงาน {agency} ยังไม่เริ่มใช้ได้จนถึง {not_before}",
        "The encryption certificate of agency {agency} is not valid before {not_before}",
    ),
    "secrecy.certificate_revoked": (
        "ใบรับรองสำหรับเข้ารหัสของหน่วยงาน {agency} ถูกเพิกถอนแล้ว ({detail})",
        "The encryption certificate of agency {agency} was revoked ({detail})",
    ),
    "secrecy.revocation_unknown": (
        "ตรวจสถานะการเพิกถอนใบรับรองของหน่วยงาน {agency} ไม่ได้ ({detail})",
        "Could not check whether the certificate of agency {agency} is revoked ({detail})",
    ),
}
