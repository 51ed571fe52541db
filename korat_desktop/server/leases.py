"""Register-number leases: blocks that never overlap, per agency + register + year.

A block is carved from ``number_counters.next_number`` with one atomic
``UPDATE ... RETURNING`` inside a write transaction, so concurrent requests from any
number of devices and hub processes serialise on that row and each gets its own
range. Released tails go back to the counter only when nothing was leased after
them; otherwise the hub records them as voided (never reissued out of order).

With an ``Idempotency-Key`` the grant is stored under that key (unique per device):
asking again with the key answers the same block, so a lost answer strands nothing.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import Connection, select, update
from sqlalchemy.exc import IntegrityError

from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.protocol.leases import (
    IDEMPOTENCY_KEY_PATTERN,
    LeaseGrant,
    LeaseRelease,
    LeaseReleaseResult,
    LeaseRequest,
    NumberRange,
)
from korat_desktop.protocol.types import Register
from korat_desktop.protocol.uuid7 import is_uuid7, uuid7
from korat_desktop.server.db.engine import Database, insert_ignoring_conflict
from korat_desktop.server.db.schema import leases, number_counters
from korat_desktop.server.devices import DeviceIdentity
from korat_desktop.server.errors import HubError

__all__ = ["MAX_NUMBER", "grant_lease", "release_lease"]

MAX_NUMBER = 9_999_999
_REQUEST_KEY = re.compile(IDEMPOTENCY_KEY_PATTERN)


def grant_lease(db: Database, device: DeviceIdentity, request: LeaseRequest,
                request_key: str | None = None) -> tuple[LeaseGrant, bool]:
    """Carve a new block, or find the one granted under ``request_key`` before.

    Returns the grant and whether it is new (False: a replay of an earlier request).
    """
    if request_key is not None:
        request_key = request_key.strip().strip('"')
        if not _REQUEST_KEY.fullmatch(request_key):
            raise HubError(ErrorCode.REQUEST_INVALID, 400,
                           detail=f"Idempotency-Key must match {IDEMPOTENCY_KEY_PATTERN}")
    for attempt in range(2):
        try:
            with db.writing() as conn:
                if request_key is not None:
                    earlier = _granted_before(conn, device, request, request_key)
                    if earlier is not None:
                        return earlier, False
                return _carve(conn, device, request, request_key), True
        except IntegrityError:
            # Two requests with one key raced (PostgreSQL): the loser reads the winner's.
            if attempt or request_key is None:
                raise
    raise AssertionError("unreachable")


def _granted_before(conn: Connection, device: DeviceIdentity, request: LeaseRequest,
                    request_key: str) -> LeaseGrant | None:
    row = conn.execute(select(leases).where(leases.c.device_id == device.device_id,
                                            leases.c.request_key == request_key)).first()
    if row is None:
        return None
    if (row.register != request.register_.value or row.year != request.year
            or row.last - row.first + 1 != request.size):
        raise HubError(ErrorCode.LEASE_REQUEST_CONFLICT, 409, key=request_key)
    return LeaseGrant(lease_id=row.id, register_=Register(row.register), year=row.year,
                      first=row.first, last=row.last, granted_at=row.granted_at)


def _carve(conn: Connection, device: DeviceIdentity, request: LeaseRequest,
           request_key: str | None) -> LeaseGrant:
    register = request.register_.value
    key = {"agency_code": device.agency_code, "register": register, "year": request.year}
    now = dt.datetime.now(dt.UTC)
    insert_ignoring_conflict(conn, number_counters, {**key, "next_number": 1})
    c = number_counters.c
    next_number = conn.execute(
        update(number_counters)
        .where(c.agency_code == key["agency_code"], c.register == register,
               c.year == request.year)
        .values(next_number=c.next_number + request.size)
        .returning(c.next_number)).scalar_one()
    first, last = next_number - request.size, next_number - 1
    if last > MAX_NUMBER:
        raise HubError(ErrorCode.LEASE_EXHAUSTED, 409)  # rolls the update back
    lease_id = uuid7()
    conn.execute(leases.insert().values(
        id=lease_id, device_id=device.device_id, first=first, last=last, granted_at=now,
        request_key=request_key, **key))
    return LeaseGrant(lease_id=lease_id, register_=Register(register), year=request.year,
                      first=first, last=last, granted_at=now)


def release_lease(db: Database, device: DeviceIdentity, lease_id: str,
                  request: LeaseRelease) -> LeaseReleaseResult:
    """Give back ``next_unused..last``. Replaying a release returns the same answer."""
    if not is_uuid7(lease_id):
        raise HubError(ErrorCode.LEASE_NOT_FOUND, 404)
    with db.writing() as conn:
        row = conn.execute(select(leases).where(leases.c.id == lease_id,
                                                leases.c.device_id == device.device_id)
                           ).first()
        if row is None:
            raise HubError(ErrorCode.LEASE_NOT_FOUND, 404)
        if row.released_at is not None:
            return _result(lease_id, row.last, row.returned_first, row.voided_first)
        start = request.next_unused
        if not row.first <= start <= row.last + 1:
            raise HubError(ErrorCode.LEASE_BAD_RELEASE, 422,
                           detail=f"next_unused must be within {row.first}..{row.last + 1}")
        returned_first = voided_first = None
        if start <= row.last:
            c = number_counters.c
            rolled_back = conn.execute(
                update(number_counters)
                .where(c.agency_code == row.agency_code, c.register == row.register,
                       c.year == row.year, c.next_number == row.last + 1)
                .values(next_number=start)).rowcount
            if rolled_back:
                returned_first = start
            else:
                voided_first = start
        conn.execute(update(leases).where(leases.c.id == lease_id).values(
            released_at=dt.datetime.now(dt.UTC), returned_first=returned_first,
            voided_first=voided_first))
    return _result(lease_id, row.last, returned_first, voided_first)


def _result(lease_id: str, last: int, returned_first: int | None,
            voided_first: int | None) -> LeaseReleaseResult:
    return LeaseReleaseResult(
        lease_id=lease_id,
        returned=None if returned_first is None else NumberRange(first=returned_first, last=last),
        voided=None if voided_first is None else NumberRange(first=voided_first, last=last))
