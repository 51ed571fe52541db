"""One GET that resumes a partial file with ``Range`` (blobs, update packages).

The bytes go to a ``.part`` file as they arrive (flushed every piece), so a drop, a
crash or a reboot resumes from what is on disk with ``Range: bytes=N-`` and
``If-Range`` (the server's strong ETag): a server whose file changed answers 200 and
the part starts again from zero. What the bytes must be is the caller's business
(a blob's SHA-256, an update's TUF hashes).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import requests
from requests.structures import CaseInsensitiveDict

from korat_desktop.errors import SyncError
from korat_desktop.store.failures import store_error_from
from korat_desktop.sync.backoff import Retrier
from korat_desktop.sync.failures import from_request_error
from korat_desktop.sync.pacing import BandwidthCap
from korat_desktop.sync.transport import HubTransport

__all__ = ["ResumableGet"]

_PIECE = 64 * 1024


class ResumableGet:
    """``GET path`` into ``part``, appending to what an earlier try left there."""

    def __init__(self, transport: HubTransport, path: str, part: Path, etag: str,
                 cap: BandwidthCap, retrier: Retrier,
                 on_bytes: Callable[[int, int], None] | None = None,
                 stop: threading.Event | None = None) -> None:
        self.transport = transport
        self.path = path
        self.part = part
        self.etag = etag
        self.cap = cap
        self.retrier = retrier
        self.on_bytes = on_bytes
        self.stop = stop
        self.received = 0
        """Bytes that came over the link (across tries), not those resumed from disk."""

    def once(self) -> None:
        """One request: the rest of the file into ``part``; a cut raises a SyncError."""
        have = self.part.stat().st_size if self.part.exists() else 0
        headers = {"Range": f"bytes={have}-", "If-Range": f'"{self.etag}"'} if have else {}
        r = self.transport.request("GET", self.path, expect=(200, 206, 416),
                                   headers=headers, stream=True)
        with r:
            if r.status_code == 416:  # we have it all (or more): the caller checks it
                return
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

    def run(self) -> None:
        """:meth:`once` until the file is whole, retrying cuts with backoff."""
        try:
            self.part.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise store_error_from(e, str(self.part.parent)) from e
        self.retrier.call(self.once)


def _total_length(headers: CaseInsensitiveDict[str], have: int) -> int:
    content_range = headers.get("Content-Range", "")
    if "/" in content_range and content_range.rsplit("/", 1)[1].isdigit():
        return int(content_range.rsplit("/", 1)[1])
    length = headers.get("Content-Length", "")
    return have + int(length) if length.isdigit() else 0
