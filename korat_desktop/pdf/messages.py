"""Thai and English texts for pdf-layer error codes (merged by korat_desktop.messages)."""

__all__ = ["MESSAGES"]

MESSAGES = {
    "pdf.not_pdf": (
        "ไฟล์นี้ไม่ใช่ไฟล์ PDF",
        "This file is not a PDF",
    ),
    "pdf.encrypted": (
        "ไฟล์ PDF นี้ถูกเข้ารหัสหรือตั้งรหัสผ่านไว้ จึงประทับตรารับและค้นหาข้อความไม่ได้"
        " กรุณาขอไฟล์ที่ไม่ได้ตั้งรหัสผ่านจากผู้ส่ง",
        "This PDF is encrypted or password-protected, so it cannot be stamped or indexed;"
        " ask the sender for an unprotected copy",
    ),
    "pdf.truncated": (
        "ไฟล์ PDF ไม่สมบูรณ์ (ถูกตัดท้าย อาจดาวน์โหลดหรือคัดลอกไม่ครบ)",
        "The PDF is incomplete (cut off at the end; the download or copy may have failed)",
    ),
    "pdf.corrupt": (
        "ไฟล์ PDF เสียหาย อ่านโครงสร้างไฟล์ไม่ได้ ({detail})",
        "The PDF is damaged and its structure cannot be read ({detail})",
    ),
    "pdf.empty": (
        "ไฟล์ PDF ไม่มีหน้าเอกสาร",
        "The PDF has no pages",
    ),
    "pdf.too_large": (
        "ไฟล์ PDF ใหญ่เกินไป ({size_mb} MB, รับได้ไม่เกิน {limit_mb} MB)",
        "The PDF is too large ({size_mb} MB; the limit is {limit_mb} MB)",
    ),
    "pdf.stamp_not_permitted": (
        "เอกสารนี้รับรองด้วยลายมือชื่อที่ไม่อนุญาตให้เพิ่มตราประทับ (DocMDP ระดับ {level})"
        " จึงประทับตรารับบนไฟล์ไม่ได้ ให้บันทึกเลขรับในทะเบียนเท่านั้น",
        "This document is certified with a signature that forbids adding a stamp"
        " (DocMDP level {level}); record the receipt in the register only",
    ),
    "pdf.stamp_failed": (
        "ประทับตรารับหนังสือไม่สำเร็จ ({detail})",
        "Could not add the receipt stamp ({detail})",
    ),
    "pdf.bad_stamp": (
        "ข้อมูลตรารับไม่ถูกต้อง: {detail}",
        "Invalid receipt stamp data: {detail}",
    ),
    "pdf.report_failed": (
        "สร้างรายงานทะเบียนไม่สำเร็จ ({detail})",
        "Could not build the register report ({detail})",
    ),
    "pdf.active_content": (
        "คำเตือน: เอกสารนี้มีเนื้อหาที่สั่งทำงานได้ ({kinds}) โปรแกรมอ่าน PDF อื่นอาจเรียกใช้"
        "เมื่อเปิดไฟล์ที่ส่งออก ตรวจสอบกับผู้ส่งก่อนเปิด",
        "Warning: this document contains active content ({kinds}); another PDF reader may"
        " run it when the exported file is opened. Check with the sender before opening it",
    ),
    "pdf.active.javascript": ("สคริปต์ JavaScript", "JavaScript"),
    "pdf.active.launch": ("คำสั่งเปิดโปรแกรมหรือไฟล์อื่น", "launching another program or file"),
    "pdf.active.embedded_files": ("ไฟล์แนบในเอกสาร", "embedded files"),
    "pdf.ocr_unavailable": (
        "อ่านข้อความจากภาพสแกน (OCR) ไม่ได้ เพราะเครื่องนี้ยังไม่ได้ติดตั้ง {package}"
        " แจ้งฝ่ายไอทีให้ติดตั้ง",
        "Cannot read text from the scan (OCR): {package} is not installed on this computer;"
        " ask IT to install it",
    ),
    "pdf.ocr_failed": (
        "อ่านข้อความจากภาพสแกน (OCR) ไม่สำเร็จ ({detail})",
        "Could not read text from the scan (OCR) ({detail})",
    ),
    "pdf.not_a_scan": (
        "เอกสารนี้มีข้อความอยู่แล้ว ไม่ใช่ภาพสแกน จึงไม่ต้องอ่านด้วย OCR",
        "This document already has text (it is not a scan), so it needs no OCR",
    ),
}
