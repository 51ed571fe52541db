"""The update repository IT runs on the hub (``korat-hub updates ...``).

Layout of ``<hub data>/updates/``::

    repository/metadata/   1.root.json, root.json, N.targets.json, N.snapshot.json,
                           timestamp.json (+ unversioned copies of the current ones)
    repository/targets/    <platform>/<sha256>.<package file>  (consistent snapshots)
    timestamp.key          the one online key (the hub re-signs the timestamp)
    expiry.json            days each role's signature is valid for

Targets are the installer packages, one path per platform
(``linux-amd64/korat-desktop_1.2.0_amd64.deb``), with ``custom: {"korat": {version,
platform, channel}}`` so a client can pick the newest for itself. Metadata is written
targets first, then snapshot, then timestamp, each file whole (files.write_file): a
client that reads mid-publish still sees the previous consistent set.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from securesystemslib.signer import Signer
from tuf.api.metadata import (
    Metadata,
    MetaFile,
    Root,
    Signed,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer

from korat_desktop.errors import UpdateError, UsageError
from korat_desktop.files import write_file, write_streamed
from korat_desktop.updates.keys import OFFLINE_ROLES, ROLES, generate_key, key_file, load_signer
from korat_desktop.updates.versions import parse_version

__all__ = ["Published", "RoleExpiry", "UpdateRepository", "package_custom"]

@dataclass(frozen=True)
class RoleExpiry:
    """How many days each role's signature is valid; short ones bound a freeze attack."""

    root_days: int = 365
    targets_days: int = 90
    snapshot_days: int = 30
    timestamp_days: int = 7

    def days(self, role: str) -> int:
        return int(getattr(self, f"{role}_days"))


@dataclass(frozen=True)
class Published:
    target_path: str
    version: str
    platform: str
    channel: str
    length: int
    sha256: str
    targets_version: int
    timestamp_expires: str


def package_custom(target: TargetFile) -> dict[str, Any]:
    """The ``korat`` part of a target's custom metadata ({} for other targets)."""
    custom = target.custom
    value = custom.get("korat") if isinstance(custom, dict) else None
    return value if isinstance(value, dict) else {}


def _expires(days: int, now: datetime | None = None) -> datetime:
    return (now or datetime.now(UTC)).replace(microsecond=0) + timedelta(days=days)


