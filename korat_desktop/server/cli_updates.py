"""``korat-hub updates ...``: the TUF repository IT publishes app updates with.

* ``init --keys DIR [--root-days N --targets-days N --snapshot-days N --timestamp-days N]``:
  new role keys (root, targets, snapshot into DIR, which IT keeps offline; timestamp
  into the hub's data folder), the first signed metadata, and ``DIR/update-root.json``
  for the installers.
* ``publish PACKAGE --version V [--platform linux-amd64|windows-x64] [--channel C]
  --keys DIR``: adds the package and signs new targets, snapshot and timestamp.
* ``refresh-timestamp [--days N]``: a new timestamp with the hub's key (run daily, e.g.
  from a systemd timer: clients refuse an expired one).
* ``export DIR``: the current repository as a folder for a USB stick
  (``korat updates apply --from DIR`` on the PC).
"""

from __future__ import annotations

import argparse
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from korat_desktop.errors import UsageError
from korat_desktop.server.hub import Hub
from korat_desktop.updates.repository import RoleExpiry, UpdateRepository
from korat_desktop.updates.versions import PLATFORMS

__all__ = ["COMMANDS", "add_parsers", "run"]

COMMANDS = ("updates",)


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    actions = sub.add_parser("updates", help="signed app updates, TUF (ปรับรุ่นโปรแกรม)"
                             ).add_subparsers(dest="action", required=True)
    keys = argparse.ArgumentParser(add_help=False)
    keys.add_argument("--keys", metavar="DIR", default=os.environ.get("KORAT_UPDATE_KEYS"),
                      help="the offline folder with the root, targets and snapshot keys "
                           "(or KORAT_UPDATE_KEYS)")
    p = actions.add_parser("init", parents=[common, keys],
                           help="generate the role keys and the first metadata")
    defaults = RoleExpiry()
    for role in ("root", "targets", "snapshot", "timestamp"):
        p.add_argument(f"--{role}-days", type=int, default=defaults.days(role),
                       help=f"days a {role} signature is valid (default {defaults.days(role)})")
    p = actions.add_parser("publish", parents=[common, keys],
                           help="add an installer package and sign new metadata")
    p.add_argument("package", metavar="PACKAGE", help="the .deb or .msi")
    p.add_argument("--version", required=True, help="its version, e.g. 1.2.0")
    p.add_argument("--platform", choices=PLATFORMS, default=None,
                   help="default: from the file (.deb: linux-amd64, .msi: windows-x64)")
    p.add_argument("--channel", default="stable", help="default stable (update.channel)")
    p = actions.add_parser("refresh-timestamp", parents=[common],
                           help="re-sign the timestamp with the hub's key")
    p.add_argument("--days", type=int, default=None, help="valid for (default: from init)")
    p = actions.add_parser("export", parents=[common],
                           help="copy the current repository into a folder (USB stick)")
    p.add_argument("dest", metavar="DIR")


def _keys(args: argparse.Namespace) -> Path:
    if not args.keys:
        raise UsageError("usage.bad_argument", name="--keys", detail="required")
    return Path(args.keys).expanduser().absolute()


def _platform(args: argparse.Namespace) -> str:
    if args.platform:
        return str(args.platform)
    suffix = Path(args.package).suffix.lower()
    if suffix == ".deb":
        return "linux-amd64"
    if suffix == ".msi":
        return "windows-x64"
    raise UsageError("usage.bad_argument", name="--platform", detail="required for this file")


def run(args: argparse.Namespace, hub: Hub) -> tuple[Any, str]:
    repo = UpdateRepository(hub.settings.updates_dir)
    if args.action == "init":
        for role in ("root", "targets", "snapshot", "timestamp"):
            if getattr(args, f"{role}_days") < 1:
                raise UsageError("usage.bad_argument", name=f"--{role}-days",
                                 detail="at least 1")
        expiry = RoleExpiry(args.root_days, args.targets_days, args.snapshot_days,
                            args.timestamp_days)
        keys = _keys(args)
        root = repo.init(keys, expiry)
        return ({"repository": str(repo.root_dir), "keys": str(keys), "root": str(root)},
                f"update repository at {repo.root_dir}\n"
                f"offline keys (keep them off the hub): {keys}\n"
                f"trusted root for the installers: {root}")
    if args.action == "publish":
        done = repo.publish(_keys(args), Path(args.package), args.version, _platform(args),
                            args.channel)
        return (asdict(done),
                f"published {done.target_path} {done.version} ({done.channel}), "
                f"targets v{done.targets_version}, timestamp valid until "
                f"{done.timestamp_expires}")
    if args.action == "refresh-timestamp":
        version, expires = repo.refresh_timestamp(args.days)
        return ({"timestamp_version": version, "expires": expires.isoformat()},
                f"timestamp v{version}, valid until {expires.isoformat()}")
    files, size = repo.export(Path(args.dest).expanduser().absolute())
    return ({"dest": str(Path(args.dest).absolute()), "files": [str(f) for f in files],
             "bytes": size},
            f"exported {len(files)} files ({size:,} bytes) to {args.dest}")
