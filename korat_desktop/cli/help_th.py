"""Thai for the ``korat`` command line's help and for argparse's own words.

Keyed by the English text the command modules declare (``help=``, ``description=``),
so a command keeps one declaration and Thai mode swaps the words when the parser is
built. ``tests/cli/test_help_thai.py`` runs every ``korat ... --help --lang th`` and
fails on a help text missing here. Option names, metavars and typed values
(``receive|send``) stay as typed: they are what the clerk or IT writes.
"""

from __future__ import annotations

__all__ = ["ARGPARSE_TH", "HELP_TH"]

ARGPARSE_TH: dict[str, str] = {
    # argparse's own words (Python 3.11-3.13 msgids)
    "usage: ": "วิธีใช้: ",
    "positional arguments": "อาร์กิวเมนต์ตามตำแหน่ง",
    "options": "ตัวเลือก",
    "optional arguments": "ตัวเลือก",
    "subcommands": "คำสั่งย่อย",
    "show this help message and exit": "แสดงวิธีใช้นี้แล้วจบ",
    "show program's version number and exit": "แสดงรุ่นของโปรแกรมแล้วจบ",
    "argument %(argument_name)s: %(message)s": "อาร์กิวเมนต์ %(argument_name)s: %(message)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "ไม่รู้จักคำสั่ง %(parser_name)r (ใช้ได้: %(choices)s)",
    "can't open '%(filename)s': %(error)s": "เปิด '%(filename)s' ไม่ได้: %(error)s",
    "unrecognized arguments: %s": "ไม่รู้จักอาร์กิวเมนต์: %s",
    "not allowed with argument %s": "ใช้ร่วมกับอาร์กิวเมนต์ %s ไม่ได้",
    "ignored explicit argument %r": "อาร์กิวเมนต์ %r ใช้กับตัวเลือกนี้ไม่ได้",
    "the following arguments are required: %s": "ต้องระบุอาร์กิวเมนต์ต่อไปนี้: %s",
    "one of the arguments %s is required": "ต้องระบุอาร์กิวเมนต์หนึ่งใน %s",
    "expected one argument": "ต้องมีค่าหนึ่งค่า",
    "expected at most one argument": "มีค่าได้ไม่เกินหนึ่งค่า",
    "expected at least one argument": "ต้องมีค่าอย่างน้อยหนึ่งค่า",
    "expected %s argument": "ต้องมี %s ค่า",
    "expected %s arguments": "ต้องมี %s ค่า",
    "ambiguous option: %(option)s could match %(matches)s":
        "ตัวเลือก %(option)s กำกวม อาจหมายถึง %(matches)s",
    "unexpected option string: %s": "ไม่คาดว่าจะมีตัวเลือก %s",
    "invalid %(type)s value: %(value)r": "ค่า %(value)r ใช้ไม่ได้ (ต้องเป็น %(type)s)",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "ค่า %(value)r ใช้ไม่ได้ (เลือกจาก %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ผิดพลาด: %(message)s\n",
}

