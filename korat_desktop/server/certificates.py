"""Checking an agency certificate before the directory publishes it.

The directory is what offices trust when they seal letters and check bundle signers,
so the hub refuses anything it cannot stand behind: bytes that are not exactly one
X.509 certificate (DER, or PEM from the console), an ``encrypt`` certificate whose
key cannot wrap a bundle key (RSA, and ``keyEncipherment`` when a KeyUsage is
present: the envelopes use RSA-OAEP key transport), and a ``sign`` certificate that
does not chain to the hub's trust roots (the province CA): an office verifying a
bundle applies the same rule, so a signer the hub lists but offices reject would only
turn into refused bundles later.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
from collections.abc import Iterable, Sequence
from pathlib import Path

from asn1crypto import pem, x509
from cryptography import x509 as cx509
from pyhanko_certvalidator import CertificateValidator, ValidationContext

from korat_desktop.errors import UsageError
from korat_desktop.protocol.directory import CertificateUse
from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.server.errors import HubError

__all__ = ["check_chains", "check_for_use", "decode_b64_certificate", "load_certificate",
           "load_pem_certificates", "parse_der", "pem_text", "read_roots"]

_MAX_CERT = 16_000


def _invalid(detail: str) -> HubError:
    return HubError(ErrorCode.CERT_INVALID, 422, detail=detail)


def parse_der(der: bytes) -> x509.Certificate:
    """Exactly one DER certificate (strictly parsed, nothing after it)."""
    if not der or len(der) > _MAX_CERT:
        raise _invalid("empty or larger than 16 kB")
    try:
        cx509.load_der_x509_certificate(der)  # strict DER: trailing bytes, bad TLVs
        cert = x509.Certificate.load(der, strict=True)
        cert.native  # noqa: B018  (parse every field now, inside the try)
    except (ValueError, TypeError) as e:
        raise _invalid(str(e)[:200] or type(e).__name__) from e
    return cert


def load_certificate(data: bytes) -> x509.Certificate:
    """One certificate from PEM or DER bytes (a console user's file, or a request)."""
    if pem.detect(data):
        certs = load_pem_certificates(data)
        if len(certs) != 1:
            raise _invalid(f"{len(certs)} certificates in the PEM file (expected one)")
        return certs[0]
    return parse_der(data)


def load_pem_certificates(data: bytes) -> list[x509.Certificate]:
    """Every certificate of a PEM file (a root file may hold several)."""
    try:
        blocks = [(kind, der) for kind, _, der in pem.unarmor(data, multiple=True)]
    except (ValueError, binascii.Error) as e:
        raise _invalid(f"PEM: {e}") from e
    return [parse_der(der) for kind, der in blocks if kind == "CERTIFICATE"]


def read_roots(paths: Iterable[Path]) -> list[x509.Certificate]:
    """The trust roots in these PEM (or DER) files."""
    roots: list[x509.Certificate] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as e:
            raise UsageError("usage.file_not_found", path=str(path)) from e
        roots += load_pem_certificates(data) if pem.detect(data) else [parse_der(data)]
    return roots


def decode_b64_certificate(text: str) -> x509.Certificate:
    try:
        der = base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, binascii.Error) as e:
        raise _invalid("der_b64 is not base64") from e
    return parse_der(der)


def _usage(cert: x509.Certificate) -> set[str] | None:
    value = cert.key_usage_value
    return None if value is None else set(value.native)


def check_for_use(cert: x509.Certificate, use: CertificateUse,
                  trust_roots: Sequence[x509.Certificate]) -> None:
    """Refuse (422, a stable code) a certificate the directory must not list for ``use``."""
    usage = _usage(cert)
    if use is CertificateUse.ENCRYPT:
        if cert.public_key.algorithm != "rsa":
            raise HubError(ErrorCode.CERT_UNSUITABLE, 422, use=use.value,
                           detail=f"{cert.public_key.algorithm} key (RSA needed)")
        if usage is not None and "key_encipherment" not in usage:
            raise HubError(ErrorCode.CERT_UNSUITABLE, 422, use=use.value,
                           detail="KeyUsage lacks keyEncipherment")
        return
    if usage is not None and not usage & {"digital_signature", "non_repudiation"}:
        raise HubError(ErrorCode.CERT_UNSUITABLE, 422, use=use.value,
                       detail="KeyUsage lacks digitalSignature/nonRepudiation")
    check_chains(cert, trust_roots)


def check_chains(cert: x509.Certificate, trust_roots: Sequence[x509.Certificate]) -> None:
    """The certificate chains to one of the roots, valid now (offline: no fetching)."""
    if not trust_roots:
        raise HubError(ErrorCode.CERT_UNTRUSTED, 422,
                       detail="the hub has no trust roots configured (--trust-root)")
    context = ValidationContext(trust_roots=list(trust_roots), allow_fetching=False,
                                revocation_mode="soft-fail")
    validator = CertificateValidator(cert, validation_context=context)
    try:
        asyncio.run(validator.async_validate_usage(set()))
    except Exception as e:  # pyhanko-certvalidator's PathBuildingError, PathValidationError
        raise HubError(ErrorCode.CERT_UNTRUSTED, 422,
                       detail=str(e)[:200] or type(e).__name__) from e


def pem_text(cert: x509.Certificate) -> str:
    return pem.armor("CERTIFICATE", cert.dump()).decode("ascii")

