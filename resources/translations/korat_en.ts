<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="th_TH">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../korat_desktop/ui/help_dialogs.py" line="63"/>
        <source>เกี่ยวกับ Korat Desktop</source>
        <translation>About Korat Desktop</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/help_dialogs.py" line="65"/>
        <source>รุ่นโปรแกรม</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/help_dialogs.py" line="66"/>
        <source>สัญญาอนุญาต</source>
        <translation>Licence</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/help_dialogs.py" line="67"/>
        <source>หน่วยงาน</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/help_dialogs.py" line="68"/>
        <source>ยังไม่ได้ตั้ง</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/help_dialogs.py" line="69"/>
        <source>ระบบสารบรรณกลาง</source>
        <translation>Central e-Office hub</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/help_dialogs.py" line="69"/>
        <source>ยังไม่ได้ตั้ง (ใช้งานในเครื่องนี้เท่านั้น)</source>
        <translation>Not set (this PC only)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/help_dialogs.py" line="70"/>
        <source>รหัสเครื่อง</source>
        <translation>Device ID</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/help_dialogs.py" line="71"/>
        <source>ระบบ</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/help_dialogs.py" line="75"/>
        <source>โปรแกรมงานสารบรรณสำหรับสำนักงานที่อินเทอร์เน็ตไม่เสถียร</source>
        <translation>Official correspondence for offices with an unreliable internet link</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/help_dialogs.py" line="82"/>
        <source>ปิด</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../korat_desktop/ui/action_dialog.py" line="41"/>
        <source>การปฏิบัติ เลขทะเบียน {number}</source>
        <translation>Action taken, entry {number}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/action_dialog.py" line="44"/>
        <location filename="../../korat_desktop/ui/action_dialog.py" line="58"/>
        <source>การปฏิบัติ</source>
        <translation>Action taken</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/action_dialog.py" line="46"/>
        <source>เช่น เสนอผู้อำนวยการ, แจ้งเวียนทุกกลุ่มงาน</source>
        <translation>e.g. put to the director, circulated to every section</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/action_dialog.py" line="49"/>
        <location filename="../../korat_desktop/ui/action_dialog.py" line="59"/>
        <source>หมายเหตุ</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/action_dialog.py" line="57"/>
        <source>เรื่อง</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/action_dialog.py" line="61"/>
        <source>บันทึก</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/action_dialog.py" line="63"/>
        <source>ยกเลิก</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>AgencyDialog</name>
    <message>
        <location filename="../../korat_desktop/ui/agency_dialog.py" line="33"/>
        <source>ตั้งค่าหน่วยงาน</source>
        <translation>Set up your agency</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/agency_dialog.py" line="36"/>
        <source>ครั้งแรกที่ใช้งาน กรุณาระบุหน่วยงานของเครื่องนี้ รหัสหนังสือจะใช้ออกเลขที่หนังสือส่ง เช่น ที่ นม 0017.1/123 และเปลี่ยนภายหลังไม่ได้</source>
        <translation>This is the first start: please name the agency this computer works for. The letter code goes into every outgoing letter number, e.g. ที่ นม 0017.1/123, and cannot be changed later.</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/agency_dialog.py" line="40"/>
        <source>รหัสหนังสือของหน่วยงาน</source>
        <translation>Agency letter code</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/agency_dialog.py" line="41"/>
        <source>เช่น นม 0017.1</source>
        <translation>e.g. นม 0017.1</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/agency_dialog.py" line="43"/>
        <location filename="../../korat_desktop/ui/agency_dialog.py" line="53"/>
        <source>ชื่อหน่วยงาน</source>
        <translation>Agency name</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/agency_dialog.py" line="44"/>
        <source>เช่น สำนักงานจังหวัดนครราชสีมา</source>
        <translation>e.g. สำนักงานจังหวัดนครราชสีมา</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/agency_dialog.py" line="48"/>
        <source>เริ่มใช้งาน</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/agency_dialog.py" line="50"/>
        <source>ออก</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/agency_dialog.py" line="52"/>
        <source>รหัสหนังสือ</source>
        <translation>Letter code</translation>
    </message>
</context>
<context>
    <name>BundleImportDialog</name>
    <message>
        <location filename="../../korat_desktop/ui/bundle_import_dialog.py" line="46"/>
        <source>นำเข้าชุดเอกสารจากพนักงานนำสาร</source>
        <translation>Import courier bundles</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/bundle_import_dialog.py" line="50"/>
        <source>กำลังตรวจและนำเข้า {count} ชุด…</source>
        <translation>Checking and importing {count} bundle(s)…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/bundle_import_dialog.py" line="54"/>
        <source>ผลการนำเข้า</source>
        <translation>Import result</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/bundle_import_dialog.py" line="58"/>
        <source>ผลการนำเข้าแต่ละไฟล์</source>
        <translation>Result for each file</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/bundle_import_dialog.py" line="60"/>
        <source>{name}: รอตรวจ</source>
        <translation>{name}: waiting to be checked</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/bundle_import_dialog.py" line="61"/>
        <source>ปิด</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/bundle_import_dialog.py" line="89"/>
        <source>{name}: ไม่ได้นำเข้า — {why}</source>
        <translation>{name}: not imported — {why}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/bundle_import_dialog.py" line="90"/>
        <source>{name}: นำเข้าแล้ว เก็บที่นี่ {applied} รายการ ส่งต่อระบบกลาง {relayed} รายการ มีอยู่แล้ว {already} รายการ</source>
        <translation>{name}: imported; {applied} stored here, {relayed} passed on to the central e-Office, {already} already here</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/bundle_import_dialog.py" line="101"/>
        <source>นำเข้าได้ {good} จาก {count} ชุด</source>
        <translation>Imported {good} of {count} bundle(s)</translation>
    </message>
</context>
<context>
    <name>CourierExportDialog</name>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="69"/>
        <source>ส่งทางพนักงานนำสาร</source>
        <translation>Send by courier</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="73"/>
        <source>หนังสือที่เลือก</source>
        <translation>Chosen letters</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="74"/>
        <source>ทุกฉบับที่รอส่งถึงหน่วยงานที่เลือก</source>
        <translation>Everything waiting for the chosen agencies</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="75"/>
        <source>ที่รอที่ระบบกลางถึงหน่วยงานที่เรานำส่งให้</source>
        <translation>What waits at the hub for an agency we carry for</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="77"/>
        <source>หน่วยงานที่ไม่มีอินเทอร์เน็ตซึ่งระบบกลางกำหนดให้หน่วยงานนี้นำเอกสารไปส่ง</source>
        <translation>An agency without a link whose mail the central e-Office has this office carry</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="85"/>
        <source>หน่วยงานที่เรานำส่งให้</source>
        <translation>Agency we carry for</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="90"/>
        <source>หนังสือที่รอส่ง</source>
        <translation>Letters waiting to go</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="92"/>
        <source>หน่วยงานผู้รับ</source>
        <translation>Recipient agencies</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="95"/>
        <source>ไดรฟ์ปลายทาง</source>
        <translation>Destination drive</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="96"/>
        <source>โฟลเดอร์อื่น…</source>
        <translation>Another folder…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="97"/>
        <source>เขียนลงโฟลเดอร์ที่เลือกเอง</source>
        <translation>Write into a folder you choose</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="104"/>
        <source>ปลายทาง</source>
        <translation>Destination</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="108"/>
        <source>ความคืบหน้าการเขียนชุดเอกสาร</source>
        <translation>Bundle writing progress</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="114"/>
        <source>ผลการส่งทางพนักงานนำสาร</source>
        <translation>Courier export result</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="116"/>
        <source>ไฟล์ที่เขียน</source>
        <translation>Files written</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="118"/>
        <source>ลงนามและเขียนลงไดรฟ์</source>
        <translation>Sign and write to the drive</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="119"/>
        <source>ปิด</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="132"/>
        <source>ส่งอะไร</source>
        <translation>What to send</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="174"/>
        <source>ไม่มีหนังสือที่รอส่ง</source>
        <translation>Nothing is waiting to go</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="182"/>
        <source>หนังสือ {number} เรื่อง {subject}</source>
        <translation>Letter {number}: {subject}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="185"/>
        <source>ใบตอบรับหนังสือ</source>
        <translation>Delivery receipt</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="188"/>
        <source>{what} — ถึง {to}</source>
        <translation>{what} — to {to}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="245"/>
        <source>{name} — ว่าง {free}</source>
        <translation>{name} — {free} free</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="250"/>
        <source>ไม่พบไดรฟ์แบบถอดได้ เสียบแฟลชไดรฟ์ หรือเลือกโฟลเดอร์อื่น</source>
        <translation>No removable drive found. Plug in a USB stick, or choose another folder</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="260"/>
        <source>เลือกโฟลเดอร์ปลายทาง</source>
        <translation>Choose the destination folder</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="276"/>
        <source>ว่าง {free} จาก {total}</source>
        <translation>{free} free of {total}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="301"/>
        <source>กำลังตรวจไดรฟ์ปลายทาง…</source>
        <translation>Checking the destination drive…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="306"/>
        <source>กดรหัสที่เครื่องอ่านบัตร…</source>
        <translation>Type the PIN on the card reader…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="307"/>
        <source>กำลังเข้าสู่บัตร…</source>
        <translation>Logging in to the card…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="314"/>
        <source>ไดรฟ์ปลายทางถูกถอดออกไปแล้ว</source>
        <translation>The destination drive was removed</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="317"/>
        <source>กำลังเขียนชุดเอกสาร ลงนามโดย {name}…</source>
        <translation>Writing the bundle, signed by {name}…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="329"/>
        <source>กำลังเตรียม…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="330"/>
        <source>กำลังเขียน…</source>
        <translation>Writing…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="330"/>
        <source>กำลังรับจากระบบกลาง…</source>
        <translation>Fetching from the central e-Office…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="331"/>
        <source>กำลังอ่านตรวจสอบ…</source>
        <translation>Reading back to verify…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="331"/>
        <source>กำลังบันทึก…</source>
        <translation>Recording…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="354"/>
        <source>เขียนแล้ว {files} ไฟล์ หนังสือ {letters} รายการ ขนาด {size} ที่ {folder}</source>
        <translation>Wrote {files} file(s), {letters} item(s), {size}, to {folder}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="358"/>
        <source>ไม่มีสิ่งใดต้องเขียน</source>
        <translation>Nothing needed writing</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_dialog.py" line="360"/>
        <source>ไม่ได้ส่ง {count} รายการ: {why}</source>
        <translation>{count} item(s) not sent: {why}</translation>
    </message>
