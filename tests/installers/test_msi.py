"""The Windows MSI, built with wixl over a staged tree of the Windows layout and read
back with msiinfo (structure only: no Windows here to install it on)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.installers.conftest import Build

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installers" / "windows"))
import make_wxs  # noqa: E402  (installers/windows is not a package)


def _stage_from(files: Path, stage: Path) -> Path:
    """The Windows layout (three .exe over _internal/) with Linux files standing in."""
    stage.mkdir(parents=True)
    for name in ("korat-desktop", "korat", "korat-hub"):
        shutil.copy(files / "korat-desktop", stage / f"{name}.exe")
    shutil.copytree(files / "_internal", stage / "_internal", symlinks=True)
    return stage


def _build(stage: Path, version: str, out: Path, *extra: str) -> Path:
    subprocess.run([str(ROOT / "installers/build-msi"), "--stage", str(stage), "--version",
                    version, "--out", str(out), "--python", sys.executable, *extra],
                   check=True, stdout=subprocess.DEVNULL)
    return out


def _small_tree(tmp_path: Path) -> Path:
    files = tmp_path / "files"
    (files / "_internal").mkdir(parents=True)
    shutil.copy("/bin/true", files / "korat-desktop")
    shutil.copytree(ROOT / "resources", files / "_internal" / "resources")
    return files


def _table(msi: Path, name: str) -> list[list[str]]:
    out = subprocess.run(["msiinfo", "export", str(msi), name], check=True,
                         capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()[3:]]


def _check(stage: Path, tmp: Path) -> None:
    a = _build(stage, "0.1.0", tmp / "a" / "korat-desktop.msi")
    b = _build(stage, "0.1.0", tmp / "b" / "korat-desktop.msi")
    c = _build(stage, "0.2.0", tmp / "c" / "korat-desktop.msi")
    tables = subprocess.run(["msiinfo", "tables", str(a)], check=True, capture_output=True,
                            text=True).stdout.split()
    for t in ("Component", "File", "Directory", "Feature", "Shortcut", "Registry",
              "CustomAction", "InstallExecuteSequence", "Upgrade", "Property"):
        assert t in tables

    props = dict((row[0], row[1]) for row in _table(a, "Property"))
    assert props["ALLUSERS"] == "1"  # per-machine
    assert props["UpgradeCode"] == "{" + make_wxs.UPGRADE_CODE + "}"
    secure = props["SecureCustomProperties"].split(";")
    for p in ("HUB_URL", "AGENCY_CODE", "AGENCY_NAME", "PKCS11_MODULE", "LANGUAGE",
              "NO_DESKTOP_SHORTCUT", "AUTO_UPDATE", "WIX_UPGRADE_DETECTED"):
        assert p in secure

    # two builds of one tree: the same GUIDs; a new version: same UpgradeCode and
    # components, new ProductCode, and the old one is upgraded (MajorUpgrade)
    for table in ("Component", "File", "Directory", "Registry", "CustomAction"):
        assert _table(a, table) == _table(b, table), table
    props_c = dict((row[0], row[1]) for row in _table(c, "Property"))
    assert props_c["UpgradeCode"] == props["UpgradeCode"]
    assert props_c["ProductCode"] != props["ProductCode"]
    assert _table(c, "Component") == _table(a, "Component")
    upgrade = _table(c, "Upgrade")
    assert any(row[0] == props["UpgradeCode"] and row[-1] == "WIX_UPGRADE_DETECTED"
               for row in upgrade)
    sequence = {row[0]: (row[1], int(row[2])) for row in _table(a, "InstallExecuteSequence")}
    assert "RemoveExistingProducts" in sequence

    # every staged file is in the MSI, under Program Files
    files = [p for p in stage.rglob("*") if p.is_file() and not p.is_symlink()]
    assert len(_table(a, "File")) == len(files)
    dirs = {row[0]: row for row in _table(a, "Directory")}
    assert dirs["INSTALLDIR"][1] == "ProgramFiles64Folder"

    # the properties become the machine config through deferred actions (as SYSTEM,
    # never failing the install), between InstallFiles and InstallFinalize
    actions = {row[0]: row for row in _table(a, "CustomAction")}
    for prop, key in make_wxs.PROPERTIES.items():
        action = actions["SetMachine_" + prop]
        kind = int(action[1])
        assert kind & 0x3F == 18 and action[2] == "KoratExe"  # an installed exe
        assert kind & 0x400 and kind & 0x800 and kind & 0x40  # deferred, SYSTEM, ignore
        assert f"config set --machine {key} \"[{prop}]\"" in action[3]
        condition, number = sequence["SetMachine_" + prop]
        assert condition == f'{prop} AND NOT REMOVE~="ALL"'
        assert sequence["InstallFiles"][1] < number < sequence["InstallFinalize"][1]

    # Start menu shortcut always; the desktop one in its own feature that
    # NO_DESKTOP_SHORTCUT leaves out (INSTALLLEVEL below its level)
    shortcuts = {row[0]: row for row in _table(a, "Shortcut")}
    assert shortcuts["StartMenuKorat"][1] == "ProgramMenuFolder"
    assert shortcuts["DesktopKorat"][1] == "DesktopFolder"
    features = {row[0]: row for row in _table(a, "Feature")}
    assert int(features["DesktopShortcut"][5]) > 10 and props["INSTALLLEVEL"] == "100"
    assert actions["NoDesktopShortcut"][2:4] == ["INSTALLLEVEL", "10"]
    assert sequence["NoDesktopShortcut"][0] == "NO_DESKTOP_SHORTCUT"

    # file associations: *.korat is ours, PDFs get "open with"
    registry = {(row[2], row[3]): row[4] for row in _table(a, "Registry")}
    assert registry[("Software\\Classes\\.korat\\", "")] == "KoratDesktop.CourierBundle"
    assert registry[("Software\\Classes\\.korat\\", "Content Type")] == \
        "application/vnd.korat.courier-bundle"
    assert '"%1"' in registry[("Software\\Classes\\KoratDesktop.CourierBundle\\shell\\open\\command\\", "")]
    assert ("Software\\Classes\\.pdf\\OpenWithProgids\\", "KoratDesktop.PDF") in registry
    # AUTO_UPDATE is a machine setting like the others (update.auto, custom action above)
    assert ("Software\\KoratDesktop\\", "AutoUpdate") not in registry
    assert make_wxs.PROPERTIES["AUTO_UPDATE"] == "update.auto"


def test_msi_over_a_small_tree_of_the_windows_layout(tmp_path):
    _check(_stage_from(_small_tree(tmp_path), tmp_path / "stage"), tmp_path)


def test_msi_puts_the_update_root_beside_the_machine_config_and_leaves_it(tmp_path,
                                                                         monkeypatch):
    """--update-root: the TUF root korat updates trusts, in %ProgramData%\\KoratDesktop
    (where the app looks on Windows), in a permanent component (uninstall keeps it)."""
    from korat_desktop.config import machine_config_dir

    stage = _stage_from(_small_tree(tmp_path), tmp_path / "stage")
    root = tmp_path / "roots" / "update-root.json"
    root.parent.mkdir()
    root.write_bytes(b'{"signed": {"_type": "root", "version": 1}, "signatures": []}\n')
    a = _build(stage, "0.1.0", tmp_path / "a" / "k.msi", "--update-root", str(root))
    b = _build(stage, "0.1.0", tmp_path / "b" / "k.msi", "--update-root", str(root))
    plain = _build(stage, "0.1.0", tmp_path / "plain" / "k.msi")

    dirs = {row[0]: row for row in _table(a, "Directory")}
    monkeypatch.setattr("korat_desktop.config.sys.platform", "win32")
    windows_dir = machine_config_dir({"ProgramData": "C:\\ProgramData"})
    monkeypatch.undo()
    assert dirs["MACHINEDIR"][1:] == ["CommonAppDataFolder", windows_dir.name]
    components = {row[0]: row for row in _table(a, "Component")}
    attributes = int(components["UpdateRoot"][3])
    assert attributes & 0x10 and attributes & 0x100  # permanent, 64-bit
    assert components["UpdateRoot"][2] == "MACHINEDIR"
    files = {row[0]: row for row in _table(a, "File")}
    assert files["UpdateRootJson"][1:3] == ["UpdateRoot", "update-root.json"]
    features = {row[1] for row in _table(a, "FeatureComponents") if row[0] == "Main"}
    assert "UpdateRoot" in features
    assert _table(a, "Component") == _table(b, "Component")
    # the program files are not permanent; without --update-root nothing goes there
    assert all(not int(row[3]) & 0x10 for row in _table(a, "Component") if row[0] != "UpdateRoot")
    assert "UpdateRoot" not in {row[0] for row in _table(plain, "Component")}
    assert "MACHINEDIR" not in {row[0] for row in _table(plain, "Directory")}

    out = tmp_path / "extracted"
    subprocess.run(["msiextract", "-C", str(out), str(a)], check=True,
                   stdout=subprocess.DEVNULL)
    assert (out / windows_dir.name / "update-root.json").read_bytes() == root.read_bytes()


def test_wxs_guids_are_derived_not_random():
    assert make_wxs.component_guid("korat.exe") == make_wxs.component_guid("korat.exe")
    assert make_wxs.component_guid("korat.exe") != make_wxs.component_guid("korat-hub.exe")
    assert make_wxs.product_code("0.1.0") != make_wxs.product_code("0.2.0")
    assert make_wxs.msi_version("0.1.0+rebuild1") == "0.1.0"
    assert make_wxs.msi_version("1.2") == "1.2.0"


@pytest.mark.slow
def test_msi_over_the_frozen_build(frozen_build: Build, tmp_path):
    _check(_stage_from(frozen_build.app, tmp_path / "stage"), tmp_path)
