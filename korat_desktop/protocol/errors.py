"""Error bodies and the stable error codes the hub answers with.

Every non-2xx answer from the hub is JSON ``{"code", "message", "params"}``. Clients
key on ``code`` (never on the English ``message``) and on the HTTP status to decide
whether to retry: :func:`is_transient` is that rule, written once for both sides.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ErrorBody", "ErrorCode", "is_transient"]


class ErrorCode(StrEnum):
    """Stable codes. Thai/English texts are in :mod:`korat_desktop.protocol.messages`."""

    REQUEST_INVALID = "request.invalid"
    REQUEST_NOT_FOUND = "request.not_found"
    REQUEST_METHOD = "request.method_not_allowed"
    REQUEST_TOO_LARGE = "request.too_large"
    PROTOCOL_VERSION = "protocol.unsupported_version"
    AUTH_REQUIRED = "auth.required"
    AUTH_INVALID_TOKEN = "auth.invalid_token"
    AUTH_REVOKED = "auth.revoked"
    AUTH_BAD_CREDENTIALS = "auth.bad_credentials"
    AUTH_RATE_LIMITED = "auth.rate_limited"
    AUTH_SETUP_CODE = "auth.setup_code_invalid"
    TUS_VERSION = "tus.unsupported_version"
    UPLOAD_NOT_FOUND = "upload.not_found"
    UPLOAD_EXPIRED = "upload.expired"
    UPLOAD_OFFSET = "upload.offset_mismatch"
    UPLOAD_CHECKSUM = "upload.checksum_mismatch"
    UPLOAD_CHECKSUM_ALGORITHM = "upload.checksum_algorithm"
    UPLOAD_HASH = "upload.hash_mismatch"
    UPLOAD_TOO_LARGE = "upload.too_large"
    UPLOAD_CONTENT_TYPE = "upload.bad_content_type"
    UPLOAD_METADATA = "upload.bad_metadata"
    UPLOAD_LENGTH = "upload.bad_length"
    UPLOAD_BUSY = "upload.busy"
    UPLOAD_SUPERSEDED = "upload.superseded"
    UPLOAD_LIMIT = "upload.limit_reached"
    BLOB_NOT_FOUND = "blob.not_found"
    BLOB_RANGE = "blob.range_not_satisfiable"
    OP_CONFLICT = "op.conflict"
    OP_BAD_ID = "op.bad_id"
    OP_BLOBS_MISSING = "op.blobs_missing"
    OP_UNKNOWN_AGENCY = "op.unknown_agency"
    OP_LETTER_NOT_FOUND = "op.letter_not_found"
    OP_TOP_SECRET = "op.top_secret"
    OP_NOT_LEASED = "op.numbers_not_leased"
    OP_INVALID = "op.invalid"
    OP_ENCRYPTION = "op.encryption_unsupported"
    CHANGES_CURSOR = "changes.bad_cursor"
    CERT_INVALID = "directory.certificate_invalid"
    CERT_UNSUITABLE = "directory.certificate_unsuitable"
    CERT_UNTRUSTED = "directory.certificate_untrusted"
    CERT_NOT_FOUND = "directory.certificate_not_found"
    DIRECTORY_NOT_SIGNED = "directory.no_hub_key"
    RELAY_BAD_EVIDENCE = "relay.bad_evidence"
    RELAY_DIGEST = "relay.digest_mismatch"
    RELAY_SIGNATURE = "relay.signature_invalid"
    RELAY_SIGNER_UNTRUSTED = "relay.signer_untrusted"
    RELAY_SIGNER_NOT_LISTED = "relay.signer_not_listed"
    RELAY_BUNDLE_ID = "relay.bundle_id_mismatch"
    RELAY_BUNDLE_CONFLICT = "relay.bundle_conflict"
    RELAY_NOT_ORIGIN = "relay.not_origin"
    RELAY_OP_DIGEST = "relay.op_digest_mismatch"
    RELAY_NOT_DESIGNATED = "relay.not_designated"
    LEASE_NOT_FOUND = "lease.not_found"
    LEASE_BAD_RELEASE = "lease.bad_release"
    LEASE_EXHAUSTED = "lease.exhausted"
    LEASE_REQUEST_CONFLICT = "lease.request_conflict"
    SERVER_BUSY = "server.busy"
    SERVER_INTERNAL = "server.internal"


class ErrorBody(BaseModel):
    """The JSON body of every error answer."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    code: str = Field(description="Stable machine code, e.g. op.conflict")
    message: str = Field(description="English text for logs; clients show their own words")
    params: dict[str, str] = Field(default_factory=dict, description="Values in the message")


_TRANSIENT_STATUS = frozenset({408, 423, 425, 429, 500, 502, 503, 504})


def is_transient(status: int) -> bool:
    """Whether a client should retry (with backoff) after this HTTP status.

    424 (``op.blobs_missing``) is not transient by itself: the client must upload the
    listed blobs first, then commit again.
    """
    return status in _TRANSIENT_STATUS
