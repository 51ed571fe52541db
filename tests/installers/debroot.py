"""A minimal Debian root for the clean-room install test, made once and cached.

``base_root()`` debootstraps Debian bookworm (variant minbase, the mirror from
``KORAT_DEBIAN_MIRROR`` or debootstrap's own default) into a cache folder keyed by the
suite, variant and package list, so later runs reuse it; ``Chroot`` copies that root
into a work folder, mounts /proc and /dev, shares a persistent apt archive cache (the
packages apt downloads are fetched once), runs commands inside and unmounts at the end.

    python -m tests.installers.debroot      # make (or check) the cached root
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

SUITE = "bookworm"
VARIANT = "minbase"
# minbase has apt, dpkg and debconf; nothing of X11 or Qt: the package must bring those
INCLUDE: tuple[str, ...] = ("ca-certificates",)


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "korat-desktop-tests"


def _key() -> str:
    text = "\n".join([SUITE, VARIANT, *INCLUDE, os.environ.get("KORAT_DEBIAN_MIRROR", "")])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def base_root() -> Path:
    """The cached debootstrapped root (made on first use; several minutes)."""
    root = cache_dir() / f"debootstrap-{SUITE}-{VARIANT}-{_key()}"
    done = root / ".korat-complete"
    if done.exists():
        return root
    tmp = root.with_name(root.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.parent.mkdir(parents=True, exist_ok=True)
    cmd = ["debootstrap", f"--variant={VARIANT}", f"--include={','.join(INCLUDE)}",
           SUITE, str(tmp)]
    if os.environ.get("KORAT_DEBIAN_MIRROR"):
        cmd.append(os.environ["KORAT_DEBIAN_MIRROR"])
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    # the host's apt settings that are not about the mirror stay out: a plain root
    (tmp / "var/cache/apt/archives").mkdir(parents=True, exist_ok=True)
    for f in (tmp / "var/cache/apt/archives").glob("*.deb"):
        f.unlink()
    (tmp / ".korat-complete").write_text("ok\n")
    tmp.rename(root)
    return root


class Chroot:
    """A throw-away copy of the cached root, with /proc and /dev mounted."""

    def __init__(self, work: Path) -> None:
        self.base = base_root()
        self.root = work / "root"
        self._mounts: list[Path] = []
        subprocess.run(["cp", "-a", f"{self.base}/.", str(self.root)], check=True)
        shutil.copy("/etc/resolv.conf", self.root / "etc/resolv.conf")
        archives = cache_dir() / "apt-archives" / _key()
        (archives / "partial").mkdir(parents=True, exist_ok=True)
        for src, dest, opts in (("proc", "proc", ["-t", "proc"]),
                                ("/dev", "dev", ["--bind"]),
                                ("/dev/pts", "dev/pts", ["--bind"]),
                                (str(archives), "var/cache/apt/archives", ["--bind"])):
            target = self.root / dest
            target.mkdir(parents=True, exist_ok=True)
            subprocess.run(["mount", *opts, src, str(target)], check=True)
            self._mounts.append(target)
        # apt inside keeps what it downloads (the shared archive folder above)
        (self.root / "etc/apt/apt.conf.d/01keep").write_text(
            'Binary::apt::APT::Keep-Downloaded-Packages "true";\nAPT::Keep-Downloaded-Packages "true";\n')
        (self.root / "etc/apt/apt.conf.d/docker-clean").unlink(missing_ok=True)

    def run(self, cmd: str, *, check: bool = True, env: dict[str, str] | None = None,
            timeout: float = 900) -> subprocess.CompletedProcess[str]:
        """``cmd`` under ``sh -c`` inside the root, as root, with a plain environment."""
        base = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "HOME": "/root", "LANG": "C.UTF-8", "DEBIAN_FRONTEND": "noninteractive"}
        out = subprocess.run(["chroot", str(self.root), "/bin/sh", "-c", cmd],
                             env={**base, **(env or {})}, capture_output=True, text=True,
                             timeout=timeout)
        if check and out.returncode != 0:
            raise AssertionError(f"in the clean root, `{cmd}` exited {out.returncode}:\n"
                                 f"{out.stdout[-4000:]}\n{out.stderr[-4000:]}")
        return out

    def close(self) -> None:
        mounts, self._mounts = self._mounts, []
        for target in reversed(mounts):
            subprocess.run(["umount", "-l", str(target)], check=False)
        # never delete through a mount that is still there (the host's /dev)
        if not any(t.is_mount() for t in mounts):
            shutil.rmtree(self.root, ignore_errors=True)


def main(argv: Sequence[str]) -> int:
    print(base_root())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
