"""A real TUF repository (keys generated here) in a real hub's data folder.

``korat-hub updates init/publish/export`` run as IT runs them (the CLI's own main),
the hub serves the mirror over loopback, devices are the real ``korat`` CLI.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from korat_desktop.server.cli import main as hub_main
from korat_desktop.updates.repository import UpdateRepository
from tests.server.hub_harness import ThreadedHub
from tests.sync.conftest import hub, keyring_file, make_device  # noqa: F401 (fixtures)

__all__ = ["Recorder", "Repo"]

INSTALLED = "0.1.0"  # korat_desktop.__version__: what the tests' client runs
NEXT = "0.1.1"


class Recorder:
    """Stands in for running apt-get/msiexec: records the command, installs nothing."""

    def __init__(self) -> None:
        self.commands: list[list[str]] = []

    def __call__(self, command: Sequence[str], env: Mapping[str, str]) -> int:
        self.commands.append(list(command))
        return 0


@dataclass
class Repo:
    hub_dir: Path
    keys: Path
    work: Path

    @property
    def root_file(self) -> Path:
        return self.keys / "update-root.json"

    @property
    def repository(self) -> UpdateRepository:
        return UpdateRepository(self.hub_dir / "updates")

    def hub_cli(self, *args: str) -> Any:
        import contextlib
        import io

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = hub_main(["updates", *args, "--data-dir", str(self.hub_dir), "--json"])
        assert code == 0, err.getvalue()
        return json.loads(out.getvalue())

    def package_path(self, version: str) -> Path:
        return self.work / f"korat-desktop_{version}_amd64.deb"

    def package(self, version: str, size: int = 300_000) -> Path:
        """A stand-in installer package: distinct bytes per version."""
        path = self.package_path(version)
        seed = version.encode()
        path.write_bytes((seed * (size // len(seed) + 1))[:size - 32] + os.urandom(32))
        return path

    def publish(self, version: str, size: int = 300_000) -> dict[str, Any]:
        return dict(self.hub_cli("publish", str(self.package(version, size)), "--version",
                                 version, "--keys", str(self.keys)))

    def export(self, name: str) -> Path:
        dest = self.work / name
        self.hub_cli("export", str(dest))
        return dest


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[[Path], Repo]:
    def make(hub_dir: Path) -> Repo:
        work = tmp_path / "it"
        work.mkdir(exist_ok=True)
        repo = Repo(hub_dir, tmp_path / "offline-keys", work)
        repo.hub_cli("init", "--keys", str(repo.keys))
        return repo

    return make


@pytest.fixture
def repo(hub: ThreadedHub, make_repo: Callable[[Path], Repo]) -> Repo:  # noqa: F811
    return make_repo(hub.settings.data_dir)