</context>
<context>
    <name>CourierLogView</name>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="41"/>
        <source>ทะเบียนพนักงานนำสาร</source>
        <translation>Courier log</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="49"/>
        <source>วันที่</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="50"/>
        <source>ทาง</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="51"/>
        <source>หน่วยงาน</source>
        <translation>Agencies</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="52"/>
        <source>หนังสือ</source>
        <translation>Letters</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="53"/>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="60"/>
        <source>ตอบรับแล้ว</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="54"/>
        <source>ขนาด</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="55"/>
        <source>ไฟล์</source>
        <translation>Files</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="58"/>
        <source>รายการ</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="59"/>
        <source>ในชุดนี้</source>
        <translation>In this bundle</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="60"/>
        <source>ตอบรับ</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="61"/>
        <source>ยังไม่ตอบรับ</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="68"/>
        <source>หนังสือในชุดที่เลือก</source>
        <translation>Letters in the selected bundle</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="92"/>
        <source>ส่งออก</source>
        <translation>Out</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="92"/>
        <source>รับเข้า</source>
        <translation>In</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="96"/>
        <source>ถึง {agencies}</source>
        <translation>to {agencies}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="97"/>
        <source>จาก {agency}</source>
        <translation>from {agency}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="101"/>
        <source>{name} (ส่วน {part}/{parts})</source>
        <translation>{name} (part {part}/{parts})</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="108"/>
        <source>หนังสือถึงหน่วยงานอื่น (ปิดผนึก)</source>
        <translation>A letter for another agency (sealed)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="109"/>
        <source>หนังสือ เรื่อง {subject}</source>
        <translation>Letter: {subject}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="111"/>
        <source>ใบตอบรับหนังสือ</source>
        <translation>Delivery receipt</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="113"/>
        <source>แจ้งยกเลิกเลขทะเบียน</source>
        <translation>Voided register number</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="117"/>
        <source>นำไปส่ง</source>
        <translation>Carried</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="117"/>
        <source>รับไว้ที่นี่</source>
        <translation>Stored here</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="118"/>
        <source>ส่งต่อระบบกลาง</source>
        <translation>Passed on to the central e-Office</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="119"/>
        <source>จากระบบกลาง (นำส่งแทน)</source>
        <translation>From the central e-Office (carried for them)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/courier_log_view.py" line="140"/>
        <source>ยังไม่มีชุดเอกสารที่ส่งหรือรับทางพนักงานนำสาร</source>
        <translation>No courier bundle has been sent or received yet</translation>
    </message>
</context>
<context>
    <name>DeliveryPanel</name>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="35"/>
        <source>สถานะการส่ง</source>
        <translation>Delivery status</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="38"/>
        <source>ใบตอบรับจากผู้รับ</source>
        <translation>Receipts from recipients</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="39"/>
        <source>ผู้รับ</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="39"/>
        <source>สถานะ</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="39"/>
        <source>เลขรับ</source>
        <translation>Receive no.</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="40"/>
        <source>วันที่รับ</source>
        <translation>Received on</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="45"/>
        <source>ส่งทางระบบกลาง</source>
        <translation>Send via the hub</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="46"/>
        <source>ส่งหนังสือนี้ทางระบบกลาง</source>
        <translation>Send this letter via the central e-Office</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="53"/>
        <source>กำลังอ่านสถานะการส่ง…</source>
        <translation>Reading the delivery status…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="71"/>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="77"/>
        <source>ลงรับแล้ว</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="85"/>
        <source>ลงนามก่อนจึงส่งได้</source>
        <translation>Sign it first, then send</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="89"/>
        <source>ส่งถึงแล้ว รอลงรับ</source>
        <translation>Delivered, not registered yet</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="91"/>
        <source>ส่งไม่สำเร็จ</source>
        <translation>Not sent</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="93"/>
        <source>รอส่ง</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="94"/>
        <source>ยังไม่ได้ส่ง</source>
        <translation>Not sent yet</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="99"/>
        <source>ยังไม่ได้เชื่อมต่อกับระบบสารบรรณกลาง สถานะการส่งและการตอบรับจะแสดงที่นี่เมื่อเชื่อมต่อแล้ว</source>
        <translation>Not connected to the central e-Office. Delivery status and receipts appear here once connected.</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="101"/>
        <source>หนังสือนี้ไม่ได้ส่งทางระบบกลาง</source>
        <translation>This letter was not sent via the central e-Office.</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="105"/>
        <source>ยังไม่ได้ส่ง กด “ส่งทางระบบกลาง” เพื่อเข้าคิวส่ง</source>
        <translation>Not sent yet. Press “Send via the hub” to queue it.</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="106"/>
        <source>ยังไม่ได้ส่ง ลงนามก่อนแล้วจึงส่งทางระบบกลาง</source>
        <translation>Not sent yet. Sign it first, then send it via the hub.</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="108"/>
        <source>ส่งไม่สำเร็จ: {reason}</source>
        <translation>Not sent: {reason}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="111"/>
        <source>อยู่ในคิวส่ง จะส่งเมื่อซิงก์ครั้งถัดไป</source>
        <translation>Queued; it goes out with the next sync.</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="113"/>
        <source>ส่งถึงระบบกลางแล้ว</source>
        <translation>Delivered to the hub</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/delivery_panel.py" line="114"/>
        <source>ผู้รับลงรับแล้ว {done} จาก {total}</source>
        <translation>Registered by {done} of {total} recipients</translation>
    </message>
</context>
<context>
    <name>DiagnosticsSaver</name>
    <message>
        <location filename="../../korat_desktop/ui/diagnostics_action.py" line="55"/>
        <source>กำลังรวบรวมข้อมูลสำหรับฝ่ายไอที…</source>
        <translation>Collecting information for IT…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/diagnostics_action.py" line="62"/>
        <source>กำลังรวบรวมข้อมูลสำหรับฝ่ายไอที… {done}/{total}</source>
        <translation>Collecting information for IT… {done}/{total}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/diagnostics_action.py" line="67"/>
        <source>บันทึกข้อมูลสำหรับฝ่ายไอทีแล้ว: {path}</source>
        <translation>Information for IT saved: {path}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/diagnostics_action.py" line="69"/>
        <location filename="../../korat_desktop/ui/diagnostics_action.py" line="91"/>
        <source>ส่งข้อมูลให้ฝ่ายไอที</source>
        <translation>Send information to IT</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/diagnostics_action.py" line="70"/>
        <source>บันทึกข้อมูลสำหรับฝ่ายไอทีไว้ที่
{path}</source>
        <translation>Information for IT was saved to
{path}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/diagnostics_action.py" line="75"/>
        <source>ส่งไฟล์นี้ให้ฝ่ายไอที เช่น แนบอีเมลหรือไลน์ หรือคัดลอกใส่แฟลชไดรฟ์ ไฟล์นี้ไม่มีรหัส PIN รหัสผ่าน หรือเนื้อหาและชื่อเรื่องของหนังสือ</source>
        <translation>Send this file to IT, e.g. attached to an e-mail or a LINE message, or copied to a USB stick. It holds no PIN, no password and no letter content or subject.</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/diagnostics_action.py" line="77"/>
        <source>เปิดโฟลเดอร์</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/diagnostics_action.py" line="79"/>
        <source>ปิด</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/diagnostics_action.py" line="92"/>
        <source>บันทึกข้อมูลสำหรับฝ่ายไอทีไม่ได้: {error}</source>
        <translation>Could not save the information for IT: {error}</translation>
    </message>
