"""A USB stick that can be pulled out: a real FUSE file system (fusepy over libfuse)
passing through to a backing folder until it is "pulled", after which every call fails
as a pulled stick's does: first EIO (the device stops answering), then ENODEV/ENOENT
(as if the kernel had dropped it).

It is pulled by ``PullableStick.pull()`` (a control file) or by itself once a given
number of bytes has been written or read through it, so a test can cut an export or an
import in the middle of the bundle. It can also read one byte back flipped (a stick
that stores garbage without an error), for export's read-back check. The file system runs in its own process
(``python -m tests.support.pullable_stick BACKING MOUNT STATE [--after-write N]
[--after-read N]``); ``pulled_stick()`` mounts it, waits for it and unmounts it.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PullableStick", "pullable_stick"]

_EIO_CALLS = 16  # calls that fail with EIO after the pull, before ENODEV/ENOENT
REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class PullableStick:
    mount: Path  # where the app sees the stick
    backing: Path  # what really reached the stick
    state: Path  # control and report files

    def pull(self) -> None:
        (self.state / "pull").write_text("now")

    @property
    def pulled(self) -> bool:
        """Whether the stick has been pulled (by a call or by its byte count)."""
        return (self.state / "pulled").exists()


def _wait_mounted(mount: Path, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(400):
        if os.path.ismount(mount):
            return
        if proc.poll() is not None:
            raise RuntimeError(f"FUSE stick exited: {proc.stderr.read().decode()}")  # type: ignore[union-attr]
        time.sleep(0.025)
    raise RuntimeError("FUSE stick did not mount")


@contextlib.contextmanager
def pullable_stick(root: Path, *, after_write: int | None = None,
                   after_read: int | None = None,
                   garbled_at: int | None = None) -> Iterator[PullableStick]:
    """A stick mounted at ``root/mount`` over ``root/backing`` until the block ends;
    ``garbled_at``: the byte at that offset of every file reads back flipped (a stick
    that stores garbage and says nothing)."""
    stick = PullableStick(root / "mount", root / "backing", root / "state")
    for folder in (stick.mount, stick.backing, stick.state):
        folder.mkdir(parents=True, exist_ok=True)
    args = [sys.executable, "-m", "tests.support.pullable_stick", str(stick.backing),
            str(stick.mount), str(stick.state)]
    if after_write is not None:
        args += ["--after-write", str(after_write)]
    if after_read is not None:
        args += ["--after-read", str(after_read)]
    if garbled_at is not None:
        args += ["--garbled-at", str(garbled_at)]
    proc = subprocess.Popen(args, cwd=REPO, stderr=subprocess.PIPE)
    try:
        _wait_mounted(stick.mount, proc)
        yield stick
    finally:
        subprocess.run(["fusermount", "-u", "-z", str(stick.mount)], check=False,
                       capture_output=True)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _serve(backing: Path, mount: Path, state: Path, after_write: int | None,
           after_read: int | None, garbled_at: int | None) -> None:
    from fuse import FUSE, FuseOSError, Operations

    class Stick(Operations):  # type: ignore[misc]
        """Pass-through to ``backing`` until pulled."""

        def __init__(self) -> None:
            self.written = self.read_bytes = 0
            self.failed = 0
            self.is_pulled = False

        def _real(self, path: str) -> str:
            return os.path.join(backing, path.lstrip("/"))

        def _pull(self) -> None:
            if not self.is_pulled:
                self.is_pulled = True
                (state / "pulled").write_text("yes")

        def __call__(self, op: str, path: str, *args: object) -> object:
            if not self.is_pulled and (state / "pull").exists():
                self._pull()
            if self.is_pulled and op not in ("destroy", "init"):
                self.failed += 1
                if self.failed <= _EIO_CALLS:
                    raise FuseOSError(errno.EIO)
                lookup = op in ("getattr", "access", "open", "create", "readdir", "opendir")
                raise FuseOSError(errno.ENOENT if lookup else errno.ENODEV)
            return super().__call__(op, path, *args)

        def getattr(self, path: str, fh: int | None = None) -> dict[str, int]:
            st = os.lstat(self._real(path))
            return {k: getattr(st, k) for k in ("st_atime", "st_ctime", "st_gid", "st_mode",
                                                 "st_mtime", "st_nlink", "st_size",
                                                 "st_uid")}

        def readdir(self, path: str, fh: int) -> list[str]:
            return [".", "..", *os.listdir(self._real(path))]

        def access(self, path: str, amode: int) -> None:
            if not os.access(self._real(path), amode):
                raise FuseOSError(errno.EACCES)

        def statfs(self, path: str) -> dict[str, int]:
            st = os.statvfs(self._real(path))
            return {k: getattr(st, k) for k in ("f_bavail", "f_bfree", "f_blocks", "f_bsize",
                                                 "f_favail", "f_ffree", "f_files", "f_flag",
                                                 "f_frsize", "f_namemax")}

        def open(self, path: str, flags: int) -> int:
            return os.open(self._real(path), flags)

        def create(self, path: str, mode: int, fi: object = None) -> int:
            return os.open(self._real(path), os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)

        def read(self, path: str, size: int, offset: int, fh: int) -> bytes:
            data = os.pread(fh, size, offset)
            self.read_bytes += len(data)
            if after_read is not None and self.read_bytes > after_read:
                self._pull()
                raise FuseOSError(errno.EIO)
            if garbled_at is not None and offset <= garbled_at < offset + len(data):
                at = garbled_at - offset
                data = data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]
            return data

        def write(self, path: str, data: bytes, offset: int, fh: int) -> int:
            if after_write is not None and self.written + len(data) > after_write:
                self._pull()
                raise FuseOSError(errno.EIO)
            self.written += len(data)
            return os.pwrite(fh, data, offset)

        def truncate(self, path: str, length: int, fh: int | None = None) -> None:
            os.truncate(self._real(path), length)

        def flush(self, path: str, fh: int) -> None:
            return None

        def fsync(self, path: str, datasync: int, fh: int) -> None:
            os.fsync(fh)

        def fsyncdir(self, path: str, datasync: int, fh: int) -> None:
            return None

        def release(self, path: str, fh: int) -> None:
            os.close(fh)

        def unlink(self, path: str) -> None:
            os.unlink(self._real(path))

        def rename(self, old: str, new: str) -> None:
            os.rename(self._real(old), self._real(new))

        def mkdir(self, path: str, mode: int) -> None:
            os.mkdir(self._real(path), mode)

        def chmod(self, path: str, mode: int) -> None:
            os.chmod(self._real(path), mode)

        def utimens(self, path: str, times: tuple[float, float] | None = None) -> None:
            os.utime(self._real(path), times)

    FUSE(Stick(), str(mount), foreground=True, nothreads=True, direct_io=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("backing", type=Path)
    parser.add_argument("mount", type=Path)
    parser.add_argument("state", type=Path)
    parser.add_argument("--after-write", type=int)
    parser.add_argument("--after-read", type=int)
    parser.add_argument("--garbled-at", type=int)
    args = parser.parse_args()
    _serve(args.backing, args.mount, args.state, args.after_write, args.after_read,
           args.garbled_at)


if __name__ == "__main__":
    main()
