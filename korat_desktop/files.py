"""Writing a file so it is either whole or as it was, and never clobbering a non-file.

Every file the app writes for keeps (blobs on both sides, settings, exports, reports,
the demo keyring) goes through :func:`write_files`: the bytes go to a temporary file
in the target's folder (or ``temp_dir`` on the same file system), are fsynced, the
temporary file is renamed over the target and the folder is fsynced. A crash leaves
the old file or the new one, never half of one.

A rename *replaces* whatever has the target's name, so the target is looked at first:

* a symbolic link is written *through*: the file it points to is replaced (atomically,
  in that file's folder) and the link stays a link;
* a character device (``/dev/null``, a terminal), a FIFO or a Unix socket is written
  *into*, as a shell redirection would; run as root, renaming over ``/dev/null`` used
  to turn the machine's null device into a regular file;
* a folder or a block device (a whole disk) is refused.

OS failures leave as :class:`~korat_desktop.errors.FileError` with a stable code
(``file.disk_full``, ``file.read_only``...); a layer that speaks for its own folder
(the blob store: "the data folder") maps them to its own codes.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from korat_desktop.errors import FileError

__all__ = ["FileBatch", "file_error", "fsync_dir", "move_into_place", "remove_stale_temps",
           "write_file", "write_files", "write_streamed"]

_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
_NOCTTY = getattr(os, "O_NOCTTY", 0)  # writing to a terminal must not make it ours
_NAME_KEEP = 120  # of the target's name in the temp name (NAME_MAX is 255 bytes)
_TEMP = re.compile(r"^\.(?P<name>.+)\.[0-9a-f]{12}\.tmp$")  # what _temp_name makes
_SYNCFS_FROM = 8
"""Files in a :class:`FileBatch` from which one flush of the whole file system (Linux
``syncfs``) is cheaper than one fsync per file and per folder."""


def file_error(e: OSError, path: str | os.PathLike[str]) -> FileError:
    """An OS failure on ``path`` as the FileError people can act on."""
    where = str(path)
    if e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return FileError("file.disk_full", path=where)
    if e.errno == errno.EROFS:
        return FileError("file.read_only", path=where)
    if e.errno in (errno.EACCES, errno.EPERM):
        return FileError("file.no_permission", path=where)
    if e.errno in (errno.ENOENT, errno.ENOTDIR):
        return FileError("file.no_folder", path=where)
    if e.errno == errno.EISDIR:
        return FileError("file.is_directory", path=where)
    if e.errno in (errno.EIO, errno.ENODEV, errno.ENXIO, errno.ESHUTDOWN):
        return FileError("file.device_gone", path=where, detail=e.strerror or str(e))
    return FileError("file.io_error", path=where, detail=e.strerror or str(e))


def fsync_dir(path: str | os.PathLike[str]) -> None:
    """Make a rename or unlink in the folder ``path`` durable.

    A no-op on Windows (folders cannot be opened) and on file systems that cannot
    sync a folder (EINVAL); any other failure is a real one and is raised.
    """
    if os.name == "nt":
        return
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as e:
        if e.errno in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
            return
        raise file_error(e, path) from e


@dataclass(frozen=True)
class _Target:
    path: Path  # symbolic links resolved
    stream: bool  # write into it (device, FIFO, socket) instead of replacing it


def _target(path: Path) -> _Target:
    real = Path(os.path.realpath(path))
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return _Target(real, stream=False)
    except OSError as e:  # ENOTDIR, EACCES, ELOOP: about the folders on the way
        raise file_error(e, path.parent) from e
    if stat.S_ISREG(mode):
        return _Target(real, stream=False)
    if stat.S_ISDIR(mode):
        raise FileError("file.is_directory", path=str(path))
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        return _Target(real, stream=True)
    raise FileError("file.not_regular", path=str(path))  # a block device: a whole disk


def _stream_into(path: Path, data: bytes) -> None:
    """Write into a device, FIFO or Unix socket, as ``> path`` would (no rename)."""
    if stat.S_ISSOCK(os.stat(path).st_mode):
        import socket  # rare: not worth its import at every start

        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.connect(str(path))
            sock.sendall(data)
        return
    fd = os.open(path, os.O_WRONLY | _NOCTTY | _BINARY)  # no O_CREAT, no O_TRUNC
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for a file since we looked
            raise FileError("file.io_error", path=str(path), detail="changed while writing")
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _temp_name(target: Path, temp_dir: Path | None) -> Path:
    folder = temp_dir if temp_dir is not None else target.parent
    return folder / f".{target.name[:_NAME_KEEP]}.{os.urandom(6).hex()}.tmp"


def _write_temp(tmp: Path, data: bytes, mode: int) -> int:
    """Create ``tmp`` (never an existing name) with ``data``; the open descriptor."""
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, mode)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return fd


def _rename_pending(pending: list[tuple[Path, Path]]) -> dict[Path, None]:
    """Rename each (temp, target), taking it off ``pending`` once done (what is left
    there is the caller's to remove); the folders renamed into, in order."""
    folders: dict[Path, None] = {}
    while pending:
        tmp, final = pending[0]
        try:
            os.replace(tmp, final)
        except OSError as e:
            raise file_error(e, final) from e
        pending.pop(0)
        folders[final.parent] = None
    return folders


def write_files(items: Iterable[tuple[str | os.PathLike[str], bytes]], *, mode: int = 0o666,
                temp_dir: Path | None = None) -> list[Path]:
    """Write each ``(path, data)`` whole or not at all; the paths actually written.

    All bytes are written, then all fsynced, then all renamed, then the folders
    fsynced: a batch pays for its disk flushes together. ``mode`` is for new files
    (the umask applies; 0o600 for secrets). A failure removes the temp files not yet
    renamed and raises :class:`FileError`; targets renamed before it stay whole.
    """
    written: list[Path] = []
    pending: list[tuple[Path, Path]] = []  # (temp, target)
    fds: list[int] = []
    where: str | os.PathLike[str] = ""
    try:
        try:
            for path, data in items:
                where = path
                target = _target(Path(path))
                written.append(target.path)
                if target.stream:
                    _stream_into(target.path, data)
                    continue
                tmp = _temp_name(target.path, temp_dir)
                where = tmp.parent
                fds.append(_write_temp(tmp, data, mode))
                pending.append((tmp, target.path))
            for fd, (_, final) in zip(fds, pending, strict=True):
                where = final
                os.fsync(fd)
        finally:
            for fd in fds:
                os.close(fd)
        for folder in _rename_pending(pending):
            fsync_dir(folder)
    except OSError as e:
        raise file_error(e, where) from e
    finally:
        for tmp, _ in pending:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return written


def write_file(path: str | os.PathLike[str], data: bytes, *, mode: int = 0o666,
               temp_dir: Path | None = None) -> Path:
    """Write one file whole or not at all (see :func:`write_files`); the path written."""
    return write_files([(path, data)], mode=mode, temp_dir=temp_dir)[0]


def move_into_place(source: Path, target: Path) -> None:
    """Give a finished file its final name: fsync it, rename it, fsync the folder.

    For a file written in pieces elsewhere (the hub's upload parts), on the same file
    system as ``target``. ``target`` must be a regular file or absent.
    """
    final = _target(target)
    if final.stream:
        raise FileError("file.not_regular", path=str(target))
    try:
        fd = os.open(source, os.O_RDONLY | _BINARY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(source, final.path)
    except OSError as e:
        raise file_error(e, target) from e
    fsync_dir(final.path.parent)


@contextlib.contextmanager
def write_streamed(path: str | os.PathLike[str], *, verify: Callable[[Path], None] | None = None,
                   mode: int = 0o666) -> Iterator[BinaryIO]:
    """Write a large file in pieces, whole or not at all, never over an existing file.

    For files too big for memory on media that may vanish (a courier's USB stick,
    FAT32/exFAT): the caller writes into the yielded file, which is a temporary
    name in the target's folder (hidden, ``.tmp``: nothing that looks complete). On
    leaving the block it is fsynced, dropped from the page cache where the OS allows
    (so ``verify`` reads the medium, not memory), checked by ``verify(temp_path)``
    (which raises to refuse it), renamed to ``path`` and the folder fsynced. Any
    failure (the stick pulled, full, read-only, ``verify`` refusing) removes the
    temp file where it still can and raises; the target is never left half-written.
    """
    target = Path(path)
    final = _target(target)
    if final.stream:
        raise FileError("file.not_regular", path=str(target))
    tmp = _temp_name(final.path, None)
    where: Path = tmp.parent
    try:
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, mode)
        except OSError as e:
            raise file_error(e, where) from e
        _hold(fd)
        renamed = False
        try:
            with os.fdopen(fd, "wb") as fh:
                yield fh
                where = target
                fh.flush()
                os.fsync(fh.fileno())
                if hasattr(os, "posix_fadvise"):
                    with contextlib.suppress(OSError):
                        os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
            if verify is not None:
                verify(tmp)
            if os.path.lexists(final.path):
                raise FileError("file.exists", path=str(target))
            os.replace(tmp, final.path)
            renamed = True
            fsync_dir(final.path.parent)
        finally:
            if not renamed:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
    except OSError as e:
        raise file_error(e, where) from e


def _hold(fd: int) -> None:
    """Lock a temp file while it is being written, so :func:`remove_stale_temps` can tell
    a live writer's file (locked) from what a killed one left (the lock died with it)."""
    try:
        import fcntl
    except ImportError:  # Windows: an open file cannot be deleted anyway
        return
    with contextlib.suppress(OSError):  # a file system without locks: no cleaning
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlink_if_abandoned(path: Path) -> bool:
    try:
        import fcntl
    except ImportError:
        try:
            os.unlink(path)
        except OSError:  # still open: someone is writing it
            return False
        return True
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | _BINARY)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held: a writer is alive
            return False
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def remove_stale_temps(folder: Path, names: re.Pattern[str]) -> list[Path]:
    """Remove the temp files a killed :func:`write_streamed` left in ``folder``: only
    regular files named as this module names its temp files for a target whose name
    fully matches ``names``, and only when no live writer holds their lock. Anything
    else (other files, links, another program's temp files) is left alone. Returns what
    was removed; a folder that cannot be listed removes nothing."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        found = _TEMP.match(entry.name)
        if found is None or not names.fullmatch(found["name"]):
            continue
        if entry.is_file(follow_symlinks=False) and _unlink_if_abandoned(Path(entry.path)):
            removed.append(Path(entry.path))
    if removed:
        fsync_dir(folder)
    return removed


@functools.cache
def _syncfs() -> Callable[[int], None] | None:
    """Linux ``syncfs(2)``: every dirty page and the journal of one file system in one
    call (write-back errors are reported since Linux 5.8); None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        call = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int]
    call.restype = ctypes.c_int

    def syncfs(fd: int) -> None:
        if call(fd) != 0:
            code = ctypes.get_errno()
            raise OSError(code, os.strerror(code))

    return syncfs


