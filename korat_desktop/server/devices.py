"""Enrolled devices: sign-in, bearer-token identification, revocation.

A device token is 32 random bytes shown once; the hub keeps only its SHA-256, looked
up on every request, so revoking a device takes effect on its very next request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, select, update

from korat_desktop.protocol.directory import Agency
from korat_desktop.protocol.enrollment import DeviceInfo, EnrollmentRequest, EnrollmentResponse
from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.protocol.uuid7 import uuid7
from korat_desktop.server.db.engine import Database
from korat_desktop.server.db.schema import agencies, devices, users
from korat_desktop.server.errors import HubError
from korat_desktop.server.passwords import DUMMY_HASH, hash_password, verify_password
from korat_desktop.server.setup_codes import code_digest
from korat_desktop.server.signin_throttle import SigninThrottle, address_key, user_key

__all__ = [
    "TOKEN_PREFIX",
    "DeviceIdentity",
    "enroll",
    "identify",
    "list_devices",
    "revoke",
    "token_digest",
]

TOKEN_PREFIX = "kdt_"

_BY_TOKEN = (  # every authenticated request runs this: built once
    select(devices.c.id, devices.c.name, devices.c.revoked_at, devices.c.created_at,
           users.c.username, agencies.c.code, agencies.c.name.label("agency_name"))
    .join(users, users.c.id == devices.c.user_id)
    .join(agencies, agencies.c.code == devices.c.agency_code)
    .where(devices.c.token_sha256 == bindparam("digest")))


@dataclass(frozen=True)
class DeviceIdentity:
    """Who is calling: the device, its staff member and (what matters most) its agency."""

    device_id: str
    device_name: str
    agency_code: str
    agency_name: str
    username: str
    enrolled_at: dt.datetime

    def info(self) -> DeviceInfo:
        return DeviceInfo(device_id=self.device_id, device_name=self.device_name,
                          username=self.username, enrolled_at=self.enrolled_at,
                          agency=Agency(code=self.agency_code, name=self.agency_name))


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def enroll(db: Database, throttle: SigninThrottle, request: EnrollmentRequest,
           client_address: str) -> EnrollmentResponse:
    """Check the password, or spend a setup code and set the password (both
    throttled), and issue a new device token."""
    keys = [user_key(request.username), address_key(client_address)]
    with db.reading() as conn:
        throttle.check(conn, keys, throttle.now())
        user = conn.execute(
            select(users.c.id, users.c.password_hash, users.c.setup_code_sha256,
                   users.c.setup_code_expires_at, agencies.c.code, agencies.c.name)
            .join(agencies, agencies.c.code == users.c.agency_code)
            .where(users.c.username == request.username)
        ).first()
    # Outside any transaction: scrypt is slow on purpose; do not hold a write lock for it.
    new_hash: str | None = None
    if request.setup_code is None:
        ok = verify_password(request.password, user.password_hash if user else DUMMY_HASH)
    else:
        digest = code_digest(request.setup_code)
        ok = (user is not None and user.setup_code_sha256 is not None
              and hmac.compare_digest(user.setup_code_sha256, digest)
              and user.setup_code_expires_at is not None
              and user.setup_code_expires_at > dt.datetime.now(dt.UTC))
        new_hash = hash_password(request.password) if ok else None
    with db.writing() as conn:
        now = throttle.now()
        throttle.check(conn, keys, now)  # a parallel guess may have locked it meanwhile
        if ok and user is not None and new_hash is not None:
            # Spent in the same statement that checks it: of two racing sign-ins with
            # one code, exactly one updates the row.
            ok = conn.execute(update(users).where(
                users.c.id == user.id, users.c.setup_code_sha256 == user.setup_code_sha256)
                .values(password_hash=new_hash, setup_code_sha256=None,
                        setup_code_expires_at=None)).rowcount == 1
        if not ok or user is None:
            throttle.record_failure(conn, keys, now)
        else:
            throttle.record_success(conn, keys[0])
            token = TOKEN_PREFIX + secrets.token_urlsafe(32)
            device_id = uuid7()
            conn.execute(devices.insert().values(
                id=device_id, user_id=user.id, agency_code=user.code,
                name=request.device_name, token_sha256=token_digest(token),
                created_at=dt.datetime.now(dt.UTC), enrolled_from=client_address[:64]))
    if not ok or user is None:
        raise HubError(ErrorCode.AUTH_BAD_CREDENTIALS if request.setup_code is None
                       else ErrorCode.AUTH_SETUP_CODE, 401)
    return EnrollmentResponse(device_id=device_id, token=token, username=request.username,
                              agency=Agency(code=user.code, name=user.name))


def identify(conn: Connection, token: str) -> DeviceIdentity:
    """The device a bearer token belongs to; 401 when unknown or revoked."""
    row = conn.execute(_BY_TOKEN, {"digest": token_digest(token)}).first()
    if row is None:
        raise HubError(ErrorCode.AUTH_INVALID_TOKEN, 401,
                       headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
    if row.revoked_at is not None:
        raise HubError(ErrorCode.AUTH_REVOKED, 401,
                       headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
    return DeviceIdentity(device_id=row.id, device_name=row.name, agency_code=row.code,
                          agency_name=row.agency_name, username=row.username,
                          enrolled_at=row.created_at)


def revoke(conn: Connection, device_id: str) -> bool:
    """Revoke a device; False when no such (unrevoked) device exists."""
    result = conn.execute(update(devices)
                          .where(devices.c.id == device_id, devices.c.revoked_at.is_(None))
                          .values(revoked_at=dt.datetime.now(dt.UTC)))
    return result.rowcount == 1


def list_devices(conn: Connection) -> list[dict[str, str | None]]:
    rows = conn.execute(
        select(devices.c.id, devices.c.name, devices.c.agency_code, users.c.username,
               devices.c.created_at, devices.c.revoked_at, devices.c.enrolled_from)
        .join(users, users.c.id == devices.c.user_id)
        .order_by(devices.c.created_at, devices.c.id))
    return [{
        "device_id": r.id, "name": r.name, "agency": r.agency_code, "username": r.username,
        "enrolled_at": r.created_at.isoformat(),
        "revoked_at": r.revoked_at.isoformat() if r.revoked_at else None,
        "enrolled_from": r.enrolled_from,
    } for r in rows]
