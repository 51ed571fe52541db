"""What the command line says about secret letters: sealed, locked, sent in clear."""

from __future__ import annotations

from typing import TYPE_CHECKING

from korat_desktop.domain.registers import RegisterEntry

if TYPE_CHECKING:
    from korat_desktop.services.sync_ops import OutboxResult

__all__ = ["exported_sealed_line", "locked_line", "queued_secrecy_line"]


def queued_secrecy_line(result: OutboxResult, lang: str) -> str:
    """The line under a queued secret letter: who it is sealed to, or that it is not."""
    if result.sealed_to:
        to = ", ".join(result.sealed_to)
        return (f"  เข้ารหัสถึง {to} (CMS, AES-256-GCM); ฮับเห็นเพียง \"หนังสือลับ\""
                if lang == "th" else
                f"  sealed to {to} (CMS, AES-256-GCM); the hub sees only the placeholder")
    if result.clear_by_policy:
        return ("  ! secrecy.encrypt_secret ปิดอยู่ (นโยบาย): หนังสือลับส่งแบบไม่เข้ารหัส "
                "ผ่าน TLS เท่านั้น" if lang == "th" else
                "  ! secrecy.encrypt_secret is off (policy): this secret letter goes "
                "unencrypted, over TLS only")
    return ""


def locked_line(entry: RegisterEntry, lang: str) -> str:
    """What needs unlocking to read a sealed entry."""
    return (f"  🔒 {entry.secrecy.label(lang)}: เรื่อง ที่ คู่หนังสือ หมายเหตุ และไฟล์ PDF "
            f"เข้ารหัสไว้ — ดูด้วย korat show {entry.id} --unlock, "
            f"ส่งออกแบบถอดรหัสด้วย korat export {entry.id} --clear"
            if lang == "th" else
            f"  🔒 {entry.secrecy.label(lang)}: subject, number, parties, notes and the PDF "
            f"are sealed — read them with korat show {entry.id} --unlock, export in clear "
            f"with korat export {entry.id} --clear")


def exported_sealed_line(path: str, lang: str) -> str:
    return (f"{path} (เข้ารหัส CMS: เปิดด้วยกุญแจของหน่วยงาน หรือ --clear)" if lang == "th"
            else f"{path} (sealed, CMS: opens with the office key, or use --clear)")
