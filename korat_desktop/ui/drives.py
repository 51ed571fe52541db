"""Removable drives a courier can carry bundles on, as Qt sees the mounted volumes.

QStorageInfo says nothing about "removable", so the rule is where a desktop mounts a
stick: under /media, /run/media or /mnt on Linux, /Volumes on macOS, any drive letter
but the system's on Windows, or any volume with a stick's file system (FAT, exFAT,
NTFS). Only drives that are ready and writable are offered; the system disk never is.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStorageInfo

from korat_desktop.ui.pdf_drop import BUNDLE_SUFFIX

__all__ = ["Drive", "bundles_in", "drive_at", "format_size", "removable_drives"]

_MOUNT_ROOTS = ("/media/", "/run/media/", "/mnt/", "/Volumes/")
_STICK_FILE_SYSTEMS = {"vfat", "msdos", "exfat", "ntfs", "ntfs3", "fuseblk", "fat32"}


@dataclass(frozen=True)
class Drive:
    """A writable volume: where it is mounted, what it is called, how much room is left."""

    root: Path
    name: str
    free: int  # bytes available to us
    total: int

    @property
    def key(self) -> str:
        return str(self.root)


def drive_at(path: Path) -> Drive:
    """The volume holding ``path`` (a folder picked by hand), named by the folder."""
    info = QStorageInfo(str(path))
    return Drive(Path(path), Path(path).name or str(path), max(0, info.bytesAvailable()),
                 max(0, info.bytesTotal()))


def _removable(info: QStorageInfo) -> bool:
    root = info.rootPath()
    if sys.platform == "win32":
        system = os.environ.get("SYSTEMDRIVE", "C:").rstrip("\\/").upper()
        return not root.upper().startswith(system)
    if root == "/":
        return False
    file_system = bytes(info.fileSystemType().data()).decode("ascii", "replace").lower()
    return root.startswith(_MOUNT_ROOTS) or file_system in _STICK_FILE_SYSTEMS


def removable_drives() -> list[Drive]:
    """The ready, writable removable drives mounted now, by name."""
    drives = []
    for info in QStorageInfo.mountedVolumes():
        if not (info.isValid() and info.isReady()) or info.isReadOnly() or not _removable(info):
            continue
        root = Path(info.rootPath())
        name = info.displayName() or root.name or str(root)
        drives.append(Drive(root, name, max(0, info.bytesAvailable()),
                            max(0, info.bytesTotal())))
    return sorted(drives, key=lambda d: (d.name, d.key))


def bundles_in(folder: Path) -> list[Path]:
    """Courier bundles in the top folder of a drive (not the hidden work files of an
    export still being written), by name; [] when the folder cannot be read."""
    try:
        found = [p for p in folder.iterdir()
                 if p.suffix.lower() == BUNDLE_SUFFIX and not p.name.startswith(".")
                 and p.is_file()]
    except OSError:  # pulled out while we looked, or not readable
        return []
    return sorted(found)


def format_size(size: int) -> str:
    """Bytes for people: 512 B, 3.4 MB, 1.2 GB (SI units, as drives are sold)."""
    if size < 1000:
        return f"{size} B"
    value = size / 1000
    for unit in ("KB", "MB"):
        if value < 1000:
            return f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"
