"""What a signing certificate says, in a form people can read, and whether it may sign.

Thai names must come out as Thai. Most Thai CAs encode names as UTF8String, but some
older ones put UTF-8 bytes into TeletexString or PrintableString; asn1crypto would
decode those as Latin-1 and show mojibake, so we decode such values as UTF-8 first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from asn1crypto import core, x509

from korat_desktop.errors import SigningError

__all__ = [
    "SIGNING_KEY_USAGES",
    "CertificateInfo",
    "be_date_text",
    "check_can_sign",
    "describe_certificate",
    "issuer_chain",
    "name_attribute",
    "name_to_text",
    "signing_problem",
]

SIGNING_KEY_USAGES = frozenset({"digital_signature", "non_repudiation"})

_SHORT = {
    "common_name": "CN",
    "organization_name": "O",
    "organizational_unit_name": "OU",
    "country_name": "C",
    "locality_name": "L",
    "state_or_province_name": "ST",
    "email_address": "E",
    "serial_number": "SERIALNUMBER",
    "given_name": "GN",
    "surname": "SN",
    "title": "T",
}


def _decode_value(value: core.Asn1Value) -> str:
    chosen = value.chosen if isinstance(value, core.Choice) else value
    if isinstance(chosen, core.TeletexString | core.PrintableString | core.IA5String):
        raw = chosen.contents or b""
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
    native = value.native
    return native if isinstance(native, str) else str(native)


def _attributes(name: x509.Name) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for rdn in name.chosen:
        for atv in rdn:
            key = atv["type"].native
            out.append((str(key), _decode_value(atv["value"])))
    return out


def name_attribute(name: x509.Name, key: str) -> str | None:
    """The last value of attribute ``key`` (e.g. ``"common_name"``) in ``name``."""
    values = [v for k, v in _attributes(name) if k == key]
    return values[-1] if values else None


def name_to_text(name: x509.Name) -> str:
    """``CN=นายสมชาย ใจดี, O=…, C=TH`` (most specific first, as people read it)."""
    parts = [f"{_SHORT.get(k, k)}={v}" for k, v in reversed(_attributes(name))]
    return ", ".join(parts)


@dataclass(frozen=True)
class CertificateInfo:
    """A certificate as shown to people and scripts (no ASN.1 objects)."""

    subject: str
    common_name: str
    issuer: str
    serial_hex: str
    not_before: dt.datetime
    not_after: dt.datetime
    key_usage: tuple[str, ...]
    key_algorithm: str
    sha256: str
    organization: str = ""  # the subject's O=, e.g. the signer's agency
    issuer_name: str = ""  # the issuing CA's common name

    @property
    def can_sign_by_usage(self) -> bool:
        # No keyUsage extension means "any usage" (RFC 5280 4.2.1.3).
        return not self.key_usage or bool(SIGNING_KEY_USAGES & set(self.key_usage))


def describe_certificate(cert: x509.Certificate) -> CertificateInfo:
    usage = cert.key_usage_value
    common_name = name_attribute(cert.subject, "common_name") or name_to_text(cert.subject)
    return CertificateInfo(
        subject=name_to_text(cert.subject),
        common_name=common_name,
        issuer=name_to_text(cert.issuer),
        serial_hex=format(cert.serial_number, "x"),
        not_before=cert.not_valid_before,
        not_after=cert.not_valid_after,
        key_usage=tuple(sorted(usage.native)) if usage is not None else (),
        key_algorithm=cert.public_key.algorithm,
        sha256=cert.sha256.hex(),
        organization=name_attribute(cert.subject, "organization_name") or "",
        issuer_name=(name_attribute(cert.issuer, "common_name")
                     or name_attribute(cert.issuer, "organization_name") or ""),
    )


def be_date_text(day: dt.date) -> str:
    """``01/01/2564``: the day, month and Buddhist-Era year people read on a card."""
    return f"{day:%d/%m/}{day.year + 543}"


def signing_problem(info: CertificateInfo, when: dt.datetime | None = None) -> str | None:
    """Why this certificate cannot make a valid signature now (an error code), or None.

    The token picker greys such a certificate with this reason and never makes it the
    default; :func:`check_can_sign` refuses it with the same code.
    """
    now = when or dt.datetime.now(dt.UTC)
    if now > info.not_after:
        return "signing.cert_expired"
    if now < info.not_before:
        return "signing.cert_not_yet_valid"
    if not info.can_sign_by_usage:
        return "signing.cert_no_signing_usage"
    return None


def check_can_sign(cert: x509.Certificate, when: dt.datetime | None = None) -> CertificateInfo:
    """Refuse, with a precise code, a certificate that cannot make a valid signature now.

    Checking before the token is asked to sign saves a PIN entry and gives the user the
    real reason instead of a signature that later fails validation.
    """
    info = describe_certificate(cert)
    problem = signing_problem(info, when)
    if problem is not None:
        raise SigningError(problem, subject=info.common_name,
                           not_after=be_date_text(info.not_after.date()),
                           not_before=be_date_text(info.not_before.date()))
    return info


def issuer_chain(cert: x509.Certificate,
                 candidates: Iterable[x509.Certificate]) -> list[x509.Certificate]:
    """The issuers of ``cert`` found among ``candidates``, nearest first.

    Embedding the chain in every signature lets a recipient validate it without
    fetching intermediates (many Thai tokens carry only the end-entity certificate).
    """
    pool = list(candidates)
    chain: list[x509.Certificate] = []
    current = cert
    while current.self_signed == "no" and len(chain) < 8:
        issuer = next((c for c in pool if c.subject == current.issuer
                       and c.sha256 != current.sha256
                       and (current.authority_key_identifier is None
                            or c.key_identifier == current.authority_key_identifier)), None)
        if issuer is None:
            break
        chain.append(issuer)
        current = issuer
    return chain
