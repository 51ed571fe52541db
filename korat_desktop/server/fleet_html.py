"""The fleet page's HTML, rendered on the server in Thai (or English): no script at all.

Only what IT needs to act on is shown: offices and their devices, who has gone quiet,
who runs an old version, the most common error codes. Nothing secret is on it: no
token, no password hash, no enrolment address, no letter; every value from a device
or an admin is HTML-escaped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

from korat_desktop.domain.thai_dates import format_thai_moment
from korat_desktop.messages import render
from korat_desktop.protocol.directory import Agency
from korat_desktop.server.fleet import FleetDevice

__all__ = ["FleetView", "TEXTS", "error_page", "fleet_page", "signin_page"]

TEXTS: dict[str, dict[str, str]] = {
    "th": {
        "title": "ภาพรวมเครื่องในจังหวัด", "signin": "เข้าสู่ระบบสำหรับฝ่ายไอที",
        "username": "ชื่อผู้ใช้", "password": "รหัสผ่าน", "submit": "เข้าสู่ระบบ",
        "signout": "ออกจากระบบ", "other_lang": "English", "signed_in": "ผู้ดูแล",
        "offices": "หน่วยงาน", "devices": "เครื่อง",
        "stale": "ไม่ได้ซิงก์เกิน {days} วัน", "old": "ใช้รุ่นเก่ากว่า {version}",
        "errors": "ข้อผิดพลาดที่พบบ่อย", "all": "หน่วยงานและเครื่องทั้งหมด",
        "show": "แสดง", "days": "จำนวนวัน", "version_below": "รุ่นต่ำกว่า",
        "agency": "หน่วยงาน", "device": "เครื่อง", "user": "ผู้ใช้", "version": "รุ่น",
        "os": "ระบบปฏิบัติการ", "heard": "ติดต่อล่าสุด", "silent": "เงียบ (วัน)",
        "pending": "ค้างส่ง", "failed": "ติดขัด", "oldest": "ค้างนานสุด", "last_error": "ข้อผิดพลาดล่าสุด",
        "disk": "พื้นที่ว่าง", "middleware": "ไดรเวอร์บัตร", "code": "รหัส",
        "meaning": "ความหมาย", "count": "จำนวนเครื่อง", "none": "ไม่มี",
        "never": "ยังไม่รายงาน", "no_devices": "ยังไม่มีเครื่องลงทะเบียน",
        "no_middleware": "ไม่พบ", "hours": "ชม.", "bad_signin": "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง",
        "forbidden": "บัญชีนี้เป็นบัญชีของหน่วยงาน ไม่มีสิทธิ์ดูหน้านี้ "
                     "หน้านี้สำหรับผู้ดูแลระบบของฝ่ายไอทีจังหวัดเท่านั้น",
        "csrf": "แบบฟอร์มหมดอายุหรือไม่ได้มาจากหน้านี้ กรุณาลองใหม่",
        "locked": "ลงชื่อเข้าผิดหลายครั้ง กรุณารอ {seconds} วินาทีแล้วลองใหม่",
        "back": "กลับไปหน้าเข้าสู่ระบบ", "as_of": "ข้อมูล ณ",
    },
    "en": {
        "title": "Devices of the province", "signin": "Sign in for IT",
        "username": "User name", "password": "Password", "submit": "Sign in",
        "signout": "Sign out", "other_lang": "ภาษาไทย", "signed_in": "Admin",
        "offices": "Offices", "devices": "Devices",
        "stale": "Not synced for {days} days", "old": "Running a version older than {version}",
        "errors": "Most common errors", "all": "All offices and devices",
        "show": "Show", "days": "Days", "version_below": "Version below",
        "agency": "Agency", "device": "Device", "user": "User", "version": "Version",
        "os": "OS", "heard": "Last heard", "silent": "Silent (days)",
        "pending": "Pending", "failed": "failed", "oldest": "Oldest pending", "last_error": "Last error",
        "disk": "Free disk", "middleware": "Card middleware", "code": "Code",
        "meaning": "Meaning", "count": "Devices", "none": "None",
        "never": "never reported", "no_devices": "no device enrolled",
        "no_middleware": "none found", "hours": "h", "bad_signin": "Wrong user name or password",
        "forbidden": "This is an agency account: it may not see this page. "
                     "The page is for the province's IT admins only.",
        "csrf": "The form expired or did not come from this page; please try again.",
        "locked": "Too many failed sign-ins: wait {seconds} seconds and try again",
        "back": "Back to sign-in", "as_of": "As of",
    },
}

_STYLE = """
@font-face { font-family: Sarabun; src: url(/fleet/fonts/Sarabun-Regular.ttf); }
@font-face { font-family: Sarabun; font-weight: bold; src: url(/fleet/fonts/Sarabun-Bold.ttf); }
body { font-family: Sarabun, sans-serif; margin: 1.5em; color: #1d2733; }
header { display: flex; gap: 1em; align-items: baseline; flex-wrap: wrap; }
header h1 { margin: 0 auto 0 0; font-size: 1.6em; }
h2 { font-size: 1.2em; margin-top: 1.4em; border-bottom: 2px solid #2c5d8f; }
h2.alert { border-color: #b3261e; color: #b3261e; }
table { border-collapse: collapse; width: 100%; font-size: 0.95em; }
th, td { border: 1px solid #c9d1da; padding: 0.25em 0.5em; text-align: left; }
th { background: #e8eef5; }
tr.agency td { background: #f4f6f8; font-weight: bold; }
.cards { display: flex; gap: 1em; flex-wrap: wrap; }
.card { border: 1px solid #c9d1da; border-radius: 6px; padding: 0.5em 1em; min-width: 9em; }
.card b { display: block; font-size: 1.6em; }
.card.alert b { color: #b3261e; }
.muted { color: #5c6773; }
form.inline { display: inline; }
.message { padding: 0.6em 1em; border: 1px solid #b3261e; color: #b3261e; max-width: 40em; }
label { display: block; margin-top: 0.6em; }
label.inline { display: inline; margin-right: 1em; }
form.filters { margin: 1em 0; }
"""


def _page(lang: str, title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="referrer" content="same-origin">'
            f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
            f"<body>{body}</body></html>")


def _other_lang(lang: str, path: str, query: dict[str, str]) -> str:
    other = "en" if lang == "th" else "th"
    href = f"{path}?{urlencode({**query, 'lang': other})}"
    return f'<a href="{escape(href)}" hreflang="{other}">{TEXTS[lang]["other_lang"]}</a>'


def signin_page(lang: str, csrf: str, message: str = "") -> str:
    """The sign-in form; ``csrf`` must come back with it (and match its cookie)."""
    t = TEXTS[lang]
    notice = f'<p class="message" role="alert">{escape(message)}</p>' if message else ""
    body = (f"<header><h1>{t['signin']}</h1>{_other_lang(lang, '/fleet/signin', {})}</header>"
            f"{notice}"
            f'<form method="post" action="/fleet/signin" autocomplete="off">'
            f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
            f'<input type="hidden" name="lang" value="{lang}">'
            f'<label>{t["username"]} <input name="username" id="username" required '
            f'maxlength="128" autocomplete="username"></label>'
            f'<label>{t["password"]} <input name="password" id="password" type="password" '
            f'required maxlength="1024" autocomplete="current-password"></label>'
            f'<p><button type="submit" id="submit">{t["submit"]}</button></p></form>')
    return _page(lang, t["signin"], body)


def error_page(lang: str, message: str) -> str:
    t = TEXTS[lang]
    body = (f'<header><h1>{t["title"]}</h1></header>'
            f'<p class="message" role="alert" id="refused">{escape(message)}</p>'
            f'<p><a href="/fleet/signin?lang={lang}">{t["back"]}</a></p>')
    return _page(lang, t["title"], body)


@dataclass(frozen=True)
class FleetView:
    """What the page shows, already selected (see :mod:`korat_desktop.server.fleet`)."""

    now: dt.datetime
    admin: str
    csrf: str
    agencies: Sequence[Agency]
    devices: Sequence[FleetDevice]
    stale_days: int
    stale: Sequence[FleetDevice]
    version_below: str | None
    old: Sequence[FleetDevice]
    errors: Sequence[tuple[str, int]]


def _error_meaning(code: str, lang: str) -> str:
    """The code's words without the details a single case would fill in."""
    text = render(code, lang, {})
    return "" if text == code else re.sub(r"\{[^}]*\}", "…", text)


def _age(seconds: int | None, t: dict[str, str]) -> str:
    if seconds is None:
        return "-"
    if seconds >= 86400:
        return f"{seconds / 86400:.1f} {t['days']}"
    return f"{seconds / 3600:.1f} {t['hours']}"


def _disk(free: int | None) -> str:
    return "-" if free is None else f"{free / 1e9:.1f} GB"


def _device_cells(d: FleetDevice, view: FleetView, lang: str, with_agency: bool) -> str:
    t = TEXTS[lang]
    heard = format_thai_moment(d.last_seen, lang)
    if d.reported_at is None:
        heard += f' <span class="muted">({t["never"]})</span>'
    cells = [escape(d.device_name), escape(d.username), escape(d.app_version or "-"),
             escape(d.os or "-"), heard,
             f"{d.silent_for(view.now).total_seconds() / 86400:.1f}",
             "-" if d.pending_ops is None else f"{d.pending_ops}"
             + (f" ({t['failed']} {d.failed_ops})" if d.failed_ops else ""),
             _age(d.oldest_pending_s, t),
             f"<code>{escape(d.last_error)}</code>" if d.last_error else "-",
             _disk(d.free_disk_bytes),
             escape(", ".join(d.token_middleware)) if d.token_middleware
             else (t["no_middleware"] if d.reported_at else "-")]
    if with_agency:
        cells.insert(0, f"{escape(d.agency_code)} {escape(d.agency_name)}")
    return "".join(f"<td>{c}</td>" for c in cells)


def _heads(lang: str, with_agency: bool) -> str:
    t = TEXTS[lang]
    keys = ["device", "user", "version", "os", "heard", "silent", "pending", "oldest",
            "last_error", "disk", "middleware"]
    if with_agency:
        keys.insert(0, "agency")
    return "<tr>" + "".join(f'<th scope="col">{t[k]}</th>' for k in keys) + "</tr>"


def _device_table(table_id: str, found: Sequence[FleetDevice], view: FleetView,
                  lang: str) -> str:
    if not found:
        return f'<p id="{table_id}" class="muted">{TEXTS[lang]["none"]}</p>'
    rows = "".join(f'<tr data-device="{escape(d.device_id)}">'
                   f"{_device_cells(d, view, lang, True)}</tr>" for d in found)
    return f'<table id="{table_id}">{_heads(lang, True)}{rows}</table>'


def _offices(view: FleetView, lang: str) -> str:
    t = TEXTS[lang]
    by_agency: dict[str, list[FleetDevice]] = {}
    for d in view.devices:
        by_agency.setdefault(d.agency_code, []).append(d)
    rows = []
    for agency in view.agencies:
        mine = by_agency.get(agency.code, [])
        note = "" if mine else f' <span class="muted">({t["no_devices"]})</span>'
        rows.append(f'<tr class="agency"><td colspan="11">{escape(agency.code)} '
                    f"{escape(agency.name)}{note}</td></tr>")
        rows += [f'<tr data-device="{escape(d.device_id)}">'
                 f"{_device_cells(d, view, lang, False)}</tr>" for d in mine]
    return f'<table id="offices">{_heads(lang, False)}{"".join(rows)}</table>'


def _errors(view: FleetView, lang: str) -> str:
    t = TEXTS[lang]
    if not view.errors:
        return f'<p id="errors" class="muted">{t["none"]}</p>'
    rows = "".join(f"<tr><td><code>{escape(code)}</code></td>"
                   f"<td>{escape(_error_meaning(code, lang))}</td><td>{count}</td></tr>"
                   for code, count in view.errors)
    return (f'<table id="errors"><tr><th scope="col">{t["code"]}</th>'
            f'<th scope="col">{t["meaning"]}</th><th scope="col">{t["count"]}</th></tr>'
            f"{rows}</table>")


def fleet_page(view: FleetView, lang: str) -> str:
    t = TEXTS[lang]
    query = {"days": str(view.stale_days)}
    if view.version_below:
        query["below"] = view.version_below
    stale_title = t["stale"].format(days=view.stale_days)
    old_title = t["old"].format(version=view.version_below or "-")

    def card(label: str, value: int, alert: bool = False) -> str:
        return (f'<div class="card{" alert" if alert and value else ""}"><b>{value}</b>'
                f"{escape(label)}</div>")

    body = (
        f"<header><h1>{t['title']}</h1>"
        f'<span class="muted">{t["as_of"]} {format_thai_moment(view.now, lang)}</span>'
        f"{_other_lang(lang, '/fleet', query)}"
        f'<span>{t["signed_in"]}: {escape(view.admin)}</span>'
        f'<form class="inline" method="post" action="/fleet/signout">'
        f'<input type="hidden" name="csrf" value="{escape(view.csrf)}">'
        f'<input type="hidden" name="lang" value="{lang}">'
        f'<button type="submit">{t["signout"]}</button></form></header>'
        f'<form class="filters" method="get" action="/fleet"><input type="hidden" name="lang" value="{lang}">'
        f'<label class="inline">{t["days"]} <input name="days" type="number" min="1" '
        f'max="3650" value="{view.stale_days}"></label> '
        f'<label class="inline">{t["version_below"]} <input name="below" maxlength="40" '
        f'value="{escape(view.version_below or "")}"></label> '
        f'<button type="submit">{t["show"]}</button></form>'
        f'<div class="cards" id="summary">{card(t["offices"], len(view.agencies))}'
        f"{card(t['devices'], len(view.devices))}{card(stale_title, len(view.stale), True)}"
        f"{card(old_title, len(view.old), True)}</div>"
        f'<h2 class="alert">{escape(stale_title)} ({len(view.stale)})</h2>'
        f"{_device_table('stale', view.stale, view, lang)}"
        f'<h2 class="alert">{escape(old_title)} ({len(view.old)})</h2>'
        f"{_device_table('old', view.old, view, lang)}"
        f"<h2>{t['errors']}</h2>{_errors(view, lang)}"
        f"<h2>{t['all']}</h2>{_offices(view, lang)}")
    return _page(lang, t["title"], body)
