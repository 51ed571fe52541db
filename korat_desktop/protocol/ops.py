"""Operations: what a device commits to the hub, and the receipt it gets back.

An operation is immutable once queued in the client's outbox and is named by a
client-made UUIDv7 (``op_id``, in the URL). The body is ``{kind, payload, blobs}``:
``kind`` picks the payload model, ``blobs`` lists the SHA-256 of every blob the
operation references (uploaded before the commit). :func:`content_sha256` is the
fingerprint the hub compares to make commits idempotent: same id + same fingerprint
returns the original receipt, same id + different fingerprint is a 409.

To add an operation kind: write its payload model and ``*Op`` envelope here, add the
envelope to :data:`Operation`, and teach the hub's router where it goes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, TypeAdapter, model_validator

from korat_desktop.protocol.types import (
    REGISTER_FIELD,
    AgencyCode,
    BuddhistYear,
    OpId,
    Register,
    RegisterNumber,
    RequestModel,
    ResponseModel,
    Sha256Hex,
)

__all__ = [
    "OPERATION_ADAPTER",
    "OP_KINDS",
    "LetterKind",
    "LetterReceiptOp",
    "LetterReceiptPayload",
    "LetterSendOp",
    "LetterSendPayload",
    "NumberVoidOp",
    "NumberVoidPayload",
    "OpReceipt",
    "Operation",
    "RegisterEntry",
    "Secrecy",
    "Urgency",
    "content_sha256",
]

Text = Annotated[str, Field(min_length=1, max_length=2000)]
Blobs = Annotated[list[Sha256Hex], Field(max_length=100)]


class Urgency(StrEnum):
    """ชั้นความเร็ว."""

    NORMAL = "normal"
    URGENT = "urgent"  # ด่วน
    VERY_URGENT = "very_urgent"  # ด่วนมาก
    MOST_URGENT = "most_urgent"  # ด่วนที่สุด


class Secrecy(StrEnum):
    """ชั้นความลับ. ``top_secret`` (ลับที่สุด) is never synced: the hub refuses it."""

    NONE = "none"
    CONFIDENTIAL = "confidential"  # ลับ
    SECRET = "secret"  # ลับมาก
    TOP_SECRET = "top_secret"  # ลับที่สุด


class LetterKind(StrEnum):
    """The six kinds of letter (ข้อ 9)."""

    EXTERNAL = "external"  # หนังสือภายนอก
    INTERNAL = "internal"  # หนังสือภายใน
    STAMPED = "stamped"  # หนังสือประทับตรา
    DIRECTIVE = "directive"  # หนังสือสั่งการ
    NOTICE = "notice"  # หนังสือประชาสัมพันธ์
    EVIDENCE = "evidence"  # หนังสือที่เจ้าหน้าที่ทำขึ้นหรือรับไว้เป็นหลักฐาน


class RegisterEntry(RequestModel):
    """A number in one of the agency's registers for one Buddhist-Era year."""

    year: BuddhistYear
    number: RegisterNumber


class LetterSendPayload(RequestModel):
    """Agency A sends a letter to agencies ``to``. ``blobs`` are its PDF versions."""

    to: Annotated[list[AgencyCode], Field(min_length=1, max_length=500)]
    number: Annotated[str, Field(min_length=1, max_length=100,
                                 description='The full "ที่", e.g. "ที่ นม 0017.1/1234"')]
    subject: Text
    date: dt.date
    urgency: Urgency = Urgency.NORMAL
    secrecy: Secrecy = Secrecy.NONE
    kind: LetterKind = LetterKind.EXTERNAL
    deadline: AwareDatetime | None = Field(default=None, description="ด่วนภายใน")
    send_register: RegisterEntry | None = None

    @model_validator(mode="after")
    def _distinct_recipients(self) -> LetterSendPayload:
        if len(set(self.to)) != len(self.to):
            raise ValueError("recipients must be distinct")
        return self


class LetterReceiptPayload(RequestModel):
    """Agency B registered a letter routed to it (its receive register entry)."""

    letter_op_id: OpId
    receive: RegisterEntry
    received_date: dt.date
    received_time: Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]


class NumberVoidPayload(RequestModel):
    """Leased numbers ``first..last`` that will not be used, kept on the record."""

    register_: Register = REGISTER_FIELD
    year: BuddhistYear
    first: RegisterNumber
    last: RegisterNumber
    reason: Annotated[str, Field(max_length=500)] = ""

    @model_validator(mode="after")
    def _ordered(self) -> NumberVoidPayload:
        if self.last < self.first:
            raise ValueError("last must not be below first")
        return self


class LetterSendOp(RequestModel):
    kind: Literal["letter.send"]
    payload: LetterSendPayload
    blobs: Annotated[list[Sha256Hex], Field(min_length=1, max_length=100)]


class LetterReceiptOp(RequestModel):
    kind: Literal["letter.receipt"]
    payload: LetterReceiptPayload
    blobs: Blobs = Field(default_factory=list)


class NumberVoidOp(RequestModel):
    kind: Literal["number.void"]
    payload: NumberVoidPayload
    blobs: Annotated[list[Sha256Hex], Field(max_length=0)] = Field(default_factory=list)


Operation = Annotated[LetterSendOp | LetterReceiptOp | NumberVoidOp, Field(discriminator="kind")]
"""The body of ``POST /ops/{op_id}/commit``."""

OPERATION_ADAPTER: TypeAdapter[LetterSendOp | LetterReceiptOp | NumberVoidOp] = TypeAdapter(
    Operation
)
OP_KINDS: tuple[str, ...] = ("letter.send", "letter.receipt", "number.void")


def content_sha256(op: LetterSendOp | LetterReceiptOp | NumberVoidOp) -> str:
    """The fingerprint of an operation's content, stable across clients and versions.

    Canonical JSON (sorted keys, no spaces, defaults included) so that two encodings
    of the same content (key order, omitted defaults) compare equal.
    """
    data = op.model_dump(mode="json")
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class OpReceipt(ResponseModel):
    """The hub's record that an operation is committed. Returned again on replays."""

    op_id: OpId
    kind: str
    agency: AgencyCode
    committed_at: dt.datetime
    content_sha256: Sha256Hex
    routed_to: list[AgencyCode] = Field(
        description="Agencies that got a change for this operation (besides the sender)")
