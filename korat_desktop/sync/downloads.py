"""Downloading a blob the hub routed to us, resumable with ``Range``.

Bytes go to ``downloads/<sha256>.part`` as they arrive (flushed every piece), so a
drop, a crash or a reboot resumes from the bytes on disk with ``Range: bytes=N-``.
Only a file whose SHA-256 matches its name enters the blob store; a mismatch throws
the partial file away and fetches again from zero.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass

import requests
from requests.structures import CaseInsensitiveDict

from korat_desktop.errors import SyncError
from korat_desktop.store.failures import store_error_from
from korat_desktop.store.models import Blob
from korat_desktop.sync.backoff import Retrier
from korat_desktop.sync.context import SyncContext, utc_now
from korat_desktop.sync.failures import from_request_error
from korat_desktop.sync.pacing import BandwidthCap
from korat_desktop.sync.transport import HubTransport

__all__ = ["BlobDownload", "DownloadOutcome"]

_PIECE = 64 * 1024


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
        self.received = 0

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
        have = self.part.stat().st_size if self.part.exists() else 0
        headers = {"Range": f"bytes={have}-", "If-Range": f'"{self.sha256}"'} if have else {}
        r = self.transport.request("GET", self.path, expect=(200, 206, 416),
                                   headers=headers, stream=True)
        with r:
            if r.status_code == 416:  # we have it all (or more): check what we have
                return self.part.read_bytes()
            mode = "ab" if r.status_code == 206 else "wb"
            total = _total_length(r.headers, have if mode == "ab" else 0)
            try:
                with open(self.part, mode) as fh:
                    done = fh.tell() if mode == "ab" else 0
                    for piece in r.iter_content(_PIECE):
                        if self.stop is not None and self.stop.is_set():
                            raise SyncError("sync.cancelled")
                        self.cap.take(len(piece))
                        fh.write(piece)
                        fh.flush()
                        done += len(piece)
                        self.received += len(piece)
                        self.retrier.progressed()
                        if self.on_bytes is not None:
                            self.on_bytes(done, total)
                    os.fsync(fh.fileno())
            except requests.RequestException as e:  # (an OSError too: catch it first)
                raise from_request_error(e, self.transport.hub_url) from e
            except OSError as e:
                raise store_error_from(e, str(self.part.parent)) from e
            if total and done < total:  # the answer was cut short: resume from here
                raise SyncError("sync.connection_lost")
        return self.part.read_bytes()


def _total_length(headers: CaseInsensitiveDict[str], have: int) -> int:
    content_range = headers.get("Content-Range", "")
    if "/" in content_range and content_range.rsplit("/", 1)[1].isdigit():
        return int(content_range.rsplit("/", 1)[1])
    length = headers.get("Content-Length", "")
    return have + int(length) if length.isdigit() else 0
