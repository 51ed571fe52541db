"""Turn OS and SQLite failures into StoreErrors people can act on.

A full disk and a read-only data directory are the two failures offices actually
meet; both must name the place and say nothing was saved.
"""

from __future__ import annotations

import errno
import sqlite3

from sqlalchemy import exc as sa_exc

from korat_desktop.errors import FileError, StoreError

__all__ = ["store_error_from"]


def store_error_from(e: BaseException, where: str) -> StoreError:
    if isinstance(e, StoreError):
        return e
    if isinstance(e, sa_exc.DBAPIError) and e.orig is not None:
        e = e.orig
    if isinstance(e, FileError) and isinstance(e.__cause__, OSError):
        e = e.__cause__  # written by korat_desktop.files: say it as the data folder
    elif isinstance(e, FileError):  # e.g. a folder where a blob file should be
        return StoreError("store.io_error", path=where, detail=e.message("en"))
    if isinstance(e, OSError):
        if e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return StoreError("store.disk_full", path=where)
        if e.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return StoreError("store.read_only", path=where)
        return StoreError("store.io_error", path=where, detail=e.strerror or str(e))
    if isinstance(e, sqlite3.Error):
        text = str(e).lower()
        if "full" in text:
            return StoreError("store.disk_full", path=where)
        if "readonly" in text or "read-only" in text or "unable to open" in text:
            return StoreError("store.read_only", path=where)
        if "locked" in text or "busy" in text:
            return StoreError("store.busy", path=where)
        if "malformed" in text or "not a database" in text:
            return StoreError("store.corrupt", path=where, detail=str(e))
        return StoreError("store.db_error", path=where, detail=str(e))
    return StoreError("store.db_error", path=where, detail=str(e))
