"""Messages for command-line usage errors."""

__all__ = ["MESSAGES"]

MESSAGES = {
    "usage.bad_argument": ("ค่า {name} ไม่ถูกต้อง: {detail}", "Invalid {name}: {detail}"),
    "usage.file_not_found": ("ไม่พบไฟล์ {path}", "File not found: {path}"),
    "usage.no_subject": (
        "ไม่พบเรื่องของหนังสือใน {path} (ไม่มีบรรทัด “เรื่อง” ที่อ่านได้) กรุณาระบุ --subject",
        "No subject found in {path} (no readable “เรื่อง” line); give --subject",
    ),
    "usage.bad_text": (
        "ค่า {name} มีอักขระที่บันทึกเป็นข้อความไม่ได้ ({char}: ไบต์ที่ไม่ใช่ UTF-8"
        " หรืออักขระควบคุม) กรุณาพิมพ์ใหม่",
        "{name} contains a character that cannot be recorded as text ({char}: bytes that"
        " are not UTF-8, or a control character); please type it again",
    ),
}
