"""Where a client reads the update repository: the hub's mirror, or a folder (USB).

Both give python-tuf's ngclient its metadata through a :class:`FetcherInterface`, and
download a package into a ``.part`` file. Over the hub everything goes through the
device's own :class:`~korat_desktop.sync.transport.HubTransport` (its token, TLS
always verified, the hub's origin only), and a package resumes with ``Range`` where
the last try stopped (:class:`~korat_desktop.sync.resumable.ResumableGet`). What the
bytes are is checked afterwards, by TUF, against the signed targets metadata.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote

from tuf.api.exceptions import DownloadHTTPError
from tuf.ngclient import FetcherInterface

from korat_desktop.errors import SyncError, UpdateError
from korat_desktop.sync.backoff import Retrier
from korat_desktop.sync.pacing import BandwidthCap
from korat_desktop.sync.resumable import ResumableGet
from korat_desktop.sync.transport import HubTransport

__all__ = ["DirectorySource", "HubSource", "UpdateSource"]

_PIECE = 64 * 1024
_DIR_SCHEME = "korat-dir:///"
_MAX_METADATA = 16 * 1024 * 1024


class UpdateSource(Protocol):
    name: str
    """For messages: the folder, or the hub's URL."""
    base_url: str
    """What ngclient puts before ``metadata/...`` and ``targets/...`` (ends with /)."""
    fetcher: FetcherInterface
    received: int
    """Package bytes that came over the link (not resumed from disk)."""

    def download(self, rel: str, part: Path, sha256: str, length: int) -> None:
        """Bring ``targets/<rel>`` into ``part`` (appending to what is there)."""


class _DirectoryFetcher(FetcherInterface):
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _fetch(self, url: str) -> Iterator[bytes]:
        path = _inside(self.folder, url)
        try:
            fh = path.open("rb")
        except FileNotFoundError as e:
            raise DownloadHTTPError(f"{path} not found", 404) from e
        return _chunks(fh)


def _chunks(fh: object) -> Iterator[bytes]:
    with fh:  # type: ignore[attr-defined]
        while block := fh.read(_PIECE):  # type: ignore[attr-defined]
            yield block


def _inside(folder: Path, url: str) -> Path:
    """The file a ``korat-dir:///`` URL names, never outside ``folder``."""
    if not url.startswith(_DIR_SCHEME):
        raise DownloadHTTPError(f"not in the folder: {url[:100]}", 404)
    rel = unquote(url[len(_DIR_SCHEME):])
    parts = rel.split("/")
    if any(p in ("", ".", "..") or "\\" in p or "\0" in p for p in parts):
        raise DownloadHTTPError(f"not in the folder: {url[:100]}", 404)
    return folder.joinpath(*parts)


class DirectorySource:
    """A copy of the repository in a folder (``korat-hub updates export``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.absolute()
        if not (self.folder / "metadata").is_dir() or not (self.folder / "targets").is_dir():
            raise UpdateError("update.not_a_repository", path=str(self.folder))
        self.name = str(self.folder)
        self.base_url = _DIR_SCHEME
        self.fetcher: FetcherInterface = _DirectoryFetcher(self.folder)
        self.received = 0

    def download(self, rel: str, part: Path, sha256: str, length: int) -> None:
        source = _inside(self.folder, _DIR_SCHEME + "targets/" + rel)
        try:
            with source.open("rb") as src, part.open("wb") as dst:
                shutil.copyfileobj(src, dst, 1024 * 1024)
        except FileNotFoundError as e:
            raise UpdateError("update.unreachable", source=self.name,
                              detail=f"{source}: not found") from e
        except OSError as e:
            raise UpdateError("update.unreachable", source=self.name, detail=str(e)) from e


class _HubFetcher(FetcherInterface):
    """Metadata files, each read whole inside the retry loop: on a lossy link a cut
    answer is asked again (with backoff) instead of failing the check."""

    def __init__(self, transport: HubTransport, retrier: Retrier) -> None:
        self.transport = transport
        self.retrier = retrier

    def _fetch(self, url: str) -> Iterator[bytes]:
        return iter([self.retrier.call(lambda: self._read(url))])

    def _read(self, url: str) -> bytes:
        import requests

        from korat_desktop.sync.failures import from_request_error

        r = self.transport.request("GET", url, expect=(200, 404), stream=True)
        with r:
            if r.status_code == 404:
                raise DownloadHTTPError(f"{url} not found", 404)
            data = bytearray()
            try:
                for piece in r.iter_content(_PIECE):
                    data += piece
                    if len(data) > _MAX_METADATA:
                        raise DownloadHTTPError(f"{url}: larger than any metadata", 413)
            except requests.RequestException as e:
                raise from_request_error(e, self.transport.hub_url) from e
            expected = r.headers.get("Content-Length", "")
            if expected.isdigit() and len(data) < int(expected):
                raise SyncError("sync.connection_lost")
        return bytes(data)


class HubSource:
    """The hub's mirror, ``/updates/...``, for signed-in devices."""

    def __init__(self, transport: HubTransport, cap: BandwidthCap, retrier: Retrier,
                 stop: threading.Event | None = None,
                 on_bytes: Callable[[int, int], None] | None = None) -> None:
        self.transport = transport
        self.cap = cap
        self.retrier = retrier
        self.stop = stop
        self.on_bytes = on_bytes
        self.name = transport.hub_url
        self.base_url = transport.hub_url + "/updates/"
        self.fetcher: FetcherInterface = _HubFetcher(transport, retrier)
        self.received = 0

    def download(self, rel: str, part: Path, sha256: str, length: int) -> None:
        def progress(done: int, total: int) -> None:
            if done > length:  # more than TUF signed for: stop at once (endless data)
                raise UpdateError("update.tampered", name=rel.rpartition("/")[2])
            if self.on_bytes is not None:
                self.on_bytes(done, length)

        get = ResumableGet(self.transport, "/updates/targets/" + rel, part, sha256, self.cap,
                           self.retrier, progress, self.stop)
        try:
            get.run()
        except SyncError as e:
            raise UpdateError("update.unreachable", source=self.name,
                              detail=e.message("en")) from e
        finally:
            self.received += get.received

