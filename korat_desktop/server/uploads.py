"""Resumable blob uploads (tus 1.0): the state machine behind the HTTP routes.

A partial upload is a row (who, declared length and SHA-256, expiry) plus a file
``uploads/<id>.part``. The file's size *is* the upload offset, so a hub restart or a
dropped connection loses nothing that reached the disk: a client resumes with HEAD.
A PATCH chunk that carries ``Upload-Checksum`` and fails it (or is cut off) is cut
back to where it started; one without a checksum keeps whatever arrived, as tus says.
When the last byte arrives the whole file is hashed: only bytes that match the
declared SHA-256 become a blob; anything else is deleted and never committed.

One PATCH at a time writes an upload (a ``flock`` on its part file, which also holds
across hub worker processes); another one meanwhile is answered ``423``. A client
only sends a new PATCH for an upload when it gave up on the previous one, so when
the request holding the lock has received nothing for ``takeover_idle_s`` it is
stopped (its checksummed chunk dropped, ``409 upload.superseded`` to nobody) and the
new request takes over at once, rather than after the connection timeout. That
works within one process; across processes the connection timeout frees it.

What one device and one agency may have open is bounded (:mod:`upload_limits`). The
sweep removes expired uploads and, one expiry after the last upload of it, a blob an
agency uploaded but never committed (and the blob's file when no agency holds it any
more). A finishing upload and the sweep exclude each other with a ``flock`` on
``uploads/.blobs.lock``, so a blob the sweep removes is never one just recorded.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import secrets
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from anyio import to_thread
from sqlalchemy import Connection, delete, select, update

from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.protocol.tus import CHECKSUM_MISMATCH_STATUS, decode_metadata
from korat_desktop.server.blobs import BlobStorage, fsync_dir
from korat_desktop.server.db.engine import Database, insert_ignoring_conflict
from korat_desktop.server.db.schema import blob_access, blobs, uploads
from korat_desktop.server.devices import DeviceIdentity
from korat_desktop.server.errors import HubError
from korat_desktop.server.upload_limits import UploadLimits

__all__ = ["EMPTY_SHA256", "CreatedUpload", "TusUploads", "UploadState"]

EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
_HEX = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class UploadState:
    upload_id: str
    offset: int
    length: int
    expires_at: dt.datetime


@dataclass(frozen=True)
class CreatedUpload:
    """``upload`` is None when the agency already holds the blob (nothing to send)."""

    sha256: str
    length: int
    upload: UploadState | None
    held: UploadState | None = None
    """When the agency holds the blob already: the finished upload ``/uploads/<sha256>``
    a standard tus client can HEAD (offset == length) and so never sends a byte."""


@dataclass
class _Writer:
    """The PATCH writing an upload in this process: when it last received bytes, and
    the scope that stops it when a newer PATCH takes over."""

    last_bytes_at: float
    scope: asyncio.Timeout | None = None
    superseded: bool = field(default=False)
    kept_offset: int | None = None  # a checksummed chunk in flight: where it started

    def take_over(self, now: float) -> bool:
        if self.scope is None:
            return False
        self.superseded = True
        self.scope.reschedule(now)
        return True


_TAKEOVER_WAIT_S = 2.0


class TusUploads:
    def __init__(self, db: Database, storage: BlobStorage, upload_dir: Path,
                 max_bytes: int, expiry_s: float, takeover_idle_s: float = 2.0,
                 limits: UploadLimits | None = None) -> None:
        self.db = db
        self.storage = storage
        self.dir = upload_dir
        self.max_bytes = max_bytes
        self.expiry = dt.timedelta(seconds=expiry_s)
        self.takeover_idle_s = takeover_idle_s
        self.limits = limits or UploadLimits()
        self._writers: dict[str, _Writer] = {}  # touched only on the event loop
        upload_dir.mkdir(parents=True, exist_ok=True)

    def _part(self, upload_id: str) -> Path:
        return self.dir / f"{upload_id}.part"

    # creation ---------------------------------------------------------------
    def create(self, device: DeviceIdentity, length_header: str | None,
               metadata_header: str | None) -> CreatedUpload:
        length = _parse_length(length_header)
        if length > self.max_bytes:
            raise HubError(ErrorCode.UPLOAD_TOO_LARGE, 413, limit=self.max_bytes)
        try:
            meta = decode_metadata(metadata_header or "")
        except ValueError as e:
            raise HubError(ErrorCode.UPLOAD_METADATA, 400, detail=str(e)) from e
        sha256 = meta.get("sha256", "").lower()
        if len(sha256) != 64 or not _HEX.issuperset(sha256):
            raise HubError(ErrorCode.UPLOAD_METADATA, 400,
                           detail="sha256 (hex of the whole blob) is required")
        now = dt.datetime.now(dt.UTC)
        with self.db.writing() as conn:
            if self._agency_holds(conn, device.agency_code, sha256, length):
                self._renew_hold(conn, device.agency_code, sha256)
                return CreatedUpload(sha256, length, None, UploadState(
                    sha256, length, length, now + self.expiry))
            if length == 0:
                if sha256 != EMPTY_SHA256:
                    raise HubError(ErrorCode.UPLOAD_HASH, 422)
                self.storage.put_bytes(b"", sha256)
                self._record_blob(conn, device.agency_code, sha256, 0)
                return CreatedUpload(sha256, 0, None, UploadState(
                    sha256, 0, 0, now + self.expiry))
            self.limits.check(conn, device, length, now)
            upload_id = secrets.token_hex(16)
            conn.execute(uploads.insert().values(
                id=upload_id, agency_code=device.agency_code, device_id=device.device_id,
                length=length, sha256=sha256, metadata=json.dumps(meta, ensure_ascii=False),
                created_at=now, expires_at=now + self.expiry))
            self._part(upload_id).touch()
        return CreatedUpload(sha256, length, UploadState(upload_id, 0, length, now + self.expiry))

    @staticmethod
    def _agency_holds(conn: Connection, agency: str, sha256: str, length: int) -> bool:
        row = conn.execute(
            select(blobs.c.size).join(blob_access, blob_access.c.sha256 == blobs.c.sha256)
            .where(blobs.c.sha256 == sha256, blob_access.c.agency_code == agency)).first()
        return row is not None and row.size == length

    @staticmethod
    def _record_blob(conn: Connection, agency: str, sha256: str, size: int) -> None:
        now = dt.datetime.now(dt.UTC)
        insert_ignoring_conflict(conn, blobs, {"sha256": sha256, "size": size,
                                               "created_at": now})
        insert_ignoring_conflict(conn, blob_access, {"sha256": sha256, "agency_code": agency,
                                                     "readable": False, "held_since": now})
        TusUploads._renew_hold(conn, agency, sha256)

    @staticmethod
    def _renew_hold(conn: Connection, agency: str, sha256: str) -> None:
        """The agency has (again) shown it holds the blob: it keeps it one more expiry
        to commit it (a holding that is readable already is never swept)."""
        conn.execute(update(blob_access).where(
            blob_access.c.sha256 == sha256, blob_access.c.agency_code == agency,
            blob_access.c.readable.is_(False)).values(held_since=dt.datetime.now(dt.UTC)))

    # core -------------------------------------------------------------------
    def status(self, device: DeviceIdentity, upload_id: str) -> UploadState:
        """The offset to resume at: the bytes on disk, except the part of a checksummed
        chunk still arriving (it is dropped if it does not end well)."""
        row = self._row(device, upload_id)
        if row.finished:
            return UploadState(upload_id, row.length, row.length, row.expires_at)
        offset = self._offset(upload_id)
        writer = self._writers.get(upload_id)
        if writer is not None and writer.kept_offset is not None:
            offset = min(offset, writer.kept_offset)
        return UploadState(upload_id, offset, row.length, row.expires_at)

    def _row(self, device: DeviceIdentity, upload_id: str) -> _UploadRow:
        """The upload named in the URL: one under way (32 hex), one finished (its row
        is kept until it expires, so HEAD still says offset == length), or a blob the
        agency already held when it asked (``/uploads/<sha256>``, tus-compatible dedup)."""
        if len(upload_id) == 64 and _HEX.issuperset(upload_id):
            return self._held_row(device, upload_id)
        if len(upload_id) != 32 or not _HEX.issuperset(upload_id):
            raise HubError(ErrorCode.UPLOAD_NOT_FOUND, 404)
        with self.db.reading() as conn:
            row = conn.execute(select(uploads.c.length, uploads.c.sha256, uploads.c.expires_at)
                               .where(uploads.c.id == upload_id,
                                      uploads.c.agency_code == device.agency_code)).first()
            finished = row is not None and not self._part(upload_id).exists() \
                and self._agency_holds(conn, device.agency_code, row.sha256, row.length)
        if row is None:
            raise HubError(ErrorCode.UPLOAD_NOT_FOUND, 404)
        if row.expires_at <= dt.datetime.now(dt.UTC):
            self._forget(upload_id)
            raise HubError(ErrorCode.UPLOAD_EXPIRED, 410)
        return _UploadRow(row.length, row.sha256, row.expires_at, finished)

    def _held_row(self, device: DeviceIdentity, sha256: str) -> _UploadRow:
        with self.db.reading() as conn:
            row = conn.execute(
                select(blobs.c.size, blob_access.c.held_since, blob_access.c.readable)
                .join(blob_access, blob_access.c.sha256 == blobs.c.sha256)
                .where(blobs.c.sha256 == sha256,
                       blob_access.c.agency_code == device.agency_code)).first()
        if row is None:
            raise HubError(ErrorCode.UPLOAD_NOT_FOUND, 404)
        held = row.held_since if row.held_since is not None and not row.readable \
            else dt.datetime.now(dt.UTC)
        return _UploadRow(row.size, sha256, held + self.expiry, True)

    def _offset(self, upload_id: str) -> int:
        try:
            return self._part(upload_id).stat().st_size
        except FileNotFoundError as e:  # row without file: treat as gone
            self._forget(upload_id)
            raise HubError(ErrorCode.UPLOAD_NOT_FOUND, 404) from e

    async def append(self, device: DeviceIdentity, upload_id: str, offset: int,
                     content_length: int | None, checksum: tuple[str, bytes] | None,
                     body: AsyncIterator[bytes]) -> UploadState:
        """Write one PATCH body at ``offset``; finish the blob when it is complete."""
        row = await to_thread.run_sync(self._row, device, upload_id)
        if row.finished:  # nothing more to take: at its end it is a no-op, else a 409
            if offset != row.length or content_length:
                raise HubError(ErrorCode.UPLOAD_OFFSET, 409,
                               headers={"Upload-Offset": str(row.length)}, offset=row.length)
            return UploadState(upload_id, row.length, row.length, row.expires_at)
        loop = asyncio.get_running_loop()
        async with self._writing(upload_id) as (fh, writer):
            start = fh.seek(0, os.SEEK_END)
            if offset != start:
                raise HubError(ErrorCode.UPLOAD_OFFSET, 409, headers={"Upload-Offset": str(start)},
                               offset=start)
            room = row.length - start
            if content_length is not None and content_length > room:
                raise HubError(ErrorCode.UPLOAD_TOO_LARGE, 413, limit=row.length)
            digest = hashlib.sha256() if checksum else None
            written = 0
            writer.kept_offset = start if checksum else None
            try:
                async with asyncio.timeout(None) as writer.scope:
                    async for chunk in body:
                        writer.last_bytes_at = loop.time()
                        written += len(chunk)
                        if written > room:
                            raise HubError(ErrorCode.UPLOAD_TOO_LARGE, 413, limit=row.length)
                        fh.write(chunk)
                        if digest is not None:
                            digest.update(chunk)
                if checksum and digest is not None and digest.digest() != checksum[1]:
                    raise HubError(ErrorCode.UPLOAD_CHECKSUM, CHECKSUM_MISMATCH_STATUS)
            except BaseException as e:
                # A checksummed chunk is all-or-nothing; an unchecked one keeps what
                # arrived (tus core), unless it overflowed the declared length.
                if checksum or written > room:
                    fh.truncate(start)
                if writer.superseded and isinstance(e, TimeoutError):
                    raise HubError(ErrorCode.UPLOAD_SUPERSEDED, 409) from e
                raise
            finally:
                fh.flush()
                await to_thread.run_sync(os.fsync, fh.fileno())
            new_offset = start + written
            if new_offset == row.length:  # still under the lock: finish exactly once
                await to_thread.run_sync(self._finish, device, upload_id, row)
                return UploadState(upload_id, new_offset, row.length, row.expires_at)
        expires = dt.datetime.now(dt.UTC) + self.expiry
        await to_thread.run_sync(self._touch, upload_id, expires)
        return UploadState(upload_id, new_offset, row.length, expires)

    @contextlib.asynccontextmanager
    async def _writing(self, upload_id: str) -> AsyncIterator[tuple[BinaryIO, _Writer]]:
        """The part file, locked for this request; takes over from a stuck writer."""
        loop = asyncio.get_running_loop()
        try:
            fh = self._part(upload_id).open("rb+")
        except FileNotFoundError as e:
            raise HubError(ErrorCode.UPLOAD_NOT_FOUND, 404) from e
        with fh:
            deadline: float | None = None
            while True:
                try:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError as e:
                    now = loop.time()
                    holder = self._writers.get(upload_id)
                    if deadline is None and holder is not None \
                            and now - holder.last_bytes_at >= self.takeover_idle_s \
                            and holder.take_over(now):
                        deadline = now + _TAKEOVER_WAIT_S
                    if deadline is None or now >= deadline:
                        raise HubError(ErrorCode.UPLOAD_BUSY, 423,
                                       headers={"Retry-After": "2"}) from e
                await asyncio.sleep(0.02)  # the stopped writer drops its chunk, unlocks
            writer = _Writer(loop.time())
            self._writers[upload_id] = writer
            try:
                yield fh, writer
            finally:
                if self._writers.get(upload_id) is writer:
                    del self._writers[upload_id]

    @contextlib.contextmanager
    def _locked_part(self, upload_id: str) -> Iterator[BinaryIO]:
        """The part file, exclusively ours (flock works across hub worker processes);
        for termination, which takes over from nobody."""
        try:
            fh = self._part(upload_id).open("rb+")
        except FileNotFoundError as e:
            raise HubError(ErrorCode.UPLOAD_NOT_FOUND, 404) from e
        with fh:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as e:
                raise HubError(ErrorCode.UPLOAD_BUSY, 423, headers={"Retry-After": "2"}) from e
            yield fh

    def _touch(self, upload_id: str, expires: dt.datetime) -> None:
        with self.db.writing() as conn:
            conn.execute(update(uploads).where(uploads.c.id == upload_id)
                         .values(expires_at=expires))

    def _finish(self, device: DeviceIdentity, upload_id: str, row: _UploadRow) -> None:
        part = self._part(upload_id)
        digest = hashlib.sha256()
        with part.open("rb") as fh:
            while block := fh.read(1 << 20):
                digest.update(block)
        if digest.hexdigest() != row.sha256:
            self._forget(upload_id)
            raise HubError(ErrorCode.UPLOAD_HASH, 422)
        with self._blobs_locked(fcntl.LOCK_SH):
            if self.storage.size(row.sha256) == row.length:
                part.unlink()  # the hub has these bytes already (another agency's upload)
            else:
                self.storage.adopt(part, row.sha256)
            with self.db.writing() as conn:
                self._record_blob(conn, device.agency_code, row.sha256, row.length)
                # The row stays until it expires: HEAD on this URL keeps answering
                # offset == length (tus), and the limits no longer count it as open.

    @contextlib.contextmanager
    def _blobs_locked(self, mode: int) -> Iterator[None]:
        """Finishing uploads (shared) against the sweep of uncommitted blobs (exclusive),
        across hub worker processes too."""
        with (self.dir / ".blobs.lock").open("a") as fh:
            fcntl.flock(fh.fileno(), mode)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    # termination and expiration ---------------------------------------------
    def terminate(self, device: DeviceIdentity, upload_id: str) -> None:
        if self._row(device, upload_id).finished:
            if len(upload_id) == 32:
                self._forget(upload_id)  # the blob stays: it is the agency's to commit
            return
        with self._locked_part(upload_id):
            self._forget(upload_id)

    def _forget(self, upload_id: str) -> None:
        with self.db.writing() as conn:
            conn.execute(delete(uploads).where(uploads.c.id == upload_id))
        with contextlib.suppress(FileNotFoundError):
            self._part(upload_id).unlink()

    def sweep(self, orphan_grace_s: float = 3600.0, now: dt.datetime | None = None) -> int:
        """Delete expired uploads, part files with no row, and blobs uploaded but not
        committed within the expiry. Returns how many files went. ``now`` is for tests."""
        now = now or dt.datetime.now(dt.UTC)
        return self._sweep_parts(orphan_grace_s, now) + self._sweep_uncommitted(now)

    def _sweep_parts(self, orphan_grace_s: float, now: dt.datetime) -> int:
        with self.db.writing() as conn:
            expired = conn.execute(select(uploads.c.id).where(uploads.c.expires_at <= now)
                                   ).scalars().all()
            if expired:
                conn.execute(delete(uploads).where(uploads.c.id.in_(expired)))
        with self.db.reading() as conn:
            live = set(conn.execute(select(uploads.c.id)).scalars())
        removed = 0
        for part in self.dir.glob("*.part"):
            upload_id = part.name.removesuffix(".part")
            if upload_id in live:
                continue
            try:
                if upload_id in expired \
                        or part.stat().st_mtime < now.timestamp() - orphan_grace_s:
                    part.unlink()
                    removed += 1
            except FileNotFoundError:
                continue
        if removed:
            fsync_dir(self.dir)
        return removed

    def _sweep_uncommitted(self, now: dt.datetime) -> int:
        """Forget holdings no commit made readable within the expiry; delete the blobs
        no agency holds any more (rows, then files). Empty blobs cost nothing: kept."""
        cutoff = now - self.expiry
        a = blob_access
        with self._blobs_locked(fcntl.LOCK_EX):
            with self.db.writing() as conn:
                stale = conn.execute(select(a.c.sha256).where(
                    a.c.readable.is_(False), a.c.held_since <= cutoff)).scalars().all()
                if not stale:
                    return 0
                conn.execute(delete(a).where(a.c.readable.is_(False),
                                             a.c.held_since <= cutoff))
                unheld = conn.execute(select(blobs.c.sha256).where(
                    blobs.c.sha256.in_(sorted(set(stale))), blobs.c.size > 0,
                    ~select(a.c.sha256).where(a.c.sha256 == blobs.c.sha256).exists())
                ).scalars().all()
                if unheld:
                    conn.execute(delete(blobs).where(blobs.c.sha256.in_(unheld)))
            for sha256 in unheld:
                self.storage.delete(sha256)
        return len(unheld)


@dataclass(frozen=True)
class _UploadRow:
    length: int
    sha256: str
    expires_at: dt.datetime
    finished: bool = False


def _parse_length(header: str | None) -> int:
    if header is None or not (header.isascii() and header.isdigit()) or len(header) > 19:
        raise HubError(ErrorCode.UPLOAD_LENGTH, 400)
    return int(header)
