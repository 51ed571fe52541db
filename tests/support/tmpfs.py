"""A real, small tmpfs mount: a disk that fills up (mounting needs root; CI runs as root)."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

__all__ = ["mounted_tmpfs", "needs_root"]

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="mounting tmpfs needs root")


@contextlib.contextmanager
def mounted_tmpfs(mnt: Path, size: str, *, read_only: bool = False) -> Iterator[Path]:
    """``mnt`` (created) as a tmpfs of ``size`` (``"1500k"``) until the block ends;
    ``read_only``: mounted read-only (a write-protected stick)."""
    mnt.mkdir(exist_ok=True)
    options = f"ro,size={size}" if read_only else f"size={size}"
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mnt)], check=True)
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)
