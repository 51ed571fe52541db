"""One blob's tus 1.0 upload: created once, resumed with HEAD after any drop.

The upload's URL on the hub is stored in ``upload_session`` as soon as the hub
makes it, so a crash, a reboot or a hub restart resumes at the hub's offset instead
of sending the bytes again. The hub answering creation with
``Korat-Blob-Exists: 1`` (``201`` with a finished upload; ``200`` from older hubs)
means it already holds the blob for this agency: nothing is sent. A HEAD that finds
the upload complete means the same. Each PATCH carries ``Upload-Checksum: sha256``; a
chunk that was cut off or damaged is dropped whole by the hub, and we resend it from
the hub's offset.

Each PATCH runs under a :class:`~korat_desktop.sync.stall.StallWatch`: a connection
that stays stuck after the link is back is given up at once (``sync.stalled``)
instead of after the read timeout. The hub lets a new PATCH take over from the
stuck one, and otherwise drops it after its own timeout; an upload the hub keeps
answering "busy" for longer than :data:`BUSY_GIVE_UP_S` (a hub without either) is
started afresh as a last resort.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from sqlalchemy import delete

from korat_desktop.errors import SyncError
from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.protocol.tus import (
    BLOB_EXISTS_HEADER,
    OFFSET_CONTENT_TYPE,
    TUS_VERSION,
    encode_checksum,
    encode_metadata,
)
from korat_desktop.store.models import UploadSessionRow
from korat_desktop.sync.backoff import Retrier
from korat_desktop.sync.chunks import ChunkSizer
from korat_desktop.sync.context import SyncContext, utc_now
from korat_desktop.sync.pacing import BandwidthCap, PacedBody
from korat_desktop.sync.stall import StallWatch
from korat_desktop.sync.transport import HubTransport

__all__ = ["BUSY_GIVE_UP_S", "UploadOutcome", "UploadSession"]

log = logging.getLogger(__name__)

_TUS = {"Tus-Resumable": TUS_VERSION}
_GONE = (404, 410)
BUSY_GIVE_UP_S = 90.0
"""Longer than any current hub keeps a dead request's lock (``peer_timeout_s``, 30 s)."""


@dataclass(frozen=True)
class UploadOutcome:
    sha256: str
    length: int
    sent_bytes: int  # bytes the hub accepted during this run
    skipped: bool  # the hub already held the blob: nothing was sent


