"""Messages for configuration errors."""

__all__ = ["MESSAGES"]

MESSAGES = {
    "config.malformed": (
        "ไฟล์ตั้งค่า {file} เขียนไม่ถูกต้อง: {detail}",
        "The settings file {file} is malformed: {detail}",
    ),
    "config.unreadable": (
        "อ่านไฟล์ตั้งค่า {file} ไม่ได้: {detail}",
        "Cannot read the settings file {file}: {detail}",
    ),
    "config.unknown_key": (
        "ไฟล์ตั้งค่า {file} มีค่าที่ไม่รู้จัก: {key}",
        "The settings file {file} has an unknown key: {key}",
    ),
    "config.bad_value": (
        "ค่า {key} ในไฟล์ {file} ต้องเป็น {expected}",
        "The value of {key} in {file} must be {expected}",
    ),
    "config.bad_rule": (
        "ค่า {key} ในไฟล์ {file} ใช้ไม่ได้: {detail_th}",
        "The value of {key} in {file} cannot be used: {detail}",
    ),
    "config.machine_ignored": (
        "ตั้งค่าของเครื่องนี้ใช้ไม่ได้ จึงใช้ค่าเริ่มต้นแทน (แจ้งฝ่ายไอที): {problem}",
        "A machine setting cannot be used, so its default applies (tell IT): {problem}",
    ),
    "config.locked": (
        "ค่า {key} ถูกกำหนดโดยนโยบายของเครื่อง ({file}) จึงแก้ไขไม่ได้",
        "{key} is set by machine policy ({file}) and cannot be changed",
    ),
    "config.unwritable": (
        "บันทึกไฟล์ตั้งค่า {file} ไม่ได้: {detail}",
        "Cannot save the settings file {file}: {detail}",
    ),
}
