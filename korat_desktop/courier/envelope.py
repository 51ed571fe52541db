"""CMS AuthEnvelopedData (RFC 5083, AES-256-GCM per RFC 5084) to agencies' certificates.

A courier bundle (and, later, a secret letter's PDF) is encrypted once with a fresh
AES-256 key; that key is wrapped for each recipient agency with RSA-OAEP (SHA-256,
MGF1-SHA-256; one ``KeyTransRecipientInfo`` each). The result is a standard CMS
object: ``openssl cms -decrypt -inform DER -inkey KEY -recip CERT`` opens it, so an
auditor needs no Korat.

Bundles can be gigabytes on a USB stick and office PCs are old, so both directions
stream in fixed-size pieces: the DER header is written with definite lengths computed
up front (GCM's ciphertext is as long as the plaintext), then the ciphertext, then the
16-byte tag. Reading parses the same shape with bounded reads (a hostile header cannot
make us allocate more than :data:`MAX_HEADER`) and writes plaintext to the caller's
file; the tag is checked at the end, so the caller must treat the output as untrusted
until :func:`open_envelope` returns (import writes to a temp file and discards it on
any error).

Only the DER this module writes is accepted on reading (definite lengths, primitive
encrypted content, no authAttrs): a bundle is ours or it is refused, never half-parsed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol

from asn1crypto import algos, cms, core, x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from korat_desktop.errors import CourierError

__all__ = ["CHUNK", "MAX_HEADER", "RecipientKey", "RecipientKeys", "SoftwareRecipientKey",
           "EnvelopeInfo",
           "SealingKey", "sealing_key", "seal", "open_envelope", "recipients_of"]

CHUNK = 1 << 20
MAX_HEADER = 1 << 20
"""Recipient infos and algorithm parameters together: 200 agencies fit many times over."""
_TAG_LEN = 16
_NONCE_LEN = 12
_OID_AUTH_ENVELOPED = "1.2.840.113549.1.9.16.1.23"
_OID_DATA = "1.2.840.113549.1.7.1"
_OID_AES256_GCM = "2.16.840.1.101.3.4.1.46"


class _GcmParameters(core.Sequence):
    """RFC 5084 GCMParameters (asn1crypto has no class for it)."""

    _fields = [("aes_nonce", core.OctetString),  # noqa: RUF012 (asn1crypto's own shape)
               ("aes_icvlen", core.Integer, {"default": 12})]


class _GcmAlgorithm(core.Sequence):
    """The AlgorithmIdentifier of AES-GCM with its RFC 5084 parameters."""

    _fields = [("algorithm", core.ObjectIdentifier),  # noqa: RUF012
               ("parameters", _GcmParameters)]


def _oaep() -> padding.OAEP:
    return padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(),
                        label=None)


def _oaep_algorithm() -> cms.KeyEncryptionAlgorithm:
    return cms.KeyEncryptionAlgorithm({
        "algorithm": "rsaes_oaep",
        "parameters": algos.RSAESOAEPParams({
            "hash_algorithm": {"algorithm": "sha256"},
            "mask_gen_algorithm": {"algorithm": "mgf1",
                                   "parameters": {"algorithm": "sha256"}},
        }),
    })


_OAEP_DER = _oaep_algorithm().dump()


def _der_length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def _tlv_head(tag: int, length: int) -> bytes:
    return bytes([tag]) + _der_length(length)


class RecipientKey(Protocol):
    """A private key that can unwrap a content key: software here, a token later."""

    @property
    def certificate(self) -> x509.Certificate: ...

    def unwrap(self, encrypted_key: bytes) -> bytes: ...


@dataclass(frozen=True)
class SoftwareRecipientKey:
    """An agency's decryption key held in memory (loaded from a keyring-protected file)."""

    certificate: x509.Certificate
    private_key: rsa.RSAPrivateKey

    @classmethod
    def from_pem(cls, cert_pem: bytes, key_pem: bytes,
                 password: bytes | None = None) -> SoftwareRecipientKey:
        from asn1crypto import pem

        der = pem.unarmor(cert_pem)[2] if pem.detect(cert_pem) else cert_pem
        key = serialization.load_pem_private_key(key_pem, password)
        if not isinstance(key, rsa.RSAPrivateKey):
            raise CourierError("courier.key_unsupported", detail=type(key).__name__)
        return cls(x509.Certificate.load(der), key)

    def unwrap(self, encrypted_key: bytes) -> bytes:
        try:
            return self.private_key.decrypt(encrypted_key, _oaep())
        except ValueError as e:
            raise CourierError("courier.not_for_us") from e


