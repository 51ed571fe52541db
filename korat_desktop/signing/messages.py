"""Thai and English text for every signing error code (``str.format`` placeholders)."""

__all__ = ["MESSAGES"]

MESSAGES = {
    # PKCS#11 modules and tokens
    "signing.no_modules": (
        "ไม่พบไลบรารี PKCS#11 สำหรับบัตรลงนาม ให้ฝ่ายไอทีตรวจสอบการตั้งค่า "
        "“ไลบรารี PKCS#11” ในหน้าการตั้งค่าขั้นสูง",
        "No PKCS#11 module found for signing tokens; ask IT to check the "
        "“PKCS#11 modules” setting (signing.pkcs11_modules) on the advanced page",
    ),
    "signing.module_not_found": (
        "ไม่พบไลบรารี PKCS#11: {module}",
        "PKCS#11 module not found: {module}",
    ),
    "signing.module_load_failed": (
        "โหลดไลบรารี PKCS#11 {module} ไม่ได้: {detail}",
        "Cannot load the PKCS#11 module {module}: {detail}",
    ),
    "signing.token_not_found": (
        "ไม่พบบัตรลงนาม {token} กรุณาเสียบบัตรหรือโทเค็นแล้วลองใหม่",
        "Signing token {token} not found; insert the card or token and try again",
    ),
    "signing.token_ambiguous": (
        "พบบัตรลงนามหลายใบ ({tokens}) กรุณาระบุบัตรที่จะใช้",
        "Several signing tokens are present ({tokens}); choose one",
    ),
    "signing.token_removed": (
        "บัตรลงนาม {token} ถูกถอดออกระหว่างใช้งาน กรุณาเสียบบัตรแล้วลงนามใหม่",
        "The signing token {token} was removed while in use; insert it and sign again",
    ),
    "signing.token_error": (
        "บัตรลงนาม {token} ทำงานผิดพลาด: {detail}",
        "The signing token {token} reported an error: {detail}",
    ),
    "signing.certificate_not_found": (
        "ไม่พบใบรับรอง {certificate} บนบัตร {token}",
        "Certificate {certificate} not found on token {token}",
    ),
    "signing.certificate_ambiguous": (
        "บัตร {token} มีใบรับรองสำหรับลงนามหลายใบ ({certificates}) กรุณาระบุใบที่จะใช้",
        "Token {token} holds several signing certificates ({certificates}); choose one",
    ),
    "signing.key_not_found": (
        "ไม่พบกุญแจส่วนตัวของใบรับรอง {certificate} บนบัตร {token}",
        "No private key for certificate {certificate} on token {token}",
    ),
    # PIN
    "signing.pin_required": (
        "กรุณาใส่รหัส PIN ของบัตร {token}",
        "Enter the PIN of token {token}",
    ),
    "signing.wrong_pin": (
        "รหัส PIN ของบัตร {token} ไม่ถูกต้อง",
        "Wrong PIN for token {token}",
    ),
    "signing.wrong_pin_count_low": (
        "รหัส PIN ของบัตร {token} ไม่ถูกต้อง เหลือโอกาสอีกไม่กี่ครั้งก่อนบัตรจะถูกล็อก",
        "Wrong PIN for token {token}; only a few tries are left before it locks",
    ),
    "signing.wrong_pin_final_try": (
        "รหัส PIN ของบัตร {token} ไม่ถูกต้อง เหลือโอกาสอีก {tries_left} ครั้ง หากผิดอีกบัตรจะถูกล็อก",
        "Wrong PIN for token {token}; {tries_left} try left before the PIN locks",
    ),
    "signing.pin_locked": (
        "รหัส PIN ของบัตร {token} ถูกล็อก กรุณาติดต่อผู้ดูแลบัตรเพื่อปลดล็อก",
        "The PIN of token {token} is locked; ask the card administrator to unblock it",
    ),
    "signing.pin_invalid": (
        "รหัส PIN ที่ใส่มีรูปแบบหรือความยาวไม่ถูกต้องสำหรับบัตร {token}",
        "The PIN entered has the wrong format or length for token {token}",
    ),
    "signing.pin_entry_cancelled": (
        "ยกเลิกการใส่รหัส PIN บนเครื่องอ่านบัตร {token}",
        "PIN entry on the reader of token {token} was cancelled",
    ),
    # certificates
    "signing.cert_expired": (
        "ใบรับรองของ {subject} หมดอายุแล้วเมื่อ {not_after}",
        "The certificate of {subject} expired on {not_after}",
    ),
    "signing.cert_not_yet_valid": (
        "ใบรับรองของ {subject} ยังไม่มีผลจนถึง {not_before}",
        "The certificate of {subject} is not valid until {not_before}",
    ),
    "signing.cert_no_signing_usage": (
        "ใบรับรองของ {subject} ไม่ได้ออกให้ใช้ลงลายมือชื่อ",
        "The certificate of {subject} is not issued for signing",
    ),
    "signing.pkcs12_unreadable": (
        "อ่านไฟล์ใบรับรอง {file} ไม่ได้: {detail}",
        "Cannot read the certificate file {file}: {detail}",
    ),
    "signing.pkcs12_wrong_password": (
        "รหัสผ่านของไฟล์ใบรับรอง {file} ไม่ถูกต้อง",
        "Wrong password for the certificate file {file}",
    ),
    # documents
    "signing.pdf_corrupt": (
        "ไฟล์ PDF เสียหรือไม่ใช่ PDF: {detail}",
        "The PDF is damaged or not a PDF: {detail}",
    ),
    "signing.pdf_encrypted": (
        "ไฟล์ PDF ถูกเข้ารหัสไว้ จึงลงนามไม่ได้",
        "The PDF is encrypted and cannot be signed",
    ),
    "signing.pdf_not_signed": (
        "เอกสารนี้ยังไม่มีลายมือชื่ออิเล็กทรอนิกส์",
        "This document has no electronic signature",
    ),
    "signing.document_locked": (
        "เอกสารนี้ถูกรับรองไว้โดยไม่อนุญาตให้แก้ไข จึงลงนามเพิ่มไม่ได้: {detail}",
        "The document is certified against changes; no further signature can be added: {detail}",
    ),
    "signing.bad_page": (
        "ไม่มีหน้า {page} ในเอกสาร (มี {pages} หน้า)",
        "There is no page {page} in the document (it has {pages} pages)",
    ),
    "signing.bad_box": (
        "ตำแหน่งตราลงนามไม่ถูกต้อง: {box}",
        "Invalid signature stamp position: {box}",
    ),
    "signing.sign_failed": (
        "ลงนามเอกสารไม่สำเร็จ: {detail}",
        "Signing failed: {detail}",
    ),
    # network services (transient: the caller retries later)
    "signing.tsa_not_configured": (
        "ยังไม่ได้ตั้งค่าที่อยู่บริการประทับเวลา (signing.tsa_url)",
        "No timestamp authority is configured (signing.tsa_url)",
    ),
    "signing.tsa_unreachable": (
        "ติดต่อบริการประทับเวลา {url} ไม่ได้ ระบบจะลองใหม่ภายหลัง: {detail}",
        "Cannot reach the timestamp authority {url}; will retry later: {detail}",
    ),
    "signing.tsa_rejected": (
        "บริการประทับเวลา {url} ปฏิเสธคำขอ: {detail}",
        "The timestamp authority {url} refused the request: {detail}",
    ),
    "signing.ocsp_unreachable": (
        "ตรวจสอบสถานะการเพิกถอนใบรับรองไม่ได้ (OCSP/CRL) ระบบจะลองใหม่ภายหลัง: {detail}",
        "Cannot fetch certificate revocation status (OCSP/CRL); will retry later: {detail}",
    ),
    "signing.upgrade_failed": (
        "ยกระดับลายมือชื่อไม่สำเร็จ: {detail}",
        "Could not upgrade the signature: {detail}",
    ),
    "signing.bad_level": (
        "ระดับลายมือชื่อ {level} ไม่ถูกต้อง (ใช้ได้: b-b, b-t, b-lt, b-lta)",
        "Unknown signature level {level} (use b-b, b-t, b-lt or b-lta)",
    ),
    # trust
    "signing.trust_root_unreadable": (
        "อ่านใบรับรองหลัก {file} ไม่ได้: {detail}",
        "Cannot read the trust root {file}: {detail}",
    ),
    "signing.validation_failed": (
        "ตรวจสอบลายมือชื่อไม่สำเร็จ: {detail}",
        "Signature validation could not run: {detail}",
    ),
}

