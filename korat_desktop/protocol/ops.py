"""Operations: what a device commits to the hub, and the receipt it gets back.

An operation is immutable once queued in the client's outbox and is named by a
client-made UUIDv7 (``op_id``, in the URL). The body is ``{kind, payload, blobs}``:
``kind`` picks the payload model, ``blobs`` lists the SHA-256 of every blob the
operation references (uploaded before the commit). :func:`content_sha256` is the
fingerprint the hub compares to make commits idempotent: same id + same fingerprint
returns the original receipt, same id + different fingerprint is a 409.

A secret letter (ลับ/ลับมาก) sent with ``encryption="cms"`` carries the placeholder
:data:`SEALED_PLACEHOLDER` as its clear subject and number and the real fields in
``sealed`` (CMS AuthEnvelopedData); a letter without encryption serializes without
the two fields, so its wire JSON and fingerprint are those of older versions.

To add an operation kind: write its payload model and ``*Op`` envelope here, add the
envelope to :data:`Operation`, and teach the hub's router where it goes.
"""

from __future__ import annotations

import binascii
import datetime as dt
import hashlib
import json
from enum import StrEnum
from typing import Annotated, Literal

from asn1crypto import cms
from pydantic import (
    AwareDatetime,
    Field,
    TypeAdapter,
    model_validator,
)
from pydantic_core import PydanticCustomError

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
    "ENCRYPTION_ERROR",
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
    "SEALED_MAX_CHARS",
    "SEALED_PLACEHOLDER",
    "Secrecy",
    "Urgency",
    "content_sha256",
]

Text = Annotated[str, Field(min_length=1, max_length=2000)]

SEALED_PLACEHOLDER = "หนังสือลับ"
"""What the clear ``subject`` and ``number`` of an encrypted letter say: the hub, its
feed and its backups see this, the real values travel inside ``sealed``."""

SEALED_MAX_CHARS = 786_432
"""Bound on ``sealed`` (base64, 768 KiB): the secret fields are a few KiB, the rest is
one recipient info (0.5-0.7 KiB for RSA-2048/4096) per recipient agency, at most 500
plus our own; the whole commit body must stay under the hub's 1 MiB JSON limit."""

_SEALED_PATTERN = r"^[A-Za-z0-9+/]+={0,2}$"
_AUTH_ENVELOPED_DATA_OID = "1.2.840.113549.1.9.16.1.23"
"""id-ct-authEnvelopedData (RFC 5083)."""

ENCRYPTION_ERROR = "op_encryption"
"""Pydantic error type of every refusal about ``encryption``/``sealed``: the hub maps
it to its own stable code instead of the generic ``request.invalid``."""

Blobs = Annotated[list[Sha256Hex], Field(max_length=100)]


def _absent(value: object) -> bool:
    return value is None


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
    # Both fields are left out of the JSON when absent (exclude_if): a letter without
    # encryption has exactly the wire JSON of older versions (whose hubs forbid unknown
    # fields) and the same content_sha256 for every op already queued or committed.
    encryption: Literal["cms"] | None = Field(
        default=None, exclude_if=_absent, description='"cms": subject and number are the placeholder '
        f'"{SEALED_PLACEHOLDER}", the real secret fields are in ``sealed`` and every blob '
        "is a CMS envelope to the recipient agencies (and the sender's own)")
    sealed: Annotated[str, Field(min_length=4, max_length=SEALED_MAX_CHARS,
                                 pattern=_SEALED_PATTERN)] | None = Field(
        default=None, exclude_if=_absent, description="Base64 DER CMS AuthEnvelopedData (RFC 5083) of the "
        "secret fields as JSON; only with encryption")

    @model_validator(mode="after")
    def _distinct_recipients(self) -> LetterSendPayload:
        if len(set(self.to)) != len(self.to):
            raise ValueError("recipients must be distinct")
        return self

    @model_validator(mode="after")
    def _sealed_consistent(self) -> LetterSendPayload:
        if self.encryption is None:
            if self.sealed is not None:
                raise _encryption_error("sealed needs encryption")
            return self
        if self.sealed is None:
            raise _encryption_error("encryption needs sealed")
        if self.subject != SEALED_PLACEHOLDER or self.number != SEALED_PLACEHOLDER:
            raise _encryption_error("an encrypted letter's subject and number must be "
                                    "the placeholder")
        if self.secrecy not in (Secrecy.CONFIDENTIAL, Secrecy.SECRET):
            raise _encryption_error("only confidential or secret letters are encrypted")
        if not _is_auth_enveloped_data(self.sealed):
            raise _encryption_error("sealed is not a CMS AuthEnvelopedData")
        return self


def _encryption_error(reason: str) -> PydanticCustomError:
    return PydanticCustomError(ENCRYPTION_ERROR, "{reason}", {"reason": reason})


def _is_auth_enveloped_data(sealed: str) -> bool:
    """Whether ``sealed`` is strict base64 of a DER ContentInfo of AuthEnvelopedData.

    Only the outer structure: the hub cannot decrypt, but it refuses to store what is
    not even an envelope (e.g. secret fields in clear, base64-wrapped).
    """
    try:
        der = binascii.a2b_base64(sealed, strict_mode=True)
        info = cms.ContentInfo.load(der, strict=True)
        return bool(info["content_type"].dotted == _AUTH_ENVELOPED_DATA_OID)
    except (binascii.Error, ValueError, TypeError):
        return False


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
