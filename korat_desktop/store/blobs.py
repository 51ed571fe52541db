"""Content-addressed files: ``blobs/ab/cd/<sha256>``.

A blob is written to a temporary file, fsynced, renamed into place and its directory
fsynced, *before* any row that names it is committed. So a row never points at a file
that is not fully on disk; a crash can at worst leave an unreferenced file, which
:meth:`BlobStore.sweep` removes while no writer is running.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, cast

from korat_desktop.errors import FileError, StoreError
from korat_desktop.files import FileBatch
from korat_desktop.store.failures import store_error_from

__all__ = ["BlobBatch", "BlobStore", "sha256_hex"]


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = root / "tmp"

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise StoreError("store.bad_hash", hash=sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, data: bytes) -> str:
        """Store ``data`` durably and return its SHA-256 (no-op when already present)."""
        return self.put_many([data])[0]

    def put_many(self, datas: list[bytes]) -> list[str]:
        """Store several blobs durably, the disk flushes of the batch grouped
        (:class:`BlobBatch`)."""
        digests = [sha256_hex(d) for d in datas]
        with self.batch() as batch:
            for digest, data in zip(digests, datas, strict=True):
                if batch.wants(digest, len(data)):
                    with batch.add(digest) as out:
                        out.write(data)
            batch.commit()
        return digests

    def batch(self) -> BlobBatch:
        """Blobs written in pieces and made durable together (see :class:`BlobBatch`)."""
        return BlobBatch(self)

    def read(self, sha256: str) -> bytes:
        try:
            return self.path(sha256).read_bytes()
        except FileNotFoundError as e:
            raise StoreError("store.blob_missing", hash=sha256) from e
        except OSError as e:
            raise store_error_from(e, str(self.root)) from e

    def verify(self, sha256: str) -> bool:
        """Whether the file is there and its bytes still hash to its name."""
        path = self.path(sha256)
        if not path.is_file():
            return False
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest() == sha256

    def all_hashes(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for first in self.root.iterdir():
            if len(first.name) != 2 or not first.is_dir():
                continue
            for second in first.iterdir():
                if not second.is_dir():
                    continue
                for f in second.iterdir():
                    if len(f.name) == 64:
                        yield f.name

    def remove(self, sha256: str) -> None:
        """Delete one blob whose row was deleted (committed): a secret letter's envelope
        replaced by another of the same PDF. Never for a blob a row may still name."""
        self.path(sha256).unlink(missing_ok=True)

    def sweep(self, referenced: Iterable[str]) -> list[str]:
        """Delete unreferenced blobs and temp files. Only call with no writer running."""
        keep = set(referenced)
        removed = []
        for digest in list(self.all_hashes()):
            if digest not in keep:
                self.path(digest).unlink(missing_ok=True)
                removed.append(digest)
        if self.tmp.is_dir():
            for f in self.tmp.iterdir():
                f.unlink(missing_ok=True)
        return removed


class _HashingWriter:
    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.out.write(data)


class BlobBatch:
    """Several blobs, each streamed in (a courier bundle's letters: a large one is never
    held whole), made durable together by :meth:`commit` (one flush of the file system
    instead of two per blob: :class:`~korat_desktop.files.FileBatch`). Each blob's bytes
    are hashed as they are written and must match the name it is added under. Until
    :meth:`commit` returns no blob of the batch is in place, so no row may name one
    before; leaving the ``with`` block removes what was not committed, and a crash
    leaves only temp files in ``tmp/``, which :meth:`BlobStore.sweep` removes."""

    def __init__(self, store: BlobStore) -> None:
        self.store = store
        self._files = FileBatch(temp_dir=store.tmp, mode=0o644)
        self._added: set[str] = set()

    def __enter__(self) -> BlobBatch:
        return self

    def __exit__(self, *exc: object) -> None:
        self._files.discard()

    def wants(self, sha256: str, size: int | None = None) -> bool:
        """False for a blob already stored (with that size) or already in the batch."""
        if sha256 in self._added:
            return False
        target = self.store.path(sha256)
        return not (target.is_file() and (size is None or target.stat().st_size == size))

    @contextlib.contextmanager
    def add(self, sha256: str) -> Iterator[BinaryIO]:
        """Write the blob ``sha256`` into the yielded file."""
        target = self.store.path(sha256)
        try:
            self.store.tmp.mkdir(parents=True, exist_ok=True)
            target.parent.mkdir(parents=True, exist_ok=True)
            with self._files.add(target) as fh:
                out = _HashingWriter(fh)
                yield cast(BinaryIO, out)
                if out.digest.hexdigest() != sha256:
                    raise StoreError("store.blob_mismatch", hash=sha256[:12])
        except (OSError, FileError) as e:
            raise store_error_from(e, str(self.store.root)) from e
        self._added.add(sha256)

    def commit(self) -> None:
        try:
            self._files.commit()
        except (OSError, FileError) as e:
            raise store_error_from(e, str(self.store.root)) from e
