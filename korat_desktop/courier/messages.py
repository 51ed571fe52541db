"""Thai and English text for the courier layer's error codes."""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, tuple[str, str]] = {
    "courier.no_recipients": (
        "ไม่มีหน่วยงานผู้รับที่มีใบรับรองสำหรับเข้ารหัส",
        "No recipient agency with an encryption certificate",
    ),
    "courier.key_unsupported": (
        "ชนิดกุญแจไม่รองรับสำหรับการเข้ารหัส ({detail})",
        "This kind of key cannot be used for encryption ({detail})",
    ),
    "courier.not_for_us": (
        "ชุดเอกสารนี้ไม่ได้เข้ารหัสถึงหน่วยงานนี้ จึงเปิดไม่ได้",
        "This bundle is not encrypted to this office, so it cannot be opened",
    ),
    "courier.envelope_damaged": (
        "ไฟล์ชุดเอกสารเสียหายหรือไม่ใช่ชุดเอกสารของระบบ ({detail})",
        "The bundle file is damaged or not a Korat bundle ({detail})",
    ),
    "courier.tampered": (
        "ชุดเอกสารถูกแก้ไขระหว่างทาง (ตรวจสอบความถูกต้องไม่ผ่าน) ไม่ได้นำเข้าสิ่งใด",
        "The bundle was changed on the way (integrity check failed); nothing was imported",
    ),
    "courier.source_short": (
        "อ่านข้อมูลต้นทางได้ไม่ครบ ({got} จาก {expected} ไบต์)",
        "The source ended early ({got} of {expected} bytes)",
    ),
    "courier.container_damaged": (
        "โครงสร้างชุดเอกสาร (ASiC-E) ไม่ถูกต้อง: {detail}",
        "The bundle's container (ASiC-E) is not valid: {detail}",
    ),
    "courier.digest_mismatch": (
        "ไฟล์ {name} ในชุดเอกสารไม่ตรงกับบัญชีรายการที่ลงนามไว้",
        "The file {name} in the bundle does not match the signed manifest",
    ),
    "courier.signature_invalid": (
        "ลายมือชื่อของชุดเอกสารไม่ถูกต้อง ({detail})",
        "The bundle's signature is not valid ({detail})",
    ),
    "courier.expired": (
        "ชุดเอกสารหมดอายุแล้ว (ใช้ได้ถึง {expires_th}) ขอให้ต้นทางส่งชุดใหม่",
        "The bundle has expired (valid until {expires_en}); ask the sender for a new one",
    ),
    "courier.signer_untrusted": (
        "ผู้ลงนามชุดเอกสารไม่อยู่ภายใต้ใบรับรองหลักที่เชื่อถือ ({signer})",
        "The bundle's signer does not chain to a trusted root ({signer})",
    ),
}
