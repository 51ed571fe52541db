"""Signing documents in the store: sign, upgrade the signature level later, verify.

This is where the signing layer (PDF bytes in, PDF bytes out) meets the store (every
state of a PDF is a new :class:`DocumentVersion`; old bytes are never replaced). The
CLI (``korat sign | upgrade | verify ID``) and the UI call these same operations.

Rules this module keeps, and why:

* One token session, one PIN, for a whole batch: the caller opens the session (so the
  PIN is typed once and never passes through here) and we sign each document on it.
* Each document is stored in its own write transaction (blob, blob row, version row
  and its audit records commit together or not at all). A batch of twenty letters
  must not be lost because the twentieth one is damaged, and a reader never sees a
  half-stored signature.
* A problem with one document (damaged PDF, locked by a certification, bad stamp
  position...) is reported for that document and the batch goes on. A problem with
  the signer or the store (token removed, PIN locked, certificate expired mid-batch,
  disk full) would fail every following document too, so the batch stops there and
  the rest are reported as not attempted. Documents signed before the stop stay
  signed: each was committed on its own.
* Upgrades (B-B → B-T → B-LT → B-LTA) need the network. A TSA or OCSP service that
  cannot be reached is *transient*: the document keeps its level and stays in the
  queue with the reason; whatever level was reached before the failure is stored.
* The PIN is never seen here; audit records name the signer's certificate only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from korat_desktop.domain.registers import RegisterKind
from korat_desktop.errors import KoratError, SigningError, StoreError
from korat_desktop.services.office import current_actor
from korat_desktop.services.results import Changes, OpError
from korat_desktop.services.signer_choice import remember_certificate
from korat_desktop.services.token_listing import TokenListing, signing_chain, token_listings
from korat_desktop.signing import (
    Appearance,
    BatchSigner,
    Certification,
    DocumentSigner,
    SignatureLevel,
    SigningSettings,
    ValidationReport,
    detect_level,
    is_transient,
    upgrade_pdf,
    validate_pdf,
)
from korat_desktop.signing.certificates import CertificateInfo
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.models import Blob, DocumentVersion, RegisterEntryRow

if TYPE_CHECKING:

    from asn1crypto import x509
    from pyhanko.sign.signers.pdf_cms import Signer

    from korat_desktop.app import KoratApp

__all__ = [
    "DOCUMENT_ERROR_CODES",
    "DocumentSigning",
    "OpError",
    "PendingUpgrade",
    "SignReport",
    "SignResult",
    "SignTarget",
    "UpgradeItem",
    "UpgradeReport",
    "recorded_level",
]

DOCUMENT_ERROR_CODES = frozenset({
    "signing.pdf_corrupt",
    "signing.pdf_encrypted",
    "signing.pdf_not_signed",
    "signing.document_locked",
    "signing.bad_page",
    "signing.bad_box",
    "signing.certify_not_first",
    "signing.certified_needs_field",
    "signing.field_not_found",
    "signing.sign_failed",
    "signing.document_changed",
    "signing.stored_pdf_damaged",
    "store.blob_missing",
})
"""Errors that concern one document only: a batch records them and goes on."""


# -- results ---------------------------------------------------------------------------
@dataclass(frozen=True)
class SignResult:
    """One entry of a signing batch. ``status``: signed, failed or skipped."""

    entry_id: int
    document_id: int
    status: str
    seq: int | None = None  # the new version's number
    level: str | None = None
    sha256: str | None = None
    error: OpError | None = None
    # the register number the clerk knows the letter by (12/2569 of the receive register)
    register: RegisterKind | None = None
    number: int | None = None
    year_be: int | None = None

    @property
    def ok(self) -> bool:
        return self.status == "signed"


@dataclass(frozen=True)
class SignReport:
    results: tuple[SignResult, ...]
    signer: CertificateInfo
    changes: Changes
    stopped: OpError | None = None  # why the batch stopped early, if it did

    @property
    def all_signed(self) -> bool:
        return all(r.ok for r in self.results)


@dataclass(frozen=True)
class PendingUpgrade:
    """A document whose latest version is signed below the target level."""

    entry_id: int
    document_id: int
    seq: int
    level: str
    target: str


@dataclass(frozen=True)
class UpgradeItem:
    """What one upgrade run did for one document.

    ``stored`` is true when a new version was written (possibly still below target,
    e.g. B-T reached but the OCSP responder was down); ``done`` when the target is met.
    """

    entry_id: int
    document_id: int
    level_before: str
    level_after: str
    target: str
    stored: bool
    done: bool
    seq: int | None = None
    sha256: str | None = None
    error: OpError | None = None
    transient: bool = False


@dataclass(frozen=True)
class UpgradeReport:
    items: tuple[UpgradeItem, ...]
    changes: Changes
    passes: int = 1

    @property
    def upgraded(self) -> tuple[UpgradeItem, ...]:
        return tuple(i for i in self.items if i.stored)

    @property
    def still_pending(self) -> tuple[UpgradeItem, ...]:
        return tuple(i for i in self.items if not i.done)

    @property
    def failed(self) -> tuple[UpgradeItem, ...]:
        """Permanent failures: retrying later will not help (reason in ``error``)."""
        return tuple(i for i in self.items if i.error is not None and not i.transient)


def recorded_level(data: bytes) -> str | None:
    """The PAdES level to store for a PDF (``"b-b"``...), ``None`` when unsigned.

    For registration: a received letter that arrives signed keeps its level on its
    versions, so the upgrade queue and the UI know it is signed. Signatures too damaged
    to read count as unsigned here; ``verify`` reports exactly what is wrong with them,
    and registering the letter must not fail because of them.
    """
    try:
        level = detect_level(data)
    except SigningError:
        return None
    return level.value if level is not None else None


@dataclass(frozen=True)
class SignTarget:
    """An entry resolved to the latest version of its document (what gets signed)."""

    entry_id: int
    document_id: int
    register: RegisterKind
    seq: int
    sha256: str
    level: str | None
    number: int | None = None  # the entry's register number and year
    year_be: int | None = None

    @property
    def numbered(self) -> dict[str, Any]:
        """The register number a :class:`SignResult` carries for this entry."""
        return {"register": self.register, "number": self.number, "year_be": self.year_be}


# -- internals -------------------------------------------------------------------------
class _Borrowed:
    """A signer we use but do not own: closing the batch must not log the caller out."""

    def __init__(self, signer: DocumentSigner) -> None:
        self._inner = signer

    @property
    def pyhanko_signer(self) -> Signer:
        return self._inner.pyhanko_signer

    @property
    def certificate(self) -> x509.Certificate:
        return self._inner.certificate

    @property
    def info(self) -> CertificateInfo:
        return self._inner.info

    def translate_error(self, exc: BaseException) -> SigningError | None:
        return self._inner.translate_error(exc)

    def close(self) -> None:
        return None


def _latest_version(s: Session, document_id: int) -> DocumentVersion | None:
    return s.scalars(select(DocumentVersion).where(DocumentVersion.document_id == document_id)
                     .order_by(DocumentVersion.seq.desc()).limit(1)).first()


def _unique(ids: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(ids))


def _parse_level(text: str) -> SignatureLevel:
    return SignatureLevel.parse(text)


_UPGRADE_STEPS = (SignatureLevel.B_T, SignatureLevel.B_LT, SignatureLevel.B_LTA)


class DocumentSigning:
    """Sign, upgrade and verify the PDFs of register entries (see the module docstring)."""

    def __init__(self, app: KoratApp) -> None:
        self.app = app

    # -- settings ------------------------------------------------------------------------
    def settings(self, extra_trust_roots: Sequence[str | Path] = (), *,
                 tsa_url: str | None = None, offline: bool = False) -> SigningSettings:
        """Signing settings from the app config, plus roots/TSA given for this call."""
        settings = SigningSettings.from_config(self.app.config).with_trust_roots(
            extra_trust_roots)
        if tsa_url:
            settings = replace(settings, tsa_url=tsa_url)
        if offline:
            settings = replace(settings, online_revocation=False)
        return settings

    def tokens(self) -> list[TokenListing]:
        """Every token present, with its certificates (what ``korat tokens`` lists)."""
        return token_listings(self.app.config)

    def chain(self) -> list[x509.Certificate]:
        """Intermediate certificates a token may lack, to embed with a signature."""
        return signing_chain(self.app.config)

    def target_level(self) -> SignatureLevel:
        return _parse_level(str(self.app.config["signing.target_level"]))

    # -- signing -------------------------------------------------------------------------
    def check(self, entry_ids: Sequence[int]) -> list[SignTarget]:
        """Resolve entries to their documents' latest versions, or refuse the whole batch.

        Run before the token is opened: a mistyped ID should not cost a PIN entry, and
        a batch that cannot be done as asked should not be half done.
        """
        targets = []
        with self.app.database.read() as s:
            for entry_id in _unique(entry_ids):
                row = s.get(RegisterEntryRow, entry_id)
                if row is None:
                    raise StoreError("store.entry_not_found", id=entry_id)
                if row.voided:
                    raise SigningError("signing.entry_voided", id=entry_id)
                latest = (_latest_version(s, row.document_id)
                          if row.document_id is not None else None)
                if row.document_id is None or latest is None:
                    raise StoreError("store.document_not_found", id=entry_id)
                targets.append(SignTarget(entry_id, row.document_id, RegisterKind(row.register),
                                          latest.seq, latest.blob_sha256,
                                          latest.signature_level, row.number, row.year_be))
        return targets

    def sign(self, entry_ids: Sequence[int], signer: DocumentSigner | BatchSigner,
             appearance: Appearance | None = None, *,
             certify: Certification | bool | None = None,
             progress: Callable[[SignResult], None] | None = None) -> SignReport:
        """Sign the latest version of each entry's document and store the result.

        ``signer`` is an open token session (or PKCS#12 signer), or a
        :class:`BatchSigner` over one; either way the caller keeps ownership and
        closes it. ``appearance`` and ``certify`` default to the batch's own (a plain
        signer: visible stamp on the last page, approval signature). Returns one
        :class:`SignResult` per distinct entry, in order.
        """
        targets = self.check(entry_ids)
        if isinstance(signer, BatchSigner):
            batch, owned = signer, False
        else:
            batch, owned = BatchSigner(_Borrowed(signer), appearance, certify), True
        info = batch.signer.info
        results: list[SignResult] = []
        stopped: OpError | None = None
        try:
            for target in targets:
                if stopped is not None:
                    result = SignResult(target.entry_id, target.document_id, "skipped",
                                        error=OpError("signing.batch_stopped",
                                                      {"reason": stopped.code}),
                                        **target.numbered)
                else:
                    try:
                        result = self._sign_one(batch, target, appearance, certify, info)
                    except KoratError as e:
                        result = SignResult(target.entry_id, target.document_id, "failed",
                                            error=OpError.of(e), **target.numbered)
                        if e.code not in DOCUMENT_ERROR_CODES:
                            stopped = result.error
                results.append(result)
                if progress is not None:
                    progress(result)
        finally:
            if owned:
                batch.close()  # the event loop only: _Borrowed keeps the session open
        done = [t for t, r in zip(targets, results, strict=True) if r.ok]
        if done:  # the next batch offers the same certificate first (CLI and window)
            remember_certificate(self.app.config, info.sha256)
        changes = Changes(frozenset(t.register for t in done),
                          frozenset(t.entry_id for t in done),
                          frozenset(t.document_id for t in done), signatures=bool(done))
        return SignReport(tuple(results), info, changes, stopped)

    def _sign_one(self, batch: BatchSigner, target: SignTarget, appearance: Appearance | None,
                  certify: Certification | bool | None, info: CertificateInfo) -> SignResult:
        data = self._read(target)
        signed = batch.sign(data, appearance, certify)
        level = detect_level(signed)
        assert level is not None  # we just signed it
        certification = (batch.certify if certify is None
                         else Certification.SIGNATURES if certify is True
                         else certify or None)
        details = {"entry_id": target.entry_id, "level": level.value,
                   "signer": info.subject, "signer_cn": info.common_name,
                   "issuer": info.issuer, "certificate_serial": info.serial_hex,
                   "certificate_sha256": info.sha256,
                   "certify": certification.name.lower() if certification else None}
        # the record names the person who signed: the certificate's holder
        seq, digest = self._store(target, signed, "signed", level.value, "document.sign",
                                  details, actor=info.common_name)
        return SignResult(target.entry_id, target.document_id, "signed", seq, level.value,
                          digest, **target.numbered)

    # -- storing ---------------------------------------------------------------------------
    def _read(self, target: SignTarget) -> bytes:
        data = self.app.blobs.read(target.sha256)
        if hashlib.sha256(data).hexdigest() != target.sha256:
            # Signing damaged bytes would certify the damage.
            raise SigningError("signing.stored_pdf_damaged", id=target.entry_id,
                               hash=target.sha256[:12])
        if self.app.secrets.is_sealed(target.document_id):  # a secret letter: opened in memory
            from korat_desktop.secrecy.sealed import open_pdf

            return open_pdf(data, self.app.secrets.key())
        return data

    def _store(self, target: SignTarget, data: bytes, role: str, level: str, action: str,
               details: dict[str, Any], actor: str | None = None) -> tuple[int, str]:
        """Add ``data`` as the document's next version, with its audit records, atomically."""
        moment = dt.datetime.now(dt.UTC)
        if self.app.secrets.is_sealed(target.document_id):  # kept sealed, as the rest of it
            data = self.app.secrets.sealer().seal_pdf(data)
        with self.app.blob_write() as s:
            latest = _latest_version(s, target.document_id)
            if latest is None or latest.seq != target.seq:
                # Someone stored a version meanwhile; ours was made from an older one.
                raise SigningError("signing.document_changed", id=target.entry_id)
            digest = self.app.blobs.put(data)
            if s.get(Blob, digest) is None:
                s.add(Blob(sha256=digest, size=len(data), created_at=moment))
            version = DocumentVersion(document_id=target.document_id, seq=latest.seq + 1,
                                      blob_sha256=digest, role=role, signature_level=level,
                                      created_at=moment)
            s.add(version)
            s.flush()
            audit = AuditLog(s, actor or current_actor(self.app, s))
            audit.append("document.version", "document_version", version.id,
                         {"document_id": target.document_id, "seq": version.seq,
                          "role": role, "sha256": digest, "signature_level": level})
            audit.append(action, "document", target.document_id,
                         {**details, "seq": version.seq, "sha256": digest})
            return version.seq, digest

    # -- upgrade queue -----------------------------------------------------------------
    def pending_upgrades(self, target: SignatureLevel | str | None = None
                         ) -> list[PendingUpgrade]:
        """Documents whose latest version is signed below ``target`` (default: config).

        Unsigned documents (no level recorded) and voided entries are not queued.
        """
        goal = (self.target_level() if target is None
                else target if isinstance(target, SignatureLevel) else _parse_level(target))
        latest = (select(DocumentVersion.document_id, func.max(DocumentVersion.seq).label("seq"))
                  .group_by(DocumentVersion.document_id).subquery())
        q = (select(RegisterEntryRow.id, DocumentVersion)
             .join(latest, latest.c.document_id == RegisterEntryRow.document_id)
             .join(DocumentVersion, (DocumentVersion.document_id == latest.c.document_id)
                   & (DocumentVersion.seq == latest.c.seq))
             .where(RegisterEntryRow.voided.is_(False),
                    DocumentVersion.signature_level.is_not(None))
             .order_by(RegisterEntryRow.id))
        pending = []
        with self.app.database.read() as s:
            for entry_id, version in s.execute(q).all():
                try:
                    level = _parse_level(version.signature_level or "")
                except SigningError:
                    continue
                if level < goal:
                    pending.append(PendingUpgrade(entry_id, version.document_id, version.seq,
                                                  level.value, goal.value))
        return pending

    def upgrade(self, once: bool = True, *, tsa_url: str | None = None,
                target: SignatureLevel | str | None = None,
                extra_trust_roots: Sequence[str | Path] = (),
                max_passes: int | None = None, initial_delay_s: float = 30.0,
                max_delay_s: float = 900.0,
                sleep: Callable[[float], None] = time.sleep) -> UpgradeReport:
        """Upgrade every pending document towards the target level.

        ``once`` makes one pass (for a timer or a button). Otherwise passes repeat with
        exponential backoff and jitter while anything is pending for a transient reason
        (network down), up to ``max_passes`` if given; permanent failures are not
        retried. The report holds each document's final state.
        """
        goal = (self.target_level() if target is None
                else target if isinstance(target, SignatureLevel) else _parse_level(target))
        settings = self.settings(extra_trust_roots, tsa_url=tsa_url)
        merged: dict[int, UpgradeItem] = {}
        changes = Changes()
        delay = initial_delay_s
        passes = 0
        while True:
            passes += 1
            queue = self.pending_upgrades(goal)
            for pending in queue:
                item = self._upgrade_one(pending, goal, settings)
                merged[pending.document_id] = _merge(merged.get(pending.document_id), item)
                if item.stored:
                    changes = changes | Changes(entries=frozenset({item.entry_id}),
                                                documents=frozenset({item.document_id}),
                                                signatures=True)
            retry = [i for i in merged.values() if not i.done and i.transient]
            if once or not retry or (max_passes is not None and passes >= max_passes):
                break
            sleep(delay * random.uniform(0.8, 1.2))
            delay = min(delay * 2, max_delay_s)
        if changes.entries:
            changes = changes | Changes(registers=self._registers(changes.entries))
        items = tuple(sorted(merged.values(), key=lambda i: i.entry_id))
        return UpgradeReport(items, changes, passes)

    def _registers(self, entry_ids: frozenset[int]) -> frozenset[RegisterKind]:
        with self.app.database.read() as s:
            return frozenset(RegisterKind(r) for r in s.scalars(
                select(RegisterEntryRow.register).where(RegisterEntryRow.id.in_(entry_ids))))

    def _upgrade_one(self, pending: PendingUpgrade, goal: SignatureLevel,
                     settings: SigningSettings) -> UpgradeItem:
        """Step up one level at a time, keeping what was reached if a later step fails."""
        base = UpgradeItem(pending.entry_id, pending.document_id, pending.level,
                           pending.level, goal.value, stored=False, done=False)
        try:
            target = self.check([pending.entry_id])[0]
            data = self._read(target)
        except KoratError as e:
            return replace(base, error=OpError.of(e), transient=False)
        level = _parse_level(pending.level)
        current = data
        error: KoratError | None = None
        for step in _UPGRADE_STEPS:
            if not level < step or goal < step:
                continue
            try:
                result = upgrade_pdf(current, settings, step)
            except KoratError as e:
                error = e
                break
            current, level = result.data, result.level_after
        item = replace(base, level_after=level.value, done=goal <= level,
                       error=OpError.of(error) if error else None,
                       transient=bool(error and is_transient(error)))
        if current == data:
            return item
        try:
            seq, digest = self._store(
                target, current, "upgraded", level.value, "document.upgrade",
                {"entry_id": target.entry_id, "level_before": pending.level,
                 "level": level.value, "tsa": settings.tsa_url})
        except KoratError as e:
            return replace(item, level_after=pending.level, done=False, error=OpError.of(e),
                           transient=e.code == "signing.document_changed")
        return replace(item, stored=True, seq=seq, sha256=digest)

    # -- verification --------------------------------------------------------------------
    def verify(self, entry_id: int, extra_trust_roots: Sequence[str | Path] = (), *,
               offline: bool = False) -> ValidationReport:
        """Validate every signature in the latest version of the entry's document.

        A received letter signed before it arrived carries our receipt stamp as an
        annotation added after the sender's signature; ``validate_pdf`` judges it with
        the receipt-stamp diff policy, so the sender's signature stays VALID.
        """
        target = self._target_for_reading(entry_id)
        data = self._read(target)
        return validate_pdf(data, self.settings(extra_trust_roots, offline=offline))

    def _target_for_reading(self, entry_id: int) -> SignTarget:
        with self.app.database.read() as s:
            row = s.get(RegisterEntryRow, entry_id)
            if row is None:
                raise StoreError("store.entry_not_found", id=entry_id)
            latest = (_latest_version(s, row.document_id)
                      if row.document_id is not None else None)
            if row.document_id is None or latest is None:
                raise StoreError("store.document_not_found", id=entry_id)
            return SignTarget(entry_id, row.document_id, RegisterKind(row.register), latest.seq,
                           latest.blob_sha256, latest.signature_level)


def _merge(old: UpgradeItem | None, new: UpgradeItem) -> UpgradeItem:
    """One document across passes: first level, last state, last stored version."""
    if old is None:
        return new
    merged = replace(new, level_before=old.level_before, stored=old.stored or new.stored)
    if new.seq is None:
        merged = replace(merged, seq=old.seq, sha256=old.sha256)
    return merged
