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
    "secrecy.no_recipients": (
        "ไม่มีผู้รับที่จะเข้ารหัสหนังสือลับถึง",
        "No one to encrypt the secret letter to",
    ),
    "secrecy.certificate_unusable": (
        "ใบรับรองสำหรับเข้ารหัสใช้ไม่ได้ ({detail})",
        "An encryption certificate cannot be used ({detail})",
    ),
    "secrecy.not_sealed": (
        "ข้อมูลนี้ไม่ได้อยู่ในรูปที่เข้ารหัสไว้",
        "This data is not in sealed (encrypted) form",
    ),
    "secrecy.not_for_us": (
        "หนังสือลับนี้ไม่ได้เข้ารหัสถึงหน่วยงานนี้ จึงเปิดไม่ได้",
        "This secret letter is not encrypted to this office, so it cannot be opened",
    ),
    "secrecy.tampered": (
        "หนังสือลับถูกแก้ไขหรือเสียหาย (ตรวจสอบความถูกต้องไม่ผ่าน) ไม่ได้บันทึกสิ่งใด",
        "The secret letter was changed or damaged (integrity check failed); "
        "nothing was stored",
    ),
    "secrecy.key_missing": (
        "ไม่พบกุญแจถอดรหัสของหน่วยงานในที่เก็บกุญแจของเครื่อง ({detail})",
        "The office's decryption key is not in this computer's keyring ({detail})",
    ),
    "secrecy.fields_unreadable": (
        "อ่านรายละเอียดของหนังสือลับที่ถอดรหัสแล้วไม่ได้ ({detail})",
        "The decrypted details of the secret letter cannot be read ({detail})",
    ),
    "secrecy.no_office_key": (
        "หน่วยงานนี้ยังไม่มีกุญแจเข้ารหัส จึงเก็บหนังสือลับแบบเข้ารหัสไม่ได้ "
        "(สร้างด้วย korat keys new)",
        "This office has no encryption key, so secret letters cannot be stored "
        "encrypted (make one with korat keys new)",
    ),
    "secrecy.locked": (
        "หนังสือลับยังล็อกอยู่: ปลดล็อกด้วยกุญแจของหน่วยงานก่อน",
        "The secret letter is locked: unlock it with the office key first",
    ),
    "secrecy.unsupported_encryption": (
        "หนังสือนี้เข้ารหัสด้วยวิธีที่โปรแกรมรุ่นนี้ไม่รู้จัก ({method})",
        "This letter is encrypted with a method this version does not know ({method})",
    ),
    "secrecy.sealed_fields_missing": (
        "หนังสือลับมาโดยไม่มีรายละเอียดที่เข้ารหัสไว้",
        "The secret letter arrived without its sealed details",
    ),
    "secrecy.no_secret_drafts": (
        "หนังสือลับและลับมากเก็บเป็นร่างไม่ได้ เพราะร่างไม่ได้เข้ารหัส: ออกเลขทะเบียนส่งโดยตรง",
        "Confidential and secret letters cannot be kept as drafts (drafts are not "
        "encrypted): register them directly",
    ),
    "secrecy.letter_changed": (
        "หนังสือ (id {id}) มีฉบับใหม่ระหว่างเข้ารหัส จึงยังไม่ได้เข้าคิว: สั่งส่งอีกครั้ง",
        "The letter (id {id}) got a new version while it was being sealed, so it was not "
        "queued: queue it again",
    ),
}
