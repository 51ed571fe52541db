"""The province IT's admin accounts and their browser sessions (the fleet page).

Admins are not agency staff: they have no agency, cannot enroll a device, and an
agency account that signs in to the fleet page is refused (403) even with the right
password. A session is 32 random bytes in an HttpOnly cookie; the hub keeps only its
SHA-256 (a copy of the database signs nobody in) and, with it, the CSRF token its
forms must carry. Sign-in failures count in the same throttle as device sign-ins.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, delete, select
from sqlalchemy.exc import IntegrityError

from korat_desktop.errors import UsageError
from korat_desktop.server.db.engine import Database
from korat_desktop.server.db.schema import admin_accounts, admin_sessions, users
from korat_desktop.server.passwords import DUMMY_HASH, hash_password, verify_password
from korat_desktop.server.signin_throttle import SigninThrottle, address_key

__all__ = ["SESSION_LIFETIME", "AdminSession", "SignIn", "SignInResult", "add_admin",
           "admin_session", "end_session", "sign_in"]

SESSION_LIFETIME = dt.timedelta(hours=8)
"""A working day; after it IT signs in again."""


def add_admin(conn: Connection, username: str, password: str) -> None:
    if not username or len(username) > 128 or any(ord(c) < 32 for c in username) \
            or not password:
        raise UsageError("usage.bad_argument", name="USER", detail="empty user or password")
    try:
        with conn.begin_nested():
            conn.execute(admin_accounts.insert().values(
                username=username, password_hash=hash_password(password),
                created_at=dt.datetime.now(dt.UTC)))
    except IntegrityError as e:
        raise UsageError("usage.bad_argument", name="USER",
                         detail=f"admin {username} exists") from e


class SignIn(enum.Enum):
    ADMIN = "admin"
    AGENCY_USER = "agency_user"  # right password, but not IT: 403
    REFUSED = "refused"          # unknown or wrong password: 401


@dataclass(frozen=True)
class SignInResult:
    outcome: SignIn
    token: str | None = None  # the cookie value, for ADMIN only


@dataclass(frozen=True)
class AdminSession:
    username: str
    csrf_token: str
    expires_at: dt.datetime


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def sign_in(db: Database, throttle: SigninThrottle, username: str, password: str,
            client_address: str) -> SignInResult:
    """Check an admin's password (throttled: 429 ``auth.rate_limited`` when locked)."""
    keys = [f"admin:{username[:128]}", address_key(client_address)]
    with db.reading() as conn:
        throttle.check(conn, keys, throttle.now())
        admin = conn.execute(select(admin_accounts.c.id, admin_accounts.c.password_hash)
                             .where(admin_accounts.c.username == username)).first()
        staff = None if admin else conn.execute(
            select(users.c.password_hash).where(users.c.username == username)).first()
    # scrypt outside any transaction, as for device sign-in
    stored = admin.password_hash if admin else staff.password_hash if staff else DUMMY_HASH
    ok = verify_password(password, stored) and (admin is not None or staff is not None)
    with db.writing() as conn:
        now = throttle.now()
        throttle.check(conn, keys, now)
        if not ok:
            throttle.record_failure(conn, keys, now)
            return SignInResult(SignIn.REFUSED)
        throttle.record_success(conn, keys[0])
        if admin is None:
            return SignInResult(SignIn.AGENCY_USER)
        token = secrets.token_urlsafe(32)
        moment = dt.datetime.now(dt.UTC)
        conn.execute(delete(admin_sessions).where(admin_sessions.c.expires_at < moment))
        conn.execute(admin_sessions.insert().values(
            token_sha256=_digest(token), admin_id=admin.id,
            csrf_token=secrets.token_urlsafe(32), created_at=moment,
            expires_at=moment + SESSION_LIFETIME))
    return SignInResult(SignIn.ADMIN, token)


def admin_session(conn: Connection, token: str | None) -> AdminSession | None:
    """The live session a cookie names; None when absent, unknown or expired."""
    if not token or len(token) > 100:
        return None
    row = conn.execute(
        select(admin_accounts.c.username, admin_sessions.c.csrf_token,
               admin_sessions.c.expires_at)
        .join(admin_accounts, admin_accounts.c.id == admin_sessions.c.admin_id)
        .where(admin_sessions.c.token_sha256 == _digest(token))).first()
    if row is None or row.expires_at <= dt.datetime.now(dt.UTC):
        return None
    return AdminSession(row.username, row.csrf_token, row.expires_at)


def end_session(conn: Connection, token: str) -> None:
    conn.execute(delete(admin_sessions).where(admin_sessions.c.token_sha256 == _digest(token)))
