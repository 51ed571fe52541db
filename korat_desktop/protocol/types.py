"""Field types shared by the wire models: hashes, ids, agency codes, registers.

Constraints live in the type so that the hub validates them at the edge, the OpenAPI
document states them, and the client can check a value before it queues it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints

from korat_desktop.protocol.uuid7 import UUID7_PATTERN

__all__ = [
    "NO_CONTROL_PATTERN",
    "REGISTER_FIELD",
    "SHA256_PATTERN",
    "AgencyCode",
    "BuddhistYear",
    "OpId",
    "Register",
    "RegisterNumber",
    "RequestModel",
    "ResponseModel",
    "Sha256Hex",
]

SHA256_PATTERN = r"^[0-9a-f]{64}$"
NO_CONTROL_PATTERN = r"^[^\x00-\x1f\x7f]+$"
"""Names people type: no control characters (PostgreSQL text cannot hold NUL)."""

Sha256Hex = Annotated[str, StringConstraints(pattern=SHA256_PATTERN)]
"""Lower-case hex SHA-256 of a blob's bytes: the blob's only name."""

OpId = Annotated[str, StringConstraints(pattern=UUID7_PATTERN)]
"""A client-made UUIDv7 (canonical lower-case form)."""

AgencyCode = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=NO_CONTROL_PATTERN)
]
"""The agency's letter code, e.g. ``นม 0017.1``; assigned from outside, never parsed."""

BuddhistYear = Annotated[int, Strict(), Field(ge=2500, le=2800)]
"""A calendar year in the Buddhist Era (CE + 543): registers restart every 1 January."""

RegisterNumber = Annotated[int, Strict(), Field(ge=1, le=9_999_999)]
"""Integers on the wire are strict: ``true`` or ``"5"`` is refused, never read as 1 or 5."""


class Register(StrEnum):
    """The two numbered registers of an agency (ทะเบียนหนังสือรับ / ส่ง)."""

    RECEIVE = "receive"
    SEND = "send"


REGISTER_FIELD = Field(alias="register")
"""``register`` on the wire; ``register_`` in Python (BaseModel.register is taken)."""


class RequestModel(BaseModel):
    """Client → hub. Strict: an unknown field is an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_by_name=True,
                              validate_by_alias=True, serialize_by_alias=True)


class ResponseModel(BaseModel):
    """Hub → client. Lenient: a newer hub may add optional fields."""

    model_config = ConfigDict(extra="ignore", frozen=True, validate_by_name=True,
                              validate_by_alias=True, serialize_by_alias=True)