@dataclass(frozen=True)
class RecipientKeys:
    """Several keys of one office, the current one first: an office keeps its retired
    keys so that bundles sealed to them (still on a stick somewhere) open.
    :func:`open_envelope` uses whichever of them the envelope names."""

    keys: tuple[RecipientKey, ...]

    @property
    def certificate(self) -> x509.Certificate:
        return self.keys[0].certificate

    def unwrap(self, encrypted_key: bytes) -> bytes:
        return self.keys[0].unwrap(encrypted_key)


def _one_of(key: RecipientKey) -> tuple[RecipientKey, ...]:
    return key.keys if isinstance(key, RecipientKeys) else (key,)


@dataclass(frozen=True)
class EnvelopeInfo:
    """What an envelope says about itself before it is opened."""

    recipients: tuple[tuple[str, int], ...]  # (issuer as text, serial number)
    content_length: int
    recipients_sha256: str  # SHA-256 of the RecipientInfos DER (see SealingKey)


def _rid(cert: x509.Certificate) -> cms.RecipientIdentifier:
    return cms.RecipientIdentifier({"issuer_and_serial_number": cms.IssuerAndSerialNumber({
        "issuer": cert.issuer, "serial_number": cert.serial_number})})


def _wrap_for(cert: x509.Certificate, key: bytes) -> cms.RecipientInfo:
    if cert.public_key.algorithm != "rsa":
        raise CourierError("courier.key_unsupported", detail=cert.public_key.algorithm)
    public = serialization.load_der_public_key(cert.public_key.dump())
    if not isinstance(public, rsa.RSAPublicKey):
        raise CourierError("courier.key_unsupported", detail=type(public).__name__)
    return cms.RecipientInfo({"ktri": cms.KeyTransRecipientInfo({
        "version": "v0", "rid": _rid(cert), "key_encryption_algorithm": _oaep_algorithm(),
        "encrypted_key": public.encrypt(key, _oaep())})})


@dataclass(frozen=True)
class SealingKey:
    """A fresh content key already wrapped for every recipient.

    Made before the content so that the content can name it: CMS leaves recipient infos
    outside the GCM tag, so a courier bundle's signed manifest carries
    :attr:`recipients_sha256` and the reader compares it with the envelope's (a flipped
    byte in another agency's wrapped key is then noticed by every recipient)."""

    key: bytes = field(repr=False)
    recipient_infos: bytes

    @property
    def recipients_sha256(self) -> str:
        return hashlib.sha256(self.recipient_infos).hexdigest()


def sealing_key(recipients: Sequence[x509.Certificate]) -> SealingKey:
    if not recipients:
        raise CourierError("courier.no_recipients")
    key = os.urandom(32)
    return SealingKey(key, cms.RecipientInfos([_wrap_for(c, key) for c in recipients]).dump())


def seal(src: BinaryIO, size: int, dst: BinaryIO,
         recipients: Sequence[x509.Certificate] | SealingKey) -> int:
    """Encrypt ``size`` bytes of ``src`` to every certificate in ``recipients`` (or with a
    :class:`SealingKey` made for them) and write the DER ContentInfo to ``dst``. Returns
    the bytes written."""
    sealing = recipients if isinstance(recipients, SealingKey) else sealing_key(recipients)
    key, nonce, infos = sealing.key, os.urandom(_NONCE_LEN), sealing.recipient_infos
    alg_der = _GcmAlgorithm({"algorithm": _OID_AES256_GCM, "parameters": _GcmParameters(
        {"aes_nonce": nonce, "aes_icvlen": _TAG_LEN})}).dump()
    content_type = core.ObjectIdentifier(_OID_DATA).dump()
    content_head = _tlv_head(0x80, size)  # [0] IMPLICIT OCTET STRING, primitive
    eci_len = len(content_type) + len(alg_der) + len(content_head) + size
    eci_head = _tlv_head(0x30, eci_len)
    version = core.Integer(0).dump()
    mac_head = _tlv_head(0x04, _TAG_LEN)
    aed_len = len(version) + len(infos) + len(eci_head) + eci_len + len(mac_head) + _TAG_LEN
    aed_head = _tlv_head(0x30, aed_len)
    explicit_head = _tlv_head(0xA0, len(aed_head) + aed_len)
    oid_outer = core.ObjectIdentifier(_OID_AUTH_ENVELOPED).dump()
    outer_len = len(oid_outer) + len(explicit_head) + len(aed_head) + aed_len
    header = (_tlv_head(0x30, outer_len) + oid_outer + explicit_head + aed_head + version
              + infos + eci_head + content_type + alg_der + content_head)
    encryptor = Cipher(algorithms.AES(key), modes.GCM(nonce)).encryptor()
    dst.write(header)
    left = size
    while left:
        piece = src.read(min(CHUNK, left))
        if not piece:
            raise CourierError("courier.source_short", expected=size, got=size - left)
        left -= len(piece)
        dst.write(encryptor.update(piece))
    encryptor.finalize()
    dst.write(mac_head + encryptor.tag)
    return len(header) + size + len(mac_head) + _TAG_LEN


