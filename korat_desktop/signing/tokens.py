"""Signing tokens (smart cards, USB tokens) and the certificates on them.

Listing needs no PIN: certificates are public objects. What the UI and CLI get back
are frozen dataclasses; the live PKCS#11 handles stay inside this package.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pkcs11
from asn1crypto import x509
from pkcs11 import Attribute, ObjectClass

from korat_desktop.errors import SigningError
from korat_desktop.signing.certificates import (
    CertificateInfo,
    describe_certificate,
    signing_problem,
)
from korat_desktop.signing.modules import Pkcs11Module
from korat_desktop.signing.pkcs11_errors import token_failure
from korat_desktop.signing.token_flags import TokenFlags

__all__ = [
    "TokenCertificate",
    "TokenFlags",
    "TokenSlot",
    "find_token",
    "list_certificates",
    "list_tokens",
    "select_certificate",
]

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class TokenSlot:
    """A token present in a reader slot of one PKCS#11 module."""

    module_path: str
    slot_id: int
    slot_description: str
    label: str
    serial: str
    manufacturer: str
    model: str
    flags: TokenFlags
    _token: Any = field(default=None, compare=False, repr=False)

    @property
    def display_name(self) -> str:
        return f"{self.label} ({self.serial})" if self.serial else self.label

    @property
    def pin_pad(self) -> bool:
        return self.flags.protected_authentication_path

    def handle(self) -> pkcs11.Token:
        """The live token handle (internal to the signing package)."""
        return self._token


@dataclass(frozen=True)
class TokenCertificate:
    """A certificate object on a token, with what it says and how to select it."""

    token_label: str
    token_serial: str
    label: str
    id_hex: str
    info: CertificateInfo
    _der: bytes = field(default=b"", compare=False, repr=False)

    @property
    def cert_id(self) -> bytes:
        return bytes.fromhex(self.id_hex)

    @property
    def can_sign_by_usage(self) -> bool:
        return self.info.can_sign_by_usage

    def certificate(self) -> x509.Certificate:
        return x509.Certificate.load(self._der)


def _make_slot(module: Pkcs11Module, slot: Any, token: Any) -> TokenSlot:
    return TokenSlot(
        module_path=module.path,
        slot_id=int(slot.slot_id),
        slot_description=str(slot.slot_description).strip(),
        label=str(token.label).strip(),
        serial=token.serial.decode("ascii", "replace").strip(),
        manufacturer=str(token.manufacturer_id).strip(),
        model=str(token.model).strip(),
        flags=TokenFlags(int(token.flags)),
        _token=token,
    )


def _initialised_token(slot: Any) -> Any | None:
    try:
        token = slot.get_token()
    except pkcs11.PKCS11Error as e:
        # TokenNotPresent, TokenNotRecognised, or a token vanishing under us
        log.debug("slot %s: no usable token (%s)", slot.slot_id, type(e).__name__)
        return None
    # SoftHSM and some middleware always show an empty, uninitialised token
    if not int(token.flags) & 0x00000400:  # CKF_TOKEN_INITIALIZED
        return None
    return token


def list_tokens(modules: Iterable[Pkcs11Module]) -> list[TokenSlot]:
    """Every initialised token present in any slot of the given modules."""
    found: list[TokenSlot] = []
    for module in modules:
        try:
            slots = module.lib.get_slots(token_present=True)
        except pkcs11.PKCS11Error as e:
            raise SigningError("signing.token_error", token=module.path,
                               detail=type(e).__name__) from e
        for slot in slots:
            token = _initialised_token(slot)
            if token is not None:
                found.append(_make_slot(module, slot, token))
    return found


def find_token(modules: Iterable[Pkcs11Module], label: str | None = None,
               serial: str | None = None) -> TokenSlot:
    """The one token matching ``label``/``serial`` (or the only token present)."""
    tokens = list_tokens(modules)
    matching = [t for t in tokens
                if (label is None or t.label == label) and (serial is None or t.serial == serial)]
    wanted = label or serial or "-"
    if not matching:
        raise SigningError("signing.token_not_found", token=wanted)
    if len(matching) > 1:
        raise SigningError("signing.token_ambiguous",
                           tokens=", ".join(t.display_name for t in matching))
    return matching[0]


def _certificates_in(session: Any, token: TokenSlot) -> list[TokenCertificate]:
    certs: list[TokenCertificate] = []
    for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
        try:
            der = bytes(obj[Attribute.VALUE])
            label = str(obj[Attribute.LABEL])
            cert_id = bytes(obj[Attribute.ID])
        except pkcs11.PKCS11Error:
            continue
        try:
            cert = x509.Certificate.load(der)
            info = describe_certificate(cert)
        except (ValueError, TypeError) as e:
            log.warning("token %s: unreadable certificate %r (%s)", token.label, label, e)
            continue
        if cert.ca:
            continue  # the chain some cards carry; not something to sign with
        certs.append(TokenCertificate(token.label, token.serial, label, cert_id.hex(), info, der))
    # Tokens return objects in no fixed order; people (and scripts) need a stable list.
    return sorted(certs, key=lambda c: (c.label, c.id_hex))


def list_certificates(token: TokenSlot, session: Any | None = None) -> list[TokenCertificate]:
    """End-entity certificates on ``token`` (reads public objects; no PIN needed)."""
    try:
        if session is not None:
            return _certificates_in(session, token)
        with token.handle().open() as own:
            return _certificates_in(own, token)
    except pkcs11.PKCS11Error as e:
        raise token_failure(token, e) from e


def select_certificate(certs: list[TokenCertificate], token: TokenSlot,
                       label: str | None = None, cert_id: str | None = None,
                       ) -> TokenCertificate:
    """Pick by label and/or hex id; with neither, the only certificate that can sign now."""
    if label is not None or cert_id is not None:
        chosen = [c for c in certs
                  if (label is None or c.label == label)
                  and (cert_id is None or c.id_hex == cert_id.lower())]
        if not chosen:
            raise SigningError("signing.certificate_not_found", token=token.label,
                               certificate=label or cert_id)
        if len(chosen) > 1:
            raise SigningError("signing.certificate_ambiguous", token=token.label,
                               certificates=", ".join(f"{c.label}#{c.id_hex}" for c in chosen))
        return chosen[0]
    # never an expired, not-yet-valid or non-signing one while another could sign; a lone
    # unusable one is returned so that check_can_sign names the precise reason
    usable = [c for c in certs if signing_problem(c.info) is None] or (
        certs if len(certs) == 1 else [])
    if not usable:
        raise SigningError("signing.certificate_not_found", token=token.label, certificate="-")
    if len(usable) > 1:
        raise SigningError("signing.certificate_ambiguous", token=token.label,
                           certificates=", ".join(c.label for c in usable))
    return usable[0]
