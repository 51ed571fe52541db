"""A secret letter's fields and PDFs as CMS envelopes (the courier's AuthEnvelopedData).

ลับ and ลับมาก letters travel and rest as ciphertext: their PDF versions and the fields
that say what they are about (เรื่อง, ที่, the parties, notes) are sealed with
:func:`korat_desktop.courier.envelope.seal` to the agencies that may read them, always
including our own (our other devices, our at-rest copy, our auditors). The result is
plain DER CMS AuthEnvelopedData (AES-256-GCM, RSA-OAEP SHA-256), so
``openssl cms -decrypt -inform DER -inkey KEY -recip CERT`` opens it without Korat.

Errors are the secrecy layer's, so that a clerk reads "not addressed to this office"
or "changed on the way" rather than the courier's words about bundles.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from asn1crypto import x509

from korat_desktop.courier.envelope import (
    RecipientKey,
    SealingKey,
    open_envelope,
    seal,
    sealing_key,
)
from korat_desktop.errors import CourierError, SecrecyError

__all__ = ["FIELDS_FORMAT", "SecretFields", "is_sealed", "open_fields", "open_pdf",
           "seal_fields", "seal_letter", "seal_pdf"]

FIELDS_FORMAT = "korat.secret-fields/1"
"""The ``format`` member of the sealed fields' JSON (a newer layout gets a new name)."""

# The first bytes every envelope of ours starts with, after the outer SEQUENCE head:
# the OID 1.2.840.113549.1.9.16.1.23 (id-ct-authEnvelopedData).
_AUTH_ENVELOPED_OID_DER = bytes.fromhex("060b2a864886f70d0109100117")


@dataclass(frozen=True)
class SecretFields:
    """What a secret letter is about: kept inside the envelope, never in a plain column.

    ``parties`` are the sender and the addressee as written on the letter (จาก, ถึง);
    ``action`` and ``remarks`` are the register's การปฏิบัติ and หมายเหตุ, which a clerk
    fills with what the letter says."""

    subject: str
    number: str = ""
    parties: tuple[str, ...] = field(default_factory=tuple)
    notes: str = ""
    action: str = ""
    remarks: str = ""

    def to_json(self) -> bytes:
        data = {"format": FIELDS_FORMAT, "subject": self.subject, "number": self.number,
                "parties": list(self.parties), "notes": self.notes, "action": self.action,
                "remarks": self.remarks}
        return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> SecretFields:
        try:
            obj = json.loads(data.decode("utf-8"))
            if not isinstance(obj, dict) or obj.get("format") != FIELDS_FORMAT:
                raise ValueError("format")
            parties = obj.get("parties", [])
            if not isinstance(parties, list):
                raise ValueError("parties")
            texts = {name: obj.get(name, "") for name in ("subject", "number", "notes",
                                                           "action", "remarks")}
            if not all(isinstance(v, str) for v in [*texts.values(), *parties]):
                raise ValueError("types")
            return cls(parties=tuple(parties), **texts)
        except (UnicodeDecodeError, ValueError) as e:
            raise SecrecyError("secrecy.fields_unreadable", detail=str(e)[:80]) from e


def _sealing(recipients: Sequence[x509.Certificate]) -> SealingKey:
    if not recipients:
        raise SecrecyError("secrecy.no_recipients")
    try:
        return sealing_key(list(recipients))
    except CourierError as e:  # a certificate we cannot encrypt to
        raise SecrecyError("secrecy.certificate_unusable", detail=e.message("en")) from e


def _seal(data: bytes, recipients: Sequence[x509.Certificate] | SealingKey) -> bytes:
    key = recipients if isinstance(recipients, SealingKey) else _sealing(recipients)
    out = io.BytesIO()
    seal(io.BytesIO(data), len(data), out, key)
    return out.getvalue()


def _open(der: bytes, key: RecipientKey) -> bytes:
    if not is_sealed(der):
        raise SecrecyError("secrecy.not_sealed")
    out = io.BytesIO()
    try:
        open_envelope(io.BytesIO(der), len(der), out, key)
    except CourierError as e:
        code = {"courier.not_for_us": "secrecy.not_for_us",
                "courier.tampered": "secrecy.tampered",
                "courier.envelope_damaged": "secrecy.tampered",
                "courier.office_key_missing": "secrecy.key_missing",
                "courier.no_office_key": "secrecy.key_missing",
                "courier.keyring": "secrecy.key_missing"}.get(e.code)
        if code is None:
            raise
        raise SecrecyError(code, detail=e.message("en")) from e
    return out.getvalue()


def seal_fields(fields: SecretFields, recipients: Sequence[x509.Certificate]) -> bytes:
    """The fields as DER CMS, readable by each of ``recipients`` (our own included)."""
    return _seal(fields.to_json(), recipients)


def open_fields(der: bytes, key: RecipientKey) -> SecretFields:
    """Raises ``secrecy.not_for_us`` (sealed to others), ``secrecy.tampered``."""
    return SecretFields.from_json(_open(der, key))


def seal_pdf(pdf: bytes, recipients: Sequence[x509.Certificate]) -> bytes:
    """A PDF version as DER CMS: the blob that travels and rests for a secret letter."""
    return _seal(pdf, recipients)


def seal_letter(fields: SecretFields, pdfs: Sequence[bytes],
                recipients: Sequence[x509.Certificate]) -> tuple[bytes, list[bytes]]:
    """One letter's fields and PDF versions, each its own envelope (own nonce) under one
    content key wrapped once for ``recipients``: the RSA wrapping and the recipient
    infos' DER are most of the cost of a small envelope, and every part of one letter
    is for the same readers."""
    key = _sealing(recipients)
    return _seal(fields.to_json(), key), [_seal(pdf, key) for pdf in pdfs]


def open_pdf(der: bytes, key: RecipientKey) -> bytes:
    """The PDF inside; raises like :func:`open_fields`."""
    return _open(der, key)


def is_sealed(data: bytes) -> bool:
    """Whether ``data`` starts like one of our envelopes (a PDF starts with ``%PDF``)."""
    if len(data) < 2 or data[0] != 0x30:
        return False
    first = data[1]
    offset = 2 + (first & 0x7F if first & 0x80 else 0)
    return data[offset:offset + len(_AUTH_ENVELOPED_OID_DER)] == _AUTH_ENVELOPED_OID_DER
