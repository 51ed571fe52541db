"""Relaying outward: what waits at the hub for an offline agency, fetched to carry.

An agency designated at the hub as relay for offline agency X (``korat-hub relay
set D --for X``) reads X's change feed, ``GET /relay/agencies/{X}/changes``, as
pages the hub signed, and the PDFs of X's inbox letters in them,
``GET /relay/agencies/{X}/blobs/{sha}``. The pages go into the courier bundle for X
unchanged (``BundleManifest.relayed``): X checks the hub's signature on each one, so
neither we nor the courier can add, drop or change a change in them.

The feed is read from ``RelayCursor(X).acked``, the last cursor X said it applied
(its own bundles carry it back), never from a position we keep ourselves: a bundle
that is lost on the way is simply carried again in the next one, and X applies
whatever it already has as a no-op (every change is keyed by its ``op_id``).

The PDFs come into our own blob store with the same resumable, verified download as
network sync (``Range`` from what is on disk, SHA-256 checked before it is kept), so
a cut link costs only what had not arrived yet.
"""

from __future__ import annotations

import base64
import binascii
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from pydantic import ValidationError

from korat_desktop.errors import SyncError
from korat_desktop.protocol.bundle import RelayedPage
from korat_desktop.protocol.changes import MAX_PAGE, ChangeKind, ChangePage
from korat_desktop.protocol.ops import LetterSendOp
from korat_desktop.protocol.relay import SignedPage
from korat_desktop.store.models import Blob, RelayCursor
from korat_desktop.sync.context import SyncContext
from korat_desktop.sync.downloads import BlobDownload
from korat_desktop.sync.engine import SyncEngine
from korat_desktop.sync.enrollment import DeviceEnrollment
from korat_desktop.sync.report import SyncProgress
from korat_desktop.sync.transport import HubTransport

__all__ = ["OutwardRelay", "fetch_for_agency"]

_PAGE_SIZE = 100
_MAX_PAGES = 10_000


@dataclass(frozen=True)
class OutwardRelay:
    """What to carry to ``agency``: the hub's signed pages after ``since``, in order, and
    the SHA-256 of every PDF they bring (all in our blob store now)."""

    agency: str
    since: str | None
    pages: tuple[RelayedPage, ...]
    blobs: tuple[str, ...]
    next_cursor: str | None  # after the last page (None: nothing was there to read)
    changes: int
    bytes_received: int


def fetch_for_agency(ctx: SyncContext, agency: str, *,
                     progress: Callable[[SyncProgress], None] | None = None,
                     stop: threading.Event | None = None,
                     page_size: int = _PAGE_SIZE) -> OutwardRelay:
    """Everything the hub holds for ``agency`` after what it acknowledged.

    Raises ``sync.relay_not_designated`` when the hub does not let us relay for it,
    ``sync.not_enrolled``/``sync.offline``... when there is no usable link.
    """
    with ctx.database.read() as s:
        row = s.get(RelayCursor, agency)
        since = row.acked if row is not None else None
    _, transport = DeviceEnrollment(ctx).transport()
    engine = SyncEngine(ctx, progress=progress, stop=stop)
    try:
        return _Fetch(engine, transport, agency).run(
            since, max(1, min(page_size, MAX_PAGE)))
    finally:
        transport.close()


class _Fetch:
    """One read of the feed, with the sync engine's retries, pacing and progress."""

    def __init__(self, engine: SyncEngine, transport: HubTransport, agency: str) -> None:
        self.engine = engine
        self.ctx = engine.ctx
        self.transport = transport
        self.agency = agency
        self.received = 0

    def run(self, since: str | None, page_size: int) -> OutwardRelay:
        pages: list[RelayedPage] = []
        blobs: dict[str, None] = {}
        changes = 0
        cursor = since
        next_cursor: str | None = None
        for _ in range(_MAX_PAGES):
            self.engine.report("relay_pull", detail=self.agency)
            signed, page = self._page(cursor, page_size)
            if page.changes:  # (an empty page says nothing X needs)
                pages.append(RelayedPage(agency=signed.agency, page=signed.page,
                                         signature=signed.signature))
            changes += len(page.changes)
            for change in page.changes:
                if change.kind is ChangeKind.INBOX and isinstance(change.op, LetterSendOp):
                    blobs.update(dict.fromkeys(change.op.blobs))
            cursor = next_cursor = page.next_cursor
            if not page.has_more:
                break
        for sha in blobs:
            self._fetch_blob(sha)
        return OutwardRelay(self.agency, since, tuple(pages), tuple(blobs), next_cursor,
                            changes, self.received)

    def _page(self, since: str | None, limit: int) -> tuple[SignedPage, ChangePage]:
        params: dict[str, str | int] = {"limit": limit}
        if since:
            params["since"] = since
        path = f"/relay/agencies/{self.agency}/changes"
        with _relay_refusal(self.agency):
            data = self.engine.retrier().call(lambda: self.transport.json("GET", path, params=params))
        try:
            signed = SignedPage.model_validate(data)
            page = ChangePage.model_validate_json(base64.b64decode(signed.page, validate=True))
        except (ValidationError, binascii.Error, ValueError) as e:
            raise SyncError("sync.relay_bad_page", agency=self.agency,
                            detail=type(e).__name__) from e
        if signed.agency != self.agency:
            raise SyncError("sync.relay_bad_page", agency=self.agency,
                            detail=f"a page for {signed.agency}")
        return signed, page

    def _fetch_blob(self, sha: str) -> None:
        with self.ctx.database.read() as s:
            have = s.get(Blob, sha) is not None
        if have and self.ctx.blobs.exists(sha):
            return
        self.engine.report("download", detail=sha)
        download = BlobDownload(
            self.ctx, self.transport, sha, self.engine.cap, self.engine.retrier(),
            on_bytes=lambda done, total: self.engine.report("download", done=done, total=total,
                                                      detail=sha),
            stop=self.engine.stop, path=f"/relay/agencies/{self.agency}/blobs/{sha}")
        try:
            with _relay_refusal(self.agency):
                download.run()
        finally:
            self.received += download.received


@contextmanager
def _relay_refusal(agency: str) -> Iterator[None]:
    """The hub's 403 here means we are not (or no longer) this agency's relay."""
    try:
        yield
    except SyncError as e:
        if str(e.params.get("status")) != "403":
            raise
        raise SyncError("sync.relay_not_designated", agency=agency) from e
