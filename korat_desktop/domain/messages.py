"""Messages for domain errors."""

__all__ = ["MESSAGES"]

MESSAGES = {
    "domain.bad_choice": (
        "ค่า {value} ใช้ไม่ได้กับ {field} (เลือกได้: {choices})",
        "{value} is not a valid {field} (choose from: {choices})",
    ),
    "domain.bad_date": ("วันที่ {value} ไม่ถูกต้อง", "Invalid date: {value}"),
    "domain.missing_field": ("ต้องกรอก {field}", "{field} is required"),
}
