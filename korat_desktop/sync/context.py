"""What the sync engine works on: the store, the blobs, the settings, who acts.

Built by :class:`korat_desktop.services.sync_ops.SyncOperations` from the app, so the
engine itself needs no app, no UI and no services.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from korat_desktop.config import Config
from korat_desktop.store.blobs import BlobStore
from korat_desktop.store.db import Database

__all__ = ["SyncContext", "utc_now"]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class SyncContext:
    database: Database
    blobs: BlobStore
    config: Config
    data_dir: Path
    actor: str

    @property
    def downloads_dir(self) -> Path:
        return self.data_dir / "downloads"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "sync.lock"