HELP_TH: dict[str, str] = {
    # korat receive / inbox register --stamp-at (cli/stamp_text.py: STAMP_AT_HELP)
    ("ตำแหน่งตรารับ X,Y มม. จากมุมซ้ายบนของหน้าแรก (จำไว้ใช้กับหนังสือฉบับต่อไป"
     "จากผู้ส่งเดิม) / receipt stamp's top left, X,Y mm from page 1's top left "
     "(kept for this sender's next letter)"):
        "ตำแหน่งตรารับ X,Y มิลลิเมตร จากมุมซ้ายบนของหน้าแรก (จำไว้ใช้กับหนังสือฉบับต่อไปจากผู้ส่งเดิม)",
    # korat and its common options
    "Korat Desktop command line": "Korat Desktop: งานสารบรรณจากบรรทัดคำสั่ง",
    "use DIR for all data (tests, portable)": "เก็บข้อมูลทั้งหมดในโฟลเดอร์ DIR (ทดสอบ, ใช้แบบพกพา)",
    "machine-readable output": "ผลลัพธ์สำหรับโปรแกรมอื่นอ่าน (JSON)",
    "language of messages": "ภาษาของข้อความ (th ไทย, en อังกฤษ)",
    # korat-desktop
    "Korat Desktop: registers, signing and sync for Thai official letters.":
        "Korat Desktop: ทะเบียนหนังสือ การลงนาม และการรับส่งกับระบบสารบรรณกลาง",
    "keep all data in DIR (default: your user data folder)":
        "เก็บข้อมูลทั้งหมดในโฟลเดอร์ DIR (ถ้าไม่ระบุ: โฟลเดอร์ข้อมูลของผู้ใช้)",
    "interface language (default: the ui.language setting, Thai)":
        "ภาษาของหน้าจอ (ถ้าไม่ระบุ: ตามการตั้งค่าภาษา ค่าเริ่มต้นคือไทย)",
    "a demo office with sample letters and a test signing token":
        "สำนักงานตัวอย่างพร้อมหนังสือตัวอย่างและบัตรลงนามสำหรับทดสอบ",
    "PDF letters to register as received": "ไฟล์ PDF ของหนังสือที่จะลงรับ",
    # registers
    "set up this office's agency": "ตั้งค่าหน่วยงานของสำนักงานนี้",
    "register an incoming letter": "ลงทะเบียนรับหนังสือ",
    "register an outgoing letter": "ลงทะเบียนส่งหนังสือ",
    "list a register": "แสดงรายการในทะเบียน",
    "show one entry": "แสดงรายการทะเบียนหนึ่งรายการ",
    "full-text search (Thai substrings)": "ค้นหาข้อความ (ค้นส่วนหนึ่งของคำภาษาไทยได้)",
    "write an entry's PDF": "บันทึกไฟล์ PDF ของรายการทะเบียน",
    "void a number (recorded, never reused)": "ยกเลิกเลขทะเบียน (บันทึกไว้ ไม่นำเลขกลับมาใช้อีก)",
    "print a register": "พิมพ์ทะเบียน (รายงานทะเบียนหนังสือ)",
    "audit log": "บันทึกการตรวจสอบย้อนหลัง",
    "check data integrity": "ตรวจความถูกต้องของข้อมูล",
    "propose a letter's fields from its text; warn of duplicates":
        "อ่านข้อความในหนังสือแล้วเสนอข้อมูลแต่ละช่อง เตือนเมื่อซ้ำกับที่ลงทะเบียนแล้ว",
    "show or change settings": "แสดงหรือเปลี่ยนการตั้งค่า",
    "letter code, e.g. \"นม 0017.1\"": "รหัสหนังสือของหน่วยงาน เช่น \"นม 0017.1\"",
    "agency name": "ชื่อหน่วยงาน",
    "เรื่อง (default: read from the letter, with every field not given; see korat intake)":
        "เรื่อง (ถ้าไม่ระบุ: อ่านจากหนังสือ พร้อมทุกช่องที่ไม่ได้ระบุ ดู korat intake)",
    "จาก": "จาก",
    "ถึง": "ถึง",
    "ที่ of the letter, e.g. \"ที่ มท 0201.2/ว 1590\"": "ที่ของหนังสือ เช่น \"ที่ มท 0201.2/ว 1590\"",
    "register even if the same file, or the same ที่ and ลงวันที่, is already in the register":
        "ลงทะเบียนแม้ไฟล์เดียวกัน หรือที่และลงวันที่เดียวกัน มีอยู่ในทะเบียนแล้ว",
    "ลงวันที่ DD/MM/YYYY (BE), e.g. 25/11/2569, or YYYY-MM-DD (CE, or BE if the year > 2400)":
        "ลงวันที่ วว/ดด/ปปปป (พ.ศ.) เช่น 25/11/2569 หรือ ปปปป-ดด-วว "
        "(ค.ศ. หรือ พ.ศ. เมื่อปีเกิน 2400)",
    "external|internal|stamped|directive|notice|evidence":
        "ประเภทหนังสือ: external|internal|stamped|directive|notice|evidence "
        "(ภายนอก ภายใน ประทับตรา สั่งการ ประชาสัมพันธ์ ที่เจ้าหน้าที่ทำขึ้น)",
    "normal|urgent|very_urgent|most_urgent (or ด่วน ...)":
        "ชั้นความเร็ว: normal|urgent|very_urgent|most_urgent (หรือ ด่วน ด่วนมาก ด่วนที่สุด)",
    "none|confidential|secret|top_secret (or ลับ ...)":
        "ชั้นความลับ: none|confidential|secret|top_secret (หรือ ลับ ลับมาก ลับที่สุด)",
    "notes (searchable)": "บันทึกเพิ่มเติม (ค้นหาได้)",
    "การปฏิบัติ": "การปฏิบัติ",
    "หมายเหตุ": "หมายเหตุ",
    "keep for N years (0 = permanently)": "เก็บไว้ N ปี (0 = เก็บตลอดไป)",
    "เรื่อง": "เรื่อง",
    "ถึง (required without --to-agency)": "ถึง (ต้องระบุเมื่อไม่ใช้ --to-agency)",
    "recipient agency code, for sending through the hub (repeatable)":
        "รหัสหน่วยงานผู้รับ สำหรับส่งผ่านระบบกลาง (ระบุซ้ำได้)",
    "จาก (default: this agency)": "จาก (ถ้าไม่ระบุ: หน่วยงานนี้)",
    "หนังสือเวียน: ว before the number": "หนังสือเวียน: มี ว หน้าเลขที่",
    "Buddhist Era year (default: this year)": "ปี พ.ศ. (ถ้าไม่ระบุ: ปีนี้)",
    "the file to write, or - for standard output": "ไฟล์ที่จะเขียน หรือ - เพื่อเขียนออกทางหน้าจอ",
    "version number (default: latest)": "รุ่นที่ (ถ้าไม่ระบุ: รุ่นล่าสุด)",
    "entry to void": "รายการที่จะยกเลิก",
    "void the next number of this register": "ยกเลิกเลขถัดไปของทะเบียนนี้",
    "verify the hash chain": "ตรวจสายโซ่ค่าแฮชของบันทึก",
    "also remove leftovers of interrupted writes": "ลบเศษที่ค้างจากการเขียนที่ถูกขัดจังหวะด้วย",
    "every setting, its value and source": "การตั้งค่าทุกรายการ ค่า และที่มาของค่า",
    "change a user setting": "เปลี่ยนการตั้งค่าของผู้ใช้",
    "write the machine config (IT, installers) instead":
        "เขียนค่าของเครื่องแทน (สำหรับฝ่ายไอทีและตัวติดตั้ง)",
    # signing
    "list signing tokens and certificates": "แสดงบัตรลงนามและใบรับรอง",
    "sign a PDF file (PAdES B-B)": "ลงนามไฟล์ PDF (ลายมือชื่อพื้นฐาน)",
    "validate the signatures of a register entry or a PDF file":
        "ตรวจลายมือชื่อของรายการทะเบียนหรือไฟล์ PDF",
    "sign register entries' PDFs (PAdES B-B, one PIN for all)":
        "ลงนามไฟล์ PDF ของรายการทะเบียน (ลายมือชื่อพื้นฐาน ใส่ PIN ครั้งเดียวทั้งชุด)",
    "upgrade stored signatures towards signing.target_level":
        "ยกระดับลายมือชื่อที่เก็บไว้ถึงระดับเป้าหมายในการตั้งค่า",
    "add timestamp and revocation data (B-T, B-LT, B-LTA)":
        "เพิ่มตราประทับเวลาและข้อมูลการเพิกถอน (ยกระดับลายมือชื่อ)",
    "use this PKCS#11 module only": "ใช้ไลบรารี PKCS#11 นี้เท่านั้น",
    "sign with a .p12/.pfx file instead": "ลงนามด้วยไฟล์ .p12/.pfx แทน",
    "read the PIN/password from stdin": "อ่าน PIN หรือรหัสผ่านจากอินพุตมาตรฐาน",
    "page for the stamp (default: last)": "หน้าที่วางตราลายมือชื่อ (ถ้าไม่ระบุ: หน้าสุดท้าย)",
    "stamp rectangle in PDF points": "กรอบของตราลายมือชื่อ หน่วยพอยต์ของ PDF",
    "no visible stamp": "ไม่แสดงตราลายมือชื่อบนหน้า",
    "name on the stamp (default: certificate)": "ชื่อบนตรา (ถ้าไม่ระบุ: ชื่อในใบรับรอง)",
    "position (ตำแหน่ง) on the stamp": "ตำแหน่งบนตรา",
    "certifying signature (DocMDP)": "ลายมือชื่อรับรองเอกสาร (ห้ามแก้ไขหลังลงนาม)",
    "a PDF file, or a register entry id (its latest version)":
        "ไฟล์ PDF หรือเลขรายการทะเบียน (ใช้รุ่นล่าสุด)",
    "use embedded revocation data only": "ใช้เฉพาะข้อมูลการเพิกถอนที่ฝังอยู่ในไฟล์",
    "register entry ids": "เลขรายการทะเบียน",
    "timestamp authority (default: config)": "ที่อยู่บริการประทับเวลา (ถ้าไม่ระบุ: ตามการตั้งค่า)",
    "target level (default: config)": "ระดับเป้าหมาย (ถ้าไม่ระบุ: ตามการตั้งค่า)",
    "b-t, b-lt or b-lta (default: signing.target_level)":
        "ระดับ b-t|b-lt|b-lta (ถ้าไม่ระบุ: ตามการตั้งค่าระดับลายมือชื่อเป้าหมาย)",
    # sync
    "enroll this device at the hub": "ลงทะเบียนเครื่องนี้กับระบบกลาง",
    "release leased numbers, revoke and forget the device token":
        "คืนเลขทะเบียนที่จองไว้ ยกเลิกและลบรหัสประจำเครื่อง",
    "send the outbox, fetch the inbox": "ส่งหนังสือที่รอส่ง และรับหนังสือเข้า",
    "enrollment, queue and reserves": "สถานะการลงทะเบียนเครื่อง คิว และเลขสำรอง",
    "operations waiting or failed": "รายการที่รอส่งหรือส่งไม่สำเร็จ",
    "queue signed outgoing letters for sending (immutable afterwards)":
        "เข้าคิวส่งหนังสือส่งที่ลงนามแล้ว (แก้ไขไม่ได้หลังจากนั้น)",
    "letters sent to us through the hub": "หนังสือที่หน่วยงานอื่นส่งถึงเราผ่านระบบกลาง",
    "the cached agency directory": "ทะเบียนหน่วยงานที่เก็บไว้ในเครื่อง",
    "letters our agency sent through the hub, with delivery receipts":
        "หนังสือที่หน่วยงานเราส่งผ่านระบบกลาง พร้อมใบตอบรับ",
    "one pass; otherwise retry network failures with backoff":
        "ทำรอบเดียว (ถ้าไม่ระบุ: ลองใหม่เมื่อเครือข่ายขัดข้อง โดยรอนานขึ้นทีละน้อย)",
    "passes at most without --once (default 5)": "จำนวนรอบสูงสุดเมื่อไม่ใช้ --once (ค่าเริ่มต้น 5)",
    "hub URL (default: sync.hub_url)": "ที่อยู่ระบบสารบรรณกลาง (ถ้าไม่ระบุ: ตามการตั้งค่า)",
    "read the password from one line of stdin": "อ่านรหัสผ่านหนึ่งบรรทัดจากอินพุตมาตรฐาน",
    "default: this computer's name": "ถ้าไม่ระบุ: ชื่อของเครื่องนี้",
    "sign out even offline or with operations still queued":
        "ออกจากระบบแม้ไม่มีเครือข่ายหรือยังมีรายการค้างในคิว",
    "one pass; otherwise retry until everything is through":
        "ทำรอบเดียว (ถ้าไม่ระบุ: ลองใหม่จนส่งครบ)",
    "give up after S seconds": "เลิกเมื่อครบ S วินาที",
    "skip signature upgrades": "ไม่ยกระดับลายมือชื่อ",
    "include committed operations": "รวมรายการที่ส่งสำเร็จแล้ว",
    "queue a failed operation again": "เข้าคิวรายการที่ส่งไม่สำเร็จอีกครั้ง",
    "send register entry ids": "เลขรายการในทะเบียนส่ง",
    "send without a signature (e.g. stamped letters)": "ส่งโดยไม่ลงนาม (เช่น หนังสือประทับตรา)",
    "include registered letters": "รวมหนังสือที่ลงรับแล้ว",
    "register an arrived letter (receive number + stamp)":
        "ลงรับหนังสือที่มาถึง (ออกเลขรับและประทับตรารับ)",
    "เรื่อง (default: as sent)": "เรื่อง (ถ้าไม่ระบุ: ตามที่ผู้ส่งระบุ)",
    # demo, drafts, diagnostics
    "a demo office with sample letters, a local hub and a second office":
        "สำนักงานตัวอย่างพร้อมหนังสือตัวอย่าง ระบบกลางในเครื่อง และสำนักงานที่สอง",
    "only the standalone office with sample letters (no hub, no peer)":
        "เฉพาะสำนักงานตัวอย่างพร้อมหนังสือ (ไม่มีระบบกลางและสำนักงานที่สอง)",
    "drafts (ร่าง): letters before a number": "ร่างหนังสือ: หนังสือที่ยังไม่ออกเลข",
    "keep a PDF as a draft": "เก็บไฟล์ PDF ไว้เป็นร่าง",
    "change a draft": "แก้ไขร่าง",
    "list drafts, most urgent first": "แสดงร่างทั้งหมด เรื่องด่วนที่สุดก่อน",
    "issue the send-register number (the draft becomes an entry)":
        "ออกเลขทะเบียนส่ง (ร่างกลายเป็นรายการในทะเบียน)",
    "throw a draft away": "ลบร่าง",
    "ถึง (free text)": "ถึง (พิมพ์ได้อิสระ)",
    "an agency of the hub's directory (repeat for several)":
        "หน่วยงานในทะเบียนของระบบกลาง (ระบุซ้ำได้หลายหน่วยงาน)",
    "ลงวันที่ YYYY-MM-DD (CE, or BE if the year > 2400)":
        "ลงวันที่ ปปปป-ดด-วว (ค.ศ. หรือ พ.ศ. เมื่อปีเกิน 2400)",
    "notes": "บันทึกเพิ่มเติม",
    "a new PDF for it": "ไฟล์ PDF ใหม่ของร่างนี้",
    "zip versions, settings, checks, sync state and logs for IT (no secrets)":
        "รวมรุ่นโปรแกรม การตั้งค่า ผลการตรวจ สถานะการซิงก์ และไฟล์บันทึก "
        "เป็นไฟล์ ZIP สำหรับฝ่ายไอที (ไม่มีข้อมูลลับ)",
    "where to write it (default: korat-diagnostics-<time>.zip here)":
        "ที่จะเขียนไฟล์ (ถ้าไม่ระบุ: ไฟล์ korat-diagnostics-<เวลา>.zip ในโฟลเดอร์นี้)",
    # couriers and keys
    "courier bundles on removable media / ชุดเอกสารพนักงานนำสาร":
        "ชุดเอกสารพนักงานนำสาร บนสื่อบันทึกแบบถอดได้",
    "what a bundle is sealed for; with --key, check and list it":
        "ชุดเอกสารปิดผนึกถึงใคร เมื่อใช้ --key: ตรวจและแสดงรายการข้างใน",
    "write what waits for agencies into bundles / ส่งออกชุดเอกสาร":
        "ส่งออกชุดเอกสาร: เขียนสิ่งที่รอส่งถึงหน่วยงานลงในชุดเอกสาร",
    "check and store bundles / นำเข้าชุดเอกสาร": "นำเข้าชุดเอกสาร: ตรวจและจัดเก็บ",
    "bundles out and in / ทะเบียนชุดเอกสารพนักงานนำสาร":
        "ทะเบียนชุดเอกสารพนักงานนำสาร ทั้งส่งออกและนำเข้า",
    "the recipient's decryption key": "กุญแจถอดรหัสของผู้รับ",
    "the recipient's certificate": "ใบรับรองของผู้รับ",
    "trust this root too (besides the configured ones)":
        "เชื่อถือใบรับรองหลักนี้ด้วย (นอกจากที่ตั้งค่าไว้)",
    "only these outbox operations": "เฉพาะรายการรอส่งเหล่านี้",
    "operations for this agency (repeatable) / ถึงหน่วยงาน":
        "รายการที่ถึงหน่วยงานนี้ (ระบุซ้ำได้)",
    "everything waiting to go": "ทุกรายการที่รอส่ง",
    "as relay: what waits at the hub for this offline agency":
        "นำส่งแทน: สิ่งที่รออยู่ที่ระบบกลางสำหรับหน่วยงานนี้ที่ไม่มีเครือข่าย",
    "a folder (the stick) or a file name (default: this folder)":
        "โฟลเดอร์ (แฟลชไดรฟ์) หรือชื่อไฟล์ (ถ้าไม่ระบุ: โฟลเดอร์นี้)",
    "do not look for signing tokens / ไม่ค้นหาบัตร": "ไม่ค้นหาบัตรลงนาม",
    "this office's keys and the agencies' certificates / กุญแจของหน่วยงาน":
        "กุญแจของหน่วยงานนี้และใบรับรองของหน่วยงานต่าง ๆ",
    "signing and encryption certificates, cached agencies / แสดงใบรับรอง":
        "แสดงใบรับรองสำหรับลงนามและเข้ารหัส และหน่วยงานที่เก็บไว้ในเครื่อง",
    "make this office's encryption key / สร้างกุญแจเข้ารหัสของหน่วยงาน":
        "สร้างกุญแจเข้ารหัสของหน่วยงานนี้",
    "install the CA's certificate for our key / นำเข้าใบรับรองจาก CA":
        "นำเข้าใบรับรองที่ CA ออกให้กุญแจของเรา",
    "publish our certificates to the hub / เผยแพร่ใบรับรองไปยังระบบกลาง":
        "เผยแพร่ใบรับรองของเราไปยังระบบกลาง",
    "write our signed certificate file / ส่งออกไฟล์ใบรับรองของหน่วยงาน":
        "ส่งออกไฟล์ใบรับรองของหน่วยงานที่ลงนามแล้ว",
    "import a signed directory or an office's certificate file / "
    "นำเข้าทะเบียนหน่วยงานหรือใบรับรองของหน่วยงานอื่น":
        "นำเข้าทะเบียนหน่วยงานที่ลงนามแล้ว หรือไฟล์ใบรับรองของหน่วยงานอื่น",
    "write a certificate request for the CA / เขียนคำขอใบรับรองถึง CA":
        "เขียนคำขอใบรับรองถึง CA",
    "replace the current key (it is kept, retired) / สร้างใหม่แทนกุญแจเดิม":
        "สร้างกุญแจใหม่แทนกุญแจเดิม (กุญแจเดิมยังเก็บไว้ แต่เลิกใช้)",
    "publish this signing certificate (default: the tokens') / ใบรับรองลงนาม":
        "เผยแพร่ใบรับรองลงนามนี้ (ถ้าไม่ระบุ: ใบรับรองในบัตร)",
    "the hub's signed directory instead (fetched now, for a courier) / "
    "ทะเบียนหน่วยงานที่ระบบกลางลงนาม":
        "ทะเบียนหน่วยงานที่ระบบกลางลงนามแทน (ดึงมาตอนนี้ ให้พนักงานนำสารนำไป)",
    # search filters
    "words to look for (may be left out when a filter is given)":
        "คำที่ค้นหา (ไม่ต้องระบุก็ได้เมื่อใช้ตัวกรอง)",
    "only this register": "เฉพาะทะเบียนนี้",
    "registered on or after this day (25/11/2569, BE)":
        "ลงทะเบียนตั้งแต่วันนี้ (เช่น 25/11/2569, พ.ศ.)",
    "registered on or before this day (BE)": "ลงทะเบียนถึงวันนี้ (พ.ศ.)",
    "sender or recipient contains TEXT": "จากหรือถึงมีข้อความ TEXT",
    "only this urgency: normal|urgent|very_urgent|most_urgent (or ด่วน ...)":
        "เฉพาะชั้นความเร็วนี้: normal|urgent|very_urgent|most_urgent "
        "(หรือ ด่วน ด่วนมาก ด่วนที่สุด)",
    "only this secrecy: none|confidential|secret|top_secret (or ลับ ...)":
        "เฉพาะชั้นความลับนี้: none|confidential|secret|top_secret (หรือ ลับ ลับมาก ลับที่สุด)",
    # action taken (การปฏิบัติ)
    "fill in the action taken (การปฏิบัติ) and remarks of an entry":
        "บันทึกการปฏิบัติและหมายเหตุของรายการทะเบียน",
    "การปฏิบัติ (empty text clears it)": "การปฏิบัติ (ข้อความว่างคือลบออก)",
    "หมายเหตุ (empty text clears it)": "หมายเหตุ (ข้อความว่างคือลบออก)",
    # printing and OCR
    "read scanned letters with OCR (Thai+English): text layer, search":
        "อ่านหนังสือที่สแกนด้วย OCR (ไทยและอังกฤษ): เพิ่มชั้นข้อความ ค้นหาได้",
    "delivery slip (ใบรับหนังสือ) for letters that go by hand":
        "ใบรับหนังสือ สำหรับหนังสือที่ส่งด้วยมือ",
    "a scan: leave OCR for later (korat ocr --pending)":
        "หนังสือที่สแกน: ยังไม่อ่านด้วย OCR ตอนนี้ (อ่านภายหลังด้วย korat ocr --pending)",
    "first day registered, DD/MM/YYYY (BE), e.g. 2/12/2569 (instead of --year)":
        "วันแรกที่ลงทะเบียน วว/ดด/ปปปป (พ.ศ.) เช่น 2/12/2569 (แทน --year)",
    "last day (default: --from)": "วันสุดท้าย (ถ้าไม่ระบุ: วันเดียวกับ --from)",
    "register entry id": "เลขรายการทะเบียน",
    "every scan waiting for OCR": "หนังสือที่สแกนทุกฉบับที่รออ่านด้วย OCR",
    "read a letter again": "อ่านหนังสืออีกครั้ง",
    # first sign-in, secret letters, updates
    "first sign-in of an account IT imported (รหัสตั้งค่าครั้งแรก): the code IT handed out; "
    "the password read is then the new one (8+ characters)":
        "ลงชื่อเข้าครั้งแรกของบัญชีที่ฝ่ายไอทีนำเข้า: ใส่รหัสตั้งค่าครั้งแรกที่ฝ่ายไอทีให้ "
        "รหัสผ่านที่อ่านได้จะเป็นรหัสผ่านใหม่ (อย่างน้อย 8 ตัวอักษร)",
    "a secret letter: open its fields with the office key (audited)":
        "หนังสือลับ: เปิดดูข้อมูลด้วยกุญแจของหน่วยงาน (บันทึกการเปิดไว้)",
    "a secret letter: write the decrypted PDF, not its sealed form (audited)":
        "หนังสือลับ: เขียนไฟล์ PDF ที่ถอดรหัสแล้ว แทนฉบับที่ปิดผนึก (บันทึกการเปิดไว้)",
    "a secret letter: open its fields with the office key (audited) / "
    "หนังสือลับ: เปิดด้วยกุญแจของหน่วยงาน (บันทึกในประวัติ)":
        "หนังสือลับ: เปิดดูข้อมูลด้วยกุญแจของหน่วยงาน (บันทึกในประวัติ)",
    "a secret letter: write the decrypted PDF, not its sealed form (audited) / "
    "หนังสือลับ: ส่งออกแบบถอดรหัส (บันทึกในประวัติ)":
        "หนังสือลับ: ส่งออกไฟล์ PDF ที่ถอดรหัสแล้ว แทนฉบับที่ปิดผนึก (บันทึกในประวัติ)",
    "signed updates of the app (ปรับรุ่นโปรแกรม)": "ปรับรุ่นโปรแกรมด้วยชุดปรับรุ่นที่ลงนามแล้ว",
    "is a newer signed version there? (ตรวจหารุ่นใหม่)": "ตรวจหารุ่นใหม่ที่ลงนามแล้ว",
    "fetch, verify and install the newest version (ติดตั้งรุ่นใหม่)":
        "ดาวน์โหลด ตรวจสอบ และติดตั้งรุ่นใหม่ล่าสุด",
    "a copy of the update repository (USB); default: the hub":
        "สำเนาแหล่งชุดปรับรุ่น (แฟลชไดรฟ์) ถ้าไม่ระบุ: ระบบกลาง",
    "install without asking": "ติดตั้งโดยไม่ถาม",
}