class _Reader:
    """Bounded DER reading from a stream of known total size."""

    def __init__(self, src: BinaryIO, total: int) -> None:
        self.src, self.total, self.pos = src, total, 0

    def read(self, n: int) -> bytes:
        if n < 0 or self.pos + n > self.total:
            raise CourierError("courier.envelope_damaged", detail="length beyond the file")
        data = self.src.read(n)
        if len(data) != n:
            raise CourierError("courier.envelope_damaged", detail="file ended early")
        self.pos += n
        return data

    def head(self, expect: int | None = None) -> tuple[int, int, bytes]:
        """(tag, length, the header's own bytes)."""
        raw = self.read(2)
        tag, first = raw[0], raw[1]
        if expect is not None and tag != expect:
            raise CourierError("courier.envelope_damaged",
                               detail=f"tag {tag:#x} where {expect:#x} belongs")
        if first == 0x80:
            raise CourierError("courier.envelope_damaged", detail="indefinite length")
        if first < 0x80:
            return tag, first, raw
        count = first & 0x7F
        if count > 8:
            raise CourierError("courier.envelope_damaged", detail="length too long")
        body = self.read(count)
        length = int.from_bytes(body, "big")
        if self.pos + length > self.total:
            raise CourierError("courier.envelope_damaged", detail="length beyond the file")
        return tag, length, raw + body

    def element(self, expect: int, limit: int = MAX_HEADER) -> bytes:
        """A whole small TLV (header included)."""
        _, length, raw = self.head(expect)
        if length > limit:
            raise CourierError("courier.envelope_damaged", detail="header part too large")
        return raw + self.read(length)


def _start(src: BinaryIO, total: int
           ) -> tuple[_Reader, cms.RecipientInfos, bytes, bytes, int]:
    """Parse up to the ciphertext: (reader, recipient infos, their DER, nonce, length).
    Every length must fit exactly: a flipped length byte is damage, never slack."""
    r = _Reader(src, total)

    def to_the_end(length: int, what: str) -> None:
        if r.pos + length != r.total:
            raise CourierError("courier.envelope_damaged", detail=f"{what} length")

    to_the_end(r.head(0x30)[1], "ContentInfo")
    oid = core.ObjectIdentifier.load(r.element(0x06, 64)).dotted
    if oid != _OID_AUTH_ENVELOPED:
        raise CourierError("courier.envelope_damaged", detail=f"not AuthEnvelopedData ({oid})")
    to_the_end(r.head(0xA0)[1], "content")
    to_the_end(r.head(0x30)[1], "AuthEnvelopedData")
    if r.element(0x02, 8) != core.Integer(0).dump():
        raise CourierError("courier.envelope_damaged", detail="version")
    infos_der = r.element(0x31)
    try:
        infos = cms.RecipientInfos.load(infos_der, strict=True)
        infos.native  # noqa: B018  (parse now: a damaged header fails here, not later)
        canonical = cms.RecipientInfos.load(infos_der).dump(force=True)
    except Exception as e:  # asn1crypto raises many types on hostile DER
        raise CourierError("courier.envelope_damaged", detail="recipient infos") from e
    if canonical != infos_der:  # BER leniency (long-form lengths...) is damage here
        raise CourierError("courier.envelope_damaged", detail="recipient infos not DER")
    eci_length = r.head(0x30)[1]
    eci_end = r.pos + eci_length
    if r.element(0x06, 64) != core.ObjectIdentifier(_OID_DATA).dump():
        raise CourierError("courier.envelope_damaged", detail="inner content type")
    alg = r.element(0x30, 256)
    try:
        parsed = _GcmAlgorithm.load(alg, strict=True)
        if parsed["algorithm"].dotted != _OID_AES256_GCM:
            raise CourierError("courier.envelope_damaged", detail="cipher is not AES-256-GCM")
        nonce = bytes(parsed["parameters"]["aes_nonce"].native)
        if parsed["parameters"]["aes_icvlen"].native != _TAG_LEN or len(nonce) != _NONCE_LEN:
            raise CourierError("courier.envelope_damaged", detail="GCM parameters")
    except CourierError:
        raise
    except Exception as e:  # asn1crypto on hostile DER
        raise CourierError("courier.envelope_damaged", detail="cipher parameters") from e
    _, length, _ = r.head(0x80)
    if r.pos + length != eci_end or eci_end + 2 + _TAG_LEN != r.total:
        raise CourierError("courier.envelope_damaged", detail="content length")
    return r, infos, infos_der, nonce, length


