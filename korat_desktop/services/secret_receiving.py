"""Registering a secret letter that arrived sealed (``encryption: "cms"``).

The letter waits in the inbox with the placeholder and its secrecy class; only
registering opens it, in memory, with our agency's key: the PDF and the sealed fields
(เรื่อง, ที่, the sender as written). Registration then stamps the receipt on the
opened PDF and keeps every version sealed to our own agency again
(:mod:`korat_desktop.secrecy.at_rest`). A letter not sealed to us, changed on the
way, or without our key here raises before anything is stored, so it stays waiting.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import TYPE_CHECKING

from korat_desktop.errors import KoratError, SecrecyError
from korat_desktop.secrecy.sealed import open_fields, open_pdf
from korat_desktop.sync.inbox import InboxItem

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp

__all__ = ["OpenedInboxLetter", "inbox_waiting_reason", "open_inbox_letter"]

_KNOWN = ("cms",)


@dataclass(frozen=True)
class OpenedInboxLetter:
    pdf: bytes
    subject: str
    number: str  # the sender's ที่, without the word ที่
    sender: str


def open_inbox_letter(app: KoratApp, item: InboxItem, sealed_pdf: bytes) -> OpenedInboxLetter:
    if item.encryption not in _KNOWN:
        raise SecrecyError("secrecy.unsupported_encryption", method=item.encryption)
    if not item.sealed:
        raise SecrecyError("secrecy.sealed_fields_missing")
    try:
        der = base64.b64decode(item.sealed, validate=True)
    except (binascii.Error, ValueError) as e:
        raise SecrecyError("secrecy.tampered", detail="sealed fields") from e
    key = app.secrets.key()
    fields = open_fields(der, key)
    pdf = open_pdf(sealed_pdf, key)
    return OpenedInboxLetter(pdf, fields.subject, fields.number.removeprefix("ที่ ").strip(),
                             fields.parties[0] if fields.parties else "")


def inbox_waiting_reason(app: KoratApp, item: InboxItem) -> KoratError | None:
    """Why a sealed letter cannot be registered on this desktop (shown while it waits)."""
    if item.encryption is None:
        return None
    if item.encryption not in _KNOWN:
        return SecrecyError("secrecy.unsupported_encryption", method=item.encryption)
    if app.keys.office_keys.current() is None:
        return SecrecyError("secrecy.no_office_key")
    return None
