"""Cleaning up after a process that died mid-write (kill -9, power cut).

A writing process leaves a mark file for as long as it may have blobs on disk that
its transaction has not committed yet. When a process later holds the data dir
exclusively (so no writer is alive) and finds marks, it removes blobs no row refers
to, then the marks. SQLite's own journal already rolled back the half transaction.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from korat_desktop.store.blobs import BlobStore
from korat_desktop.store.db import Database
from korat_desktop.store.models import Blob

__all__ = ["WriterMark", "RecoveryReport", "recover", "stale_marks"]


@dataclass(frozen=True)
class RecoveryReport:
    stale_writers: int
    removed_blobs: tuple[str, ...]


class WriterMark:
    def __init__(self, directory: Path) -> None:
        self.path = directory / f"{os.getpid()}-{secrets.token_hex(4)}"

    def set(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "wb") as fh:
            fh.flush()
            os.fsync(fh.fileno())

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


def stale_marks(directory: Path) -> list[Path]:
    return sorted(directory.iterdir()) if directory.is_dir() else []


def recover(database: Database, blobs: BlobStore, marks_dir: Path,
            force: bool = False) -> RecoveryReport:
    """Sweep orphan blobs. Only call while holding the instance lock exclusively."""
    marks = stale_marks(marks_dir)
    if not marks and not force:
        return RecoveryReport(0, ())
    with database.read() as session:
        referenced = set(session.execute(select(Blob.sha256)).scalars())
    removed = blobs.sweep(referenced)
    for mark in marks:
        mark.unlink(missing_ok=True)
    return RecoveryReport(len(marks), tuple(removed))
