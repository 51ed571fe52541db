"""Noticing a courier's stick: which removable drives are mounted, and bundles on a new one.

No portable event says "a drive appeared", so the mounted volumes are read every few
seconds (QStorageInfo reads the mount table; it does not touch the drives' contents).
When a drive shows up that was not there at the last look, its top folder is listed
for ``.korat`` bundles, and if it holds any the window offers to import them. Drives
present when the app starts are taken as known: a clerk who wants those imported
drops the files on the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from korat_desktop.ui.drives import Drive, bundles_in, removable_drives

__all__ = ["DriveWatcher"]


class DriveWatcher(QObject):
    drives_changed = Signal(list)  # list[Drive], whenever the set of drives differs
    bundles_found = Signal(object, list)  # Drive, list[Path]: on a drive just mounted

    def __init__(self, interval_ms: int = 3000,
                 list_drives: Callable[[], list[Drive]] = removable_drives,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.list_drives = list_drives  # reads the OS mount table; a test may name its own
        self.drives: list[Drive] = []
        self._known: set[str] | None = None  # None: not looked yet
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.poll()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def poll(self) -> None:
        drives = self.list_drives()
        keys = {d.key for d in drives}
        first, known = self._known is None, self._known or set()
        self._known = keys
        if [d.key for d in drives] != [d.key for d in self.drives] or first:
            self.drives = drives
            self.drives_changed.emit(drives)
        if first:
            return
        for drive in drives:
            if drive.key not in known:
                found = bundles_in(drive.root)
                if found:
                    self.bundles_found.emit(drive, found)
