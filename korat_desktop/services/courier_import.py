"""Import: a courier bundle, checked whole, then stored in one transaction.

Before anything is stored: the envelope opens with our key, the container and every
digest check, the signature chains to the trust roots, the signer is listed in the
directory as a signer for the agency the bundle claims, it has not expired, every
operation is the sender agency's own (a bundle cannot speak for a third office), its
body matches its fingerprint, and either the bundle is for us or we can relay it
(a link to the hub). Only then: the letters' PDFs go into the blob store (durable),
and in ONE transaction the operations for us are applied through the same
:class:`~korat_desktop.sync.changes.ChangeApplier` as network sync (idempotent by
``op_id``: USB and network, or USB twice, store once), the bundle enters the courier
log, and, with a link, every operation of the bundle is queued with the origin's
signed evidence for the relay phase of sync to forward to the hub unchanged.

A kill -9 anywhere leaves the store as it was (at most letters in the blob store that
nothing references yet, which the next exclusive open sweeps); importing the same
file again then does the whole import.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from korat_desktop.courier.bundle import OpenedBundle, open_bundle
from korat_desktop.courier.keys import CourierKeys
from korat_desktop.courier.relayed_pages import apply_relayed_pages, verify_relayed_pages
from korat_desktop.errors import CourierError
from korat_desktop.protocol.bundle import BundledOperation, BundleManifest
from korat_desktop.protocol.changes import Change, ChangeKind, ChangePage
from korat_desktop.protocol.ops import (
    OPERATION_ADAPTER,
    LetterReceiptOp,
    LetterSendOp,
    content_sha256,
)
from korat_desktop.services.courier_export import HashingReader
from korat_desktop.services.courier_results import CourierProgress
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.blobs import BlobStore
from korat_desktop.store.models import (
    Blob,
    CourierBundleOp,
    CourierBundleRow,
    InboxItemRow,
    RelayCursor,
)
from korat_desktop.sync.changes import ChangeApplier, ChangeEffect
from korat_desktop.sync.context import utc_now
from korat_desktop.sync.inbox import InboxState, mark_ready
from korat_desktop.sync.relay import queue_relay

__all__ = ["CheckedBundle", "ImportCounts", "check_bundle", "store_bundle", "store_letters"]

Progress = Callable[[CourierProgress], None]
_IN_BATCH = 500  # ids per IN (...) query: well under SQLite's variable limit


@dataclass(frozen=True)
class CheckedOp:
    bundled: BundledOperation
    change: Change | None  # None: not for us (relay only)


@dataclass(frozen=True)
class CheckedBundle:
    """Everything verified; what remains is storing it."""

    path: Path
    file_sha256: str
    size: int
    manifest: BundleManifest
    signer: str
    ops: tuple[CheckedOp, ...]
    pages: tuple[ChangePage, ...]
    relay: bool  # we have a link: forward every operation to the hub
    evidence: tuple[bytes, bytes, bytes]  # manifest xml, signature, operations.json


@dataclass(frozen=True)
class ImportCounts:
    bundle_id: str
    applied: int
    relayed: int
    already: int


def _change(own: str, manifest: BundleManifest, op: BundledOperation) -> Change | None:
    """The operation as the change feed would show it to us, or None (not for us)."""
    try:
        parsed = OPERATION_ADAPTER.validate_json(op.body)
    except ValidationError as e:
        raise CourierError("courier.bad_operation", op_id=op.op_id,
                           detail=str(e)[:200]) from e
    if parsed.kind != op.kind or content_sha256(parsed) != op.content_sha256 \
            or sorted(parsed.blobs) != sorted(op.blobs):
        raise CourierError("courier.bad_operation", op_id=op.op_id,
                           detail="body does not match its fingerprint")
    if isinstance(parsed, LetterSendOp):
        if sorted(parsed.payload.to) != sorted(op.recipients):
            raise CourierError("courier.bad_operation", op_id=op.op_id,
                               detail="recipients differ from the letter's")
    elif not isinstance(parsed, LetterReceiptOp):
        raise CourierError("courier.bad_operation", op_id=op.op_id,
                           detail=f"{op.kind} does not travel by courier")
    if op.origin_agency == own:
        kind = ChangeKind.OWN
    elif own in op.recipients:
        kind = ChangeKind.INBOX if isinstance(parsed, LetterSendOp) \
            else ChangeKind.DELIVERY_RECEIPT
    else:
        return None
    return Change(cursor="", kind=kind, op_id=op.op_id, agency=op.origin_agency,
                  committed_at=manifest.created, op=parsed)


def _relayed_pages(opened: OpenedBundle, keys: CourierKeys) -> tuple[ChangePage, ...]:
    """Hub pages a relay office carried for us, each checked under the hub's key (which
    must chain to our trust roots) before anything is stored."""
    return tuple(verify_relayed_pages(keys, opened.manifest.relayed))


def check_bundle(path: Path, keys: CourierKeys, *, enrolled: bool,
                 work_dir: Path | None = None,
                 now: dt.datetime | None = None) -> tuple[CheckedBundle, OpenedBundle]:
    """Open and check ``path``; the caller closes the returned OpenedBundle."""
    try:
        size = path.stat().st_size
        src: BinaryIO = path.open("rb")
    except OSError as e:
        from korat_desktop.files import file_error

        raise file_error(e, path) from e
    with src:
        reader = HashingReader(src)
        opened = open_bundle(reader, size, keys.recipient_key(),  # type: ignore[arg-type]
                             keys.trust_roots(), now=now, work_dir=work_dir)
        try:
            file_sha256 = reader.hexdigest()
        except BaseException:
            opened.close()
            raise
    try:
        m = opened.manifest
        listed = {c.sha256.hex() for c in keys.signing_certificates(m.sender_agency)}
        if opened.signer.sha256 not in listed:
            raise CourierError("courier.signer_not_listed", agency=m.sender_agency,
                               signer=opened.signer.common_name)
        own = keys.agency_code
        for op in m.operations:
            if op.origin_agency != m.sender_agency:
                raise CourierError("courier.foreign_operation", op_id=op.op_id,
                                   origin=op.origin_agency, agency=m.sender_agency)
        ops = tuple(CheckedOp(op, _change(own, m, op)) for op in m.operations)
        if not enrolled and (own not in m.recipients
                             or any(o.change is None for o in ops)):
            others = sorted({r for o in ops if o.change is None for r in o.bundled.recipients}
                            or set(m.recipients) - {own})
            raise CourierError("courier.cannot_relay", agencies=", ".join(others))
        pages = _relayed_pages(opened, keys)
        checked = CheckedBundle(path, file_sha256, size, m, opened.signer.common_name,
                                ops, pages, enrolled,
                                (opened.manifest_xml, opened.signature, opened.operations_json))
    except BaseException:
        opened.close()
        raise
    return checked, opened


def store_letters(checked: CheckedBundle, opened: OpenedBundle, blobs: BlobStore,
                  progress: Progress) -> list[tuple[str, int]]:
    """Put the bundle's letters in the blob store (durable) before any row names them:
    the ones addressed to us, and all of them when we relay (the relay uploads them).
    Each letter streams from the bundle into the store (memory follows the piece, not
    the largest letter), and the whole lot is made durable with one flush."""
    wanted = sorted({sha for o in checked.ops if o.change is not None or checked.relay
                     for sha in o.bundled.blobs}
                    | ({*checked.manifest.letters()} if checked.pages else set()))
    with blobs.batch() as batch:
        for n, sha in enumerate(wanted, 1):
            progress(CourierProgress("store", checked.path.name, n, len(wanted)))
            if batch.wants(sha):
                with batch.add(sha) as out:
                    opened.copy_letter(sha, out)
        batch.commit()
    return [(sha, blobs.path(sha).stat().st_size) for sha in wanted]


def store_bundle(session: Session, actor: str, own: str, checked: CheckedBundle,
                 letters: list[tuple[str, int]], blobs: BlobStore) -> ImportCounts:
    """Inside the caller's one write transaction; ``own`` is our agency."""
    m = checked.manifest
    if session.scalar(select(CourierBundleRow.id).where(
            CourierBundleRow.bundle_id == m.bundle_id)) is not None:
        return ImportCounts(m.bundle_id, 0, 0, len(checked.ops))
    now = utc_now()
    known = _known_blobs(session, [sha for sha, _ in letters])
    session.add_all([Blob(sha256=sha, size=size, created_at=now) for sha, size in letters
                     if sha not in known])
    session.add(CourierBundleRow(
        bundle_id=m.bundle_id, direction="in", file_name=checked.path.name,
        file_sha256=checked.file_sha256, size=checked.size, sender_agency=m.sender_agency,
        recipients=json.dumps(m.recipients, ensure_ascii=False), signer=checked.signer,
        created_at=m.created, expires_at=m.expires, recorded_at=now, part=1, parts=1))
    session.flush()
    applier = ChangeApplier(session, actor)
    applied = already = relayed = 0
    have = {sha for sha, _ in letters}
    for op in checked.ops:
        if op.change is not None:
            if applier.apply_change(op.change) is ChangeEffect.NONE:
                already += 1
            else:
                applied += 1
    _ready_if_here(session, actor, [o.bundled for o in checked.ops if o.change is not None],
                   have)
    session.add_all([CourierBundleOp(bundle_id=m.bundle_id, op_id=o.bundled.op_id,
                                     role="relayed" if o.change is None else "applied",
                                     kind=o.bundled.kind) for o in checked.ops])
    if checked.pages:  # relay outward: our network cursor stays where it is
        apply_relayed_pages(session, actor, own, blobs, checked.pages)
    if checked.relay:  # every op, also ours: the hub routes receipts and acknowledges
        xml, signature, operations = checked.evidence
        relayed = queue_relay(session, actor, blobs, m, manifest_xml=xml, signature=signature,
                              operations_json=operations, now=now)
    if m.acked_cursor is not None:
        _set_cursor(session, m.sender_agency, m.acked_cursor)
    AuditLog(session, actor).append(
        "courier.imported", "courier_bundle", m.bundle_id,
        {"from": m.sender_agency, "file_sha256": checked.file_sha256,
         "operations": len(checked.ops), "applied": applied, "relayed": relayed})
    return ImportCounts(m.bundle_id, applied, relayed, already)


