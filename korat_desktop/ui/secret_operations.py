"""Secret letters (ลับ, ลับมาก) for the UI: the office key's padlock and opening one.

The key is unlocked once per session (``app.secrets.unlock`` on the database lane,
audited there) and stays open until the clerk locks it or the app closes; every window
follows :attr:`SecretOperations.lock_changed`. Opening a sealed letter for viewing goes
through ``app.secrets.open_letter`` (audited per view) and returns its real fields and
PDF; while locked, the window shows the placeholder and the padlock instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from korat_desktop.ui.jobs import Job

if TYPE_CHECKING:
    from korat_desktop.services.secrets import OpenedLetter, UnlockResult
    from korat_desktop.ui.operations import Operations

__all__ = ["SecretOperations"]


class SecretOperations(QObject):
    """``operations.secrets``: unlock / lock the office key, open a sealed letter."""

    lock_changed = Signal(bool)  # True: unlocked

    def __init__(self, operations: Operations) -> None:
        super().__init__(operations)
        self._ops = operations
        self.unlocked = False

    def _set(self, result: UnlockResult) -> UnlockResult:
        if result.unlocked != self.unlocked:
            self.unlocked = result.unlocked
            self.lock_changed.emit(self.unlocked)
        return result

    def unlock(self) -> Job[UnlockResult]:
        """Read the office key for this session; result: UnlockResult."""
        job = self._ops.database_job("secrets-unlock", lambda app: app.secrets.unlock())
        job.succeeded.connect(self._set)
        return job

    def lock(self) -> Job[UnlockResult]:
        job = self._ops.database_job("secrets-lock", lambda app: app.secrets.lock())
        job.succeeded.connect(self._set)
        return job

    def open_letter(self, entry_id: int) -> Job[OpenedLetter]:
        """A sealed letter's real fields and PDF, for viewing (audited)."""
        return self._ops.database_job("secrets-open", lambda app: app.secrets.open_letter(
            entry_id, "view"))
