"""Thai and English text for the courier layer's error codes."""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, tuple[str, str]] = {
    "courier.no_recipients": (
        "ไม่มีหน่วยงานผู้รับที่มีใบรับรองสำหรับเข้ารหัส",
        "No recipient agency with an encryption certificate",
    ),
    "courier.key_unsupported": (
        "ชนิดกุญแจไม่รองรับสำหรับการเข้ารหัส ({detail})",
        "This kind of key cannot be used for encryption ({detail})",
    ),
    "courier.not_for_us": (
        "ชุดเอกสารนี้ไม่ได้เข้ารหัสถึงหน่วยงานนี้ จึงเปิดไม่ได้",
        "This bundle is not encrypted to this office, so it cannot be opened",
    ),
    "courier.envelope_damaged": (
        "ไฟล์ชุดเอกสารเสียหายหรือไม่ใช่ชุดเอกสารของระบบ ({detail})",
        "The bundle file is damaged or not a Korat bundle ({detail})",
    ),
    "courier.tampered": (
        "ชุดเอกสารถูกแก้ไขระหว่างทาง (ตรวจสอบความถูกต้องไม่ผ่าน) ไม่ได้นำเข้าสิ่งใด",
        "The bundle was changed on the way (integrity check failed); nothing was imported",
    ),
    "courier.source_short": (
        "อ่านข้อมูลต้นทางได้ไม่ครบ ({got} จาก {expected} ไบต์)",
        "The source ended early ({got} of {expected} bytes)",
    ),
    "courier.container_damaged": (
        "โครงสร้างชุดเอกสาร (ASiC-E) ไม่ถูกต้อง: {detail}",
        "The bundle's container (ASiC-E) is not valid: {detail}",
    ),
    "courier.digest_mismatch": (
        "ไฟล์ {name} ในชุดเอกสารไม่ตรงกับบัญชีรายการที่ลงนามไว้",
        "The file {name} in the bundle does not match the signed manifest",
    ),
    "courier.signature_invalid": (
        "ลายมือชื่อของชุดเอกสารไม่ถูกต้อง ({detail})",
        "The bundle's signature is not valid ({detail})",
    ),
    "courier.expired": (
        "ชุดเอกสารหมดอายุแล้ว (ใช้ได้ถึง {expires_th}) ขอให้ต้นทางส่งชุดใหม่",
        "The bundle has expired (valid until {expires_en}); ask the sender for a new one",
    ),
    "courier.signer_untrusted": (
        "ผู้ลงนามชุดเอกสารไม่อยู่ภายใต้ใบรับรองหลักที่เชื่อถือ ({signer})",
        "The bundle's signer does not chain to a trusted root ({signer})",
    ),
    "courier.no_hub_certificate": (
        "ยังไม่มีใบรับรองของระบบกลางในสมุดรายชื่อหน่วยงาน จึงตรวจข้อมูลที่นำส่งแทนจากระบบกลางไม่ได้ "
        "(นำเข้าสมุดรายชื่อที่ลงนามแล้ว .korat-dir ก่อน)",
        "The directory holds no hub certificate, so the hub's relayed pages cannot be "
        "checked (import a signed directory, .korat-dir, first)",
    ),
    "courier.relayed_page_foreign": (
        "หน้าข้อมูลจากระบบกลางหน้าที่ {page} เป็นของหน่วยงาน {agency} ไม่ใช่ของหน่วยงานนี้ ไม่ได้นำเข้าสิ่งใด",
        "Relayed hub page {page} belongs to agency {agency}, not to this office; nothing "
        "was imported",
    ),
    "courier.relayed_page_signer": (
        "หน้าข้อมูลจากระบบกลางหน้าที่ {page} ไม่ได้ลงนามโดยใบรับรองของระบบกลาง ({signer}) "
        "ไม่ได้นำเข้าสิ่งใด",
        "Relayed hub page {page} is not signed by the hub's certificate ({signer}); "
        "nothing was imported",
    ),
    "courier.relayed_page_invalid": (
        "หน้าข้อมูลจากระบบกลางหน้าที่ {page} อ่านไม่ได้ ({detail}) ไม่ได้นำเข้าสิ่งใด",
        "Relayed hub page {page} cannot be read ({detail}); nothing was imported",
    ),
    # -- export and import (services/courier*.py) ---------------------------------------
    "courier.no_office": (
        "ยังไม่ได้ตั้งค่าหน่วยงาน (korat init)",
        "The office is not set up (korat init)",
    ),
    "courier.wrong_agency": (
        "กุญแจเป็นของหน่วยงาน {agency} แต่เครื่องนี้เป็นของ {office}",
        "The keys are for agency {agency} but this office is {office}",
    ),
    "courier.top_secret": (
        "หนังสือชั้นลับที่สุดไม่ส่งทางชุดเอกสารพนักงานนำสาร (ระเบียบงานสารบรรณ) "
        "ต้องส่งตามวิธีของเอกสารลับ",
        "ลับที่สุด (top secret) letters never go into a courier bundle (correspondence "
        "regulation); send it as secret documents are sent",
    ),
    "courier.too_large": (
        "รายการ {op_id} ใหญ่เกินหนึ่งชุดเอกสาร ({size} จาก {limit} ไบต์)",
        "Operation {op_id} is too large for one bundle ({size} of {limit} bytes)",
    ),
    "courier.op_not_found": (
        "ไม่พบรายการ {op_id} ในกล่องขาออก",
        "No operation {op_id} in the outbox",
    ),
    "courier.op_not_pending": (
        "รายการ {op_id} ไม่ได้รอส่ง (สถานะ {state})",
        "Operation {op_id} is not waiting to go (it is {state})",
    ),
    "courier.op_not_carried": (
        "รายการ {op_id} ({kind}) ไม่ส่งทางพนักงานนำสาร",
        "Operation {op_id} ({kind}) does not travel by courier",
    ),
    "courier.nothing_chosen": (
        "ยังไม่ได้เลือกว่าจะส่งอะไร (--to-agency, --all-pending หรือรหัสรายการ)",
        "Nothing chosen to export (--to-agency, --all-pending or operation ids)",
    ),
    "courier.nothing_pending": (
        "ไม่มีรายการรอส่งสำหรับหน่วยงานที่เลือก",
        "Nothing is waiting to go to the chosen agencies",
    ),
    "courier.signer_not_listed": (
        "ผู้ลงนาม {signer} ไม่อยู่ในรายชื่อผู้ลงนามของหน่วยงาน {agency} ในสมุดรายชื่อ "
        "ไม่ได้นำเข้าสิ่งใด",
        "The signer {signer} is not listed as a signer for agency {agency} in the "
        "directory; nothing was imported",
    ),
    "courier.own_signer_not_listed": (
        "ใบรับรอง {signer} ไม่อยู่ในรายชื่อผู้ลงนามของหน่วยงาน {agency} ผู้รับจะไม่รับชุดเอกสารนี้ "
        "จึงไม่ได้เขียน (ลงนามด้วยใบรับรองที่ประกาศไว้ หรือ korat keys publish)",
        "The certificate {signer} is not listed as a signer of agency {agency}; the "
        "recipients would refuse the bundle, so it was not written (sign with a listed "
        "certificate, or korat keys publish)",
    ),
    "courier.verify_failed": (
        "อ่านชุดเอกสารที่เพิ่งเขียน {path} กลับมาแล้วไม่ตรงกัน จึงไม่ได้ใช้ไฟล์นั้น",
        "The bundle just written to {path} did not read back the same; it was not kept",
    ),
    "courier.bad_operation": (
        "รายการ {op_id} ในชุดเอกสารไม่ถูกต้อง ({detail}) ไม่ได้นำเข้าสิ่งใด",
        "Operation {op_id} in the bundle is not valid ({detail}); nothing was imported",
    ),
    "courier.foreign_operation": (
        "ชุดเอกสารของหน่วยงาน {agency} มีรายการของหน่วยงาน {origin} ({op_id}) "
        "ไม่ได้นำเข้าสิ่งใด",
        "A bundle of agency {agency} holds an operation of agency {origin} ({op_id}); "
        "nothing was imported",
    ),
    "courier.cannot_relay": (
        "ชุดเอกสารนี้มีรายการถึงหน่วยงานอื่น ({agencies}) แต่เครื่องนี้ไม่ได้เชื่อมต่อ"
        "ระบบกลาง จึงส่งต่อไม่ได้ ไม่ได้นำเข้าสิ่งใด ให้นำไปนำเข้าที่หน่วยงานที่เชื่อมต่อได้",
        "This bundle holds operations for other agencies ({agencies}) and this office "
        "has no link to the hub to relay them; nothing was imported. Import it at an "
        "office with a link",
    ),
    # -- keys of an office and the agency directory ------------------------------------
    "courier.no_certificate": (
        "หน่วยงาน {agency} ยังไม่มีใบรับรองสำหรับเข้ารหัสในทะเบียนหน่วยงาน"
        " (ให้หน่วยงานนั้นสั่ง korat keys publish หรือส่งไฟล์ใบรับรองมา)",
        "Agency {agency} has no encryption certificate in the directory"
        " (ask it to run korat keys publish or to send its certificate file)",
    ),
    "courier.certificate_expired": (
        "ใบรับรองสำหรับเข้ารหัสของหน่วยงาน {agency} หมดอายุแล้ว",
        "The encryption certificate of agency {agency} has expired",
    ),
    "courier.no_office_key": (
        "หน่วยงานนี้ยังไม่มีกุญแจเข้ารหัส (สั่ง korat keys new)",
        "This office has no encryption key yet (run korat keys new)",
    ),
    "courier.office_key_missing": (
        "ไม่พบกุญแจส่วนตัว {key} ในที่เก็บรหัสของระบบปฏิบัติการ (keyring)"
        " อาจสร้างไว้บนเครื่องอื่น",
        "The private key {key} is not in the OS keyring (it may have been made on another PC)",
    ),
    "courier.office_key_exists": (
        "หน่วยงานนี้มีกุญแจเข้ารหัสอยู่แล้ว ใช้ --force เพื่อสร้างใหม่"
        " (กุญแจเดิมจะถูกเก็บไว้เพื่อเปิดชุดเอกสารเก่า)",
        "This office already has an encryption key; use --force to make a new one"
        " (the old key is kept to open older bundles)",
    ),
    "courier.office_key_pending": (
        "มีคำขอใบรับรอง (CSR) ที่ยังรอใบรับรองอยู่ นำเข้าด้วย korat keys import-cert"
        " หรือใช้ --force เพื่อทิ้งคำขอเดิม",
        "A certificate request (CSR) is still waiting for its certificate: install it with"
        " korat keys import-cert, or use --force to drop that request",
    ),
    "courier.keyring": (
        "ใช้ที่เก็บรหัสของระบบปฏิบัติการ (keyring) ไม่ได้: {detail}",
        "The OS keyring could not be used: {detail}",
    ),
    "courier.certificate_unreadable": (
        "อ่านใบรับรองไม่ได้ (ต้องเป็นไฟล์ PEM หรือ DER)",
        "The certificate cannot be read (it must be a PEM or DER file)",
    ),
    "courier.certificate_not_for_encryption": (
        "ใบรับรองนี้ไม่ได้กำหนดให้ใช้เข้ารหัสกุญแจ (keyEncipherment)",
        "This certificate is not for key encipherment (keyEncipherment)",
    ),
    "courier.certificate_not_ours": (
        "ใบรับรองนี้ไม่ตรงกับกุญแจใดของหน่วยงานนี้",
        "This certificate does not match any key of this office",
    ),
    "courier.no_signing_certificate": (
        "ไม่พบใบรับรองสำหรับลงนามของหน่วยงานนี้ (เสียบบัตร หรือระบุ --sign-cert)",
        "No signing certificate of this office was found (insert the card, or give --sign-cert)",
    ),
    "courier.directory_malformed": (
        "ไฟล์ทะเบียนหน่วยงานไม่ถูกต้อง: {detail}",
        "The directory file is not valid: {detail}",
    ),
    "courier.directory_signature_invalid": (
        "ลายมือชื่อของไฟล์ทะเบียนหน่วยงานไม่ถูกต้อง ({detail}) ไม่ได้นำเข้าสิ่งใด",
        "The directory file's signature is not valid ({detail}); nothing was imported",
    ),
    "courier.directory_signer_untrusted": (
        "ผู้ลงนามไฟล์ทะเบียนหน่วยงานไม่อยู่ภายใต้ใบรับรองหลักที่เชื่อถือ ({signer})",
        "The directory file's signer does not chain to a trusted root ({signer})",
    ),
    "courier.directory_signer_mismatch": (
        "ไฟล์ทะเบียนหน่วยงานไม่ได้ลงนามด้วยกุญแจของระบบกลางที่ระบุไว้ในไฟล์",
        "The directory file is not signed by the hub certificate it names",
    ),
    "courier.directory_rollback": (
        "ไฟล์ทะเบียนหน่วยงานนี้เก่ากว่าที่มีอยู่ (ออกเมื่อ {issued} แต่ที่มีออกเมื่อ {cached})"
        " ไม่ได้นำเข้า",
        "This directory file is older than the one we have (issued {issued}, ours {cached});"
        " not imported",
    ),
    "courier.handout_not_single": (
        "ไฟล์ใบรับรองของหน่วยงานต้องมีหน่วยงานเดียว (มี {count})",
        "An office's certificate file must hold exactly one agency (it holds {count})",
    ),
    "courier.handout_signer_not_listed": (
        "ผู้ลงนาม ({signer}) ไม่ได้เป็นผู้ลงนามของหน่วยงาน {agency} ไม่ได้นำเข้า",
        "The signer ({signer}) is not a listed signer of agency {agency}; not imported",
    ),
}
