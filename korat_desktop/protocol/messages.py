"""Thai and English text for the hub's error codes (see :class:`ErrorCode`).

Kept in ``protocol/`` because both sides need it: the hub fills ``message`` in its
error bodies from the English column, the client shows the Thai column for the same
code without trusting text sent over the wire.
"""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, tuple[str, str]] = {
    "request.invalid": ("คำขอไม่ถูกต้อง: {detail}", "Invalid request: {detail}"),
    "request.not_found": ("ไม่พบสิ่งที่ขอ", "Not found"),
    "request.method_not_allowed": ("ไม่รองรับวิธีเรียกนี้", "Method not allowed"),
    "request.too_large": ("คำขอมีขนาดใหญ่เกินไป", "Request body too large"),
    "protocol.unsupported_version": (
        "ระบบกลางไม่รองรับโพรโทคอลรุ่น {version} กรุณาปรับรุ่นโปรแกรม",
        "The hub does not speak protocol version {version}; update the app",
    ),
    "auth.required": ("ต้องลงทะเบียนเครื่องก่อน", "A device token is required"),
    "auth.invalid_token": ("รหัสเครื่องไม่ถูกต้อง", "The device token is not valid"),
    "auth.revoked": (
        "เครื่องนี้ถูกเพิกถอนสิทธิ์แล้ว กรุณาเข้าสู่ระบบใหม่",
        "This device was revoked; sign in again",
    ),
    "auth.bad_credentials": ("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", "Wrong user name or password"),
    "auth.setup_code_invalid": (
        "รหัสตั้งค่าครั้งแรกใช้ไม่ได้ (ไม่ถูกต้อง ใช้ไปแล้ว หรือหมดอายุ) กรุณาขอรหัสใหม่จากฝ่ายไอที",
        "The one-time setup code is wrong, already used or expired; ask IT for a new one",
    ),
    "auth.rate_limited": (
        "เข้าสู่ระบบผิดหลายครั้ง กรุณารอ {retry_after} วินาที",
        "Too many failed sign-ins; wait {retry_after} s",
    ),
    "tus.unsupported_version": (
        "ไม่รองรับ tus รุ่น {version}", "tus version {version} is not supported"),
    "upload.not_found": ("ไม่พบการอัปโหลด", "Upload not found"),
    "upload.expired": ("การอัปโหลดหมดอายุแล้ว เริ่มใหม่", "The upload expired; start again"),
    "upload.offset_mismatch": (
        "ตำแหน่งอัปโหลดไม่ตรง (ระบบกลางมี {offset} ไบต์)",
        "Upload offset mismatch (the hub has {offset} bytes)",
    ),
    "upload.checksum_mismatch": (
        "ข้อมูลส่วนนี้เสียระหว่างทาง ส่งใหม่", "Chunk checksum mismatch; send it again"),
    "upload.checksum_algorithm": (
        "ไม่รองรับวิธีตรวจสอบ {algorithm}", "Checksum algorithm {algorithm} not supported"),
    "upload.hash_mismatch": (
        "ไฟล์ที่ได้รับไม่ตรงกับค่า SHA-256 ที่แจ้ง จึงถูกลบ",
        "The uploaded file does not match its declared SHA-256 and was deleted",
    ),
    "upload.too_large": ("ไฟล์ใหญ่เกิน {limit} ไบต์", "The file is larger than {limit} bytes"),
    "upload.bad_content_type": (
        "ชนิดข้อมูลต้องเป็น application/offset+octet-stream",
        "Content-Type must be application/offset+octet-stream",
    ),
    "upload.bad_metadata": ("ข้อมูลประกอบการอัปโหลดไม่ถูกต้อง: {detail}",
                            "Bad Upload-Metadata: {detail}"),
    "upload.bad_length": ("ความยาวไฟล์ไม่ถูกต้อง", "Bad Upload-Length"),
    "upload.busy": ("มีการส่งข้อมูลของไฟล์นี้อยู่แล้ว", "Another request is writing this upload"),
    "upload.superseded": ("คำขอใหม่ส่งข้อมูลของไฟล์นี้แทนแล้ว",
                          "A newer request took over this upload"),
    "upload.limit_reached": (
        "มีไฟล์ที่ส่งค้างอยู่ในระบบกลางมากเกินกำหนด ({limit}) จะส่งต่อในอีก {retry_after} วินาที",
        "Too many uploads open on the hub ({limit}); sending again in {retry_after} s",
    ),
    "blob.not_found": ("ไม่พบไฟล์", "File not found"),
    "blob.range_not_satisfiable": ("ช่วงข้อมูลที่ขอไม่ถูกต้อง", "Range not satisfiable"),
    "op.conflict": (
        "รายการ {op_id} มีอยู่แล้วแต่เนื้อหาต่างกัน",
        "Operation {op_id} already exists with different content",
    ),
    "op.bad_id": ("รหัสรายการต้องเป็น UUIDv7", "The operation id must be a UUIDv7"),
    "op.blobs_missing": (
        "ระบบกลางยังไม่มีไฟล์ {missing} ให้อัปโหลดก่อน",
        "Upload these files first: {missing}",
    ),
    "op.unknown_agency": ("ไม่รู้จักหน่วยงาน {agency}", "Unknown agency {agency}"),
    "op.letter_not_found": (
        "ไม่พบหนังสือ {op_id} ที่ส่งถึงหน่วยงานนี้",
        "No letter {op_id} was sent to this agency",
    ),
    "op.top_secret": (
        "หนังสือลับที่สุดส่งทางระบบอิเล็กทรอนิกส์ไม่ได้",
        "Top-secret (ลับที่สุด) letters are never sent electronically",
    ),
    "op.numbers_not_leased": (
        "เลข {first}-{last} ไม่อยู่ในช่วงที่หน่วยงานได้รับ",
        "Numbers {first}-{last} were not leased to this agency",
    ),
    "op.invalid": ("รายการไม่ถูกต้อง: {detail}", "Invalid operation: {detail}"),
    "op.encryption_unsupported": (
        "ระบบกลางไม่รับการเข้ารหัสของรายการนี้ จึงไม่ได้เก็บสิ่งใด: {detail}",
        "The hub does not accept this operation's encryption; nothing was stored: {detail}",
    ),
    "changes.bad_cursor": ("ตัวชี้ตำแหน่งไม่ถูกต้อง", "Bad change cursor"),
    "directory.certificate_invalid": (
        "ไม่ใช่ใบรับรองที่อ่านได้: {detail}", "Not a readable certificate: {detail}",
    ),
    "directory.certificate_unsuitable": (
        "ใบรับรองนี้ใช้เป็นใบรับรองประเภท {use} ไม่ได้: {detail}",
        "This certificate cannot be used to {use}: {detail}",
    ),
    "directory.certificate_untrusted": (
        "ใบรับรองผู้ลงนามไม่ได้ออกโดยผู้ออกใบรับรองที่ระบบกลางเชื่อถือ: {detail}",
        "The signing certificate does not chain to the hub's trust roots: {detail}",
    ),
    "directory.certificate_not_found": (
        "ไม่พบใบรับรอง {sha256} ของหน่วยงาน {agency}",
        "Agency {agency} has no certificate {sha256}",
    ),
    "directory.no_hub_key": (
        "ระบบกลางยังไม่มีกุญแจลงนาม (korat-hub keys init)",
        "The hub has no signing key yet (korat-hub keys init)",
    ),
    "relay.bad_evidence": (
        "หลักฐานชุดเอกสารที่ส่งต่ออ่านไม่ได้: {detail}",
        "The relayed bundle's evidence is unreadable: {detail}",
    ),
    "relay.digest_mismatch": (
        "operations.json ไม่ตรงกับค่าที่ผู้ส่งลงนามไว้",
        "operations.json does not match the digest the sender signed",
    ),
    "relay.signature_invalid": (
        "ลายมือชื่อบนชุดเอกสารไม่ถูกต้อง: {detail}",
        "The bundle's signature is not valid: {detail}",
    ),
    "relay.signer_untrusted": (
        "ผู้ลงนาม {signer} ไม่ได้รับใบรับรองจากผู้ออกใบรับรองที่ระบบกลางเชื่อถือ",
        "Signer {signer} does not chain to the hub's trust roots",
    ),
    "relay.signer_not_listed": (
        "ผู้ลงนาม {signer} ไม่อยู่ในรายชื่อผู้ลงนามของหน่วยงาน {agency}",
        "Signer {signer} is not listed as a signer of agency {agency}",
    ),
    "relay.bundle_id_mismatch": (
        "รหัสชุดเอกสาร {bundle_id} ไม่ตรงกับที่ผู้ส่งลงนามไว้ ({signed})",
        "Bundle id {bundle_id} differs from the signed one ({signed})",
    ),
    "relay.bundle_conflict": (
        "ชุดเอกสาร {bundle_id} เคยส่งต่อมาแล้วด้วยเนื้อหาอื่น",
        "Bundle {bundle_id} was already relayed with other content",
    ),
    "relay.not_origin": (
        "รายการ {op_id} ไม่ได้มาจากหน่วยงานผู้ส่ง {agency}",
        "Operation {op_id} did not originate at the sending agency {agency}",
    ),
    "relay.op_digest_mismatch": (
        "เนื้อหารายการ {op_id} ไม่ตรงกับค่าที่ระบุไว้",
        "Operation {op_id} does not match its stated content digest",
    ),
    "relay.not_designated": (
        "หน่วยงานนี้ไม่ได้รับมอบหมายให้ส่งต่อเอกสารแทน {agency}",
        "This agency is not the designated relay of {agency}",
    ),
    "lease.not_found": ("ไม่พบช่วงเลขที่จอง", "Lease not found"),
    "lease.bad_release": ("คืนเลขไม่ถูกต้อง: {detail}", "Bad release: {detail}"),
    "lease.exhausted": ("เลขทะเบียนของปีนี้หมดแล้ว", "No numbers left in this register year"),
    "lease.request_conflict": (
        "คำขอจองเลข {key} เคยส่งมาแล้วด้วยรายละเอียดอื่น",
        "Lease request {key} was already made with other details",
    ),
    "server.busy": ("ระบบกลางไม่ว่าง ลองใหม่ภายหลัง", "The hub is busy; try again later"),
    "server.internal": ("ระบบกลางขัดข้อง", "Internal hub error"),
}
