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
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from korat_desktop.errors import FileError

__all__ = ["file_error", "fsync_dir", "move_into_place", "write_file", "write_files",
           "write_streamed"]

_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
_NOCTTY = getattr(os, "O_NOCTTY", 0)  # writing to a terminal must not make it ours
_NAME_KEEP = 120  # of the target's name in the temp name (NAME_MAX is 255 bytes)


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
        folders: dict[Path, None] = {}
        while pending:
            tmp, final = pending[0]
            where = final
            os.replace(tmp, final)
            pending.pop(0)
            folders[final.parent] = None
        for folder in folders:
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
