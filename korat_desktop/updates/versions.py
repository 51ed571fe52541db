"""Which version and platform this copy of the app is, and which version is newer.

Versions are PEP 440 (``0.1.0``, ``0.1.0+rebuild1``, ``1.0.0rc1``); the Debian and MSI
packages carry the same string. A frozen build reads the version its package was
built with from ``VERSION`` beside the executable (``installers/build-deb`` writes
it), so a repackaged build reports its package's version.
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from korat_desktop import __version__
from korat_desktop.errors import UpdateError

if TYPE_CHECKING:
    from packaging.version import Version

__all__ = ["PLATFORMS", "installed_version", "parse_version", "this_platform"]

PLATFORMS = ("linux-amd64", "windows-x64")


def this_platform() -> str:
    machine = platform.machine().lower()
    arch = "amd64" if machine in ("x86_64", "amd64") else machine
    if sys.platform.startswith("win"):
        return "windows-x64" if arch == "amd64" else f"windows-{arch}"
    return f"linux-{arch}"


def installed_version() -> str:
    if getattr(sys, "frozen", False):
        stamp = Path(sys.executable).resolve().parent / "VERSION"
        try:
            text = stamp.read_text(encoding="utf-8").strip()
        except OSError:
            text = ""
        if text:
            return text
    return __version__


def parse_version(text: str) -> Version:
    from packaging.version import InvalidVersion, Version  # here: `korat --version` is quick

    try:
        return Version(text)
    except InvalidVersion as e:
        raise UpdateError("update.bad_version", version=text) from e
