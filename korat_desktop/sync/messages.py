"""Thai and English text for the sync layer's error codes.

Hub error codes (``op.unknown_agency``...) keep their own texts in
:mod:`korat_desktop.protocol.messages`; a refusal from the hub is raised as a
``SyncError`` with the hub's code, so the user reads our words for it, not the
English sent over the wire.
"""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, tuple[str, str]] = {
    "sync.not_enrolled": (
        "เครื่องนี้ยังไม่ได้ลงทะเบียนกับระบบกลาง (ใช้คำสั่ง korat login)",
        "This device is not enrolled at a hub (run korat login)",
    ),
    "sync.new_password_too_short": (
        "รหัสผ่านใหม่ต้องมีอย่างน้อย {min} ตัวอักษร",
        "The new password needs at least {min} characters",
    ),
    "sync.already_enrolled": (
        "เครื่องนี้ลงทะเบียนกับ {hub} แล้ว (ออกจากระบบก่อนด้วย korat logout)",
        "This device is already enrolled at {hub} (run korat logout first)",
    ),
    "sync.no_hub_url": (
        "ยังไม่ได้กำหนดที่อยู่ระบบกลาง (--hub หรือค่า sync.hub_url)",
        "No hub URL given (--hub or the sync.hub_url setting)",
    ),
    "sync.bad_hub_url": ("ที่อยู่ระบบกลางไม่ถูกต้อง: {url}", "Not a valid hub URL: {url}"),
    "sync.insecure_hub_url": (
        "ที่อยู่ระบบกลาง {url} ใช้ http ซึ่งไม่เข้ารหัส: รหัสเครื่องและหนังสือจะถูกอ่านหรือแก้ไขได้"
        "ระหว่างทาง ใช้ https แทน (เช่น {https_url}) ในค่า sync.hub_url หรือ --hub "
        "(http ใช้ได้เฉพาะกับเครื่องนี้เอง เช่น 127.0.0.1)",
        "The hub address {url} uses http, which is not encrypted: the device token and "
        "the letters could be read or changed on the way. Use https instead (e.g. "
        "{https_url}) in the sync.hub_url setting or --hub (http is only allowed to this "
        "computer itself, e.g. 127.0.0.1).",
    ),
    "sync.foreign_location": (
        "ระบบกลาง {hub} ส่งที่อยู่ของเครื่องอื่นมา ({location}) จึงไม่ส่งข้อมูลหรือรหัสเครื่องไปที่นั่น "
        "กรุณาแจ้งผู้ดูแลระบบกลาง",
        "The hub {hub} pointed to another host ({location}); nothing (and no device "
        "token) was sent there. Tell the hub's administrator.",
    ),
    "sync.agency_mismatch": (
        "ผู้ใช้นี้เป็นของหน่วยงาน {hub_agency} แต่เครื่องนี้ตั้งค่าเป็น {local_agency}",
        "This user belongs to agency {hub_agency}, but this device is set up for "
        "{local_agency}",
    ),
    "sync.token_missing": (
        "ไม่พบรหัสเครื่องในที่เก็บรหัสผ่านของระบบ กรุณาเข้าสู่ระบบใหม่ (korat login)",
        "The device token is missing from the keyring; sign in again (korat login)",
    ),
    "sync.keyring": (
        "ใช้ที่เก็บรหัสผ่านของระบบไม่ได้: {detail}",
        "The system keyring cannot be used: {detail}",
    ),
    "sync.offline": (
        "เชื่อมต่อระบบกลาง {url} ไม่ได้ (ออฟไลน์) จะลองใหม่ภายหลัง",
        "Cannot reach the hub at {url} (offline); will retry later",
    ),
    "sync.timeout": (
        "ระบบกลางไม่ตอบภายในเวลาที่กำหนด จะลองใหม่",
        "The hub did not answer in time; will retry",
    ),
    "sync.connection_lost": (
        "การเชื่อมต่อขาดระหว่างส่งข้อมูล จะส่งต่อจากจุดเดิม",
        "The connection dropped mid-transfer; will resume where it stopped",
    ),
    "sync.stalled": (
        "การส่งข้อมูลค้างทั้งที่เครือข่ายกลับมาแล้ว จึงเชื่อมต่อใหม่และส่งต่อจากจุดเดิม",
        "The transfer stalled although the link is back; reconnected to resume it",
    ),
    "sync.hub_no_encryption": (
        "ระบบกลางรุ่นนี้ยังไม่รองรับหนังสือลับที่เข้ารหัส ({encryption}) หนังสือจะรออยู่ในกล่องส่ง"
        "จนกว่าจะปรับรุ่นระบบกลาง และจะไม่ส่งแบบไม่เข้ารหัส",
        "This hub does not accept encrypted secret letters ({encryption}) yet; the letter "
        "waits in the outbox until the hub is upgraded and is never sent in clear",
    ),
    "sync.hub_unavailable": (
        "ระบบกลางไม่พร้อมให้บริการ (HTTP {status}) จะลองใหม่",
        "The hub is unavailable (HTTP {status}); will retry",
    ),
    "sync.hub_error": (
        "ระบบกลางปฏิเสธคำขอ (HTTP {status}): {detail}",
        "The hub refused the request (HTTP {status}): {detail}",
    ),
    "sync.bad_response": (
        "ระบบกลางตอบกลับไม่ถูกต้อง: {detail}",
        "The hub sent a malformed answer: {detail}",
    ),
    "sync.tls": (
        "ตรวจสอบใบรับรองความปลอดภัยของระบบกลางไม่ผ่าน: {detail}",
        "The hub's TLS certificate could not be verified: {detail}",
    ),
    "sync.already_running": (
        "มีการซิงก์ของโฟลเดอร์ข้อมูลนี้กำลังทำงานอยู่แล้ว",
        "A sync of this data folder is already running",
    ),
    "sync.cancelled": ("ยกเลิกการซิงก์แล้ว", "Sync was cancelled"),
    "sync.top_secret": (
        "หนังสือลับที่สุดจะไม่ถูกส่งทางระบบอิเล็กทรอนิกส์ (ระเบียบงานสารบรรณ ฉบับที่ 4)",
        "Top-secret (ลับที่สุด) letters are never sent electronically (Amendment No. 4)",
    ),
    "sync.not_send_entry": (
        "รายการ {id} ไม่ใช่หนังสือส่ง", "Entry {id} is not in the send register"),
    "sync.entry_voided": ("รายการ {id} ถูกยกเลิกแล้ว", "Entry {id} is voided"),
    "sync.already_queued": (
        "หนังสือรายการ {id} อยู่ในคิวส่งแล้ว (รายการ {op_id}) แก้ไขไม่ได้",
        "Entry {id} is already queued (operation {op_id}); it cannot be changed",
    ),
    "sync.no_recipients": (
        "หนังสือรายการ {id} ยังไม่ได้ระบุหน่วยงานผู้รับ (--to-agency)",
        "Entry {id} has no recipient agencies (--to-agency)",
    ),
    "sync.not_signed": (
        "หนังสือรายการ {id} ยังไม่ได้ลงลายมือชื่อ (korat sign) หรือใช้ --allow-unsigned",
        "Entry {id} is not signed yet (korat sign), or use --allow-unsigned",
    ),
    "sync.unknown_agency": (
        "ไม่พบหน่วยงานรหัส {code} ในสมุดรายชื่อ (ซิงก์เพื่อปรับปรุงรายชื่อ)",
        "No agency with code {code} in the directory (sync to refresh it)",
    ),
    "sync.no_directory": (
        "ยังไม่มีสมุดรายชื่อหน่วยงาน กรุณาซิงก์ก่อน",
        "The agency directory is not cached yet; sync first",
    ),
    "sync.op_not_found": ("ไม่พบรายการส่ง {op_id}", "No outbox operation {op_id}"),
    "sync.op_not_failed": (
        "รายการ {op_id} ไม่ได้อยู่ในสถานะล้มเหลว", "Operation {op_id} has not failed"),
    "sync.inbox_not_found": ("ไม่พบหนังสือเข้า {id}", "No inbox item {id}"),
    "sync.inbox_not_ready": (
        "หนังสือเข้า {id} ยังดาวน์โหลดไม่ครบ กรุณาซิงก์ก่อน",
        "Inbox item {id} is not downloaded yet; sync first",
    ),
    "sync.inbox_registered": (
        "หนังสือเข้า {id} ลงทะเบียนรับแล้ว ({detail})",
        "Inbox item {id} is already registered ({detail})",
    ),
    "sync.local_blob_damaged": (
        "ไฟล์เอกสาร {hash} ในเครื่องเสียหาย จึงไม่ส่ง (korat check)",
        "The local document file {hash} is damaged and was not sent (korat check)",
    ),
    "sync.download_corrupt": (
        "ไฟล์ {hash} ที่ดาวน์โหลดไม่ตรงกับค่าแฮช จะดาวน์โหลดใหม่",
        "The downloaded file {hash} does not match its hash; it will be fetched again",
    ),
    "sync.pending_work": (
        "ยังมีรายการรอส่ง {count} รายการ ซิงก์ก่อนออกจากระบบ หรือใช้ --force",
        "{count} operations are still waiting to be sent; sync first or use --force",
    ),
    "sync.relay_evidence_invalid": (
        "หลักฐานการลงนามของชุดเอกสาร {bundle} ไม่อยู่ในรูปแบบที่ระบบกลางรับได้ จึงส่งต่อไม่ได้",
        "The signed evidence of bundle {bundle} is not in a form the hub accepts, so it "
        "cannot be relayed",
    ),
    "sync.relay_refused": (
        "ระบบกลางไม่รับรายการที่ส่งต่อจากชุดเอกสาร {bundle}",
        "The hub refused an operation relayed from bundle {bundle}",
    ),
    "sync.relay_not_designated": (
        "หน่วยงานนี้ไม่ได้รับมอบหมายให้เป็นผู้นำส่งแทน {agency} ที่ระบบกลาง "
        "(ผู้ดูแลระบบกลางตั้งค่าด้วย korat-hub relay set)",
        "This agency is not designated at the hub to relay for {agency} (the hub's "
        "administrator sets it with korat-hub relay set)",
    ),
    "sync.relay_bad_page": (
        "หน้าข้อมูลที่ระบบกลางส่งมาสำหรับ {agency} อ่านไม่ได้ ({detail})",
        "A page the hub sent for {agency} cannot be read ({detail})",
    ),
}