def _known_blobs(session: Session, shas: list[str]) -> set[str]:
    """Which of ``shas`` have a blob row already (a few queries, not one per letter)."""
    known: set[str] = set()
    for start in range(0, len(shas), _IN_BATCH):
        known.update(session.scalars(select(Blob.sha256).where(
            Blob.sha256.in_(shas[start:start + _IN_BATCH]))))
    return known


def _ready_if_here(session: Session, actor: str, ops: list[BundledOperation],
                   have: set[str]) -> None:
    """A letter for us whose PDF came with it is ready to register at once (also one
    that arrived earlier by network and was still waiting for its PDF)."""
    ready = [op.op_id for op in ops if op.kind == "letter.send" and set(op.blobs) <= have]
    for start in range(0, len(ready), _IN_BATCH):
        items = session.scalars(select(InboxItemRow).where(
            InboxItemRow.op_id.in_(ready[start:start + _IN_BATCH]),
            InboxItemRow.state == InboxState.ARRIVED.value).order_by(InboxItemRow.id))
        for item in items.all():
            mark_ready(session, actor, item.id)


def _set_cursor(session: Session, agency: str, cursor: str) -> None:
    row = session.get(RelayCursor, agency)
    if row is None:
        session.add(RelayCursor(agency_code=agency, acked=cursor, updated_at=utc_now()))
    elif row.acked != cursor:
        row.acked = cursor
        row.updated_at = utc_now()
