"""Number-block leases: how offline devices hand out register numbers safely.

A device asks for ``size`` numbers of one register and Buddhist-Era year while online
and gets a block ``[first, last]`` no other device of the agency will ever get. It
uses them offline in order. What it will not use goes back with a release: the hub
returns the tail to the pool when no later block was leased, otherwise it records the
tail as voided (numbers are never reused out of order nor silently skipped).

A grant is made idempotent by the client's ``Idempotency-Key`` header (IETF
httpapi draft): a key the device used before answers the block it named, ``200``
instead of ``201``, so a device whose answer was lost on the way (or that crashed
before storing it) learns its block instead of leaving it stranded on the hub. The
same key with another register, year or size is ``409 lease.request_conflict``. A
header, not a body field, so that hubs and clients of either age understand each
other: an older hub ignores it, an older client does not send it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, Strict

from korat_desktop.protocol.types import (
    REGISTER_FIELD,
    BuddhistYear,
    Register,
    RegisterNumber,
    RequestModel,
    ResponseModel,
)

__all__ = [
    "IDEMPOTENCY_KEY_HEADER",
    "IDEMPOTENCY_KEY_PATTERN",
    "QUOTED_IDEMPOTENCY_KEY_PATTERN",
    "MAX_LEASE_SIZE",
    "LeaseGrant",
    "LeaseRelease",
    "LeaseReleaseResult",
    "LeaseRequest",
    "NumberRange",
]

MAX_LEASE_SIZE = 1000
IDEMPOTENCY_KEY_HEADER = "Idempotency-Key"
IDEMPOTENCY_KEY_PATTERN = r"^[A-Za-z0-9._~-]{1,64}$"
QUOTED_IDEMPOTENCY_KEY_PATTERN = r'^(?:[A-Za-z0-9._~-]{1,64}|"[A-Za-z0-9._~-]{1,64}")$'
"""What the header may carry: the key bare, or as a structured-field string (quoted)."""
"""Korat clients send a UUIDv7; any short token is accepted (unique per device)."""


class LeaseRequest(RequestModel):
    register_: Register = REGISTER_FIELD
    year: BuddhistYear
    size: Annotated[int, Strict(), Field(ge=1, le=MAX_LEASE_SIZE)]


class NumberRange(ResponseModel):
    first: int
    last: int


class LeaseGrant(ResponseModel):
    lease_id: str
    register_: Register = REGISTER_FIELD
    year: int
    first: int
    last: int
    granted_at: dt.datetime


class LeaseRelease(RequestModel):
    """``next_unused``: the first number of the block this device did not use."""

    next_unused: RegisterNumber


class LeaseReleaseResult(ResponseModel):
    lease_id: str
    returned: NumberRange | None = Field(description="Numbers given back to the pool")
    voided: NumberRange | None = Field(description="Numbers recorded as voided by the hub")
