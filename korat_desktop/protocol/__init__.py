"""Wire types of the client ⇄ hub sync protocol (shared by both; versioned).

Import from here: ``from korat_desktop.protocol import LetterSendOp, uuid7``.
The protocol version travels in the ``Korat-Protocol`` header.
"""

from korat_desktop.protocol.changes import Change, ChangeKind, ChangePage
from korat_desktop.protocol.directory import Agency, AgencyDirectory
from korat_desktop.protocol.enrollment import DeviceInfo, EnrollmentRequest, EnrollmentResponse
from korat_desktop.protocol.errors import ErrorBody, ErrorCode, is_transient
from korat_desktop.protocol.leases import (
    LeaseGrant,
    LeaseRelease,
    LeaseReleaseResult,
    LeaseRequest,
    NumberRange,
)
from korat_desktop.protocol.ops import (
    OP_KINDS,
    OPERATION_ADAPTER,
    SEALED_PLACEHOLDER,
    LetterKind,
    LetterReceiptOp,
    LetterReceiptPayload,
    LetterSendOp,
    LetterSendPayload,
    NumberVoidOp,
    NumberVoidPayload,
    Operation,
    OpReceipt,
    RegisterEntry,
    Secrecy,
    Urgency,
    content_sha256,
)
from korat_desktop.protocol.types import Register
from korat_desktop.protocol.uuid7 import is_uuid7, uuid7
from korat_desktop.protocol.version import PROTOCOL_HEADER, PROTOCOL_VERSION

__all__ = [
    "OPERATION_ADAPTER",
    "OP_KINDS",
    "PROTOCOL_HEADER",
    "PROTOCOL_VERSION",
    "Agency",
    "AgencyDirectory",
    "Change",
    "ChangeKind",
    "ChangePage",
    "DeviceInfo",
    "EnrollmentRequest",
    "EnrollmentResponse",
    "ErrorBody",
    "ErrorCode",
    "LeaseGrant",
    "LeaseRelease",
    "LeaseReleaseResult",
    "LeaseRequest",
    "LetterKind",
    "LetterReceiptOp",
    "LetterReceiptPayload",
    "LetterSendOp",
    "LetterSendPayload",
    "NumberRange",
    "NumberVoidOp",
    "NumberVoidPayload",
    "OpReceipt",
    "Operation",
    "Register",
    "RegisterEntry",
    "SEALED_PLACEHOLDER",
    "Secrecy",
    "Urgency",
    "content_sha256",
    "is_transient",
    "is_uuid7",
    "uuid7",
]