class UploadSession:
    def __init__(self, ctx: SyncContext, transport: HubTransport, sha256: str,
                 sizer: ChunkSizer, cap: BandwidthCap, retrier: Retrier,
                 on_bytes: Callable[[int, int], None] | None = None,
                 stop: threading.Event | None = None) -> None:
        self.ctx = ctx
        self.transport = transport
        self.sha256 = sha256
        self.sizer = sizer
        self.cap = cap
        self.retrier = retrier
        self.on_bytes = on_bytes
        self.stop = stop
        self.sent = 0

    # -- persistence of the upload URL ------------------------------------------------
    def _saved(self) -> tuple[str, int] | None:
        with self.ctx.database.read() as s:
            row = s.get(UploadSessionRow, self.sha256)
            saved = None if row is None else (row.location, row.length)
        if saved is not None:
            try:
                self.transport.url(saved[0])
            except SyncError:  # saved for another hub URL: start afresh on this one
                return None
        return saved

    def _save(self, location: str, length: int) -> None:
        with self.ctx.database.write() as s:
            row = s.get(UploadSessionRow, self.sha256)
            if row is None:
                s.add(UploadSessionRow(sha256=self.sha256, location=location, length=length,
                                       updated_at=utc_now()))
            else:
                row.location, row.length, row.updated_at = location, length, utc_now()

    def _forget(self) -> None:
        with self.ctx.database.write() as s:
            s.execute(delete(UploadSessionRow).where(UploadSessionRow.sha256 == self.sha256))

    # -- the upload ---------------------------------------------------------------------
    def _data(self) -> bytes:
        data = self.ctx.blobs.read(self.sha256)
        if hashlib.sha256(data).hexdigest() != self.sha256:
            raise SyncError("sync.local_blob_damaged", hash=self.sha256[:12])
        return data

    def run(self) -> UploadOutcome:
        data = self._data()
        length = len(data)
        saved = self._saved()
        location = saved[0] if saved and saved[1] == length else None
        offset: int | None = None
        busy_since: float | None = None  # "upload.busy" answers since then, in a row
        while True:
            self.retrier.check_stop()
            try:
                if location is None:
                    location = self._create(length)
                    if location is None:
                        return UploadOutcome(self.sha256, length, self.sent, self.sent == 0)
                    offset = 0
                if offset is None:
                    offset = self._head(location)
                    if offset is None:  # the hub forgot it (expired, finished, restarted)
                        location = None
                        self._forget()
                        continue
                if offset >= length:  # finished on the hub (by us before a drop, or dedup)
                    self._forget()
                    return UploadOutcome(self.sha256, length, self.sent, self.sent == 0)
                offset = self._patch(location, data, offset)
                busy_since = None
                if offset >= length:
                    self._forget()
                    return UploadOutcome(self.sha256, length, self.sent, False)
            except SyncError as e:
                if e.code == ErrorCode.UPLOAD_OFFSET.value and e.params.get("offset", "").isdigit():
                    offset = int(e.params["offset"])
                    continue
                if e.params.get("status") in ("404", "410"):
                    location, offset = None, None
                    self._forget()
                    self.retrier.failed(SyncError("sync.connection_lost"))
                    continue
                if e.code == ErrorCode.UPLOAD_BUSY.value:
                    now = time.monotonic()
                    busy_since = now if busy_since is None else busy_since
                    if now - busy_since >= BUSY_GIVE_UP_S:
                        # A request the hub never saw end still holds this upload (a
                        # dead connection an old hub does not notice): start afresh.
                        location, offset, busy_since = None, None, None
                        self._forget()
                    else:
                        offset = None
                    self.retrier.failed(e)
                    continue
                if e.code == ErrorCode.UPLOAD_CHECKSUM.value:  # damaged on the way: resend
                    offset = None
                    self.retrier.failed(SyncError("sync.connection_lost"))
                    continue
                if e.code == ErrorCode.UPLOAD_HASH.value:
                    self._data()  # raises when our own copy is damaged
                    location, offset = None, None
                    self._forget()
                    self.retrier.failed(SyncError("sync.connection_lost"))
                    continue
                offset = None  # ask the hub where it stands before sending more
                self.retrier.failed(e)

    def _create(self, length: int) -> str | None:
        r = self.transport.request("POST", "/uploads", expect=(200, 201), headers={
            **_TUS, "Upload-Length": str(length),
            "Upload-Metadata": encode_metadata({"sha256": self.sha256,
                                                "filename": f"{self.sha256[:16]}.pdf"})})
        if r.status_code == 200 or r.headers.get(BLOB_EXISTS_HEADER) == "1":
            return None
        location = self._upload_url(r.headers.get("Location"))
        self._save(location, length)
        self.retrier.progressed()
        return location

    def _upload_url(self, location: str | None) -> str:
        """The upload's URL from the hub's ``Location``: on the hub's origin or refused.

        A relative one is resolved against the creation request; one on another
        scheme, host or port raises ``sync.foreign_location`` (permanent: it stops the
        pass) before anything, the token included, is sent there. Kept relative to
        the hub URL where it can be, so a saved upload survives a change of hub URL.
        """
        if not location:
            raise SyncError("sync.bad_response", detail="POST /uploads without Location")
        with contextlib.suppress(ValueError):  # (a malformed one is refused below)
            parts = urlsplit(location)
            if not parts.scheme and not parts.netloc and not location.startswith("/"):
                location = urljoin(self.transport.url("/uploads"), location)
        url = self.transport.url(location)
        hub = self.transport.hub_url
        return url[len(hub):] if url.startswith(hub + "/") else url

    def _head(self, location: str) -> int | None:
        r = self.transport.request("HEAD", location, expect=(200, *_GONE), headers=_TUS)
        if r.status_code in _GONE:
            return None
        return _offset(r.headers.get("Upload-Offset"))

    def _patch(self, location: str, data: bytes, offset: int) -> int:
        size = self.sizer.next_size(len(data) - offset)
        chunk = memoryview(data)[offset:offset + size]
        sent_now = 0

        watch = StallWatch(lambda: self.transport.current_socket(caller), len(chunk))

        def counted(n: int) -> None:
            nonlocal sent_now
            sent_now += n
            watch.handed(n)
            if self.on_bytes is not None:
                self.on_bytes(offset + sent_now, len(data))

        started = time.monotonic()
        # urllib3 sends a request body under the *connect* timeout; a chunk must ride
        # out a short link drop (TCP resumes it), so its body gets the read timeout.
        wait = max(self.transport.settings.connect_timeout_s,
                   self.transport.settings.read_timeout_s)
        caller = threading.get_ident()
        try:
            with watch:
                try:
                    r = self.transport.request(
                        "PATCH", location, expect=(204,), timeout=(wait, wait),
                        headers={**_TUS, "Upload-Offset": str(offset),
                                 "Content-Type": OFFSET_CONTENT_TYPE,
                                 "Upload-Checksum": encode_checksum(
                                     hashlib.sha256(chunk).digest())},
                        data=PacedBody(chunk, self.cap, counted, self.stop))
                except SyncError as e:
                    if watch.fired:
                        raise SyncError("sync.stalled") from e
                    raise
        except SyncError as e:
            log.debug("PATCH %s at %d: %d of %d B sent in %.1f s, then %s", self.sha256[:8],
                      offset, sent_now, size, time.monotonic() - started, e.code)
            if e.code in ("sync.connection_lost", "sync.timeout", "sync.stalled",
                          "sync.hub_unavailable", "server.busy", "server.internal"):
                self.sizer.interrupted()
            raise
        new_offset = _offset(r.headers.get("Upload-Offset"))
        if new_offset <= offset:
            raise SyncError("sync.bad_response", detail="PATCH did not advance the offset")
        log.debug("PATCH %s at %d: %d B in %.1f s", self.sha256[:8], offset,
                  new_offset - offset, time.monotonic() - started)
        self.sizer.record(new_offset - offset, time.monotonic() - started)
        self.sent += new_offset - offset
        self.retrier.progressed()
        return new_offset


def _offset(header: str | None) -> int:
    if header is None or not header.isdigit():
        raise SyncError("sync.bad_response", detail="missing Upload-Offset")
    return int(header)
