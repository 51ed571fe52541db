"""Queueing a secret letter: its travelling PDF and fields sealed to the recipients.

When a ลับ/ลับมาก letter is queued with ``secrecy.encrypt_secret`` on, the version
that travels is sealed to every recipient agency's encryption certificate and to our
own agency's (our other devices, and our own at-rest copy: the sealed blob replaces the
version's own-agency envelope); its เรื่อง, ที่, parties and notes go inside a second
envelope in the operation's ``sealed`` field, and the clear ``subject`` and ``number``
are the placeholder. The blob's SHA-256 is that of the ciphertext, so tus, dedup and
the hub's idempotent commit work unchanged, and a courier bundle carries the same
operation and the same envelope.

A recipient without a usable certificate (none, expired, revoked) refuses the queueing
with that agency named: the letter never falls back to clear.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from asn1crypto import x509

from korat_desktop.domain.registers import RegisterEntry
from korat_desktop.secrecy.recipients import recipient_certificates
from korat_desktop.secrecy.revocation import OcspRevocation
from korat_desktop.secrecy.sealed import SecretFields, seal_letter
from korat_desktop.signing.settings import SigningSettings
from korat_desktop.store.blobs import sha256_hex
from korat_desktop.store.models import Document

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp

__all__ = ["SealedSend", "seal_for_sending"]


@dataclass(frozen=True)
class SealedSend:
    """What a sealed ``letter.send`` carries, made before its queueing transaction."""

    pdf: bytes  # DER envelope of the travelling version, to the recipients and us
    pdf_sha256: str
    fields: str  # base64 DER envelope of the wire fields
    sealed_to: tuple[str, ...]  # agency codes, ours last


def _fields(app: KoratApp, entry: RegisterEntry) -> SecretFields:
    """What the letter is about, as the recipients are to read it."""
    assert entry.document_id is not None
    if entry.sealed:
        kept = app.secrets.fields(entry.document_id)
        return SecretFields(subject=kept.subject, number=f"ที่ {kept.number}",
                            parties=kept.parties, notes=kept.notes)
    with app.database.read() as s:  # registered in clear (before, or with the policy off)
        doc = s.get(Document, entry.document_id)
        notes = doc.notes if doc is not None else ""
    return SecretFields(subject=entry.subject, number=f"ที่ {entry.letter_number}",
                        parties=(entry.sender, entry.recipient), notes=notes)


def _revocation(app: KoratApp, roots: Sequence[x509.Certificate]) -> OcspRevocation | None:
    """The OCSP check of the recipients' certificates, unless online revocation checks are
    off (``signing.online_revocation``); offline it lets the letter go (soft-fail)."""
    settings = SigningSettings.from_config(app.config)
    if not settings.online_revocation:
        return None
    return OcspRevocation(roots, timeout_s=settings.network_timeout_s)


def seal_for_sending(app: KoratApp, entry: RegisterEntry, codes: Sequence[str],
                     now: dt.datetime | None = None) -> SealedSend:
    """Seal the entry's latest version and fields to ``codes`` and our own agency.

    Refuses (``secrecy.no_certificate|certificate_expired|certificate_revoked``, naming
    the agency) before anything is written; with ``signing.online_revocation`` a
    certificate naming an OCSP responder is checked there (soft-fail offline,
    :mod:`korat_desktop.secrecy.revocation`)."""
    assert entry.pdf_sha256 is not None
    keys = app.courier_keys
    own = keys.agency_code
    agencies = [*dict.fromkeys(c for c in codes if c != own), own]
    certs = recipient_certificates(keys, agencies, now=now or dt.datetime.now(dt.UTC),
                                   revocation=_revocation(app, keys.trust_roots()))
    flat = [c for code in agencies for c in certs[code]]
    fields = _fields(app, entry)
    pdf = (app.secrets.open_blob(entry.pdf_sha256) if entry.sealed
           else app.blobs.read(entry.pdf_sha256))
    fields_der, [sealed_pdf] = seal_letter(fields, [pdf], flat)
    sealed_fields = base64.b64encode(fields_der).decode("ascii")
    return SealedSend(sealed_pdf, sha256_hex(sealed_pdf), sealed_fields, tuple(agencies))
