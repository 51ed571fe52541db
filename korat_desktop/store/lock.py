"""One running instance per data directory.

The desktop app (and any long-running daemon) holds the lock *exclusively*; short
command-line writes hold it *shared*, so scripts can run side by side while SQLite
serialises their transactions, but never beside an open app. Recovery work that
must know no writer is mid-flight (sweeping orphan blobs after a crash) runs only
under the exclusive lock. The lock is an OS file lock, so a crashed or killed
process never leaves it stuck.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from types import TracebackType

from korat_desktop.errors import StoreError
from korat_desktop.store.failures import store_error_from

__all__ = ["InstanceLock"]

if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _lock(fd: int, exclusive: bool) -> bool:
        # msvcrt has no shared locks: every holder is exclusive on Windows.
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fd: int, exclusive: bool) -> bool:
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class InstanceLock:
    def __init__(self, path: Path, *, exclusive: bool, purpose: str = "korat") -> None:
        self.path = path
        self.exclusive = exclusive
        self.purpose = purpose
        self._fd: int | None = None

    def acquire(self) -> InstanceLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as e:
            raise store_error_from(e, str(self.path.parent)) from e
        if not _lock(fd, self.exclusive):
            holder = self._read_holder(fd)
            os.close(fd)
            raise StoreError("store.already_open", path=str(self.path.parent),
                             pid=holder.get("pid", "?"), holder=holder.get("purpose", "?"))
        self._fd = fd
        if self.exclusive:
            self._write_holder(fd)
        return self

    def try_upgrade(self) -> bool:
        """Briefly take the lock exclusively (for recovery); True when it worked.

        Callers must call :meth:`downgrade` afterwards to let other writers in again.
        """
        assert self._fd is not None
        if _lock(self._fd, True):
            return True
        # flock may drop the shared lock while trying to convert it: take it back.
        if not _lock(self._fd, False):
            holder = self._read_holder(self._fd)
            self.release()
            raise StoreError("store.already_open", path=str(self.path.parent),
                             pid=holder.get("pid", "?"), holder=holder.get("purpose", "?"))
        return False

    def downgrade(self) -> None:
        assert self._fd is not None
        _lock(self._fd, False)

    def release(self) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    def _write_holder(self, fd: int) -> None:
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps({"pid": os.getpid(), "purpose": self.purpose}).encode(), 0)
        except OSError:
            pass  # the lock itself is what matters; the note is for the message only

    @staticmethod
    def _read_holder(fd: int) -> dict[str, object]:
        try:
            raw = os.pread(fd, 512, 0)
            data = json.loads(raw.decode() or "{}")
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()
