"""Checking for and fetching an update with TUF (python-tuf's ngclient).

Trust starts from the root the installer put on the PC (``update-root.json`` beside
the machine config) or the file ``update.root_file`` names. ngclient keeps what it
has verified in ``<data dir>/updates/metadata``: a later repository (hub or USB stick)
whose timestamp, snapshot or targets are older than what this PC has seen is a
rollback and is refused; expired metadata (a frozen mirror, a stale stick) is
refused; a snapshot or targets file that is not the version the signed index above
it names is refused (mix-and-match); a package whose length or SHA-256 differs from
the signed targets is refused and deleted. Each refusal is an :class:`UpdateError`
saying why, and nothing is installed: the old version keeps running.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tuf.api import exceptions as tuf_errors
from tuf.api.metadata import Metadata, Root, TargetFile
from tuf.ngclient import Updater

from korat_desktop.config import Config
from korat_desktop.errors import KoratError, UpdateError
from korat_desktop.files import move_into_place
from korat_desktop.updates.keys import ROLES
from korat_desktop.updates.repository import package_custom
from korat_desktop.updates.sources import UpdateSource
from korat_desktop.updates.versions import installed_version, parse_version, this_platform

__all__ = ["AvailableUpdate", "UpdateCheck", "UpdateClient", "trusted_root_file"]


@dataclass(frozen=True)
class AvailableUpdate:
    version: str
    platform: str
    channel: str
    target_path: str
    length: int
    sha256: str

    @property
    def file_name(self) -> str:
        return self.target_path.rpartition("/")[2]


@dataclass(frozen=True)
class UpdateCheck:
    installed: str
    platform: str
    channel: str
    source: str
    available: AvailableUpdate | None


def trusted_root_file(config: Config) -> Path:
    configured = str(config["update.root_file"])
    return Path(configured) if configured else config.paths.machine_dir / "update-root.json"


def _role_in(message: str) -> str:
    low = message.lower()
    found = [(low.find(role), role) for role in ROLES if role in low]
    return min(found)[1] if found else "metadata"


def refusal(e: Exception, source: str) -> UpdateError:
    """Why TUF refused, in the app's words (the role named)."""
    text = str(e)
    role = _role_in(text)
    if isinstance(e, tuf_errors.ExpiredMetadataError):
        return UpdateError("update.expired", role=role)
    if isinstance(e, tuf_errors.BadVersionNumberError):
        if text.startswith(("Expected snapshot version", "Expected targets v")):
            return UpdateError("update.mixed", role=role)
        return UpdateError("update.rollback", role=role)
    if isinstance(e, tuf_errors.UnsignedMetadataError):
        return UpdateError("update.bad_signature", role=role)
    if isinstance(e, tuf_errors.LengthOrHashMismatchError):
        return UpdateError("update.mixed", role=role)
    if isinstance(e, tuf_errors.DownloadError):
        cause = e.__cause__
        detail = cause.message("en") if isinstance(cause, KoratError) else str(e)
        return UpdateError("update.unreachable", source=source, detail=detail)
    return UpdateError("update.bad_repository", detail=text[:300])


class UpdateClient:
    def __init__(self, config: Config, source: UpdateSource, *, installed: str | None = None,
                 platform: str | None = None) -> None:
        self.config = config
        self.source = source
        self.installed = installed or installed_version()
        self.platform = platform or this_platform()
        self.channel = str(config["update.channel"])
        self.folder = config.paths.data_dir / "updates"
        self._updater: Updater | None = None

    def _root(self) -> bytes:
        path = trusted_root_file(self.config)
        try:
            data = path.read_bytes()
        except FileNotFoundError as e:
            raise UpdateError("update.no_root", path=str(path)) from e
        except OSError as e:
            raise UpdateError("update.bad_root", path=str(path), detail=str(e)) from e
        try:
            root = Metadata[Root].from_bytes(data)
            if not isinstance(root.signed, Root):
                raise ValueError("not a root")
        except Exception as e:  # securesystemslib/tuf raise several kinds here
            raise UpdateError("update.bad_root", path=str(path), detail=str(e)[:200]) from e
        return data

    def _refreshed(self) -> Updater:
        if self._updater is not None:
            return self._updater
        metadata = self.folder / "metadata"
        packages = self.folder / "packages"
        root = self._root()
        try:
            metadata.mkdir(parents=True, exist_ok=True)
            packages.mkdir(parents=True, exist_ok=True)
            updater = Updater(str(metadata), self.source.base_url + "metadata/", str(packages),
                              self.source.base_url + "targets/", self.source.fetcher,
                              bootstrap=root)
            updater.refresh()
        except UpdateError:
            raise
        except (tuf_errors.RepositoryError, tuf_errors.DownloadError) as e:
            raise refusal(e, self.source.name) from e
        except OSError as e:
            raise UpdateError("update.unreachable", source=str(metadata), detail=str(e)) from e
        self._updater = updater
        return updater

    def check(self) -> UpdateCheck:
        """Refresh the metadata (TUF checks it all) and name the newest package for this
        platform and channel, when it is newer than what runs here."""
        updater = self._refreshed()
        # ngclient verifies top-level targets on refresh(); its API has no listing of
        # them, so the verified set is read here (no delegations in this repository)
        targets = updater._trusted_set.targets.targets
        best: tuple[object, str, TargetFile] | None = None
        for path, target in targets.items():
            mine = package_custom(target)
            if mine.get("platform") != self.platform or mine.get("channel") != self.channel:
                continue
            try:
                version = parse_version(str(mine.get("version")))
            except UpdateError:
                continue
            if best is None or version > best[0]:  # type: ignore[operator]
                best = (version, path, target)
        available = None
        if best is not None and best[0] > parse_version(self.installed):  # type: ignore[operator]
            _, path, target = best
            mine = package_custom(target)
            available = AvailableUpdate(str(mine["version"]), self.platform, self.channel, path,
                                        target.length, target.hashes["sha256"])
        return UpdateCheck(self.installed, self.platform, self.channel, self.source.name,
                           available)

    def fetch(self, update: AvailableUpdate) -> Path:
        """The package, verified against the signed targets, in the data folder."""
        updater = self._refreshed()
        try:
            info = updater.get_targetinfo(update.target_path)
        except (tuf_errors.RepositoryError, tuf_errors.DownloadError) as e:
            raise refusal(e, self.source.name) from e
        if info is None:
            raise UpdateError("update.bad_repository", detail=f"{update.target_path}: not listed")
        packages = self.folder / "packages"
        final = packages / update.file_name
        if final.is_file() and _matches(info, final):
            return final
        part = self.folder / "downloads" / f"{info.hashes['sha256']}.part"
        part.parent.mkdir(parents=True, exist_ok=True)
        folder, _, name = update.target_path.rpartition("/")
        rel = (folder + "/" if folder else "") + f"{info.hashes['sha256']}.{name}"
        self.source.download(rel, part, info.hashes["sha256"], info.length)
        if not _matches(info, part):
            part.unlink(missing_ok=True)
            raise UpdateError("update.tampered", name=update.file_name)
        move_into_place(part, final)
        return final


def _matches(info: TargetFile, path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            info.verify_length_and_hashes(fh)
    except (tuf_errors.LengthOrHashMismatchError, OSError):
        return False
    return True
