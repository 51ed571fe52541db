"""Thai and English text for the update layer's error codes."""

from __future__ import annotations

__all__ = ["MESSAGES"]

_KEPT = ("โปรแกรมรุ่นเดิมยังใช้งานได้ตามปกติ", "the installed version keeps running")

MESSAGES: dict[str, tuple[str, str]] = {
    "update.no_root": (
        "ไม่พบไฟล์ root ที่เชื่อถือสำหรับการปรับรุ่น ({path}) แจ้งฝ่ายไอทีให้ติดตั้งไฟล์ "
        "update-root.json หรือกำหนดค่า update.root_file",
        "No trusted update root ({path}): IT installs update-root.json or sets "
        "update.root_file",
    ),
    "update.bad_root": (
        "ไฟล์ root สำหรับการปรับรุ่น {path} ใช้ไม่ได้: {detail}",
        "The update root file {path} cannot be used: {detail}",
    ),
    "update.expired": (
        f"ข้อมูลการปรับรุ่นหมดอายุแล้ว ({{role}}) อาจเป็นสำเนาเก่าหรือถูกตรึงไว้ จึงไม่ติดตั้ง "
        f"ให้ฝ่ายไอทีส่งออกชุดใหม่; {_KEPT[0]}",
        f"The update information has expired ({{role}}): an old copy or a frozen mirror, "
        f"so nothing is installed; ask IT for a fresh export; {_KEPT[1]}",
    ),
    "update.rollback": (
        f"ข้อมูลการปรับรุ่นเก่ากว่าที่เครื่องนี้เคยเห็น ({{role}}) อาจเป็นการย้อนรุ่น จึงไม่ติดตั้ง; "
        f"{_KEPT[0]}",
        f"The update information is older than this PC has already seen ({{role}}): "
        f"a rollback, so nothing is installed; {_KEPT[1]}",
    ),
    "update.mixed": (
        f"ข้อมูลการปรับรุ่นไม่เข้าชุดกัน ({{role}}: รุ่นที่ได้ไม่ตรงกับที่ลงนามกำกับไว้) จึงไม่ติดตั้ง; "
        f"{_KEPT[0]}",
        f"The update information does not belong together ({{role}}: not the version "
        f"the signed index names), so nothing is installed; {_KEPT[1]}",
    ),
    "update.bad_signature": (
        f"ลายมือชื่อของข้อมูลการปรับรุ่นไม่ถูกต้อง ({{role}}) จึงไม่ติดตั้ง; {_KEPT[0]}",
        f"The update information is not properly signed ({{role}}), so nothing is "
        f"installed; {_KEPT[1]}",
    ),
    "update.tampered": (
        f"แฟ้มติดตั้ง {{name}} ไม่ตรงกับที่ฝ่ายไอทีลงนามไว้ (ขนาดหรือค่าแฮช) จึงไม่ติดตั้ง; "
        f"{_KEPT[0]}",
        f"The package {{name}} is not what IT signed (size or hash), so it is not "
        f"installed; {_KEPT[1]}",
    ),
    "update.bad_repository": (
        f"ข้อมูลการปรับรุ่นใช้ไม่ได้: {{detail}}; {_KEPT[0]}",
        f"The update information cannot be used: {{detail}}; {_KEPT[1]}",
    ),
    "update.unreachable": (
        "อ่านข้อมูลการปรับรุ่นจาก {source} ไม่ได้: {detail}",
        "Cannot read the updates from {source}: {detail}",
    ),
    "update.not_a_repository": (
        "โฟลเดอร์ {path} ไม่มีชุดปรับรุ่น (ต้องมีโฟลเดอร์ metadata และ targets)",
        "{path} holds no update repository (it needs metadata/ and targets/)",
    ),
    "update.none_available": (
        "ไม่มีรุ่นใหม่กว่ารุ่น {version} ที่ติดตั้งอยู่",
        "No version newer than the installed {version}",
    ),
    "update.disabled": (
        "การปรับรุ่นถูกปิดไว้ (update.auto = off)",
        "Updates are switched off (update.auto = off)",
    ),
    "update.declined": ("ยกเลิกการติดตั้งรุ่นใหม่", "The update was not installed"),
    "update.install_failed": (
        f"ติดตั้งรุ่น {{version}} ไม่สำเร็จ ({{command}} จบด้วยรหัส {{status}}); {_KEPT[0]}",
        f"Installing {{version}} failed ({{command}} exited {{status}}); {_KEPT[1]}",
    ),
    "update.no_installer": (
        "ติดตั้ง {name} บนเครื่องนี้ไม่ได้: {detail}",
        "Cannot install {name} on this computer: {detail}",
    ),
    "update.bad_version": (
        "หมายเลขรุ่น {version} ไม่ถูกต้อง (เช่น 1.2.0 หรือ 1.2.0+rebuild1)",
        "Not a valid version: {version} (e.g. 1.2.0 or 1.2.0+rebuild1)",
    ),
    "update.already_published": (
        "รุ่น {version} สำหรับ {platform} ({channel}) ถูกเผยแพร่แล้ว",
        "Version {version} for {platform} ({channel}) is already published",
    ),
    "update.repository_exists": (
        "มีชุดปรับรุ่นอยู่แล้วที่ {path}", "An update repository already exists at {path}",
    ),
    "update.no_repository": (
        "ยังไม่มีชุดปรับรุ่นที่ {path} (ใช้ korat-hub updates init)",
        "No update repository at {path} (run korat-hub updates init)",
    ),
    "update.key_missing": (
        "ไม่พบกุญแจ {role} ที่ {path}", "The {role} key is not at {path}",
    ),
    "update.wrong_key": (
        "กุญแจ {role} ที่ {path} ไม่ใช่กุญแจที่ root กำหนดไว้",
        "The {role} key at {path} is not the one the root names",
    ),
}