def _flush_file_systems(folders: Iterable[Path], syncfs: Callable[[int], None]) -> None:
    """One syncfs per file system the folders are on."""
    seen: set[int] = set()
    for folder in folders:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            device = os.fstat(fd).st_dev
            if device not in seen:
                seen.add(device)
                syncfs(fd)
        finally:
            os.close(fd)


class FileBatch:
    """Several new files, each written in pieces and each whole or not at all, made
    durable together.

    For many files at once (a courier bundle's letters going into the blob store):
    each is written to a temporary file and closed again (a thousand letters hold no
    thousand descriptors, a large one is never held in memory); :meth:`commit` then
    flushes them all, renames them into place and flushes their folders. On Linux a
    batch of several files is flushed with one ``syncfs`` of each file system instead
    of one fsync per file and one per folder (400 of them took 3.4 s of a 50 MB
    import); elsewhere, or for a few files, per file and per folder as
    :func:`write_files` does. Leaving the ``with`` block removes every temp file not
    committed (an error, or no commit); a crash leaves only temp files, which the
    owner of ``temp_dir`` sweeps.
    """

    def __init__(self, *, temp_dir: Path | None = None, mode: int = 0o666) -> None:
        self.temp_dir = temp_dir
        self.mode = mode
        self._pending: list[tuple[Path, Path]] = []  # (temp, target)

    def __enter__(self) -> FileBatch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    @contextlib.contextmanager
    def add(self, path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
        """Write one file into the yielded file; it joins the batch when the block ends
        without an error (with one, its temp file is removed at once)."""
        final = _target(Path(path))
        if final.stream:
            raise FileError("file.not_regular", path=str(path))
        tmp = _temp_name(final.path, self.temp_dir)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, self.mode)
        except OSError as e:
            raise file_error(e, tmp.parent) from e
        try:
            with os.fdopen(fd, "wb") as fh:
                yield fh
        except BaseException as e:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            if isinstance(e, OSError):
                raise file_error(e, tmp.parent) from e
            raise
        self._pending.append((tmp, final.path))

    def commit(self) -> list[Path]:
        """Make every added file durable under its name; the paths written."""
        pending, where = self._pending, Path()
        done = [final for _, final in pending]
        syncfs = _syncfs() if len(pending) >= _SYNCFS_FROM else None
        try:
            if syncfs is not None:
                _flush_file_systems({tmp.parent: None for tmp, _ in pending}, syncfs)
            else:
                for tmp, final in pending:
                    where = final
                    fd = os.open(tmp, os.O_RDWR | _BINARY)  # Windows flushes writable ones
                    try:
                        os.fsync(fd)
                    finally:
                        os.close(fd)
            folders = _rename_pending(pending)
            if syncfs is not None:
                _flush_file_systems(folders, syncfs)
            else:
                for folder in folders:
                    fsync_dir(folder)
        except OSError as e:
            raise file_error(e, where) from e
        return done

    def discard(self) -> None:
        """Remove the temp files not yet committed."""
        for tmp, _ in self._pending:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        self._pending.clear()
