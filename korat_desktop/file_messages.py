"""Messages for file errors (:mod:`korat_desktop.files`)."""

__all__ = ["MESSAGES"]

MESSAGES = {
    "file.disk_full": (
        "พื้นที่ดิสก์เต็ม ({path}) ไม่ได้บันทึกไฟล์ กรุณาเพิ่มพื้นที่แล้วลองใหม่",
        "The disk is full ({path}). The file was not saved; free some space and try again.",
    ),
    "file.read_only": (
        "ดิสก์ที่ {path} เขียนไม่ได้ (อ่านอย่างเดียว) ไม่ได้บันทึกไฟล์",
        "The disk at {path} is read-only. The file was not saved.",
    ),
    "file.no_permission": (
        "ไม่มีสิทธิ์เขียน {path} ไม่ได้บันทึกไฟล์",
        "No permission to write {path}. The file was not saved.",
    ),
    "file.no_folder": (
        "ไม่พบโฟลเดอร์ {path} ไม่ได้บันทึกไฟล์",
        "The folder {path} does not exist. The file was not saved.",
    ),
    "file.is_directory": (
        "{path} เป็นโฟลเดอร์ กรุณาระบุชื่อไฟล์",
        "{path} is a folder; give a file name.",
    ),
    "file.not_regular": (
        "{path} ไม่ใช่ไฟล์ (เช่น ดิสก์ทั้งลูก) จึงไม่เขียนทับ",
        "{path} is not a file (e.g. a whole disk); it was not written.",
    ),
    "file.exists": (
        "มีไฟล์ {path} อยู่แล้ว จึงไม่เขียนทับ",
        "{path} already exists; it was not overwritten.",
    ),
    "file.device_gone": (
        "ดิสก์ที่ {path} หยุดตอบสนอง (อาจถูกถอดออกระหว่างใช้งาน): {detail} "
        "งานนี้ไม่สำเร็จ และไม่มีสิ่งใดถูกบันทึกไว้ครึ่ง ๆ กลาง ๆ เสียบดิสก์ใหม่แล้วลองอีกครั้ง",
        "The drive at {path} stopped answering (removed while in use?): {detail}. "
        "This did not complete and nothing was kept half-done; plug it in again and retry.",
    ),
    "file.io_error": (
        "เขียนไฟล์ {path} ไม่ได้: {detail}",
        "Cannot write {path}: {detail}",
    ),
}
