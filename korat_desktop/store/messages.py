"""Messages for store errors."""

__all__ = ["MESSAGES"]

MESSAGES = {
    "store.not_initialized": (
        "ยังไม่ได้ตั้งค่าหน่วยงานในโฟลเดอร์ข้อมูล {path} (ใช้คำสั่ง korat init)",
        "No agency is set up in the data folder {path} (run korat init)",
    ),
    "store.already_initialized": (
        "โฟลเดอร์ข้อมูลนี้ตั้งค่าหน่วยงาน {code} ไว้แล้ว",
        "This data folder is already set up for agency {code}",
    ),
    "store.newer_schema": (
        "ฐานข้อมูล {path} มาจากโปรแกรมรุ่นที่ใหม่กว่า (รุ่นโครงสร้าง {revision}) "
        "กรุณาติดตั้งโปรแกรมรุ่นล่าสุด ข้อมูลไม่ถูกแก้ไข",
        "The database {path} comes from a newer version of the app (schema {revision}). "
        "Install the latest version; nothing was changed.",
    ),
    "store.disk_full": (
        "พื้นที่ดิสก์เต็ม ({path}) ไม่ได้บันทึกอะไร กรุณาเพิ่มพื้นที่แล้วลองใหม่",
        "The disk is full ({path}). Nothing was saved; free some space and try again.",
    ),
    "store.read_only": (
        "ไม่มีสิทธิ์เขียนโฟลเดอร์ข้อมูล {path} ไม่ได้บันทึกอะไร",
        "The data folder {path} is read-only. Nothing was saved.",
    ),
    "store.io_error": (
        "อ่านหรือเขียนไฟล์ใน {path} ไม่ได้: {detail}",
        "Cannot read or write in {path}: {detail}",
    ),
    "store.busy": (
        "ฐานข้อมูลกำลังถูกใช้งานอยู่ ({path}) กรุณาลองใหม่",
        "The database is busy ({path}); try again.",
    ),
    "store.corrupt": (
        "ฐานข้อมูล {path} เสียหาย: {detail}",
        "The database {path} is damaged: {detail}",
    ),
    "store.db_error": ("ฐานข้อมูลผิดพลาด ({path}): {detail}", "Database error ({path}): {detail}"),
    "store.bad_text": (
        "บันทึกไม่ได้: ข้อความมีอักขระที่ไม่ใช่ข้อความที่ถูกต้อง ({detail}) ไม่ได้บันทึกสิ่งใด",
        "Not saved: the text contains characters that are not valid text ({detail});"
        " nothing was saved",
    ),
    "store.already_open": (
        "โปรแกรมเปิดใช้โฟลเดอร์ข้อมูล {path} อยู่แล้ว (โปรเซส {pid}, {holder})",
        "Korat Desktop is already open for the data folder {path} (process {pid}, {holder})",
    ),
    "store.closing": ("โปรแกรมกำลังปิด ไม่ได้เริ่มงานนี้", "The app is closing; this was not started"),
    "store.bad_hash": ("รหัสแฮช {hash} ไม่ถูกต้อง", "Not a SHA-256 hash: {hash}"),
    "store.blob_missing": ("ไม่พบไฟล์เอกสาร {hash}", "The document file {hash} is missing"),
    "store.duplicate_letter": (
        "หนังสือนี้ลงทะเบียนไว้แล้ว ({reason}): {register} {number} เรื่อง {subject}"
        " หากตั้งใจลงรับซ้ำ ให้ใช้ --allow-duplicate",
        "This letter is already registered ({reason_en}): {register_en} {number}, {subject};"
        " to register it again on purpose, give --allow-duplicate",
    ),
    "store.blob_mismatch": ("เนื้อไฟล์เอกสาร {hash} ไม่ตรงกับรหัสแฮชของมัน ไม่ได้บันทึก",
                            "The document file {hash} does not match its hash; not stored"),
    "store.entry_not_found": ("ไม่พบรายการเลขที่ {id}", "No register entry with id {id}"),
    "store.document_not_found": ("ไม่พบเอกสารเลขที่ {id}", "No document with id {id}"),
    "store.draft_not_found": ("ไม่พบร่างหนังสือเลขที่ {id}", "No draft with id {id}"),
    "store.draft_changed": (
        "ร่างหนังสือเลขที่ {id} ถูกแก้ไขหรือออกเลขไปแล้วจากที่อื่น ไม่ได้ออกเลขใด ๆ",
        "Draft {id} was changed or issued elsewhere meanwhile; no number was issued",
    ),
    "store.already_voided": ("เลข {number} ถูกยกเลิกไปแล้ว", "Number {number} is already voided"),
    "store.no_leased_numbers": (
        "เครื่องนี้ไม่มีเลขทะเบียน{register}ของปี {year} ที่จองไว้เหลือแล้ว "
        "กรุณาเชื่อมต่อระบบกลางแล้วซิงก์ (korat sync) เพื่อรับเลขชุดใหม่ ไม่ได้ออกเลขใด ๆ",
        "This device has no leased {register} register numbers left for {year}. Connect "
        "to the hub and sync (korat sync) to lease more; no number was issued.",
    ),
    "store.already_ocr": (
        "รายการ {id} อ่านข้อความด้วย OCR แล้ว (ใช้ --force เพื่ออ่านใหม่)",
        "Entry {id} has already been read by OCR (--force reads it again)",
    ),
    "store.document_changed": (
        "เอกสารของรายการ {id} มีรุ่นใหม่ระหว่างการทำงานหลายครั้ง จึงหยุดไว้ ลองใหม่อีกครั้ง",
        "The document of entry {id} kept getting new versions meanwhile; try again",
    ),
}
