"""Installing a verified package with the platform's own installer.

Linux: ``apt-get install -y ./x.deb`` (apt brings any new Depends; debconf answers
and the machine config stay, see installers/debian/postinst), directly when we are
root, else through ``pkexec`` (polkit asks for an administrator). Windows: ``msiexec
/i x.msi /qn /norestart`` (a major upgrade of the installed MSI; the machine config in
%ProgramData% stays). The command runs through ``run`` so tests check what would be
executed without installing anything on the machine running them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from korat_desktop.errors import UpdateError

__all__ = ["DebInstaller", "InstallResult", "MsiInstaller", "PackageInstaller",
           "installer_for"]

Runner = Callable[[Sequence[str], Mapping[str, str]], int]


def _run(command: Sequence[str], env: Mapping[str, str]) -> int:
    return subprocess.run(list(command), env={**os.environ, **env}, check=False).returncode


@dataclass(frozen=True)
class InstallResult:
    command: tuple[str, ...]
    status: int


class PackageInstaller:
    """One platform's way to install a package file."""

    suffix = ""
    succeeded: tuple[int, ...] = (0,)

    def __init__(self, run: Runner = _run) -> None:
        self.run = run

    def command(self, package: Path) -> tuple[list[str], dict[str, str]]:
        raise NotImplementedError

    def install(self, package: Path, version: str) -> InstallResult:
        if package.suffix != self.suffix:
            raise UpdateError("update.no_installer", name=package.name,
                              detail=f"not a {self.suffix} package")
        command, env = self.command(package)
        status = self.run(command, env)
        if status not in self.succeeded:
            raise UpdateError("update.install_failed", version=version,
                              command=" ".join(command[:3]), status=status)
        return InstallResult(tuple(command), status)


class DebInstaller(PackageInstaller):
    suffix = ".deb"

    def __init__(self, run: Runner = _run, *, is_root: bool | None = None,
                 which: Callable[[str], str | None] = shutil.which) -> None:
        super().__init__(run)
        self.is_root = (os.geteuid() == 0) if is_root is None else is_root
        self.which = which

    def command(self, package: Path) -> tuple[list[str], dict[str, str]]:
        # an absolute path: apt takes a file name only when it holds a "/"
        apt = ["apt-get", "install", "-y", "-q", str(package.absolute())]
        env = {"DEBIAN_FRONTEND": "noninteractive"}
        if self.is_root:
            return apt, env
        if self.which("pkexec") is None:
            raise UpdateError("update.no_installer", name=package.name,
                              detail="pkexec is missing (install policykit-1) and this is "
                                     "not root")
        # pkexec clears the environment: pass the frontend through env(1)
        return ["pkexec", "env", "DEBIAN_FRONTEND=noninteractive", *apt], {}


class MsiInstaller(PackageInstaller):
    suffix = ".msi"
    # 3010: installed, and files that were in use (the running app) are replaced at the
    # next restart (/norestart keeps Windows from rebooting by itself)
    succeeded = (0, 3010)

    def command(self, package: Path) -> tuple[list[str], dict[str, str]]:
        return ["msiexec", "/i", str(package.absolute()), "/qn", "/norestart"], {}


def installer_for(platform: str, run: Runner = _run) -> PackageInstaller:
    if platform.startswith("windows") or (not platform and sys.platform.startswith("win")):
        return MsiInstaller(run)
    return DebInstaller(run)