</context>
<context>
    <name>DocumentWindow</name>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="78"/>
        <source>คัดลอกเลขทะเบียน</source>
        <translation>Copy register number</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="79"/>
        <source>คัดลอกเลขทะเบียนไปวางที่อื่น (Ctrl+Shift+C)</source>
        <translation>Copy the register number to paste elsewhere (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="80"/>
        <source>บันทึก PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="81"/>
        <source>บันทึก PDF เป็นไฟล์</source>
        <translation>Save the PDF as a file</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="82"/>
        <source>พิมพ์…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="83"/>
        <source>พิมพ์หนังสือนี้</source>
        <translation>Print this letter</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="84"/>
        <source>พิมพ์หนังสือพร้อมตราประทับ (Ctrl+P)</source>
        <translation>Print the letter with its stamps (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="85"/>
        <source>การปฏิบัติ…</source>
        <translation>Action…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="86"/>
        <source>บันทึกการปฏิบัติและหมายเหตุ</source>
        <translation>Record the action taken and remarks</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="87"/>
        <source>บันทึกการปฏิบัติและหมายเหตุ (Ctrl+E)</source>
        <translation>Record the action taken and remarks (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="88"/>
        <source>ลงนาม…</source>
        <translation>Sign…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="90"/>
        <source>ลงนามหนังสือนี้</source>
        <translation>Sign this letter</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="91"/>
        <source>ลงนามด้วยบัตรหรือโทเคน (Ctrl+Shift+S)</source>
        <translation>Sign with a smart card or token (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="96"/>
        <source>คำเตือน: เอกสารมีเนื้อหาที่สั่งทำงานได้</source>
        <translation>Warning: the document contains active content</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="104"/>
        <source>หนังสือลับ: เนื้อหาเก็บแบบเข้ารหัส ต้องปลดล็อกด้วยกุญแจของหน่วยงานก่อนจึงจะอ่านได้</source>
        <translation>Secret letter: its content is stored encrypted; unlock it with the office key to read it</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="108"/>
        <source>ปลดล็อกเพื่ออ่าน</source>
        <translation>Unlock to read</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="110"/>
        <source>ปลดล็อกหนังสือลับด้วยกุญแจของหน่วยงาน</source>
        <translation>Unlock secret letters with the office key</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="124"/>
        <source>ประวัติของหนังสือ</source>
        <translation>History of the letter</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="125"/>
        <source>เมื่อ</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="125"/>
        <source>โดย</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="125"/>
        <source>รายการ</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="130"/>
        <source>รายละเอียด</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="131"/>
        <location filename="../../korat_desktop/ui/document_window.py" line="283"/>
        <source>ลายมือชื่อ</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="132"/>
        <source>ประวัติ</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="133"/>
        <source>การส่ง</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="173"/>
        <source>กำลังเปิดหนังสือ…</source>
        <translation>Opening the letter…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="257"/>
        <source>เลขทะเบียนรับ</source>
        <translation>Receive no.</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="258"/>
        <source>เลขทะเบียนส่ง</source>
        <translation>Send no.</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="269"/>
        <source>ทะเบียน</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="271"/>
        <source>ลงทะเบียนเมื่อ</source>
        <translation>Registered at</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="272"/>
        <source>ที่</source>
        <translation>Letter no.</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="273"/>
        <source>ลงวันที่</source>
        <translation>Dated</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="274"/>
        <source>จาก</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="275"/>
        <source>ถึง</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="276"/>
        <source>เรื่อง</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="277"/>
        <source>ประเภท</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="278"/>
        <location filename="../../korat_desktop/ui/document_window.py" line="296"/>
        <source>ชั้นความเร็ว</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="279"/>
        <location filename="../../korat_desktop/ui/document_window.py" line="298"/>
        <source>ชั้นความลับ</source>
        <translation>Secrecy</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="280"/>
        <source>การปฏิบัติ</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="281"/>
        <source>หมายเหตุ</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="282"/>
        <source>บันทึกเพิ่มเติม</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="284"/>
        <source>อายุการเก็บ</source>
        <translation>Retention</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="284"/>
        <source>{years} ปี</source>
        <translation>{years} years</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="285"/>
        <source>รุ่นของเอกสาร</source>
        <translation>Versions</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="286"/>
        <source>รุ่นที่ {seq} {role}</source>
        <translation>version {seq} {role}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="321"/>
        <source>{label} (เก็บแบบเข้ารหัส ปลดล็อกแล้ว)</source>
        <translation>{label} (stored encrypted, unlocked)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="322"/>
        <source>{label} (เก็บแบบเข้ารหัส ล็อกอยู่)</source>
        <translation>{label} (stored encrypted, locked)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="315"/>
        <source>เอกสารนี้ยังไม่มีลายมือชื่ออิเล็กทรอนิกส์</source>
        <translation>This document has no electronic signature yet</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="328"/>
        <source>หนังสือรับ: สถานะการส่งแสดงเฉพาะหนังสือที่เราส่ง</source>
        <translation>A received letter: delivery status is shown for letters we send.</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="344"/>
        <source>บันทึก PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/document_window.py" line="345"/>
        <source>ไฟล์ PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>DraftsView</name>
    <message>
        <location filename="../../korat_desktop/ui/drafts_view.py" line="68"/>
        <source>ร่าง</source>
        <translation>Drafts</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/drafts_view.py" line="72"/>
        <source>ร่างหนังสือใหม่…</source>
        <translation>New draft…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/drafts_view.py" line="73"/>
        <source>ร่างหนังสือใหม่</source>
        <translation>New draft</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/drafts_view.py" line="74"/>
        <source>เปิดร่าง…</source>
        <translation>Open draft…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/drafts_view.py" line="75"/>
        <source>เปิดร่างที่เลือกเพื่อแก้ไข</source>
        <translation>Open the selected draft to edit it</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/drafts_view.py" line="76"/>
        <source>ออกเลขทะเบียนส่ง</source>
        <translation>Issue send number</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/drafts_view.py" line="77"/>
        <source>ออกเลขทะเบียนส่งให้ร่างที่เลือก</source>
        <translation>Issue a send number for the selected draft</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/drafts_view.py" line="78"/>
        <location filename="../../korat_desktop/ui/drafts_view.py" line="170"/>
        <source>ลบร่าง</source>
        <translation>Delete draft</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/drafts_view.py" line="79"/>
        <source>ลบร่างที่เลือก</source>
        <translation>Delete the selected draft</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/drafts_view.py" line="81"/>
        <source>ชั้นความเร็ว</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/drafts_view.py" line="82"/>
        <source>เรื่อง</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/drafts_view.py" line="83"/>
        <source>ถึง</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/drafts_view.py" line="84"/>
        <source>แก้ไขล่าสุด</source>
        <translation>Last changed</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/drafts_view.py" line="86"/>
        <source>ร่างหนังสือ</source>
        <translation>Drafts</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/drafts_view.py" line="91"/>
        <source>ยังไม่มีร่างหนังสือ

ร่างคือหนังสือที่ยังไม่ออกเลข: แนบไฟล์ PDF กรอกเรื่องและผู้รับ แล้วกด “บันทึกเป็นร่าง” เก็บไว้แก้ไขได้จนกว่าจะพร้อมออกเลขและลงนาม</source>
        <translation>No drafts yet.

A draft is a letter without a number yet: attach the PDF, fill in the subject and recipients, and press “Save as draft”. Change it as often as needed until it is ready for its number and signature.</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/drafts_view.py" line="161"/>
        <source>ออกเลขแล้ว: ที่ {letter_number}</source>
        <translation>Number issued: {letter_number}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/drafts_view.py" line="170"/>
        <source>ลบร่าง “{subject}” ใช่หรือไม่</source>
        <translation>Delete the draft “{subject}”?</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/drafts_view.py" line="174"/>
        <source>ลบร่างแล้ว</source>
        <translation>Draft deleted</translation>
    </message>
</context>
<context>
    <name>HubListView</name>
    <message>
        <location filename="../../korat_desktop/ui/sync_views.py" line="69"/>
        <source>ลงชื่อเข้าระบบกลาง…</source>
        <translation>Sign in to the hub…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sync_views.py" line="70"/>
        <source>ลงชื่อเข้าระบบสารบรรณกลาง</source>
        <translation>Sign in to the central e-Office</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sync_views.py" line="121"/>
        <source>เครื่องนี้ยังไม่ได้เชื่อมต่อกับระบบสารบรรณกลาง

เมื่อลงชื่อเข้าระบบกลางแล้ว หนังสือที่หน่วยงานอื่นส่งถึงเรา และหนังสือที่รอส่งออกจะแสดงที่นี่ ระหว่างนี้ยังลงรับ ออกเลข และลงนามได้ตามปกติ</source>
        <translation>This computer is not connected to the central e-Office yet.

Once it is signed in, letters other agencies send us and letters waiting to go out are listed here. Meanwhile you can register, number and sign letters as usual.</translation>
    </message>
</context>
<context>
    <name>InboxView</name>
    <message>
        <location filename="../../korat_desktop/ui/inbox_view.py" line="52"/>
        <source>สถานะ</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/inbox_view.py" line="53"/>
        <source>ชั้นความเร็ว</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/inbox_view.py" line="54"/>
        <source>ชั้นความลับ</source>
        <translation>Secrecy</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/inbox_view.py" line="55"/>
        <source>จาก</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/inbox_view.py" line="56"/>
        <source>ที่</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/inbox_view.py" line="57"/>
        <source>ลงวันที่</source>
        <translation>Dated</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/inbox_view.py" line="59"/>
        <source>เรื่อง</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/inbox_view.py" line="61"/>
        <source>หนังสือเข้า</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/inbox_view.py" line="62"/>
        <source>ยังไม่มีหนังสือเข้าจากหน่วยงานอื่น</source>
        <translation>No letters from other agencies yet</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/inbox_view.py" line="65"/>
        <source>ผลการลงรับ</source>
        <translation>Registration result</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/inbox_view.py" line="66"/>
        <source>เปิด</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/inbox_view.py" line="67"/>
        <source>เปิดหนังสือที่ลงรับแล้ว</source>
        <translation>Open the registered letter</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/inbox_view.py" line="68"/>
        <source>ลงรับ</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/inbox_view.py" line="69"/>
        <source>ลงรับหนังสือที่เลือก</source>
        <translation>Register the selected letter</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/inbox_view.py" line="71"/>
        <source>ออกเลขรับ ประทับตรารับ และส่งใบตอบรับถึงผู้ส่ง (Enter)</source>
        <translation>Give it a receive number, stamp it, and send the receipt to the sender (Enter)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/inbox_view.py" line="97"/>
        <source>กำลังรับไฟล์</source>
        <translation>Downloading</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/inbox_view.py" line="99"/>
        <source>รอลงรับ</source>
        <translation>To register</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/inbox_view.py" line="101"/>
        <location filename="../../korat_desktop/ui/inbox_view.py" line="138"/>
        <source>ลงรับแล้ว เลขรับ {number}</source>
        <translation>Registered, receive no. {number}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/inbox_view.py" line="102"/>
        <source>ลงรับที่เครื่องอื่นแล้ว</source>
        <translation>Registered on another computer</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/inbox_view.py" line="132"/>
        <source>กำลังลงรับ…</source>
        <translation>Registering…</translation>
    </message>
</context>
<context>
    <name>KoratDesktop</name>
    <message>
        <location filename="../../korat_desktop/ui/desktop.py" line="131"/>
        <source>ตั้งค่าของเครื่องนี้ใช้ไม่ได้</source>
        <translation>Machine settings cannot be used</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/desktop.py" line="132"/>
        <source>โปรแกรมใช้ค่าเริ่มต้นแทนค่าต่อไปนี้ โปรดแจ้งฝ่ายไอที:</source>
        <translation>The app uses the defaults instead of these settings; please tell IT:</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/desktop.py" line="135"/>
        <source>{setting} (ในไฟล์ {file})</source>
        <translation>{setting} (in {file})</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/desktop.py" line="139"/>
        <source>ตกลง</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/desktop.py" line="198"/>
        <source>เปิดโปรแกรมไม่ได้</source>
        <translation>Korat Desktop cannot open</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/desktop.py" line="200"/>
        <source>ปิด</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/desktop.py" line="223"/>
        <source>หนังสือด่วนเข้า {count} ฉบับ</source>
        <translation>{count} urgent letter(s) arrived</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/desktop.py" line="259"/>
        <source>โหมดสาธิต: ไม่มีโทเคนทดสอบ ติดตั้ง softhsm2 ก่อน (apt install softhsm2)</source>
        <translation>Demo: no test token; install softhsm2 first (apt install softhsm2)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/desktop.py" line="261"/>
        <source>โหมดสาธิต: ไม่มีโทเคนทดสอบ ต้องติดตั้งส่วนสาธิตก่อน (scripts/setup)</source>
        <translation>Demo mode: no test token; install the demo parts first (scripts/setup)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/desktop.py" line="263"/>
        <source>โหมดสาธิต: โทเคน {token} ใบรับรอง {certificate} PIN {pin}</source>
        <translation>Demo: token {token}, certificate {certificate}, PIN {pin}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/desktop.py" line="266"/>
        <source>ระบบกลางจำลอง: ผู้ใช้ {user} รหัสผ่าน {password}</source>
        <translation>demo hub: user {user}, password {password}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/desktop.py" line="306"/>
        <source>กำลังหยุดการซิงก์…</source>
        <translation>Stopping sync…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/desktop.py" line="307"/>
        <source>กำลังปิดโปรแกรม…</source>
        <translation>Closing Korat Desktop…</translation>
    </message>
</context>
<context>
    <name>LetterForm</name>
    <message>
        <location filename="../../korat_desktop/ui/letter_form.py" line="68"/>
        <location filename="../../korat_desktop/ui/letter_form.py" line="113"/>
        <source>เรื่อง</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/letter_form.py" line="68"/>
        <source>เรื่องของหนังสือ (จำเป็น)</source>
        <translation>Subject of the letter (required)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/letter_form.py" line="69"/>
        <location filename="../../korat_desktop/ui/letter_form.py" line="117"/>
        <source>จาก</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/letter_form.py" line="69"/>
        <source>หน่วยงานหรือผู้ส่ง</source>
        <translation>Sending agency or person</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/letter_form.py" line="71"/>
        <location filename="../../korat_desktop/ui/letter_form.py" line="118"/>
        <location filename="../../korat_desktop/ui/letter_form.py" line="120"/>
        <source>ถึง</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/letter_form.py" line="71"/>
        <source>ผู้รับ คั่นหลายรายด้วยจุลภาค ( , )</source>
        <translation>Recipients, separated by commas</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/letter_form.py" line="72"/>
        <source>ผู้รับในหน่วยงานของเรา</source>
        <translation>Recipient in our agency</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/letter_form.py" line="73"/>
        <location filename="../../korat_desktop/ui/letter_form.py" line="115"/>
        <source>ที่</source>
        <translation>Letter no.</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/letter_form.py" line="73"/>
        <source>เช่น มท 0201.2/ว 1590</source>
        <translation>e.g. มท 0201.2/ว 1590</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/letter_form.py" line="74"/>
        <location filename="../../korat_desktop/ui/letter_form.py" line="116"/>
        <location filename="../../korat_desktop/ui/letter_form.py" line="121"/>
        <source>ลงวันที่</source>
        <translation>Dated</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/letter_form.py" line="74"/>
        <source>วว/ดด/ปปปป (พ.ศ.)</source>
        <translation>dd/mm/yyyy (Buddhist Era)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/letter_form.py" line="78"/>
        <source>ประเภทหนังสือ</source>
        <translation>Kind of letter</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/letter_form.py" line="82"/>
        <location filename="../../korat_desktop/ui/letter_form.py" line="125"/>
        <source>ชั้นความเร็ว</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/letter_form.py" line="87"/>
        <location filename="../../korat_desktop/ui/letter_form.py" line="126"/>
        <source>ชั้นความลับ</source>
        <translation>Secrecy</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/letter_form.py" line="91"/>
        <location filename="../../korat_desktop/ui/letter_form.py" line="127"/>
        <source>หมายเหตุ</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/letter_form.py" line="102"/>
        <location filename="../../korat_desktop/ui/letter_form.py" line="157"/>
        <source>จากเอกสาร</source>
        <translation>from the letter</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/letter_form.py" line="124"/>
        <source>ประเภท</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/letter_form.py" line="157"/>
        <source>จากเอกสาร โปรดตรวจ</source>
        <translation>from the letter, check it</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/letter_form.py" line="159"/>
        <source>ข้อมูลนี้อ่านจากเอกสาร: {where}</source>
        <translation>Read from the letter: {where}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/letter_form.py" line="176"/>
        <source>วันที่ไม่ถูกต้อง</source>
        <translation>Not a valid date</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="96"/>
        <source>Korat Desktop — ระบบสารบรรณ</source>
        <translation>Korat Desktop — official correspondence</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="109"/>
        <source>เมนูหลัก</source>
        <translation>Main menu</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="172"/>
        <source>ทะเบียนรับ</source>
        <translation>Receive register</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="172"/>
        <source>ทะเบียนส่ง</source>
        <translation>Send register</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="173"/>
        <source>หนังสือเข้า</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="173"/>
        <source>ร่าง</source>
        <translation>Drafts</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="174"/>
        <source>รอส่ง</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="175"/>
        <source>ค้นหา</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="114"/>
        <source>สารบรรณ Korat</source>
        <translation>Korat Correspondence</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="140"/>
        <source>ข้อความสถานะ</source>
        <translation>Status message</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="161"/>
        <source>กำลังเปิดข้อมูล…</source>
        <translation>Opening your data…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="174"/>
        <source>ทะเบียนพนักงานนำสาร</source>
        <translation>Courier log</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="198"/>
        <source>หนังสือ</source>
        <translation>Letters</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="199"/>
        <source>ลงรับหนังสือ…</source>
        <translation>Receive letters…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="200"/>
        <source>ส่งหนังสือ…</source>
        <translation>Send a letter…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="201"/>
        <source>ลงนามที่เลือก…</source>
        <translation>Sign selected…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="204"/>
        <source>พิมพ์หนังสือที่เลือก…</source>
        <translation>Print the selected letter…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="206"/>
        <source>พิมพ์ทะเบียน…</source>
        <translation>Print the register…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="208"/>
        <source>พิมพ์ใบรับหนังสือ (ส่งด้วยมือ)…</source>
        <translation>Print a delivery slip (by hand)…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="211"/>
        <source>ส่งทางพนักงานนำสาร…</source>
        <translation>Send by courier…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="213"/>
        <source>นำเข้าชุดเอกสารจากพนักงานนำสาร…</source>
        <translation>Import courier bundles…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="216"/>
        <source>ออกจากโปรแกรม</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="217"/>
        <source>มุมมอง</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="220"/>
        <source>เครื่องมือ</source>
        <translation>Tools</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="221"/>
        <source>ซิงก์ตอนนี้</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="222"/>
        <source>หยุดซิงก์ชั่วคราว</source>
        <translation>Pause sync</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="226"/>
        <source>ลงชื่อเข้าระบบกลาง…</source>
        <translation>Sign in to the hub…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="229"/>
        <source>การตั้งค่า…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="230"/>
        <source>ช่วยเหลือ</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="231"/>
        <source>คู่มือการใช้งาน</source>
        <translation>Manual</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="232"/>
        <location filename="../../korat_desktop/ui/main_window.py" line="295"/>
        <source>แป้นลัด</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="233"/>
        <source>เกี่ยวกับ Korat Desktop</source>
        <translation>About Korat Desktop</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="236"/>
        <source>ส่งข้อมูลให้ฝ่ายไอที</source>
        <translation>Send information to IT</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="239"/>
        <source>ตรวจหารุ่นใหม่…</source>
        <translation>Check for updates…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="242"/>
        <source>ปรับรุ่นจากแฟลชไดรฟ์…</source>
        <translation>Update from a USB drive…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="264"/>
        <source>เลือกโฟลเดอร์ชุดปรับรุ่นจากฝ่ายไอที</source>
        <translation>Choose IT&apos;s update folder</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="296"/>
        <source>Ctrl+R  ลงรับหนังสือ
Ctrl+N  ส่งหนังสือ
Ctrl+Shift+S  ลงนามที่เลือก
Ctrl+Shift+E  ส่งทางพนักงานนำสาร
Ctrl+Shift+I  นำเข้าชุดเอกสาร
Ctrl+P  พิมพ์หนังสือ
Ctrl+Shift+P  พิมพ์ทะเบียน
Ctrl+E  การปฏิบัติและหมายเหตุ
Enter  เปิดหนังสือ
Ctrl+F  ค้นหา
Ctrl+1 … Ctrl+6  สลับทะเบียนและรายการ
F5  ซิงก์ตอนนี้
Ctrl+,  การตั้งค่า
Ctrl+Q  ออกจากโปรแกรม

ในหน้าหนังสือ: Ctrl++ / Ctrl+-  ขยาย/ย่อ, Alt+← / Alt+→  เปลี่ยนหน้า, Ctrl+Shift+C  คัดลอกเลขทะเบียน

F1  คู่มือการใช้งาน</source>
        <translation>Ctrl+R  Receive letters
Ctrl+N  Send a letter
Ctrl+Shift+S  Sign selected
Ctrl+Shift+E  Send by courier
Ctrl+Shift+I  Import courier bundles
Ctrl+P  Print a letter
Ctrl+Shift+P  Print the register
Ctrl+E  Action taken and remarks
Enter  Open letter
Ctrl+F  Search
Ctrl+1 … Ctrl+6  Switch registers and lists
F5  Sync now
Ctrl+,  Settings
Ctrl+Q  Quit

In a letter: Ctrl++ / Ctrl+-  zoom in/out, Alt+← / Alt+→  change page, Ctrl+Shift+C  copy register number

F1  Manual</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="642"/>
        <source>เขียนชุดเอกสารแล้ว {files} ไฟล์</source>
        <translation>Courier bundle written: {files} file(s)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="651"/>
        <source>เลือกชุดเอกสารจากพนักงานนำสาร</source>
        <translation>Choose courier bundles</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="652"/>
        <source>ชุดเอกสารพนักงานนำสาร (*.korat)</source>
        <translation>Courier bundles (*.korat)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="668"/>
        <source>นำเข้าชุดเอกสารได้ {good} จาก {count} ชุด</source>
        <translation>Imported {good} of {count} courier bundle(s)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="676"/>
        <source>พนักงานนำสาร</source>
        <translation>Courier</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="677"/>
        <source>พบชุดเอกสารจากพนักงานนำสาร {count} ชุด — นำเข้า?</source>
        <translation>Found {count} courier bundle(s) — import them?</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="679"/>
        <source>ในไดรฟ์ {name}: {files}</source>
        <translation>On drive {name}: {files}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="338"/>
        <source>พร้อมใช้งาน</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="105"/>
        <source>กำลังเปิด…</source>
        <translation>Opening…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="474"/>
        <location filename="../../korat_desktop/ui/main_window.py" line="561"/>
        <source>ลงรับแล้ว เลขรับ {numbers}</source>
        <translation>Received: receive no. {numbers}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="489"/>
        <source>อ่านข้อความจากภาพสแกนแล้ว {count} ฉบับ ค้นหาได้แล้ว</source>
        <translation>Read the text of {count} scanned letter(s); they can be searched now</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="499"/>
        <source>เลือกหนังสือที่จะพิมพ์ก่อน</source>
        <translation>Select the letter to print first</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="528"/>
        <source>เลือกหนังสือที่จะส่งด้วยมือในทะเบียนก่อน แล้วพิมพ์ใบรับหนังสือ</source>
        <translation>Select the letters that go by hand in the register first, then print the delivery slip</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="556"/>
        <source>ออกเลขแล้ว: ที่ {letter_number}</source>
        <translation>Number issued: {letter_number}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="576"/>
        <source>ลงชื่อเข้าระบบกลางแล้ว: {agency}</source>
        <translation>Signed in to the hub: {agency}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="595"/>
        <source>เลือกหนังสือที่จะลงนามก่อน</source>
        <translation>Select the letters to sign first</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="607"/>
        <source>ลงนามแล้ว {count} ฉบับ</source>
        <translation>{count} signed</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/main_window.py" line="630"/>
        <source>ลงนามแล้วและเข้าคิวส่ง {count} ฉบับ</source>
        <translation>Signed and queued {count} letter(s)</translation>
    </message>
</context>
<context>
    <name>ManualDialog</name>
    <message>
        <location filename="../../korat_desktop/ui/help_dialogs.py" line="38"/>
        <location filename="../../korat_desktop/ui/help_dialogs.py" line="41"/>
        <source>คู่มือการใช้งาน</source>
        <translation>Manual</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/help_dialogs.py" line="46"/>
        <source>ปิด</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="47"/>
        <source>สถานะ</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="49"/>
        <source>รายการ</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="55"/>
        <source>ชั้นความลับ</source>
        <translation>Secrecy</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="50"/>
        <source>ถึง</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="52"/>
        <source>เมื่อ</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="53"/>
        <source>ชุดเอกสาร</source>
        <translation>Bundle</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="54"/>
        <source>ปัญหา</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="57"/>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="101"/>
        <source>รอส่ง</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="58"/>
        <source>ไม่มีหนังสือค้างส่ง ทุกฉบับส่งถึงระบบกลางแล้ว</source>
        <translation>Nothing waiting: every letter has reached the hub</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="60"/>
        <source>ความคืบหน้าการซิงก์</source>
        <translation>Sync progress</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="65"/>
        <source>ลองส่งอีกครั้ง</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="66"/>
        <source>ลองส่งรายการที่เลือกอีกครั้ง</source>
        <translation>Try the selected item again</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="67"/>
        <source>ส่งทางพนักงานนำสาร…</source>
        <translation>Send by courier…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="68"/>
        <source>ส่งรายการที่เลือกทางพนักงานนำสาร</source>
        <translation>Send the selected item by courier</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="70"/>
        <source>เขียนชุดเอกสารที่ลงนามและเข้ารหัสแล้วลงแฟลชไดรฟ์ ให้พนักงานนำสารนำไปส่ง</source>
        <translation>Write a signed, encrypted bundle to a USB stick for a courier to carry</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="98"/>
        <source>ส่งถึงระบบกลางแล้ว</source>
        <translation>Delivered to the hub</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="100"/>
        <source>รอส่ง (ลองแล้ว {count} ครั้ง)</source>
        <translation>Waiting (tried {count} times)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="103"/>
        <source>ระบบกลางไม่รับ</source>
        <translation>Refused by the hub</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="104"/>
        <source>ส่งไม่สำเร็จ</source>
        <translation>Not sent</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="109"/>
        <source>หนังสือ {number} เรื่อง {subject}</source>
        <translation>Letter {number}: {subject}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="112"/>
        <source>ใบตอบรับหนังสือ</source>
        <translation>Delivery receipt</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="114"/>
        <source>แจ้งยกเลิกเลขทะเบียน</source>
        <translation>Voided register number</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/outbox_view.py" line="133"/>
        <source>จะส่งอีกครั้งในการซิงก์ครั้งถัดไป</source>
        <translation>It will be sent again with the next sync</translation>
    </message>
</context>
<context>
    <name>PadlockButton</name>
    <message>
        <location filename="../../korat_desktop/ui/padlock.py" line="35"/>
        <source>หนังสือลับ: ปลดล็อกแล้ว</source>
        <translation>Secret letters: unlocked</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/padlock.py" line="36"/>
        <source>หนังสือลับ: ล็อกอยู่</source>
        <translation>Secret letters: locked</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/padlock.py" line="38"/>
        <source>คลิกเพื่อล็อกหนังสือลับอีกครั้ง</source>
        <translation>Click to lock secret letters again</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/padlock.py" line="39"/>
        <source>คลิกเพื่อปลดล็อกหนังสือลับด้วยกุญแจของหน่วยงาน (ครั้งเดียวต่อการใช้งาน)</source>
        <translation>Click to unlock secret letters with the office key (once per session)</translation>
    </message>
</context>
<context>
    <name>PdfPane</name>
    <message>
        <location filename="../../korat_desktop/ui/pdf_pane.py" line="43"/>
        <source>ตัวอย่างหนังสือ</source>
        <translation>Letter preview</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/pdf_pane.py" line="49"/>
        <source>หน้าก่อนหน้า</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/pdf_pane.py" line="49"/>
        <source>หน้าก่อนหน้า (Alt+←)</source>
        <translation>Previous page (Alt+←)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/pdf_pane.py" line="51"/>
        <source>เลขหน้า</source>
        <translation>Page number</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/pdf_pane.py" line="54"/>
        <source>หน้าถัดไป</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/pdf_pane.py" line="54"/>
        <source>หน้าถัดไป (Alt+→)</source>
        <translation>Next page (Alt+→)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/pdf_pane.py" line="55"/>
        <source>ย่อ</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/pdf_pane.py" line="55"/>
        <source>ย่อ (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/pdf_pane.py" line="58"/>
        <source>ขยาย</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/pdf_pane.py" line="58"/>
        <source>ขยาย (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/pdf_pane.py" line="59"/>
        <source>พอดีความกว้าง</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/pdf_pane.py" line="60"/>
        <source>ปรับให้พอดีความกว้าง (Ctrl+0)</source>
        <translation>Fit to the width (Ctrl+0)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/pdf_pane.py" line="64"/>
        <source>หน้า</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/pdf_pane.py" line="152"/>
        <source>จาก {count}</source>
        <translation>of {count}</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <location filename="../../korat_desktop/ui/person_dialog.py" line="28"/>
        <source>ผู้ใช้เครื่องนี้</source>
        <translation>Who uses this computer</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/person_dialog.py" line="40"/>
        <source>ชื่อ-นามสกุล</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/person_dialog.py" line="41"/>
        <source>เช่น นางสาวสมใจ ใจดี</source>
        <translation>e.g. นางสาวสมใจ ใจดี</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/person_dialog.py" line="35"/>
        <source>บันทึก</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/person_dialog.py" line="32"/>
        <source>เครื่องนี้ยังไม่ได้เข้าสู่ระบบสารบรรณกลาง กรุณาระบุชื่อ-นามสกุลของผู้ใช้ ประวัติของหนังสือจะบันทึกว่าใครลงทะเบียน ลงนาม หรือส่งหนังสือ (เปลี่ยนได้ภายหลังในการตั้งค่า)</source>
        <translation>This computer is not signed in to the central e-Office. Please give your full name: the history of each letter records who registered, signed or sent it (you can change it later in Settings).</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/person_dialog.py" line="36"/>
        <source>ไว้ภายหลัง</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>ReceiptStampView</name>
    <message>
        <location filename="../../korat_desktop/ui/receipt_stamp_view.py" line="40"/>
        <source>ตำแหน่งตรารับ</source>
        <translation>Receipt stamp place</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receipt_stamp_view.py" line="42"/>
        <source>ลากกรอบเพื่อย้ายตรารับ หรือคลิกตรงที่ให้มุมซ้ายบนของตราอยู่ ใช้ลูกศรเพื่อเลื่อน</source>
        <translation>Drag the frame to move the receipt stamp, or click where its top left corner should go; arrow keys move it</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receipt_stamp_view.py" line="107"/>
        <source>กำลังหาที่ว่างสำหรับตรารับ…</source>
        <translation>Finding blank space for the receipt stamp…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receipt_stamp_view.py" line="120"/>
        <source>ตรารับ</source>
        <translation>Receipt stamp</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="86"/>
        <source>ลงรับหนังสือ</source>
        <translation>Receive letters</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="94"/>
        <source>ไฟล์ที่จะลงรับ</source>
        <translation>Files to receive</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="95"/>
        <source>เพิ่มไฟล์…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="96"/>
        <source>เลือกไฟล์ PDF (Ctrl+O) หรือลากไฟล์มาวางที่นี่</source>
        <translation>Pick PDF files (Ctrl+O) or drop them here</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="97"/>
        <source>นำออก</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="98"/>
        <source>นำไฟล์ที่เลือกออก</source>
        <translation>Remove the selected file</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="103"/>
        <source>ข้อมูลที่อ่านจากเอกสาร</source>
        <translation>Fields read from the letter</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="107"/>
        <source>คำเตือนหนังสือซ้ำ</source>
        <translation>Duplicate letter warning</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="108"/>
        <source>ลงรับซ้ำโดยตั้งใจ</source>
        <translation>Register again on purpose</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="110"/>
        <source>หนังสือนี้ลงทะเบียนไว้แล้ว ติ๊กเมื่อต้องการลงรับอีกครั้งจริง ๆ</source>
        <translation>This letter is already registered; tick to register it again on purpose</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="123"/>
        <source>ตรารับ (หน้า 1)</source>
        <translation>Receipt stamp (page 1)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="124"/>
        <source>ทั้งฉบับ</source>
        <translation>Whole letter</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="125"/>
        <source>ลากไฟล์ PDF มาวางที่นี่ หรือกด “เพิ่มไฟล์…”</source>
        <translation>Drop PDF files here, or press “Add files…”</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="132"/>
        <source>ผลการลงรับ</source>
        <translation>Receiving result</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="137"/>
        <source>คัดลอกเลขรับ</source>
        <translation>Copy receive no.</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="138"/>
        <source>คัดลอกเลขรับของไฟล์ที่เลือก (Ctrl+Shift+C)</source>
        <translation>Copy the receive number of the selected file (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="141"/>
        <source>ปิด</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="146"/>
        <source>ไฟล์</source>
        <translation>Files</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="213"/>
        <source>เลือกไฟล์หนังสือ</source>
        <translation>Choose the letter files</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="213"/>
        <source>ไฟล์ PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="249"/>
        <source>อ่านจากบรรทัด {line}: “{text}”</source>
        <translation>Read from line {line}: “{text}”</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="308"/>
        <source>กำลังอ่านข้อมูลจากเอกสาร…</source>
        <translation>Reading the letter…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="312"/>
        <source>ไม่พบข้อความในเอกสาร (อาจเป็นภาพสแกน) กรุณากรอกเอง</source>
        <translation>The PDF has no text (perhaps a scan): please fill in the fields</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="314"/>
        <source>กรอกจากเอกสารแล้ว {count} ช่อง (มีป้าย “จากเอกสาร”) โปรดตรวจก่อนลงรับ</source>
        <translation>{count} fields filled from the letter (marked “from the letter”): check them before registering</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="317"/>
        <source>อ่านเอกสารแล้ว ไม่พบข้อมูลที่กรอกให้ได้</source>
        <translation>Read the letter: nothing found to fill in</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="325"/>
        <source>ลงรับอีกครั้งจะได้เลขรับใหม่อีกเลขหนึ่ง ติ๊ก “ลงรับซ้ำโดยตั้งใจ” เมื่อต้องการเช่นนั้นจริง ๆ</source>
        <translation>Registering it again gives it a second receive number; tick “Register again on purpose” if that is what you want</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="371"/>
        <source>ลงรับแล้ว</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="374"/>
        <source>ลงทะเบียนรับ {count} ฉบับ</source>
        <translation>Receive {count} letters</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="375"/>
        <source>ลงทะเบียนรับ</source>
        <translation>Receive</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="414"/>
        <source>ตรารับวางบนที่ว่างใกล้มุมขวาบน ลากกรอบเพื่อย้ายได้</source>
        <translation>The receipt stamp is on blank space near the top right; drag the frame to move it</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="415"/>
        <source>ตรารับวางที่ตำแหน่งเดิมของผู้ส่งนี้ ลากกรอบเพื่อย้ายได้</source>
        <translation>The receipt stamp is at this sender&apos;s usual place; drag the frame to move it</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="416"/>
        <source>ตรารับวางตามที่ย้าย (จำไว้ใช้กับหนังสือฉบับต่อไปจากผู้ส่งนี้)</source>
        <translation>The receipt stamp goes where you moved it (kept for this sender&apos;s next letter)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="417"/>
        <source>ไม่มีที่ว่างพอ ตรารับจะวางที่มุมขวาบนตามเดิม (อาจทับข้อความ) ลากกรอบเพื่อย้ายได้</source>
        <translation>No blank space is big enough: the receipt stamp will go at the usual top right corner (it may cover text); drag the frame to move it</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="443"/>
        <source>มีหนังสือที่ลงทะเบียนไว้แล้ว โปรดตรวจคำเตือน</source>
        <translation>A letter is already registered: see the warning</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="448"/>
        <source>กรุณากรอกเรื่องของหนังสือทุกฉบับ</source>
        <translation>Please give every letter a subject</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="453"/>
        <source>กำลังลงรับ…</source>
        <translation>Receiving…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="480"/>
        <source>เลขรับ {number} · {name}</source>
        <translation>Receive no. {number} · {name}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="485"/>
        <source>ลงรับแล้ว เลขรับ {numbers}</source>
        <translation>Received: receive no. {numbers}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="487"/>
        <source>ลงรับไม่ได้ {count} ไฟล์: {reason}</source>
        <translation>{count} files could not be received: {reason}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/receive_dialog.py" line="490"/>
        <source>ไม่มีที่ว่างพอ ตรารับจึงวางที่มุมขวาบนตามเดิม</source>
        <translation>No blank space was big enough: the receipt stamp went at the usual top right corner</translation>
    </message>
</context>
<context>
    <name>RecipientPicker</name>
    <message>
        <location filename="../../korat_desktop/ui/recipient_picker.py" line="27"/>
        <source>ส่งทางระบบกลางถึงหน่วยงาน</source>
        <translation>Send via the hub to agencies</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/recipient_picker.py" line="29"/>
        <source>ค้นหาหน่วยงานผู้รับ</source>
        <translation>Find recipient agencies</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/recipient_picker.py" line="30"/>
        <source>พิมพ์ชื่อหรือรหัสหน่วยงานเพื่อค้นหา</source>
        <translation>Type part of a name or code</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/recipient_picker.py" line="33"/>
        <source>หน่วยงานผู้รับในระบบกลาง</source>
        <translation>Recipient agencies on the hub</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/recipient_picker.py" line="97"/>
        <source>เลือกแล้ว {count} หน่วยงาน: {names}</source>
        <translation>{count} chosen: {names}</translation>
    </message>
</context>
<context>
    <name>RegisterPeriodDialog</name>
    <message>
        <location filename="../../korat_desktop/ui/printing.py" line="113"/>
        <source>พิมพ์ทะเบียน</source>
        <translation>Print the register</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/printing.py" line="117"/>
        <source>ทะเบียนหนังสือรับ</source>
        <translation>Receive register</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/printing.py" line="118"/>
        <source>ทะเบียนหนังสือส่ง</source>
        <translation>Send register</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/printing.py" line="119"/>
        <location filename="../../korat_desktop/ui/printing.py" line="133"/>
        <source>ทะเบียน</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/printing.py" line="121"/>
        <source>ตั้งแต่วันที่</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/printing.py" line="123"/>
        <location filename="../../korat_desktop/ui/printing.py" line="135"/>
        <source>ถึงวันที่</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/printing.py" line="129"/>
        <source>ดูตัวอย่างก่อนพิมพ์</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/printing.py" line="134"/>
        <source>ตั้งแต่วันที่ (วว/ดด/ปปปป พ.ศ.)</source>
        <translation>From (DD/MM/YYYY BE)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/printing.py" line="148"/>
        <source>อ่านวันที่ไม่ได้ พิมพ์เป็น วว/ดด/ปปปป พ.ศ. เช่น 02/12/2569</source>
        <translation>Cannot read the date: type DD/MM/YYYY BE, e.g. 02/12/2569</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/printing.py" line="151"/>
        <source>วันสุดท้ายต้องไม่ก่อนวันแรก</source>
        <translation>The last day cannot be before the first</translation>
    </message>
</context>
<context>
    <name>RegisterTableModel</name>
    <message>
        <location filename="../../korat_desktop/ui/register_model.py" line="208"/>
        <source>การส่ง</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/register_model.py" line="210"/>
        <source>ชั้นความลับ</source>
        <translation>Secrecy</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/register_model.py" line="220"/>
        <source>{label} (ล็อก)</source>
        <translation>{label} (locked)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/register_model.py" line="224"/>
        <source>หนังสือลับที่เก็บแบบเข้ารหัส: ปลดล็อกด้วยกุญแจของหน่วยงานจึงจะเปิดได้</source>
        <translation>A secret letter stored encrypted: unlock with the office key to open it</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/register_model.py" line="225"/>
        <source>หนังสือลับที่เก็บแบบเข้ารหัส (ปลดล็อกแล้ว)</source>
        <translation>A secret letter stored encrypted (unlocked)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/register_model.py" line="242"/>
        <source>ยกเลิกเลข: {reason}</source>
        <translation>Number voided: {reason}</translation>
    </message>
</context>
<context>
    <name>RegisterView</name>
    <message>
        <location filename="../../korat_desktop/ui/register_view.py" line="81"/>
        <source>ปี พ.ศ. ของทะเบียน</source>
        <translation>Register year (Buddhist Era)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/register_view.py" line="86"/>
        <source>ลงรับหนังสือ…</source>
        <translation>Receive letters…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/register_view.py" line="87"/>
        <source>ลงทะเบียนรับไฟล์ PDF (Ctrl+R) หรือลากไฟล์มาวางในหน้าต่าง</source>
        <translation>Register PDF files as received (Ctrl+R), or drop them on the window</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/register_view.py" line="89"/>
        <source>ส่งหนังสือ…</source>
        <translation>Send a letter…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/register_view.py" line="90"/>
        <source>ออกเลขทะเบียนส่งให้ไฟล์ PDF (Ctrl+N)</source>
        <translation>Issue a send number for a PDF (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/register_view.py" line="93"/>
        <source>ลงนามที่เลือก…</source>
        <translation>Sign selected…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/register_view.py" line="94"/>
        <source>ลงนามหนังสือที่เลือก</source>
        <translation>Sign the selected letters</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/register_view.py" line="95"/>
        <source>ลงนามทุกแถวที่เลือกด้วย PIN ครั้งเดียว (Ctrl+Shift+S)</source>
        <translation>Sign every selected row with one PIN (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/register_view.py" line="96"/>
        <source>เปิด</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/register_view.py" line="97"/>
        <source>เปิดหนังสือที่เลือก</source>
        <translation>Open the selected letter</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/register_view.py" line="98"/>
        <source>การปฏิบัติ…</source>
        <translation>Action…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/register_view.py" line="99"/>
        <source>บันทึกการปฏิบัติและหมายเหตุ</source>
        <translation>Record the action taken and remarks</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/register_view.py" line="100"/>
        <source>บันทึกการปฏิบัติและหมายเหตุของแถวที่เลือก (Ctrl+E)</source>
        <translation>Record the action taken and remarks of the selected row (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/register_view.py" line="110"/>
        <source>ปี พ.ศ.</source>
        <translation>Year (BE)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/register_view.py" line="160"/>
        <source>ทั้งหมด {count} รายการ</source>
        <translation>{count} entries</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="145"/>
        <source>รับ</source>
        <translation>Receive</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="145"/>
        <source>ส่ง</source>
        <translation>Send</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="164"/>
        <source>ค้นหาหนังสือ</source>
        <translation>Search letters</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="168"/>
        <source>พิมพ์เลขที่ เรื่อง ชื่อหน่วยงาน หรือข้อความในหนังสือ (เลขไทยหรือเลขอารบิกก็ได้)</source>
        <translation>Type a number, subject, agency name or words from the letter (Thai or Arabic digits)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="169"/>
        <source>คำค้นหา</source>
        <translation>Search terms</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="174"/>
        <location filename="../../korat_desktop/ui/search_view.py" line="175"/>
        <source>ผลการค้นหา</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="207"/>
        <source>ทะเบียนที่ค้น</source>
        <translation>Register to search</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="208"/>
        <source>ทุกทะเบียน</source>
        <translation>All registers</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="213"/>
        <source>ลงทะเบียนตั้งแต่วันที่</source>
        <translation>Registered from</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="214"/>
        <source>ลงทะเบียนถึงวันที่</source>
        <translation>Registered until</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="215"/>
        <source>วว/ดด/ปปปป</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="217"/>
        <source> (พ.ศ. เช่น 25/11/2569)</source>
        <translation> (BE, e.g. 25/11/2569)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="220"/>
        <source>จาก/ถึง</source>
        <translation>From/to</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="221"/>
        <source>ผู้ส่งหรือผู้รับ</source>
        <translation>Sender or recipient</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="223"/>
        <source>ชั้นความเร็ว</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="224"/>
        <source>ทุกชั้นความเร็ว</source>
        <translation>Any urgency</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="228"/>
        <source>ชั้นความลับ</source>
        <translation>Secrecy</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="229"/>
        <source>ทุกชั้นความลับ</source>
        <translation>Any secrecy</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="234"/>
        <source>วันที่</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="273"/>
        <source>ไม่พบหนังสือตามที่เลือก</source>
        <translation>No letters match these filters</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="275"/>
        <source>ไม่พบหนังสือที่ตรงกับ “{query}”</source>
        <translation>No letters match “{query}”</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/search_view.py" line="277"/>
        <source>พบ {count} รายการ เรียงจากที่ตรงที่สุด</source>
        <translation>{count} found, best match first</translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="56"/>
        <source>ส่งหนังสือ</source>
        <translation>Send a letter</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="57"/>
        <source>ร่างหนังสือ: {subject}</source>
        <translation>Draft: {subject}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="64"/>
        <source>ไฟล์หนังสือ</source>
        <translation>Letter file</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="65"/>
        <source>ยังไม่ได้แนบไฟล์ PDF</source>
        <translation>No PDF attached yet</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="66"/>
        <source>แนบไฟล์…</source>
        <translation>Attach…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="67"/>
        <source>เลือกไฟล์ PDF ของหนังสือ (Ctrl+O)</source>
        <translation>Choose the letter&apos;s PDF (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="70"/>
        <source>หนังสือเวียน (ใส่ ว หน้าเลข)</source>
        <translation>Circular (ว before the number)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="76"/>
        <source>ผลการออกเลข</source>
        <translation>Numbering result</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="77"/>
        <source>ออกเลขทะเบียนส่ง</source>
        <translation>Issue send number</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="78"/>
        <source>บันทึกลงทะเบียนส่งและออกเลขที่หนังสือ (Ctrl+Enter)</source>
        <translation>Enter in the send register and issue the letter number (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="79"/>
        <source>บันทึกเป็นร่าง</source>
        <translation>Save as draft</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="80"/>
        <source>เก็บไว้แก้ไขภายหลัง ยังไม่ออกเลข (Ctrl+S)</source>
        <translation>Keep it to finish later; no number is issued (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="81"/>
        <source>คัดลอกเลขที่</source>
        <translation>Copy letter no.</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="82"/>
        <source>ลงนาม…</source>
        <translation>Sign…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="83"/>
        <source>ลงนามหนังสือนี้</source>
        <translation>Sign this letter</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="84"/>
        <source>ลงนามและส่ง…</source>
        <translation>Sign and send…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="85"/>
        <source>ลงนามแล้วส่งทางระบบกลาง</source>
        <translation>Sign, then send via the hub</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="87"/>
        <source>ลงนามด้วยบัตรหรือโทเคน แล้วเข้าคิวส่งถึงหน่วยงานที่เลือกทางระบบกลาง</source>
        <translation>Sign with your card or token, then queue it for the chosen agencies via the hub</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="88"/>
        <source>ลงนามและส่งทางพนักงานนำสาร…</source>
        <translation>Sign and send by courier…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="89"/>
        <source>ลงนามแล้วส่งทางพนักงานนำสาร</source>
        <translation>Sign, then send by courier</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="91"/>
        <source>ลงนามด้วยบัตรหรือโทเคน แล้วเขียนชุดเอกสารลงแฟลชไดรฟ์ให้พนักงานนำสารนำไปส่ง</source>
        <translation>Sign with a card or token, then write a bundle to a USB stick for a courier to carry</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="92"/>
        <source>ปิด</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="145"/>
        <source>ไฟล์ในร่าง</source>
        <translation>File in the draft</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="170"/>
        <source>เลือกไฟล์หนังสือ</source>
        <translation>Choose the letter files</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="170"/>
        <source>ไฟล์ PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="186"/>
        <source>กำลังออกเลข…</source>
        <translation>Issuing the number…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="215"/>
        <source>บันทึกร่างแล้ว ยังไม่ได้ออกเลข ดูได้ที่เมนู “ร่าง”</source>
        <translation>Draft saved; no number issued yet. Find it under “Drafts”.</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/send_dialog.py" line="225"/>
        <source>ออกเลขแล้ว: ที่ {letter_number} (ทะเบียนส่งเลข {number})</source>
        <translation>Number issued: ที่ {letter_number} (send register no. {number})</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../korat_desktop/ui/settings_dialog.py" line="58"/>
        <source>การตั้งค่า</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/settings_dialog.py" line="68"/>
        <source>หน้าการตั้งค่า</source>
        <translation>Settings pages</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/settings_dialog.py" line="69"/>
        <source>ทั่วไป</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/settings_dialog.py" line="70"/>
        <source>ขั้นสูง (สำหรับฝ่ายไอที)</source>
        <translation>Advanced (for IT)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/settings_dialog.py" line="74"/>
        <source>บันทึก</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/settings_dialog.py" line="75"/>
        <source>ยกเลิก</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/settings_dialog.py" line="104"/>
        <source>ล็อกโดยนโยบายของเครื่อง ({file}) — เปลี่ยนได้โดยผู้ดูแลระบบเท่านั้น</source>
        <translation>Locked by machine policy ({file}) — only IT can change it</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/settings_dialog.py" line="108"/>
        <location filename="../../korat_desktop/ui/settings_dialog.py" line="109"/>
        <source>ค่าเริ่มต้น</source>
        <translation>Default</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/settings_dialog.py" line="110"/>
        <source>ค่าของเครื่อง ตั้งโดยฝ่ายไอที ({file})</source>
        <translation>Machine setting, set by IT ({file})</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/settings_dialog.py" line="112"/>
        <source>ค่าของผู้ใช้ ตั้งโดยคุณ ({file})</source>
        <translation>Your setting ({file})</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/settings_dialog.py" line="114"/>
        <source>นโยบายของเครื่อง ({file})</source>
        <translation>Machine policy ({file})</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/settings_dialog.py" line="129"/>
        <source>ข้อมูลของหน่วยงานนี้ ตั้งไว้เมื่อเริ่มใช้ครั้งแรก (ใช้ในตรารับและเลขที่หนังสือ)</source>
        <translation>This office&apos;s own, set at first start (used in receipt stamps and letter numbers)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/settings_dialog.py" line="199"/>
        <source>คั่นหลายค่าด้วยจุลภาค ( , )</source>
        <translation>Separate several values with commas</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="58"/>
        <source>ลงนามหนังสือ {count} ฉบับ</source>
        <translation>Sign {count} letters</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="69"/>
        <source>ชื่อที่แสดงในตรา</source>
        <translation>Name shown on the stamp</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="70"/>
        <source>ตามใบรับรอง</source>
        <translation>As on the certificate</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="72"/>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="94"/>
        <source>ตำแหน่ง</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="74"/>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="95"/>
        <source>เหตุผล</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="76"/>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="96"/>
        <source>หน้าที่วางตรา</source>
        <translation>Page of the stamp</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="85"/>
        <source>ผลการลงนาม</source>
        <translation>Signing result</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="87"/>
        <source>ผลการลงนามแต่ละฉบับ</source>
        <translation>Result for each letter</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="89"/>
        <source>ลงนาม</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="91"/>
        <source>ปิด</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="93"/>
        <source>ชื่อในตรา</source>
        <translation>Name on stamp</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="99"/>
        <source>ลากกรอบบนหน้ากระดาษเพื่อวางตรา (ใช้กับทุกฉบับ)</source>
        <translation>Drag a box on the page to place the stamp (used for every letter)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="160"/>
        <source>กดรหัสที่เครื่องอ่านบัตร…</source>
        <translation>Type the PIN on the card reader…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="161"/>
        <source>กำลังเข้าสู่บัตร…</source>
        <translation>Logging in to the card…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="172"/>
        <source>กำลังลงนามในนามของ {name}…</source>
        <translation>Signing as {name}…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="205"/>
        <source>{letter}: ไม่สำเร็จ — {why}</source>
        <translation>{letter}: not signed — {why}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="225"/>
        <source>หนังสือ</source>
        <translation>Letter</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="228"/>
        <source>เลขส่ง {number}</source>
        <translation>Send no. {number}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="229"/>
        <source>เลขรับ {number}</source>
        <translation>Receive no. {number}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="209"/>
        <source>ลงนามเรียบร้อย {count} ฉบับ</source>
        <translation>{count} letters signed</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="201"/>
        <source>{letter} รุ่นที่ {seq}: {level}</source>
        <translation>{letter} version {seq}: {level}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sign_dialog.py" line="211"/>
        <source>ลงนามได้ {done} จาก {count} ฉบับ</source>
        <translation>{done} of {count} letters signed</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../korat_desktop/ui/signin_dialog.py" line="45"/>
        <source>ลงชื่อเข้าระบบสารบรรณกลาง</source>
        <translation>Sign in to the central e-Office</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signin_dialog.py" line="49"/>
        <source>ลงชื่อเข้าใช้ครั้งเดียวต่อเครื่อง จากนั้นโปรแกรมจะส่งและรับหนังสือกับหน่วยงานอื่นให้เอง เมื่อมีอินเทอร์เน็ต รหัสผ่านไม่ถูกเก็บไว้ในเครื่อง</source>
        <translation>Sign in once per computer; from then on letters are sent to and received from other agencies by themselves whenever there is a connection. The password is not kept on this computer.</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signin_dialog.py" line="53"/>
        <location filename="../../korat_desktop/ui/signin_dialog.py" line="75"/>
        <source>ที่อยู่ระบบกลาง</source>
        <translation>Hub address</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signin_dialog.py" line="56"/>
        <location filename="../../korat_desktop/ui/signin_dialog.py" line="76"/>
        <source>ชื่อผู้ใช้</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signin_dialog.py" line="59"/>
        <location filename="../../korat_desktop/ui/signin_dialog.py" line="78"/>
        <location filename="../../korat_desktop/ui/signin_dialog.py" line="101"/>
        <source>รหัสผ่าน</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signin_dialog.py" line="61"/>
        <location filename="../../korat_desktop/ui/signin_dialog.py" line="77"/>
        <source>รหัสตั้งค่าครั้งแรก</source>
        <translation>One-time setup code</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signin_dialog.py" line="62"/>
        <source>เฉพาะครั้งแรก: รหัสที่ได้รับจากฝ่ายไอที</source>
        <translation>First sign-in only: the code IT gave you</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signin_dialog.py" line="64"/>
        <source>ผู้ใช้ที่ฝ่ายไอทีสร้างให้ยังไม่มีรหัสผ่าน: ใส่รหัสตั้งค่าครั้งแรก แล้วตั้งรหัสผ่านใหม่ ในช่องรหัสผ่าน (อย่างน้อย 8 ตัวอักษร) รหัสนี้ใช้ได้ครั้งเดียว</source>
        <translation>An account IT created has no password yet: type the one-time setup code, then choose a new password in the password field (at least 8 characters). The code works once.</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signin_dialog.py" line="69"/>
        <source>ผลการลงชื่อเข้าใช้</source>
        <translation>Sign-in result</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signin_dialog.py" line="71"/>
        <source>ลงชื่อเข้าใช้</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signin_dialog.py" line="72"/>
        <source>ยกเลิก</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signin_dialog.py" line="100"/>
        <source>ตั้งรหัสผ่านใหม่</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signin_dialog.py" line="103"/>
        <source>อย่างน้อย {n} ตัวอักษร</source>
        <translation>At least {n} characters</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signin_dialog.py" line="116"/>
        <source>กำลังติดต่อระบบกลาง…</source>
        <translation>Contacting the hub…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signin_dialog.py" line="132"/>
        <source>ลงชื่อเข้าใช้แล้วในนาม {agency}</source>
        <translation>Signed in for {agency}</translation>
    </message>
</context>
<context>
    <name>SignaturesPanel</name>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="42"/>
        <source>ลายมือชื่อในเอกสาร</source>
        <translation>Signatures in the document</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="43"/>
        <source>ผลตรวจ</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="43"/>
        <source>รายละเอียด</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="57"/>
        <source>ถูกต้อง</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="58"/>
        <source>รอยืนยัน</source>
        <translation>Not yet confirmed</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="59"/>
        <source>ไม่ถูกต้อง</source>
        <translation>Invalid</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="63"/>
        <source>กำลังตรวจสอบลายมือชื่อ…</source>
        <translation>Checking signatures…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="84"/>
        <source>เอกสารนี้ยังไม่มีลายมือชื่ออิเล็กทรอนิกส์</source>
        <translation>This document has no electronic signature yet</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="87"/>
        <source>ลายมือชื่อทั้งหมดถูกต้อง</source>
        <translation>All signatures are valid</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="89"/>
        <source>ลายมือชื่อทำไว้ถูกต้อง บางรายการยังรอยืนยัน ดูรายละเอียดด้านล่าง</source>
        <translation>The signatures are made correctly; some are not confirmed yet, see below</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="91"/>
        <source>มีลายมือชื่อที่ต้องตรวจสอบ ดูรายละเอียดด้านล่าง</source>
        <translation>Some signatures need checking; see the details below</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="104"/>
        <source>คำอธิบาย</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="109"/>
        <source>จะยืนยันได้เมื่อใด</source>
        <translation>When it will be confirmed</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="111"/>
        <source>ผู้ลงนาม</source>
        <translation>Signer</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="112"/>
        <source>ผู้ออกใบรับรอง</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="114"/>
        <source>เลขใบรับรอง</source>
        <translation>Certificate serial</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="116"/>
        <source>เอกสารไม่ถูกแก้ไข</source>
        <translation>Document unchanged</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="117"/>
        <source>ใบรับรองเชื่อถือได้</source>
        <translation>Certificate trusted</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="118"/>
        <source>การเปลี่ยนแปลงหลังลงนาม</source>
        <translation>Changes after signing</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="122"/>
        <source>หมายเหตุ</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="128"/>
        <source>ตราประทับเวลา {tsa}</source>
        <translation>Timestamp {tsa}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="138"/>
        <source>ใช่</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signatures_panel.py" line="138"/>
        <source>ไม่</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>SignerPicker</name>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="66"/>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="73"/>
        <source>บัตรหรือโทเคน</source>
        <translation>Smart card or token</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="67"/>
        <source>ใบรับรองของสำนักงาน (ไฟล์ .p12)</source>
        <translation>The office&apos;s certificate (.p12 file)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="75"/>
        <source>ใบรับรองสำหรับลงนาม</source>
        <translation>Signing certificate</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="81"/>
        <source>รหัส PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="82"/>
        <source>รหัส PIN ของบัตร</source>
        <translation>The card&apos;s PIN</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="83"/>
        <source>เครื่องอ่านบัตรนี้มีแป้นกด ให้กด PIN ที่เครื่องอ่านเมื่อกดลงนาม</source>
        <translation>This reader has a PIN pad: type the PIN on the reader after pressing Sign</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="87"/>
        <source>ไฟล์ใบรับรองของสำนักงาน</source>
        <translation>The office&apos;s certificate file</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="88"/>
        <source>เลือกไฟล์…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="91"/>
        <source>รหัสผ่านไฟล์ใบรับรอง</source>
        <translation>Certificate file password</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="98"/>
        <source>ลงนามด้วย</source>
        <translation>Sign with</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="99"/>
        <source>บัตร/โทเคน</source>
        <translation>Card/token</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="101"/>
        <source>ใบรับรอง</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="102"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="109"/>
        <source>ไฟล์ใบรับรอง</source>
        <translation>Certificate file</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="110"/>
        <source>รหัสผ่าน</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="148"/>
        <source>เลือกไฟล์ใบรับรองของสำนักงาน</source>
        <translation>Choose the office&apos;s certificate file</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="149"/>
        <source>ใบรับรอง PKCS#12 (*.p12 *.pfx)</source>
        <translation>PKCS#12 certificates (*.p12 *.pfx)</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="165"/>
        <source>ไม่พบบัตรหรือโทเคน กรุณาเสียบบัตร รายการจะปรับเองภายในไม่กี่วินาที</source>
        <translation>No card or token found. Insert your card; this list updates by itself within a few seconds</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="186"/>
        <source>หมดอายุแล้วเมื่อ {date}</source>
        <translation>expired on {date}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="189"/>
        <source>ยังใช้ไม่ได้จนถึง {date}</source>
        <translation>not valid until {date}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="191"/>
        <source>ไม่ได้ออกให้ใช้ลงนาม</source>
        <translation>not issued for signing</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="209"/>
        <source> · ใช้ได้ถึง {date}</source>
        <translation> · valid until {date}</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="219"/>
        <source>เลือกใบรับรอง</source>
        <translation>Choose a certificate</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="234"/>
        <source>บัตรนี้ไม่มีใบรับรองที่ใช้ลงนามได้ในขณะนี้</source>
        <translation>No certificate on this card can sign now</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="228"/>
        <source>PIN ของบัตรนี้ถูกล็อก ติดต่อผู้ดูแลบัตร</source>
        <translation>This card&apos;s PIN is locked; ask the card administrator</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="230"/>
        <source>ระวัง: ใส่ PIN ผิดอีกครั้งบัตรจะถูกล็อก</source>
        <translation>Careful: one more wrong PIN locks the card</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/signer_picker.py" line="232"/>
        <source>เคยใส่ PIN ผิดมาแล้ว โปรดตรวจสอบให้ดี</source>
        <translation>A wrong PIN was entered before; please check carefully</translation>
    </message>
</context>
<context>
    <name>StampPlacementView</name>
    <message>
        <location filename="../../korat_desktop/ui/stamp_placement.py" line="38"/>
        <source>ตำแหน่งตราลายมือชื่อ</source>
        <translation>Signature stamp position</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/stamp_placement.py" line="40"/>
        <source>ลากเมาส์เพื่อวางกรอบตราลายมือชื่อ ใช้ลูกศรเพื่อเลื่อน และ Shift+ลูกศรเพื่อปรับขนาด</source>
        <translation>Drag to place the signature stamp; arrow keys move it, Shift+arrows resize it</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/stamp_placement.py" line="96"/>
        <source>กำลังโหลดหน้า…</source>
        <translation>Loading the page…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/stamp_placement.py" line="110"/>
        <source>ตราลายมือชื่อ</source>
        <translation>Signature stamp</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../korat_desktop/ui/sync_status.py" line="40"/>
        <source>กำลังซิงก์…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sync_status.py" line="41"/>
        <source>กำลังซิงก์ {percent}%</source>
        <translation>Syncing {percent}%</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sync_status.py" line="44"/>
        <source>ยังไม่ได้เชื่อมต่อกับระบบสารบรรณกลาง</source>
        <translation>Not connected to a central e-Office</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sync_status.py" line="46"/>
        <source>ออฟไลน์ — จะส่งเมื่อกลับมาออนไลน์</source>
        <translation>Offline — letters go out when back online</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sync_status.py" line="48"/>
        <source>ข้อมูลเป็นปัจจุบัน</source>
        <translation>Up to date</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sync_status.py" line="49"/>
        <source>การซิงก์ต้องการความช่วยเหลือ</source>
        <translation>Sync needs attention</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sync_status.py" line="51"/>
        <source>หยุดซิงก์ชั่วคราว</source>
        <translation>Sync paused</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sync_status.py" line="55"/>
        <source> · รอส่ง {count}</source>
        <translation> · {count} waiting to send</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../korat_desktop/ui/sync_status.py" line="193"/>
        <source>สถานะการซิงก์</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sync_status.py" line="195"/>
        <location filename="../../korat_desktop/ui/sync_status.py" line="197"/>
        <source>ซิงก์ตอนนี้</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sync_status.py" line="196"/>
        <source>ส่งและรับหนังสือกับระบบสารบรรณกลางทันที (F5)</source>
        <translation>Send and receive letters with the central e-Office now (F5)</translation>
    </message>
</context>
<context>
    <name>SyncTray</name>
    <message>
        <location filename="../../korat_desktop/ui/sync_status.py" line="227"/>
        <source>เปิดหน้าต่างโปรแกรม</source>
        <translation>Open the window</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sync_status.py" line="228"/>
        <source>ซิงก์ตอนนี้</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sync_status.py" line="229"/>
        <source>หยุดซิงก์ชั่วคราว</source>
        <translation>Sync paused</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/sync_status.py" line="232"/>
        <source>ออกจากโปรแกรม</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>UpdateOffer</name>
    <message>
        <location filename="../../korat_desktop/ui/update_offer.py" line="63"/>
        <source>กำลังตรวจหารุ่นใหม่…</source>
        <translation>Checking for updates…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/update_offer.py" line="80"/>
        <source>ไม่มีรุ่นใหม่: รุ่น {version} ที่ใช้อยู่เป็นรุ่นล่าสุด</source>
        <translation>Up to date: {version} is the newest version</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/update_offer.py" line="89"/>
        <location filename="../../korat_desktop/ui/update_offer.py" line="131"/>
        <source>ตรวจหารุ่นใหม่</source>
        <translation>Check for updates</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/update_offer.py" line="90"/>
        <source>มีโปรแกรมรุ่นใหม่ {version} (ใช้อยู่ {installed}) ขนาด {size:.1f} MB ลงนามโดยฝ่ายไอทีและตรวจสอบแล้ว ติดตั้งตอนนี้?</source>
        <translation>Version {version} is available (this is {installed}), {size:.1f} MB, signed by IT and verified. Install it now?</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/update_offer.py" line="96"/>
        <source>ติดตั้ง</source>
        <translation>Install</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/update_offer.py" line="97"/>
        <source>ภายหลัง</source>
        <translation>Later</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/update_offer.py" line="104"/>
        <source>กำลังดาวน์โหลดและติดตั้งรุ่นใหม่…</source>
        <translation>Downloading and installing the new version…</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/update_offer.py" line="107"/>
        <source>กำลังดาวน์โหลดรุ่นใหม่… {done:.1f} / {total:.1f} MB</source>
        <translation>Downloading the new version… {done:.1f} / {total:.1f} MB</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/update_offer.py" line="113"/>
        <source>ติดตั้งรุ่น {version} แล้ว ปิดโปรแกรมแล้วเปิดใหม่เพื่อใช้รุ่นใหม่</source>
        <translation>Version {version} is installed: close the app and start it again to use it</translation>
    </message>
    <message>
        <location filename="../../korat_desktop/ui/update_offer.py" line="128"/>
        <source>ไม่ได้ติดตั้งรุ่นใหม่: {error}</source>
        <translation>The update was not installed: {error}</translation>
    </message>
</context>
<context>
    <name>error_text</name>
    <message>
        <location filename="../../korat_desktop/ui/error_text.py" line="20"/>
        <source>เกิดข้อผิดพลาดที่ไม่คาดคิด รายละเอียดถูกบันทึกไว้ในไฟล์บันทึกของโปรแกรม</source>
        <translation>Something unexpected went wrong. The details were written to the program&apos;s log file.</translation>
    </message>
</context>
<context>
    <name>print_preview</name>
    <message>
        <location filename="../../korat_desktop/ui/printing.py" line="85"/>
        <source>ตัวอย่างก่อนพิมพ์: {title}</source>
        <translation>Print preview: {title}</translation>
    </message>
</context>
</TS>
