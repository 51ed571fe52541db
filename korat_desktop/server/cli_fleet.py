"""``korat-hub`` commands for the fleet view: the devices' reports, and IT's admins.

* ``devices [--stale 7d] [--version-below V] [--agency CODE] [--lang th|en]``: every
  enrolled device with its last report (``--json``: one object per device). ``--stale``
  keeps those the hub has not heard from for that long (by the hub's clock; a device
  that never reported counts from its enrolment).
* ``add-admin USER``: an account of the province's IT for the fleet page (password on
  stdin, as ``add-user``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from korat_desktop.domain.thai_dates import format_thai_moment
from korat_desktop.server.admins import add_admin
from korat_desktop.server.fleet import FleetDevice, FleetFilter, fleet_devices, parse_age
from korat_desktop.server.hub import Hub

__all__ = ["COMMANDS", "add_parsers", "device_table", "run"]

COMMANDS = ("devices", "add-admin")

_HEADINGS = {
    "th": ("หน่วยงาน", "เครื่อง", "ผู้ใช้", "รุ่น", "ติดต่อล่าสุด", "เงียบ (วัน)", "ค้างส่ง",
           "ข้อผิดพลาดล่าสุด"),
    "en": ("Agency", "Device", "User", "Version", "Last heard", "Silent (days)", "Pending",
           "Last error"),
}
_NONE = {"th": "ไม่มีเครื่องตามที่ระบุ", "en": "no such devices"}
_NEVER = {"th": "ยังไม่รายงาน", "en": "never reported"}


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("devices", parents=[common],
                       help="devices and their last reports (เครื่องและรายงานล่าสุด)")
    p.add_argument("--stale", metavar="AGE",
                   help="only devices not heard from for AGE: 7d, 12h, 30m (ไม่ได้ซิงก์นานเกิน)")
    p.add_argument("--version-below", metavar="V",
                   help="only devices that report a version older than V (รุ่นเก่ากว่า)")
    p.add_argument("--agency", metavar="CODE", help="only this agency's devices")
    p.add_argument("--lang", choices=("th", "en"), default="th",
                   help="language of the table (default Thai)")
    p = sub.add_parser("add-admin", parents=[common],
                       help="add an IT admin for the fleet page, password on stdin "
                            "(ผู้ดูแลระบบของฝ่ายไอที)")
    p.add_argument("username", metavar="USER")


def _width(text: str) -> int:
    """Columns a terminal gives ``text``: Thai vowels and tone marks above or below a
    consonant take none."""
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) == "Mn" else 1
               for c in text)


def device_table(found: Sequence[FleetDevice], now: dt.datetime, lang: str) -> str:
    """The devices as an aligned table in ``lang`` (dates in Buddhist Era, Thai time)."""
    if not found:
        return _NONE[lang]
    rows = [list(_HEADINGS[lang])]
    for d in found:
        heard = format_thai_moment(d.last_seen, lang)
        if d.reported_at is None:
            heard += f" ({_NEVER[lang]})"
        rows.append([d.agency_code, d.device_name, d.username, d.app_version or "-", heard,
                     f"{d.silent_for(now).total_seconds() / 86400:.1f}",
                     "-" if d.pending_ops is None else str(d.pending_ops),
                     d.last_error or "-"])
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell + " " * (widths[i] - _width(cell))
                               for i, cell in enumerate(r)).rstrip() for r in rows)


def run(args: argparse.Namespace, hub: Hub, read_password: Callable[[], str]
        ) -> tuple[Any, str]:
    if args.command == "add-admin":
        password = read_password()
        with hub.db.writing() as conn:
            add_admin(conn, args.username, password)
        return {"username": args.username, "admin": True}, f"added admin {args.username}"
    only = FleetFilter(stale_for=parse_age(args.stale) if args.stale else None,
                       version_below=args.version_below, agency=args.agency)
    now = dt.datetime.now(dt.UTC)
    with hub.db.reading() as conn:
        found = fleet_devices(conn, now, only)
    return [d.to_json(now) for d in found], device_table(found, now, args.lang)
