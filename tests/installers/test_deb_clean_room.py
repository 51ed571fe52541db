"""The .deb in a clean Debian: install preseeded, use, upgrade, remove, purge.

The upgrade to N+1 is the app's own signed update: IT's TUF repository made on the
host (``korat-hub updates init/publish/export``), ``korat updates apply --from DIR
--yes`` inside the root.

A fresh bookworm root (debootstrap, variant minbase: apt, dpkg, debconf and no X11 or
Qt at all; cached, see debroot.py) gets the package built from this tree
(installers/build-linux + build-deb, cached per source tree, see conftest.py). This is
the proof that the package carries, or depends on, everything it needs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from korat_desktop.pdf.sample import make_letter_pdf
from korat_desktop.server.cli import main as hub_main
from tests.installers.conftest import Build
from tests.installers.debroot import Chroot

pytestmark = pytest.mark.slow

HUB = "https://eoffice.korat.example.go.th"
CODE = "นม 0017.1"
NAME = "สำนักงานจังหวัดนครราชสีมา"
MODULE = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"
PRESEED = f"""\
korat-desktop korat-desktop/hub_url string {HUB}
korat-desktop korat-desktop/agency_code string {CODE}
korat-desktop korat-desktop/agency_name string {NAME}
korat-desktop korat-desktop/pkcs11_module string {MODULE}
korat-desktop korat-desktop/language select en
"""
USER_DATA = "/root/.local/share/korat-desktop"


@pytest.fixture(scope="module")
def clean_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chroot]:
    root = Chroot(tmp_path_factory.mktemp("clean-room"))
    try:
        yield root
    finally:
        root.close()


def _machine_values(root: Chroot) -> dict[str, tuple[object, str]]:
    shown = json.loads(root.run("korat --json config show").stdout)
    return {row["key"]: (row["value"], row["source"]) for row in shown}


def test_lintian_reports_no_errors(frozen_build: Build):
    out = subprocess.run(["lintian", "--tag-display-limit", "0", str(frozen_build.deb)],
                         capture_output=True, text=True)
    errors = [line for line in out.stdout.splitlines() if line.startswith("E:")]
    assert errors == [] and out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]


def _publish_next(build: Build, tmp_path: Path, root: Chroot) -> None:
    """IT's side, on the host: a new repository (keys generated), N+1 published with
    ``korat-hub updates`` and exported to the "USB stick" the PC reads (/tmp/usb)."""
    it = root.root / "tmp/it"
    hub_dir = tmp_path / "hub"
    for args in (["init", "--keys", str(it / "keys")],
                 ["publish", str(build.deb_next), "--version", build.version_next,
                  "--keys", str(it / "keys")],
                 ["export", str(root.root / "tmp/usb")]):
        assert hub_main(["updates", *args, "--data-dir", str(hub_dir)]) == 0, args


def test_deb_installs_runs_upgrades_and_purges_in_a_clean_debian(
        frozen_build: Build, clean_root: Chroot, tmp_path: Path):
    root = clean_root
    for deb in (frozen_build.deb, frozen_build.deb_next):
        shutil.copy(deb, root.root / "tmp" / deb.name)
    (root.root / "tmp/letter.pdf").write_bytes(make_letter_pdf("ขอเชิญประชุม", ["เรื่อง ขอเชิญประชุม"]))
    (root.root / "tmp/preseed").write_text(PRESEED)

    # silent install, the Debian way: preseeded debconf answers, apt brings the Depends
    root.run("apt-get update -qq")
    root.run("debconf-set-selections /tmp/preseed")
    root.run(f"apt-get install -y -q /tmp/{frozen_build.deb.name}")

    assert root.run("korat --version").stdout.strip() == f"korat {frozen_build.version}"
    values = _machine_values(root)
    assert values["sync.hub_url"] == (HUB, "machine")
    assert values["agency.code"] == (CODE, "machine")
    assert values["agency.name"] == (NAME, "machine")
    assert values["signing.pkcs11_modules"] == ([MODULE], "machine")
    assert values["ui.language"] == ("en", "machine")
    assert "locked" not in root.run("korat config show").stdout  # policy.toml: all comments

    # every library the bundle links is there (from the bundle or from the Depends)
    missing = root.run(
        "find /opt/korat-desktop -name '*.so*' -type f | LD_LIBRARY_PATH=$(find "
        "/opt/korat-desktop/_internal -name '*.so*' -printf '%h\\n' | sort -u | paste -sd:) "
        "xargs ldd 2>/dev/null | grep 'not found' | sort -u", check=False).stdout
    assert missing == ""

    # a clerk's data: the office set up from the machine config, one letter sent
    root.run(f"korat init --agency-code '{CODE}' --agency-name '{NAME}'")
    root.run("korat send /tmp/letter.pdf --subject 'ขอเชิญประชุม' --to 'อำเภอปากช่อง'")
    root.run(f"echo 'a note the clerk keeps' > {USER_DATA}/note.txt")

    # the window, on X11 (Qt's xcb plugin and its libraries from the Depends)
    root.run("apt-get install -y -q --no-install-recommends xvfb xauth")
    out = root.run("xvfb-run -a -s '-screen 0 1366x768x24' korat-desktop",
                   env={"QT_QPA_PLATFORM": "xcb", "KORAT_START_MARKS": "/tmp/marks.json"},
                   timeout=300)
    marks = json.loads((root.root / "tmp/marks.json").read_text())
    assert marks["paint"] > 0 and marks["total"] == 1, out.stderr[-3000:]

    # an admin's own edit of the machine config survives the upgrade
    root.run("korat config set --machine sync.proxy http://proxy.korat.example:3128")
    # the upgrade to N+1 is a signed update (TUF) from a USB copy of IT's repository
    _publish_next(frozen_build, tmp_path, root)
    root.run("korat config set --machine update.root_file /tmp/it/keys/update-root.json")
    check = json.loads(root.run("korat --json updates check --from /tmp/usb").stdout)
    assert check["installed"] == frozen_build.version
    assert check["available"]["version"] == frozen_build.version_next
    out = root.run("korat --lang en updates apply --from /tmp/usb --yes", timeout=600)
    assert f"installed {frozen_build.version_next}" in out.stdout, out.stderr[-3000:]
    assert root.run("korat --version").stdout.strip() == f"korat {frozen_build.version_next}"
    assert frozen_build.version_next in root.run(
        "dpkg-query -W -f '${Version}' korat-desktop").stdout
    # nothing newer now: apply says so and changes nothing
    again = root.run("korat --lang en updates apply --from /tmp/usb --yes")
    assert "No version newer" in again.stdout
    values = _machine_values(root)
    assert values["sync.hub_url"] == (HUB, "machine")
    assert values["agency.code"] == (CODE, "machine")
    assert values["sync.proxy"] == ("http://proxy.korat.example:3128", "machine")
    assert "ขอเชิญประชุม" in root.run("korat list --register send").stdout

    # remove: the program goes, the machine config and the users' data stay
    root.run("apt-get remove -y -q korat-desktop")
    assert not (root.root / "opt/korat-desktop").exists()
    assert not (root.root / "usr/bin/korat").exists()
    assert (root.root / "etc/korat-desktop/config.toml").exists()
    assert (root.root / "etc/korat-desktop/policy.toml").exists()
    assert (root.root / USER_DATA.lstrip("/") / "korat.sqlite3").exists()

    # purge: the machine config and the debconf answers go, the users' data never
    root.run("apt-get purge -y -q korat-desktop")
    assert not (root.root / "etc/korat-desktop").exists()
    assert (root.root / USER_DATA.lstrip("/") / "note.txt").read_text() == \
        "a note the clerk keeps\n"
    assert (root.root / USER_DATA.lstrip("/") / "korat.sqlite3").exists()
    debconf_db = (root.root / "var/cache/debconf/config.dat").read_text()
    assert "Name: korat-desktop/" not in debconf_db

    # a bad answer: the install still succeeds and says what it wrote; a machine value
    # the app cannot use (here a language debconf's select would not take, written the
    # way the postinst writes) is named with its file, never half-read
    (root.root / "tmp/preseed-bad").write_text(
        "korat-desktop korat-desktop/hub_url string not a url\n")
    root.run("debconf-set-selections /tmp/preseed-bad")
    out = root.run(f"apt-get install -y -q /tmp/{frozen_build.deb.name}")
    assert "sync.hub_url" in out.stdout + out.stderr
    # the app runs on without it and names it, with its file, for IT's scripts (exit 1)
    shown = root.run("korat --json --lang en config show", check=False)
    assert shown.returncode == 1
    row = next(r for r in json.loads(shown.stdout) if r["key"] == "sync.hub_url")
    assert (row["value"], row["source"]) == ("", "default")
    assert "not a url" in row["problem"]["message"]
    assert "/etc/korat-desktop/config.toml" in shown.stderr
    root.run("korat config set --machine ui.language fr")
    shown = root.run("korat --lang en config show", check=False)
    assert shown.returncode == 1
    assert "/etc/korat-desktop/config.toml" in shown.stderr and "ui.language" in shown.stderr
    assert root.run("korat --version").returncode == 0
    root.run("apt-get purge -y -q korat-desktop")
