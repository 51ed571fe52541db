"""Update operations for the CLI and the UI: check, then fetch and install.

Plain values in, frozen dataclasses out. The source is a folder (``--from DIR``, a USB
copy of the repository) or, without one, the hub this PC is signed in to, through
the same authenticated, TLS-checked transport sync uses. ``update.auto`` says what
:meth:`UpdateOperations.apply` may do: ``off`` refuses, ``ask`` installs only what
``confirm`` accepts, ``silent`` installs without asking. A refusal by TUF or a
failed install raises an :class:`UpdateError`; the installed version is untouched.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from korat_desktop.config import Config
from korat_desktop.errors import UpdateError
from korat_desktop.updates.client import AvailableUpdate, UpdateCheck, UpdateClient
from korat_desktop.updates.install import PackageInstaller, installer_for
from korat_desktop.updates.sources import DirectorySource, HubSource, UpdateSource

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp

__all__ = ["UpdateApplied", "UpdateOperations"]


@dataclass(frozen=True)
class UpdateApplied:
    check: UpdateCheck
    package: str
    installed_version: str
    command: tuple[str, ...]
    received_bytes: int


class UpdateOperations:
    def __init__(self, config: Config, installer: PackageInstaller | None = None) -> None:
        self.config = config
        self.installer = installer

    def source(self, from_dir: Path | None, stop: threading.Event | None = None,
               on_bytes: Callable[[int, int], None] | None = None,
               app: KoratApp | None = None) -> UpdateSource:
        """A folder, or the hub this PC is signed in to (``app``: the open store, else
        it is opened for a moment to read the enrollment)."""
        if from_dir is not None:
            return DirectorySource(from_dir)
        from korat_desktop.app import open_app
        from korat_desktop.sync.backoff import Backoff, Retrier
        from korat_desktop.sync.enrollment import DeviceEnrollment
        from korat_desktop.sync.pacing import BandwidthCap

        opened = app or open_app(self.config.paths.data_dir)
        try:
            _, transport = DeviceEnrollment(opened.sync.ctx).transport()
        finally:
            if app is None:
                opened.close()
        cfg = self.config
        retrier = Retrier(max(1, int(cfg["sync.retry_attempts"])),
                          Backoff(0.5, max(0.1, float(cfg["sync.max_backoff_s"]))), stop)
        return HubSource(transport, BandwidthCap(int(cfg["sync.bandwidth_cap_kbit"])), retrier,
                         stop, on_bytes)

    def check(self, source: UpdateSource) -> UpdateCheck:
        return UpdateClient(self.config, source).check()

    def apply(self, source: UpdateSource,
              confirm: Callable[[AvailableUpdate], bool] | None = None,
              *, assume_yes: bool = False) -> UpdateApplied:
        """Check, fetch and verify the newest package, then install it.

        ``assume_yes`` (``--yes``) is IT's own consent and counts as an answer, never
        as a way around ``update.auto = off``."""
        mode = str(self.config["update.auto"])
        if mode == "off":
            raise UpdateError("update.disabled")
        client = UpdateClient(self.config, source)
        check = client.check()
        if check.available is None:
            raise UpdateError("update.none_available", version=check.installed)
        if mode == "ask" and not assume_yes and not (confirm and confirm(check.available)):
            raise UpdateError("update.declined")
        package = client.fetch(check.available)
        installer = self.installer or installer_for(check.platform)
        result = installer.install(package, check.available.version)
        return UpdateApplied(check, str(package), check.available.version, result.command,
                             source.received)
