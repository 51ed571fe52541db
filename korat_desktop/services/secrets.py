"""Unlocking secret letters (ลับ, ลับมาก) on this desktop: the office key, for a session.

A sealed letter's fields and PDFs open only with our agency's encryption key, which
lives in the OS keyring (:mod:`korat_desktop.courier.office_keys`). :meth:`unlock`
reads it once into memory for the session (the window's padlock; one CLI command)
and :meth:`lock` forgets it. Keys on a smart card are not supported here yet: an
office's encryption key is made by ``korat keys new`` and kept in the keyring.

Every look inside (viewing, exporting in clear, printing) is written to the audit log
with its purpose; the audit record names the document, never what it says.
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select

from korat_desktop.courier.envelope import RecipientKey, RecipientKeys
from korat_desktop.domain.registers import RegisterEntry
from korat_desktop.errors import CourierError, SecrecyError, StoreError, UsageError
from korat_desktop.secrecy.at_rest import AtRestSealer, own_sealer
from korat_desktop.secrecy.sealed import SecretFields, open_fields, open_pdf
from korat_desktop.services.office import current_actor
from korat_desktop.services.results import Changes
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.models import DocumentVersion, SealedFieldsRow
from korat_desktop.store.views import load_entry

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp

__all__ = ["OpenedLetter", "SecretLetters", "UnlockResult", "with_fields"]

PURPOSES = ("view", "export", "print", "register", "sign", "send")


@dataclass(frozen=True)
class UnlockResult:
    unlocked: bool
    keys: int  # how many of our keys (current and retired) are open
    changes: Changes = field(default_factory=Changes)


@dataclass(frozen=True)
class OpenedLetter:
    """A sealed letter opened for ``purpose``: its entry with the real fields, the PDF."""

    entry: RegisterEntry
    fields: SecretFields
    seq: int
    pdf: bytes


def with_fields(entry: RegisterEntry, fields: SecretFields) -> RegisterEntry:
    """The register line as the letter has it (for a view that was unlocked)."""
    sender, recipient = ((*fields.parties, "", "")[:2])
    return dataclasses.replace(entry, subject=fields.subject, letter_number=fields.number,
                               sender=sender, recipient=recipient, action=fields.action,
                               remarks=fields.remarks)


class SecretLetters:
    """``app.secrets``: unlock / lock, and opening sealed letters for a purpose."""

    def __init__(self, app: KoratApp) -> None:
        self.app = app
        self._key: RecipientKeys | None = None
        self._guard = threading.Lock()

    # -- the key -----------------------------------------------------------------------
    @property
    def is_unlocked(self) -> bool:
        return self._key is not None

    def unlock(self) -> UnlockResult:
        """Read the office key from the keyring for this session (audited)."""
        with self._guard:
            try:
                keys = self.app.keys.office_keys.loaded_recipient_key()
            except CourierError as e:
                raise SecrecyError("secrecy.key_missing", detail=e.message("en")) from e
            self._key = keys
        with self.app.database.write() as s:
            AuditLog(s, current_actor()).append("secrecy.unlock", "office_key", "-",
                                                {"keys": len(keys.keys)})
        return UnlockResult(True, len(keys.keys))

    def lock(self) -> UnlockResult:
        with self._guard:
            self._key = None
        return UnlockResult(False, 0)

    def key(self) -> RecipientKey:
        """The session's key, unlocking on first use."""
        if self._key is None:
            self.unlock()
        assert self._key is not None
        return self._key

    def sealer(self) -> AtRestSealer:
        return own_sealer(self.app.keys.office_keys)

    # -- sealed documents --------------------------------------------------------------
    def is_sealed(self, document_id: int) -> bool:
        with self.app.database.read() as s:
            return s.get(SealedFieldsRow, document_id) is not None

    def sealed_fields(self, document_id: int) -> bytes | None:
        with self.app.database.read() as s:
            row = s.get(SealedFieldsRow, document_id)
            return bytes(row.der) if row is not None else None

    def fields(self, document_id: int) -> SecretFields:
        """The sealed fields, opened (not audited: the register line, shown after an
        unlock the audit log already holds)."""
        der = self.sealed_fields(document_id)
        if der is None:
            raise SecrecyError("secrecy.not_sealed")
        return open_fields(der, self.key())

    def open_blob(self, sha256: str) -> bytes:
        """A sealed version's PDF (signing, registering: not audited here, the caller's
        own record says what was done with it)."""
        return open_pdf(self.app.blobs.read(sha256), self.key())

    def open_letter(self, entry_id: int, purpose: str = "view",
                    version: int | None = None) -> OpenedLetter:
        """Open a sealed letter for ``purpose`` (view, export, print): audited."""
        if purpose not in PURPOSES:
            raise UsageError("usage.bad_argument", name="purpose", detail=purpose)
        with self.app.database.read() as s:
            entry = load_entry(s, entry_id)
            if entry is None:
                raise StoreError("store.entry_not_found", id=entry_id)
            if entry.document_id is None:
                raise StoreError("store.document_not_found", id=entry_id)
            q = select(DocumentVersion).where(DocumentVersion.document_id == entry.document_id)
            q = (q.where(DocumentVersion.seq == version) if version is not None
                 else q.order_by(DocumentVersion.seq.desc()).limit(1))
            row = s.scalar(q)
            if row is None:
                raise StoreError("store.document_not_found", id=entry_id)
            seq, sha = row.seq, row.blob_sha256
        if not entry.sealed:
            raise SecrecyError("secrecy.not_sealed")
        fields = self.fields(entry.document_id)
        pdf = self.open_blob(sha)
        with self.app.database.write() as s:
            AuditLog(s, current_actor()).append(
                f"secrecy.{purpose}", "document", entry.document_id,
                {"entry_id": entry_id, "seq": seq, "sha256": sha})
        return OpenedLetter(with_fields(entry, fields), fields, seq, pdf)
