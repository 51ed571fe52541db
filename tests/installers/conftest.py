"""The frozen build and its .deb packages, made once per source tree and shared.

Building takes minutes, so it happens once: under a lock (pytest-xdist workers wait
for each other) into a cache folder keyed by a hash of everything that goes into the
build (the app, resources, pyproject.toml, the spec, launcher, build scripts and debian/). A later run of unchanged
sources reuses it; a changed tree builds anew and the older builds are removed.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.installers.debroot import cache_dir

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("korat_desktop", "resources", "pyproject.toml", "installers/korat.spec",
           "installers/launcher.py", "installers/build-linux", "installers/trim_icu.py",
           "installers/build-deb",
           "installers/debian")


def source_key() -> str:
    digest = hashlib.sha256()
    for top in SOURCES:
        path = ROOT / top
        files = [path] if path.is_file() else sorted(
            p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for f in files:
            digest.update(str(f.relative_to(ROOT)).encode() + b"\0")
            digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@dataclass(frozen=True)
class Build:
    app: Path  # the frozen folder (korat-desktop, korat, korat-hub, _internal/)
    version: str
    deb: Path  # korat-desktop_<version>_amd64.deb
    deb_next: Path  # the same tree packaged again with a higher version

    @property
    def version_next(self) -> str:
        return self.version + "+rebuild1"


def _build(out: Path) -> Build:
    dist = out / "dist"
    app = dist / "korat-desktop"
    if not (out / "frozen.ok").exists():
        shutil.rmtree(dist, ignore_errors=True)
        subprocess.run(["nice", "-n", "10", str(ROOT / "installers/build-linux"),
                        "--python", sys.executable, "--dist", str(dist)], check=True,
                       cwd=ROOT)
        (out / "frozen.ok").write_text("ok\n")
    version = (app / "VERSION").read_text().strip()
    debs = []
    for v in (version, version + "+rebuild1"):
        deb = out / f"korat-desktop_{v}_amd64.deb"
        if not deb.exists():
            subprocess.run([str(ROOT / "installers/build-deb"), "--app", str(app),
                            "--version", v, "--out", str(out), "--compress", "gzip",
                            "--python", sys.executable], check=True, cwd=ROOT,
                           stdout=subprocess.DEVNULL)
        debs.append(deb)
    return Build(app, version, debs[0], debs[1])


@pytest.fixture(scope="session")
def frozen_build() -> Build:
    """installers/build-linux and build-deb over this source tree (cached, see above)."""
    if os.environ.get("KORAT_FROZEN_BUILD_DIR"):  # a build made by hand, to iterate on tests
        return _build(Path(os.environ["KORAT_FROZEN_BUILD_DIR"]))
    key = source_key()
    base = cache_dir() / "frozen"
    with _locked(base / "build.lock"):
        out = base / key
        build = _build(out)
        for old in base.iterdir():
            if old.is_dir() and old.name != key:
                shutil.rmtree(old, ignore_errors=True)
    return build
