"""The NSIS .exe installer (Debian's makensis) over a staged tree of the Windows layout,
read back with 7-Zip, which opens NSIS archives (structure only: no Windows here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.installers.conftest import Build
from tests.installers.test_msi import _small_tree, _stage_from

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installers" / "windows"))
import make_nsi  # noqa: E402  (installers/windows is not a package)
import make_wxs  # noqa: E402


def _build(stage: Path, version: str, out: Path, *extra: str) -> tuple[Path, str]:
    subprocess.run([str(ROOT / "installers/build-nsis"), "--stage", str(stage), "--version",
                    version, "--out", str(out), "--python", sys.executable, *extra],
                   check=True, stdout=subprocess.DEVNULL)
    return out, out.with_suffix(".nsi").read_text(encoding="utf-8")


def _listing(exe: Path) -> set[str]:
    out = subprocess.run(["7zz", "l", "-slt", str(exe)], check=True, capture_output=True,
                         text=True).stdout
    return {line[len("Path = "):] for line in out.splitlines()
            if line.startswith("Path = ") and line != f"Path = {exe}"}


def _check(stage: Path, tmp: Path, *, twice: bool = True) -> None:
    exe, script = _build(stage, "0.1.0", tmp / "korat-desktop-setup.exe")
    kind = subprocess.run(["file", "-b", str(exe)], check=True, capture_output=True,
                          text=True).stdout
    assert "PE32+" in kind and "x86-64" in kind, kind

    # every staged file is in it, under its own path (Thai names too), plus the uninstaller
    staged = {p.relative_to(stage).as_posix() for p in stage.rglob("*")
              if p.is_file() and not p.is_symlink()}
    listed = _listing(exe)
    assert staged <= listed, sorted(staged - listed)[:5]
    assert listed - staged == {"uninstall.exe"}

    # per-machine under Program Files; the MSI's properties become the machine config
    # through the same `korat config set --machine`, after the files are in place
    assert 'InstallDir "$PROGRAMFILES64\\Korat Desktop"' in script
    assert "RequestExecutionLevel admin" in script and "SetShellVarContext all" in script
    files_end = script.index('WriteUninstaller')
    for prop, key in make_wxs.PROPERTIES.items():
        at = script.index(f'"/{prop}="')
        assert at > files_end
        assert f'config set --machine {key} "$R1"' in script[at:at + 400]
    assert '"/NO_DESKTOP_SHORTCUT="' in script and '"/AUTO_UPDATE="' in script
    # the MSI's file associations, and an uninstaller that removes them but keeps the
    # machine config (nothing under ProgramData is touched)
    for _cid, key, values in make_wxs.associations('"$INSTDIR\\korat-desktop.exe"'):
        for name, value in values:
            quoted = value.replace('"', '$\\"')
            assert f'WriteRegStr HKLM "{key}" "{name}" "{quoted}"' in script, (key, name)
    uninstall = script[script.index('Section "Uninstall"'):]
    assert 'DeleteRegKey HKLM "Software\\Classes\\.korat"' in uninstall
    assert make_nsi.UNINSTALL_KEY in uninstall and "ProgramData" not in uninstall.split("\n", 1)[1]
    assert 'QuietUninstallString" \'"$INSTDIR\\uninstall.exe" /S\'' in script

    if not twice:
        return
    # two builds of one tree list the same files
    again, _ = _build(stage, "0.1.0", tmp / "again" / "korat-desktop-setup.exe")
    assert _listing(again) - {str(again)} == listed


def test_nsis_over_a_small_tree_of_the_windows_layout(tmp_path):
    files = _small_tree(tmp_path)
    (files / "_internal" / "ไทย.txt").write_text("ภาษาไทย", encoding="utf-8")
    _check(_stage_from(files, tmp_path / "stage"), tmp_path)


def test_nsis_puts_the_update_root_beside_the_machine_config_and_leaves_it(tmp_path):
    stage = _stage_from(_small_tree(tmp_path), tmp_path / "stage")
    root = tmp_path / "update-root.json"
    root.write_bytes(b'{"signed": {"_type": "root", "version": 1}, "signatures": []}\n')
    exe, script = _build(stage, "0.1.0", tmp_path / "setup.exe", "--update-root", str(root))
    # all users' $APPDATA is %ProgramData%: the context is set before any file goes in
    assert script.index("SetShellVarContext all") < script.index('SetOutPath "$APPDATA')
    assert "$APPDATA/KoratDesktop/update-root.json" in _listing(exe)
    out = tmp_path / "x"
    subprocess.run(["7zz", "x", f"-o{out}", str(exe)], check=True, stdout=subprocess.DEVNULL)
    assert (out / "$APPDATA" / "KoratDesktop" / "update-root.json").read_bytes() == \
        root.read_bytes()
    uninstall = script[script.index('Section "Uninstall"'):]
    assert "$APPDATA" not in uninstall and "update-root" not in uninstall
    _plain, plain = _build(stage, "0.1.0", tmp_path / "plain.exe")
    assert "update-root" not in plain


@pytest.mark.slow
def test_nsis_over_the_frozen_build(frozen_build: Build, tmp_path):
    _check(_stage_from(frozen_build.app, tmp_path / "stage"), tmp_path, twice=False)
    size = (tmp_path / "korat-desktop-setup.exe").stat().st_size
    print(f"NSIS setup.exe over the frozen build: {size / 2**20:.1f} MiB")
