"""Downloading a blob the hub routed to us, resumable with ``Range``.

Bytes go to ``downloads/<sha256>.part`` as they arrive (:mod:`korat_desktop.sync.resumable`),
so a drop, a crash or a reboot resumes from the bytes on disk with ``Range: bytes=N-``.
Only a file whose SHA-256 matches its name enters the blob store; a mismatch throws
the partial file away and fetches again from zero.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass

from korat_desktop.errors import SyncError
from korat_desktop.store.failures import store_error_from
from korat_desktop.store.models import Blob
from korat_desktop.sync.backoff import Retrier
from korat_desktop.sync.context import SyncContext, utc_now
from korat_desktop.sync.pacing import BandwidthCap
from korat_desktop.sync.resumable import ResumableGet
from korat_desktop.sync.transport import HubTransport

__all__ = ["BlobDownload", "DownloadOutcome"]


@dataclass(frozen=True)
class DownloadOutcome:
    sha256: str
    length: int
    received_bytes: int


class BlobDownload:
    def __init__(self, ctx: SyncContext, transport: HubTransport, sha256: str,
                 cap: BandwidthCap, retrier: Retrier,
                 on_bytes: Callable[[int, int], None] | None = None,
                 stop: threading.Event | None = None, path: str | None = None) -> None:
        self.ctx = ctx
        self.path = path or f"/blobs/{sha256}"  # (a relay reads /relay/agencies/X/blobs/...)
        self.transport = transport
        self.sha256 = sha256
        self.cap = cap
        self.retrier = retrier
        self.on_bytes = on_bytes
        self.stop = stop
        self.part = ctx.downloads_dir / f"{sha256}.part"
        self.fetch = ResumableGet(transport, self.path, self.part, sha256, cap, retrier,
                                  on_bytes, stop)

    @property
    def received(self) -> int:
        return self.fetch.received

    def run(self) -> DownloadOutcome:
        """Fetch the blob into the blob store (durable, with its ``blob`` row); returns
        what it cost."""
        try:
            self.part.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise store_error_from(e, str(self.part.parent)) from e
        while True:
            self.retrier.check_stop()
            try:
                data = self._fetch()
            except SyncError as e:
                self.retrier.failed(e)
                continue
            if hashlib.sha256(data).hexdigest() != self.sha256:
                self.part.unlink(missing_ok=True)
                self.retrier.failed(SyncError("sync.download_corrupt", hash=self.sha256[:12]))
                continue
            self.ctx.blobs.put(data)
            with self.ctx.database.write() as s:
                if s.get(Blob, self.sha256) is None:
                    s.add(Blob(sha256=self.sha256, size=len(data), created_at=utc_now()))
            self.part.unlink(missing_ok=True)
            return DownloadOutcome(self.sha256, len(data), self.received)

    def _fetch(self) -> bytes:
        self.fetch.once()
        return self.part.read_bytes()
