"""Content-addressed files: ``blobs/ab/cd/<sha256>``.

A blob is written to a temporary file, fsynced, renamed into place and its directory
fsynced, *before* any row that names it is committed. So a row never points at a file
that is not fully on disk; a crash can at worst leave an unreferenced file, which
:meth:`BlobStore.sweep` removes while no writer is running.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from korat_desktop.errors import FileError, StoreError
from korat_desktop.files import write_files
from korat_desktop.store.failures import store_error_from

__all__ = ["BlobStore", "sha256_hex"]


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
        """Store several blobs durably: write all, fsync all, rename all, fsync the dirs.

        Same guarantee for each as one :func:`~korat_desktop.files.write_files` call,
        with the disk flushes of a batch grouped instead of interleaved with writes.
        Temp files live in ``tmp/`` so :meth:`sweep` finds what a crash left.
        """
        digests = [sha256_hex(d) for d in datas]
        pending: dict[str, tuple[Path, bytes]] = {}
        for digest, data in zip(digests, datas, strict=True):
            target = self.path(digest)
            if digest not in pending and not (target.is_file()
                                              and target.stat().st_size == len(data)):
                pending[digest] = (target, data)
        if not pending:
            return digests
        try:
            self.tmp.mkdir(parents=True, exist_ok=True)
            for target, _ in pending.values():
                target.parent.mkdir(parents=True, exist_ok=True)
            write_files(pending.values(), mode=0o644, temp_dir=self.tmp)
        except (OSError, FileError) as e:
            raise store_error_from(e, str(self.root)) from e
        return digests

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
