"""The installer interface: what would run on Linux and on Windows, and failures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from korat_desktop.errors import UpdateError
from korat_desktop.updates.install import DebInstaller, MsiInstaller, installer_for


class Runs:
    def __init__(self, status: int = 0) -> None:
        self.status = status
        self.seen: list[tuple[list[str], dict[str, str]]] = []

    def __call__(self, command: Sequence[str], env: Mapping[str, str]) -> int:
        self.seen.append((list(command), dict(env)))
        return self.status


def test_deb_as_root_runs_apt_get_on_the_file(tmp_path: Path):
    runs = Runs()
    deb = tmp_path / "korat-desktop_0.1.1_amd64.deb"
    result = DebInstaller(runs, is_root=True).install(deb, "0.1.1")
    assert runs.seen == [(["apt-get", "install", "-y", "-q", str(deb)],
                          {"DEBIAN_FRONTEND": "noninteractive"})]
    assert result.command[0] == "apt-get"


def test_deb_as_a_clerk_goes_through_pkexec(tmp_path: Path):
    runs = Runs()
    deb = tmp_path / "k.deb"
    DebInstaller(runs, is_root=False, which=lambda name: "/usr/bin/" + name).install(deb, "1")
    command, env = runs.seen[0]
    assert command[:3] == ["pkexec", "env", "DEBIAN_FRONTEND=noninteractive"]
    assert command[3:] == ["apt-get", "install", "-y", "-q", str(deb)] and env == {}


def test_deb_without_pkexec_says_so(tmp_path: Path):
    with pytest.raises(UpdateError) as e:
        DebInstaller(Runs(), is_root=False, which=lambda name: None).install(
            tmp_path / "k.deb", "1")
    assert e.value.code == "update.no_installer" and "pkexec" in e.value.message("en")


def test_msi_runs_msiexec_quietly(tmp_path: Path):
    runs = Runs()
    msi = tmp_path / "korat-desktop.msi"
    MsiInstaller(runs).install(msi, "0.1.1")
    assert runs.seen[0][0] == ["msiexec", "/i", str(msi), "/qn", "/norestart"]
    assert isinstance(installer_for("windows-x64", runs), MsiInstaller)
    assert isinstance(installer_for("linux-amd64", runs), DebInstaller)


def test_msi_reboot_pending_counts_as_installed(tmp_path: Path):
    result = MsiInstaller(Runs(status=3010)).install(tmp_path / "k.msi", "0.1.1")
    assert result.status == 3010
    with pytest.raises(UpdateError):
        DebInstaller(Runs(status=3010), is_root=True).install(tmp_path / "k.deb", "0.1.1")


def test_failed_install_and_wrong_package_kind_are_errors(tmp_path: Path):
    with pytest.raises(UpdateError) as e:
        MsiInstaller(Runs(status=1603)).install(tmp_path / "k.msi", "0.1.1")
    assert e.value.code == "update.install_failed" and e.value.params["status"] == 1603
    assert "รุ่นเดิมยังใช้งานได้" in e.value.message("th")
    runs = Runs()
    with pytest.raises(UpdateError) as e:
        MsiInstaller(runs).install(tmp_path / "k.deb", "0.1.1")
    assert e.value.code == "update.no_installer" and runs.seen == []
