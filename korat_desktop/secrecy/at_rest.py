"""Which letters are kept sealed, and sealing them to our own agency at rest.

A ลับ/ลับมาก letter is sealed from the moment it is registered when
``secrecy.encrypt_secret`` is on (the default; IT may lock it either way in
``policy.toml``): its PDF versions go to the blob store only as envelopes, its text
fields only into ``sealed_fields``; the plain columns, the audit log and the search
index get :data:`SEALED_PLACEHOLDER` and the register number. Sealing at registration,
not at sending, is what keeps the text out of the database file: SQLite keeps old
page contents in free pages and the WAL, and the audit log is append-only, so a text
that was once written in clear cannot be taken back.

At rest the envelope names our own agency's current encryption certificate only;
when the letter is queued for sending, its travelling version is sealed again to the
recipients and us (:mod:`korat_desktop.secrecy.outgoing`).
"""

from __future__ import annotations

from dataclasses import dataclass

from asn1crypto import x509

from korat_desktop.config import Config
from korat_desktop.courier.office_keys import OfficeKeys
from korat_desktop.domain.letters import Secrecy
from korat_desktop.errors import SecrecyError
from korat_desktop.protocol.ops import SEALED_PLACEHOLDER
from korat_desktop.secrecy.sealed import SecretFields, seal_letter, seal_pdf

__all__ = ["SEALED_PLACEHOLDER", "SEALED_SECRECY", "AtRestSealer", "encrypts",
           "own_sealer"]

SEALED_SECRECY = frozenset({Secrecy.CONFIDENTIAL, Secrecy.SECRET})
"""ลับ and ลับมาก are sealed; ลับที่สุด never leaves the office and is refused for sync."""


def encrypts(config: Config) -> bool:
    """``secrecy.encrypt_secret`` (on unless IT turned it off)."""
    return bool(config["secrecy.encrypt_secret"])


@dataclass(frozen=True)
class AtRestSealer:
    """Seals to our own agency's current encryption certificate."""

    certificate: x509.Certificate

    def seal_pdf(self, pdf: bytes) -> bytes:
        return seal_pdf(pdf, [self.certificate])

    def seal_letter(self, fields: SecretFields, pdfs: list[bytes]) -> tuple[bytes, list[bytes]]:
        return seal_letter(fields, pdfs, [self.certificate])


def own_sealer(office_keys: OfficeKeys) -> AtRestSealer:
    """Our sealer, or ``secrecy.no_office_key`` (``korat keys new`` makes one)."""
    current = office_keys.current()
    if current is None or current.certificate is None:
        raise SecrecyError("secrecy.no_office_key")
    return AtRestSealer(current.certificate)
