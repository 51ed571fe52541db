"""Thai and English texts of bulk provisioning: each problem a file row can have, and
the refusals of ``korat-hub import-agencies|import-users``."""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, tuple[str, str]] = {
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