class UpdateRepository:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.root_dir = folder / "repository"
        self.metadata_dir = self.root_dir / "metadata"
        self.targets_dir = self.root_dir / "targets"
        self._serializer = JSONSerializer(compact=False)

    @property
    def exists(self) -> bool:
        return (self.metadata_dir / "timestamp.json").is_file()

    # -- reading and writing metadata ---------------------------------------------------

    def _load(self, role: str, kind: type[Signed]) -> Metadata[Any]:
        path = self.metadata_dir / f"{role}.json"
        if not path.is_file():
            raise UpdateError("update.no_repository", path=str(self.folder))
        md: Metadata[Any] = Metadata.from_file(str(path))
        if not isinstance(md.signed, kind):
            raise UpdateError("update.bad_repository", detail=f"{path}: not {role}")
        return md

    def _write(self, role: str, md: Metadata[Any], versioned: bool = True) -> None:
        data = md.to_bytes(self._serializer)
        if versioned:
            write_file(self.metadata_dir / f"{md.signed.version}.{role}.json", data)
        write_file(self.metadata_dir / f"{role}.json", data)

    def expiry(self) -> RoleExpiry:
        try:
            return RoleExpiry(**json.loads((self.folder / "expiry.json").read_text()))
        except FileNotFoundError:
            return RoleExpiry()

    # -- IT's commands ------------------------------------------------------------------

    def init(self, keys_dir: Path, expiry: RoleExpiry) -> Path:
        """New keys and the first signed metadata; the root file installers carry."""
        if self.exists or self.metadata_dir.exists():
            raise UpdateError("update.repository_exists", path=str(self.folder))
        for role in ROLES:
            where = keys_dir if role in OFFLINE_ROLES else self.folder
            if key_file(where, role).exists():
                raise UpdateError("update.repository_exists", path=str(key_file(where, role)))
        signers = {role: generate_key(key_file(keys_dir if role in OFFLINE_ROLES
                                                else self.folder, role)) for role in ROLES}
        self.metadata_dir.mkdir(parents=True, exist_ok=True)
        self.targets_dir.mkdir(parents=True, exist_ok=True)
        write_file(self.folder / "expiry.json", json.dumps(asdict(expiry)).encode())
        root = Metadata(Root(expires=_expires(expiry.root_days), consistent_snapshot=True))
        for role, signer in signers.items():
            root.signed.add_key(signer.public_key, role)
        root.sign(signers["root"])
        targets = Metadata(Targets(expires=_expires(expiry.targets_days)))
        targets.sign(signers["targets"])
        snapshot = Metadata(Snapshot(expires=_expires(expiry.snapshot_days)))
        snapshot.sign(signers["snapshot"])
        timestamp = Metadata(Timestamp(expires=_expires(expiry.timestamp_days)))
        timestamp.sign(signers["timestamp"])
        self._write("root", root)
        self._write("targets", targets)
        self._write("snapshot", snapshot)
        self._write("timestamp", timestamp, versioned=False)
        root_copy = keys_dir / "update-root.json"
        write_file(root_copy, root.to_bytes(self._serializer))
        return root_copy

    def publish(self, keys_dir: Path, package: Path, version: str, platform: str,
                channel: str = "stable", now: datetime | None = None) -> Published:
        """Add ``package`` as a target and sign new targets, snapshot and timestamp."""
        parse_version(version)
        if not package.is_file():
            raise UsageError("usage.file_not_found", path=str(package))
        root = self._load("root", Root).signed
        targets = self._load("targets", Targets)
        target_signer = load_signer(keys_dir, "targets", root)
        snapshot_signer = load_signer(keys_dir, "snapshot", root)
        timestamp_signer = load_signer(self.folder, "timestamp", root)
        path = f"{platform}/{package.name}"
        for existing_path, existing in targets.signed.targets.items():
            mine = package_custom(existing)
            if existing_path == path or (mine.get("version"), mine.get("platform"),
                                         mine.get("channel")) == (version, platform, channel):
                raise UpdateError("update.already_published", version=version,
                                  platform=platform, channel=channel)
        target = TargetFile.from_file(path, str(package), ["sha256"])
        target.unrecognized_fields["custom"] = {
            "korat": {"version": version, "platform": platform, "channel": channel}}
        sha256 = target.hashes["sha256"]
        stored = self.targets_dir / platform / f"{sha256}.{package.name}"
        stored.parent.mkdir(parents=True, exist_ok=True)
        if not stored.exists():
            with package.open("rb") as src, write_streamed(stored) as dst:
                shutil.copyfileobj(src, dst, 1024 * 1024)
        targets.signed.targets[path] = target
        expiry = self.expiry()
        self._sign_and_write("targets", targets, target_signer, expiry.targets_days, now)
        stamp = self._sign_chain(snapshot_signer, timestamp_signer, targets.signed.version,
                                 expiry, now)
        return Published(path, version, platform, channel, target.length, sha256,
                         targets.signed.version, stamp.isoformat())

    def _sign_and_write(self, role: str, md: Metadata[Any], signer: Signer, days: int,
                        now: datetime | None, versioned: bool = True) -> None:
        md.signed.version += 1
        md.signed.expires = _expires(days, now)
        md.signatures.clear()
        md.sign(signer)
        self._write(role, md, versioned)

    def _sign_chain(self, snapshot_signer: Signer, timestamp_signer: Signer,
                    targets_version: int, expiry: RoleExpiry, now: datetime | None) -> datetime:
        snapshot = self._load("snapshot", Snapshot)
        snapshot.signed.meta["targets.json"] = MetaFile(version=targets_version)
        self._sign_and_write("snapshot", snapshot, snapshot_signer, expiry.snapshot_days, now)
        return self._resign_timestamp(timestamp_signer, snapshot.signed.version,
                                      expiry.timestamp_days, now)

    def _resign_timestamp(self, signer: Signer, snapshot_version: int | None, days: int,
                          now: datetime | None) -> datetime:
        timestamp = self._load("timestamp", Timestamp)
        if snapshot_version is not None:
            timestamp.signed.snapshot_meta = MetaFile(version=snapshot_version)
        self._sign_and_write("timestamp", timestamp, signer, days, now, versioned=False)
        return timestamp.signed.expires

    def refresh_timestamp(self, days: int | None = None, now: datetime | None = None
                          ) -> tuple[int, datetime]:
        """A new timestamp (same snapshot) signed with the hub's key: the version and
        its expiry. ``now`` moves the clock (tests make an expired one)."""
        root = self._load("root", Root).signed
        signer = load_signer(self.folder, "timestamp", root)
        expires = self._resign_timestamp(
            signer, None, self.expiry().timestamp_days if days is None else days, now)
        return self._load("timestamp", Timestamp).signed.version, expires

    def current_files(self) -> list[Path]:
        """What a client needs, relative to the repository root: every root version,
        the current timestamp, snapshot and targets, and the targets they list."""
        timestamp = self._load("timestamp", Timestamp).signed
        snapshot_version = timestamp.snapshot_meta.version
        snapshot = self._load("snapshot", Snapshot).signed
        targets = self._load("targets", Targets).signed
        files = sorted(p.relative_to(self.root_dir)
                       for p in self.metadata_dir.glob("*.root.json"))
        files += [Path("metadata/root.json"), Path("metadata/timestamp.json"),
                  Path(f"metadata/{snapshot_version}.snapshot.json"),
                  Path(f"metadata/{snapshot.meta['targets.json'].version}.targets.json")]
        for path, target in sorted(targets.targets.items()):
            folder, _, name = path.rpartition("/")
            files.append(Path("targets") / folder / f"{target.hashes['sha256']}.{name}")
        return files

    def export(self, dest: Path) -> tuple[list[Path], int]:
        """Copy the current repository into ``dest`` (a USB stick's folder): the files
        written and their bytes. Packages already there (same hash-named file, same
        size) are kept; metadata is replaced."""
        written: list[Path] = []
        total = 0
        for rel in self.current_files():
            source, target = self.root_dir / rel, dest / rel
            size = source.stat().st_size
            if rel.parts[0] == "targets" and target.is_file() and target.stat().st_size == size:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if rel.parts[0] == "metadata":
                write_file(target, source.read_bytes())
            else:
                target.unlink(missing_ok=True)
                with source.open("rb") as src, write_streamed(target) as dst:
                    shutil.copyfileobj(src, dst, 1024 * 1024)
            written.append(target)
            total += size
        return written, total
