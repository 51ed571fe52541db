"""Applying the hub's pages a relay office carried to us (an office without a link).

Our relay (``korat courier export --for-agency``) fetched our change feed from the
hub as pages the hub signed, and put them in a bundle unchanged. Here each page is
checked before anything is stored: the hub's detached CMS signature over the exact
page bytes must verify, its signer must chain to our trust roots *and* be the hub's
certificate from the directory, the agency the hub signed inside the page must be ours,
and (belt and braces) every change in it must concern our agency. Then the pages go through the same :class:`ChangeApplier` as a network pull,
in the caller's import transaction, so a letter or receipt that came both ways is
stored once. Our own network cursor does not move (that feed position is the
network's); ``RelayCursor`` of our agency does: our next bundle tells the relay where
we are (``acked_cursor``), and it carries only what comes after.

Applying the same pages twice changes nothing (every change is keyed by its op_id).
"""

from __future__ import annotations

import binascii
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy.orm import Session

from korat_desktop.courier.keys import CourierKeys
from korat_desktop.courier.signature import verify_detached
from korat_desktop.errors import CourierError
from korat_desktop.protocol.bundle import RelayedPage
from korat_desktop.protocol.changes import ChangeKind, ChangePage
from korat_desktop.protocol.ops import LetterSendOp
from korat_desktop.protocol.relay import RelayChangePage, b64decode_strict
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.blobs import BlobStore
from korat_desktop.store.models import Blob, RelayCursor
from korat_desktop.sync.changes import ChangeApplier
from korat_desktop.sync.inbox import InboxState, inbox_items, mark_ready

__all__ = ["RelayedApplied", "acked_cursor", "apply_relayed_pages", "verify_relayed_pages"]


@dataclass(frozen=True)
class RelayedApplied:
    pages: int
    changes: int
    new_inbox: int
    new_receipts: int
    confirmed_own: int  # our outbox operations the hub confirmed through the relay
    ready: int  # inbox letters whose PDFs came in the bundle too
    acked: str | None  # our RelayCursor after these pages


def verify_relayed_pages(keys: CourierKeys, pages: Sequence[RelayedPage]) -> list[ChangePage]:
    """Every page checked (hub signature, trust, our agency), parsed; nothing stored.

    One bad page refuses them all: they are consecutive pieces of one feed, and
    applying the ones after a hole would move our cursor past it.
    """
    if not pages:
        return []
    hub = keys.hub_certificate()
    if hub is None:
        raise CourierError("courier.no_hub_certificate")
    roots = keys.trust_roots()
    own = keys.agency_code
    parsed: list[ChangePage] = []
    for number, relayed in enumerate(pages, 1):
        if relayed.agency != own:
            raise CourierError("courier.relayed_page_foreign", agency=relayed.agency,
                               page=number)
        try:
            data = b64decode_strict(relayed.page)
            signature = b64decode_strict(relayed.signature)
        except (ValueError, binascii.Error) as e:
            raise CourierError("courier.relayed_page_invalid", page=number,
                               detail="base64") from e
        signer = verify_detached(signature, data, roots)
        if signer.certificate.sha256 != hub.sha256:
            raise CourierError("courier.relayed_page_signer", page=number,
                               signer=signer.common_name)
        try:
            page = RelayChangePage.model_validate_json(data)
        except ValidationError as e:
            raise CourierError("courier.relayed_page_invalid", page=number,
                               detail="RelayChangePage") from e
        if page.agency != own:
            raise CourierError("courier.relayed_page_foreign", agency=page.agency,
                               page=number)
        _check_ours(page, own, number)
        parsed.append(page)
    return parsed


def _check_ours(page: ChangePage, own: str, number: int) -> None:
    for change in page.changes:
        foreign = (change.kind is ChangeKind.OWN and change.agency != own) or (
            change.kind is ChangeKind.INBOX and isinstance(change.op, LetterSendOp)
            and own not in change.op.payload.to)
        if foreign:
            raise CourierError("courier.relayed_page_foreign", agency=change.agency,
                               page=number)


def apply_relayed_pages(session: Session, actor: str, agency: str, blobs: BlobStore,
                        pages: Sequence[ChangePage], *,
                        now: dt.datetime | None = None) -> RelayedApplied:
    """Apply verified pages in the caller's transaction; idempotent.

    Inbox letters whose PDFs are in the blob store (the bundle carried them) become
    ``ready`` at once, as after a network download.
    """
    moment = now or dt.datetime.now(dt.UTC)
    applier = ChangeApplier(session, actor)
    changes = new_inbox = new_receipts = own = 0
    for page in pages:
        applied = applier.apply(page, move_cursor=False)
        changes += applied.changes
        new_inbox += applied.new_inbox
        new_receipts += applied.new_receipts
        own += applied.confirmed_own
    cursor = session.get(RelayCursor, agency)
    if pages:
        if cursor is None:
            cursor = RelayCursor(agency_code=agency, acked=None, updated_at=moment)
            session.add(cursor)
        cursor.acked = pages[-1].next_cursor
        cursor.updated_at = moment
        AuditLog(session, actor).append("courier.relayed_pages", "relay_cursor", agency, {
            "pages": len(pages), "changes": changes, "acked": cursor.acked})
    carried = {c.op_id for page in pages for c in page.changes if c.kind is ChangeKind.INBOX}
    ready = _ready_with_local_pdfs(session, actor, blobs, moment, carried)
    return RelayedApplied(len(pages), changes, new_inbox, new_receipts, own, ready,
                          None if cursor is None else cursor.acked)


def _ready_with_local_pdfs(session: Session, actor: str, blobs: BlobStore,
                           moment: dt.datetime, op_ids: set[str]) -> int:
    """The pages' own inbox letters only: every other waiting letter was looked at when
    it arrived, and hashing all their PDFs again on each import is wasted reading."""
    ready = 0
    for item in inbox_items(session, (InboxState.ARRIVED,)):
        if item.op_id not in op_ids:
            continue
        if not all(blobs.verify(sha) for sha in item.blobs):
            continue  # (the network brings it later)
        for sha in item.blobs:
            if session.get(Blob, sha) is None:
                session.add(Blob(sha256=sha, size=blobs.path(sha).stat().st_size,
                                 created_at=moment))
        mark_ready(session, actor, item.id)
        ready += 1
    return ready


def acked_cursor(session: Session, agency: str) -> str | None:
    """The last relayed cursor ``agency`` (ours, on an offline office) applied: what our
    next bundle carries as ``acked_cursor``."""
    row = session.get(RelayCursor, agency)
    return None if row is None else row.acked