MESSAGES.update({
    "signing.certify_not_first": (
        "ลายมือชื่อรับรองเอกสารต้องเป็นลายมือชื่อแรกของเอกสาร",
        "A certifying signature must be the document's first signature",
    ),
    "signing.certified_needs_field": (
        "เอกสารนี้ถูกรับรองแล้ว ต้องลงนามในช่องลงนามที่เตรียมไว้ ({fields})",
        "This document is certified; sign in one of its reserved signature fields ({fields})",
    ),
    "signing.field_not_found": (
        "ไม่พบช่องลงนามว่างชื่อ {field} (ช่องที่ว่าง: {fields})",
        "No empty signature field named {field} (empty fields: {fields})",
    ),
    "signing.cert_revoked": (
        "ใบรับรองของผู้ลงนามหรือผู้ออกใบรับรองถูกเพิกถอนแล้ว: {detail}",
        "The signer's certificate or one of its issuers has been revoked: {detail}",
    ),
    "signing.chain_untrusted": (
        "ไม่สามารถเชื่อมโยงใบรับรองไปยังใบรับรองหลักที่เชื่อถือได้: {detail}",
        "The certificate does not chain to a trusted root: {detail}",
    ),
})

# signing documents in the store (korat_desktop.services.signing_ops)
MESSAGES.update({
    "signing.entry_voided": (
        "รายการ {id} ถูกยกเลิกเลขแล้ว จึงลงนามไม่ได้",
        "Register entry {id} is voided and cannot be signed",
    ),
    "signing.document_changed": (
        "เอกสารของรายการ {id} มีฉบับใหม่ระหว่างลงนาม จึงไม่ได้บันทึก กรุณาลงนามใหม่",
        "The document of entry {id} got a new version while it was being signed; "
        "nothing was saved, sign it again",
    ),
    "signing.stored_pdf_damaged": (
        "ไฟล์เอกสารของรายการ {id} เสียหาย (เนื้อไฟล์ไม่ตรงกับแฮช {hash}) จึงไม่ลงนาม",
        "The stored PDF of entry {id} is damaged (its bytes do not match {hash}); "
        "it was not signed",
    ),
    "signing.batch_stopped": (
        "ยังไม่ได้ลงนามเอกสารนี้ เพราะการลงนามชุดนี้หยุดก่อน: {reason}",
        "Not signed: the batch stopped before this document: {reason}",
    ),
})
