"""Messages for command-line usage errors."""

__all__ = ["MESSAGES"]

MESSAGES = {
    "usage.bad_argument": ("ค่า {name} ไม่ถูกต้อง: {detail}", "Invalid {name}: {detail}"),
    "usage.file_not_found": ("ไม่พบไฟล์ {path}", "File not found: {path}"),
}
