"""Agencies and staff accounts: what the admin console creates and the directory lists."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError

from korat_desktop.errors import UsageError
from korat_desktop.protocol.directory import Agency
from korat_desktop.server.db.schema import agencies, users
from korat_desktop.server.passwords import hash_password

__all__ = ["add_agency", "add_user", "list_agencies"]


def add_agency(conn: Connection, code: str, name: str) -> Agency:
    code, name = code.strip(), name.strip()
    if not code or len(code) > 64 or not name or any(ord(c) < 32 for c in code):
        raise UsageError("usage.bad_argument", name="CODE/NAME", detail=f"{code!r}, {name!r}")
    if conn.execute(select(agencies.c.code).where(agencies.c.code == code)).first():
        raise UsageError("usage.bad_argument", name="CODE", detail=f"agency {code} exists")
    conn.execute(agencies.insert().values(code=code, name=name, change_seq=0,
                                          created_at=dt.datetime.now(dt.UTC)))
    return Agency(code=code, name=name)


def add_user(conn: Connection, username: str, agency_code: str, password: str) -> None:
    if not username or len(username) > 128 or not password:
        raise UsageError("usage.bad_argument", name="USER", detail="empty user or password")
    if not conn.execute(select(agencies.c.code).where(agencies.c.code == agency_code)).first():
        raise UsageError("usage.bad_argument", name="--agency",
                         detail=f"no agency {agency_code}")
    try:
        with conn.begin_nested():
            conn.execute(users.insert().values(
                username=username, agency_code=agency_code,
                password_hash=hash_password(password), created_at=dt.datetime.now(dt.UTC)))
    except IntegrityError as e:
        raise UsageError("usage.bad_argument", name="USER",
                         detail=f"user {username} exists") from e


def list_agencies(conn: Connection) -> list[Agency]:
    rows = conn.execute(select(agencies.c.code, agencies.c.name, agencies.c.relay_agency)
                        .order_by(agencies.c.code))
    return [Agency(code=r.code, name=r.name, relay=r.relay_agency) for r in rows]
