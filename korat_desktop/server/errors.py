"""The hub's error type: a :class:`KoratError` that knows its HTTP status.

Service code raises ``HubError(ErrorCode.X, status, **params)``; one exception handler
turns it into the JSON error body. Texts come from the protocol's catalogue so the
hub's English ``message`` and the client's Thai text share one source.
"""

from __future__ import annotations

from typing import Any

from korat_desktop.errors import KoratError
from korat_desktop.protocol.errors import ErrorBody, ErrorCode
from korat_desktop.protocol.messages import MESSAGES

__all__ = ["ADMIN_MESSAGES", "PROVISIONING_MESSAGES", "HubAdminError", "HubError",
           "render_message"]

ADMIN_MESSAGES: dict[str, tuple[str, str]] = {
    "hub.no_such_device": ("ไม่พบเครื่อง {device_id} ที่ยังไม่ถูกเพิกถอน",
                           "No unrevoked device with id {device_id}"),
    "hub.key_exists": ("ระบบกลางมีกุญแจลงนามแล้วที่ {path} (ใช้ --replace เพื่อแทนที่)",
                       "The hub already has a signing key at {path} (--replace to replace it)"),
    "hub.key_invalid": ("กุญแจหรือใบรับรองของระบบกลางใช้ไม่ได้: {detail}",
                        "The hub key or certificate cannot be used: {detail}"),
    "hub.no_certificates_in_file": ("ไฟล์ {path} ไม่มีใบรับรองของหน่วยงาน {agency}",
                                    "{path} holds no certificate of agency {agency}"),
}
"""Texts for errors of the admin console (never sent over the wire)."""

PROVISIONING_MESSAGES: dict[str, tuple[str, str]] = {
    "provision.utf16": (
        "ไฟล์เป็น UTF-16 (Excel แบบ \"Unicode Text\") กรุณาบันทึกใหม่เป็น \"CSV UTF-8\"",
        "The file is UTF-16 (Excel's \"Unicode Text\"); save it again as \"CSV UTF-8\""),
    "provision.encoding": (
        "บรรทัดนี้ไม่ใช่ UTF-8 ({encoding}) กรุณาบันทึกไฟล์ใหม่ใน Excel เป็น \"CSV UTF-8\"",
        "This line is not UTF-8 ({encoding}); in Excel save the file as \"CSV UTF-8\""),
    "provision.empty_file": ("ไฟล์ว่าง ไม่มีแถวหัวตาราง", "The file is empty: no header row"),
    "provision.missing_column": (
        "ไม่มีคอลัมน์ {column} ({names})", "Column {column} is missing ({names})"),
    "provision.duplicate_column": (
        "คอลัมน์ {column} ซ้ำ", "Column {column} appears twice"),
    "provision.extra_values": (
        "มี {found} ค่า แต่หัวตารางมี {expected} คอลัมน์",
        "{found} values but the header has {expected} columns"),
    "provision.bad_text": (
        "คอลัมน์ {column} มีอักขระควบคุม", "Column {column} holds control characters"),
    "provision.missing_value": ("ไม่ได้กรอก {column}", "{column} is empty"),
    "provision.too_long": (
        "{column} ยาวเกิน {max} ตัวอักษร", "{column} is longer than {max} characters"),
    "provision.bad_code": (
        "รหัสหน่วยงาน \"{value}\" ไม่ใช่รูปแบบรหัสส่วนราชการ (เช่น นม 0017.1)",
        "Agency code \"{value}\" is not a government office code (e.g. นม 0017.1)"),
    "provision.duplicate_in_file": (
        "\"{value}\" ซ้ำกับบรรทัด {first_line}", "\"{value}\" repeats line {first_line}"),
    "provision.exists_on_hub": (
        "\"{value}\" มีอยู่ในระบบกลางแล้ว", "\"{value}\" already exists on the hub"),
    "provision.unknown_agency": (
        "ไม่พบหน่วยงานรหัส \"{value}\" ในระบบกลาง (นำเข้าหน่วยงานก่อน)",
        "No agency with code \"{value}\" on the hub (import the agencies first)"),
    "provision.unknown_relay": (
        "ไม่พบหน่วยงานส่งต่อรหัส \"{value}\" ทั้งในไฟล์และในระบบกลาง",
        "No relay agency with code \"{value}\" on the hub or in the file"),
    "provision.relay_self": (
        "หน่วยงานส่งต่อเป็นหน่วยงานเดียวกันไม่ได้", "An agency cannot be its own relay"),
    "provision.bad_username": (
        "ชื่อผู้ใช้ \"{value}\" ใช้ได้เฉพาะ a-z A-Z 0-9 . _ - @",
        "User name \"{value}\" may hold only a-z A-Z 0-9 . _ - @"),
    "provision.bad_role": (
        "บทบาท \"{value}\" ไม่รู้จัก (ใช้ {allowed})", "Unknown role \"{value}\" (use {allowed})"),
    "provision.bad_email": ("อีเมล \"{value}\" ไม่ถูกต้อง", "E-mail \"{value}\" is not valid"),
    "provision.refused": (
        "ไม่ได้นำเข้าสิ่งใด: ไฟล์มีปัญหา {count} รายการ (ดูรายการด้านบน)",
        "Nothing imported: the file has {count} problem(s) (listed above)"),
    "provision.no_such_user": ("ไม่พบผู้ใช้ {username}", "No user {username}"),
}
"""Texts of bulk provisioning (``korat-hub import-agencies|import-users``): each problem
a row of a file can have, and the refusal."""


def render_message(code: str, params: dict[str, Any], lang: str = "en") -> str:
    texts = MESSAGES.get(code) or ADMIN_MESSAGES.get(code) or PROVISIONING_MESSAGES.get(code)
    if texts is None:
        return code
    try:
        return (texts[0] if lang == "th" else texts[1]).format(**params)
    except (KeyError, IndexError, ValueError):
        return texts[1]


class HubError(KoratError):
    """An error the hub answers to a client, with its HTTP status and extra headers."""

    layer = "hub"

    def __init__(self, code: ErrorCode, status: int, /,
                 headers: dict[str, str] | None = None, **params: Any) -> None:
        super().__init__(str(code), **params)
        self.status = status
        self.headers = headers or {}

    def message(self, lang: str = "en") -> str:
        return render_message(self.code, self.params, lang)

    def body(self) -> ErrorBody:
        return ErrorBody(code=self.code, message=self.message("en"),
                         params={k: str(v) for k, v in self.params.items()})


class HubAdminError(KoratError):
    """A failed ``korat-hub`` admin command (exit status 1)."""

    layer = "hub"

    def message(self, lang: str = "en") -> str:
        return render_message(self.code, self.params, lang)
