"""Bulk provisioning: agencies and staff accounts from the files IT keeps in Excel.

Both imports check the whole file first and list every problem with its line (the
same checks for ``--dry-run`` and the real run, the real one inside its write
transaction so the hub cannot change in between); the real run then inserts every row
in bulk or, with any problem, nothing. Rows already on the hub are refused, not
skipped or updated: a re-import of the same file changes nothing and says which rows
exist, and the admin fixes the file rather than wondering which of two names won.

Imported accounts get no password: each gets a one-time setup code
(:mod:`~korat_desktop.server.setup_codes`), returned here for the admin to hand out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, func, select, update

from korat_desktop.server.csv_table import Column, Problem, Record, read_table
from korat_desktop.server.db.schema import agencies, users
from korat_desktop.server.setup_codes import NO_PASSWORD, SetupCode, new_setup_code

__all__ = [
    "AGENCY_COLUMNS",
    "ROLES",
    "USER_COLUMNS",
    "ImportReport",
    "IssuedCode",
    "UserRecord",
    "export_users",
    "import_agencies",
    "import_users",
    "issue_codes",
    "normalize_agency_code",
]

AGENCY_COLUMNS = (
    Column("code", ("รหัส", "รหัสหน่วยงาน", "agency_code")),
    Column("name", ("ชื่อ", "ชื่อหน่วยงาน", "ชื่อส่วนราชการ", "agency_name")),
    Column("relay", ("หน่วยงานส่งต่อ", "รหัสหน่วยงานส่งต่อ", "relay_agency"), required=False),
)
USER_COLUMNS = (
    Column("username", ("ชื่อผู้ใช้", "user", "login")),
    Column("full_name", ("ชื่อ-นามสกุล", "ชื่อ-สกุล", "ชื่อ", "name", "fullname")),
    Column("agency_code", ("รหัสหน่วยงาน", "หน่วยงาน", "agency")),
    Column("role", ("บทบาท",), required=False),
    Column("email", ("อีเมล", "อีเมล์", "e-mail", "mail"), required=False),
)
ROLES: dict[str, str] = {"clerk": "clerk", "เจ้าหน้าที่": "clerk", "เจ้าหน้าที่สารบรรณ": "clerk",
                         "head": "head", "หัวหน้า": "head", "หัวหน้าส่วนราชการ": "head"}
"""Accepted role words (Thai or English) and the role stored; empty means clerk. The
province's IT are not agency accounts at all (they sign in to the fleet page with
accounts of their own), so there is no admin role here."""

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_AGENCY_CODE = re.compile(r"^([ก-ฮ]{1,4})\.?\s*([0-9]{2,6}(?:\.[0-9]{1,4})*)$")
_USERNAME = re.compile(r"^[A-Za-z0-9._@-]{1,128}$")
_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
_AGENCY_NAME_MAX, _FULL_NAME_MAX, _EMAIL_MAX = 500, 200, 254


@dataclass(frozen=True)
class IssuedCode:
    username: str
    full_name: str
    agency_code: str
    code: SetupCode


@dataclass(frozen=True)
class ImportReport:
    """What an import found (``problems``) and did (``imported``; 0 on a dry run or a
    refused file)."""

    kind: str
    dry_run: bool
    rows: int
    problems: tuple[Problem, ...]
    imported: int = 0
    codes: tuple[IssuedCode, ...] = field(default=(), repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "dry_run": self.dry_run, "rows": self.rows,
                "imported": self.imported, "problems": [p.as_dict() for p in self.problems]}


@dataclass(frozen=True)
class UserRecord:
    username: str
    full_name: str
    agency_code: str
    role: str
    email: str
    status: str
    """``active`` (has a password), ``setup_pending`` or ``setup_expired``."""


def normalize_agency_code(value: str) -> str | None:
    """``นม0017.1``, ``นม. ๐๐๑๗.๑`` -> ``นม 0017.1``; None when it is not such a code."""
    m = _AGENCY_CODE.match(value.translate(_THAI_DIGITS))
    return f"{m[1]} {m[2]}" if m else None


class _Checks:
    """Collects the problems of one file, row by row."""

    def __init__(self, records: Sequence[Record], problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        self.rows = len(records) + len({p.line for p in self.problems})
        """Data rows in the file, those the reading left out included."""

    def add(self, line: int, code: str, **params: Any) -> None:
        self.problems.append(Problem(line, code, params))

    def required(self, record: Record, key: str, limit: int | None = None) -> str:
        value = record.values[key]
        if not value:
            self.add(record.line, "provision.missing_value", column=key)
        elif limit is not None and len(value) > limit:
            self.add(record.line, "provision.too_long", column=key, max=limit)
        return value

    def agency_code(self, record: Record, key: str) -> str | None:
        value = record.values[key]
        if not value:
            return None
        code = normalize_agency_code(value)
        if code is None:
            self.add(record.line, "provision.bad_code", value=value)
        return code

    def unique(self, seen: dict[str, int], record: Record, value: str, key: str) -> None:
        first = seen.setdefault(key, record.line)
        if first != record.line:
            self.add(record.line, "provision.duplicate_in_file", value=value, first_line=first)

    def sorted(self) -> tuple[Problem, ...]:
        return tuple(sorted(self.problems, key=lambda p: p.line))


def import_agencies(conn: Connection, data: bytes, *, dry_run: bool,
                    now: dt.datetime) -> ImportReport:
    records, problems = read_table(data, AGENCY_COLUMNS)
    checks = _Checks(records, problems)
    on_hub = set(conn.execute(select(agencies.c.code)).scalars())
    seen: dict[str, int] = {}
    rows = []
    for record in records:
        if not record.values["code"]:
            checks.add(record.line, "provision.missing_value", column="code")
        code = checks.agency_code(record, "code")
        name = checks.required(record, "name", _AGENCY_NAME_MAX)
        relay = checks.agency_code(record, "relay")
        if code is not None:
            checks.unique(seen, record, code, code)
            if code in on_hub:
                checks.add(record.line, "provision.exists_on_hub", value=code)
        rows.append((record, code, name, relay))
    for record, code, _, relay in rows:
        if relay is None:
            continue
        if relay == code:
            checks.add(record.line, "provision.relay_self")
        elif relay not in on_hub and relay not in seen:
            checks.add(record.line, "provision.unknown_relay", value=relay)
    report = ImportReport("agencies", dry_run, checks.rows, checks.sorted())
    if dry_run or report.problems:
        return report
    conn.execute(agencies.insert(), [
        {"code": code, "name": name, "change_seq": 0, "created_at": now}
        for _, code, name, _ in rows])
    relays = [{"b_code": code, "b_relay": relay} for _, code, _, relay in rows if relay]
    if relays:
        conn.execute(update(agencies).where(agencies.c.code == bindparam("b_code"))
                     .values(relay_agency=bindparam("b_relay")), relays)
    return ImportReport("agencies", False, len(records), (), imported=len(rows))


def import_users(conn: Connection, data: bytes, *, dry_run: bool, now: dt.datetime,
                 valid_days: int) -> ImportReport:
    records, problems = read_table(data, USER_COLUMNS)
    checks = _Checks(records, problems)
    on_hub = {name.casefold() for name in conn.execute(select(users.c.username)).scalars()}
    known_agencies = set(conn.execute(select(agencies.c.code)).scalars())
    seen: dict[str, int] = {}
    rows = []
    for record in records:
        username = checks.required(record, "username")
        if username and not _USERNAME.match(username):
            checks.add(record.line, "provision.bad_username", value=username)
        elif username:
            checks.unique(seen, record, username, username.casefold())
            if username.casefold() in on_hub:
                checks.add(record.line, "provision.exists_on_hub", value=username)
        full_name = checks.required(record, "full_name", _FULL_NAME_MAX)
        if not record.values["agency_code"]:
            checks.add(record.line, "provision.missing_value", column="agency_code")
        agency = checks.agency_code(record, "agency_code")
        if agency is not None and agency not in known_agencies:
            checks.add(record.line, "provision.unknown_agency", value=agency)
        role = ROLES.get(record.values["role"].casefold() or "clerk")
        if role is None:
            checks.add(record.line, "provision.bad_role", value=record.values["role"],
                       allowed=", ".join(ROLES))
        email = record.values["email"]
        if email and (len(email) > _EMAIL_MAX or not _EMAIL.match(email)):
            checks.add(record.line, "provision.bad_email", value=email)
        rows.append((username, full_name, agency, role, email or None))
    report = ImportReport("users", dry_run, checks.rows, checks.sorted())
    if dry_run or report.problems:
        return report
    issued: list[IssuedCode] = []
    values: list[dict[str, Any]] = []
    for username, full_name, agency, role, mail in rows:
        assert agency is not None
        code = new_setup_code(now, valid_days)
        issued.append(IssuedCode(username, full_name, agency, code))
        values.append({"username": username, "agency_code": agency, "password_hash": NO_PASSWORD,
                       "created_at": now, "full_name": full_name, "role": role,
                       "email": mail, "setup_code_sha256": code.digest,
                       "setup_code_expires_at": code.expires_at})
    conn.execute(users.insert(), values)
    return ImportReport("users", False, len(records), (), imported=len(values),
                        codes=tuple(issued))


def issue_codes(conn: Connection, usernames: Sequence[str], *, now: dt.datetime,
                valid_days: int) -> tuple[list[IssuedCode], list[str]]:
    """New setup codes for existing accounts (a lost or expired one); replaces any
    earlier code. The password, if any, keeps working until the code is used.
    Returns the codes and the names not found."""
    usernames = list(dict.fromkeys(usernames))  # a name given twice gets one code
    found = {r.username: r for r in conn.execute(
        select(users.c.username, users.c.full_name, users.c.agency_code)
        .where(users.c.username.in_(list(usernames))))}
    missing = [name for name in usernames if name not in found]
    if missing:
        return [], missing
    issued = []
    for name in usernames:
        code = new_setup_code(now, valid_days)
        row = found[name]
        issued.append(IssuedCode(name, row.full_name or "", row.agency_code, code))
    conn.execute(update(users).where(users.c.username == bindparam("b_user")).values(
        setup_code_sha256=bindparam("b_digest"), setup_code_expires_at=bindparam("b_exp")),
        [{"b_user": c.username, "b_digest": c.code.digest, "b_exp": c.code.expires_at}
         for c in issued])
    return issued, []


def export_users(conn: Connection, now: dt.datetime) -> list[UserRecord]:
    """Every account, in the import's columns (no password, hash or code)."""
    rows = conn.execute(select(users.c.username, users.c.full_name, users.c.agency_code,
                               func.coalesce(users.c.role, "clerk").label("role"),
                               users.c.email, users.c.password_hash,
                               users.c.setup_code_expires_at)
                        .order_by(users.c.agency_code, users.c.username))
    out = []
    for r in rows:
        if r.password_hash != NO_PASSWORD:
            status = "active"
        elif r.setup_code_expires_at is not None and r.setup_code_expires_at > now:
            status = "setup_pending"
        else:
            status = "setup_expired"
        out.append(UserRecord(r.username, r.full_name or "", r.agency_code, r.role,
                              r.email or "", status))
    return out