def _listed(infos: cms.RecipientInfos) -> list[tuple[cms.KeyTransRecipientInfo, bytes, int]]:
    """(recipient info, issuer DER, serial) of each; anything but ktri is damage."""
    out = []
    try:
        for info in infos:
            if (info.name != "ktri" or info.chosen["version"].native != "v0"
                    or info.chosen["rid"].name != "issuer_and_serial_number"
                    or info.chosen["key_encryption_algorithm"].dump() != _OAEP_DER):
                raise CourierError("courier.envelope_damaged", detail="recipient kind")
            isn = info.chosen["rid"].chosen
            out.append((info.chosen, isn["issuer"].dump(), int(isn["serial_number"].native)))
    except CourierError:
        raise
    except Exception as e:  # names a flipped byte made unreadable
        raise CourierError("courier.envelope_damaged", detail="recipient infos") from e
    return out


def _names(listed: list[tuple[cms.KeyTransRecipientInfo, bytes, int]]
           ) -> tuple[tuple[str, int], ...]:
    names = []
    for info, _, serial in listed:
        try:
            issuer = info["rid"].chosen["issuer"].human_friendly
        except ValueError:
            issuer = "?"
        names.append((issuer, serial))
    return tuple(names)


def recipients_of(src: BinaryIO, total: int) -> EnvelopeInfo:
    """Who an envelope is for, without opening it (``korat courier show``)."""
    _, infos, infos_der, _, length = _start(src, total)
    return EnvelopeInfo(_names(_listed(infos)), length, hashlib.sha256(infos_der).hexdigest())


def open_envelope(src: BinaryIO, total: int, dst: BinaryIO, key: RecipientKey) -> EnvelopeInfo:
    """Decrypt into ``dst``; returns what the envelope says about itself. Raises
    ``CourierError`` (``courier.not_for_us``, ``courier.envelope_damaged``,
    ``courier.tampered``); whatever reached ``dst`` before an error must be thrown away."""
    r, infos, infos_der, nonce, length = _start(src, total)
    listed = _listed(infos)
    found = next(((info, k) for k in _one_of(key) for info, i, n in listed
                  if i == k.certificate.issuer.dump() and n == k.certificate.serial_number),
                 None)
    if found is None:
        raise CourierError("courier.not_for_us")
    mine, chosen = found
    try:
        content_key = chosen.unwrap(bytes(mine["encrypted_key"].native))
    except CourierError as e:  # the info names our certificate: its wrapped key is damaged
        if e.code != "courier.not_for_us":
            raise
        raise CourierError("courier.envelope_damaged",
                           detail="the key wrapped for this office does not open") from e
    if len(content_key) != 32:
        raise CourierError("courier.envelope_damaged", detail="content key length")
    decryptor = Cipher(algorithms.AES(content_key), modes.GCM(nonce)).decryptor()
    left = length
    while left:
        piece = r.read(min(CHUNK, left))
        left -= len(piece)
        dst.write(decryptor.update(piece))
    tag_head = r.read(2)
    if tag_head != _tlv_head(0x04, _TAG_LEN):
        raise CourierError("courier.envelope_damaged", detail="authAttrs or mac missing")
    tag = r.read(_TAG_LEN)
    if r.pos != r.total:
        raise CourierError("courier.envelope_damaged", detail="bytes after the envelope")
    try:
        decryptor.finalize_with_tag(tag)
    except Exception as e:  # cryptography's InvalidTag
        raise CourierError("courier.tampered") from e
    return EnvelopeInfo(_names(listed), length, hashlib.sha256(infos_der).hexdigest())
