"""Where the hub keeps blob bytes: a small interface and its on-disk implementation.

Blobs are named by the SHA-256 of their bytes, so a blob is written once and never
changes; two uploads of the same bytes end in the same file. A blob appears under its
final name only after its bytes are fsynced (:mod:`korat_desktop.files`: write to a
temp file, fsync, rename, fsync the directory), so a crash never leaves a half blob
that looks whole. Another backend (object storage) only needs to implement
:class:`BlobStorage`.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import BinaryIO, Protocol, runtime_checkable

from korat_desktop.files import fsync_dir, move_into_place, write_file
from korat_desktop.protocol.types import SHA256_PATTERN

__all__ = ["BlobStorage", "FileBlobStorage", "fsync_dir"]

_HEX = frozenset("0123456789abcdef")


@runtime_checkable
class BlobStorage(Protocol):
    def size(self, sha256: str) -> int | None:
        """The blob's size in bytes, or None when it is not stored."""

    def open(self, sha256: str) -> BinaryIO:
        """A binary reader positioned at 0. FileNotFoundError when absent."""

    def adopt(self, path: Path, sha256: str) -> None:
        """Take ownership of a verified file (its bytes hash to ``sha256``)."""

    def put_bytes(self, data: bytes, sha256: str) -> None:
        """Store verified bytes."""

    def delete(self, sha256: str) -> None:
        """Forget a blob (missing is fine)."""


class FileBlobStorage:
    """Blobs as files ``<root>/ab/cd/<sha256>``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or not _HEX.issuperset(sha256):
            raise ValueError(f"not a sha256 hex digest (expected {SHA256_PATTERN})")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def size(self, sha256: str) -> int | None:
        try:
            return self.path(sha256).stat().st_size
        except FileNotFoundError:
            return None

    def open(self, sha256: str) -> BinaryIO:
        return self.path(sha256).open("rb")

    def adopt(self, path: Path, sha256: str) -> None:
        target = self.path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        move_into_place(path, target)

    def put_bytes(self, data: bytes, sha256: str) -> None:
        target = self.path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_file(target, data, mode=0o600)

    def delete(self, sha256: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(sha256).unlink()
