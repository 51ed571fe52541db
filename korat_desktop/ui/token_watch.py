"""Noticing when a card or USB token is inserted or pulled out.

PKCS#11 has no portable event for that, so the token lane is asked every few seconds
for the tokens present; the watcher speaks up only when the answer changes. It never
asks while the previous question is still out, nor while a batch is being signed. It
polls only while someone needs the list (a sign dialog is open): loading a vendor's
PKCS#11 library costs memory and start-up time a clerk who only registers never needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from korat_desktop.ui.operations import Operations

if TYPE_CHECKING:  # the signing stack loads with the first token listing
    from korat_desktop.services.token_listing import TokenListing

__all__ = ["TokenWatcher"]


def _fingerprint(listings: list[TokenListing]) -> tuple[object, ...]:
    return tuple((t.token.module_path, t.token.serial, t.token.label, t.token.flags.raw,
                  tuple(c.id_hex for c in t.certificates), t.problems, t.default_label)
                 for t in listings)


class TokenWatcher(QObject):
    tokens_changed = Signal(list)  # list[TokenListing]
    failed = Signal(object)

    def __init__(self, operations: Operations, interval_ms: int = 3000,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.listings: list[TokenListing] = []
        self._seen: tuple[object, ...] | None = None
        self._asking = False
        self._users = 0
        self.held = False  # e.g. while the demo token is being made
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        """One more user of the list: poll now and every few seconds."""
        self._users += 1
        self.poll()
        self._timer.start()

    def release(self) -> None:
        """A user is done; polling stops when nobody needs the list."""
        self._users = max(0, self._users - 1)
        if not self._users:
            self._timer.stop()

    def stop(self) -> None:
        self._users = 0
        self._timer.stop()

    def hold(self, held: bool) -> None:
        self.held = held
        if not held and self._users:
            self.poll()

    def poll(self) -> None:
        if self._asking or self.held or self.operations.signing_active:
            return
        self._asking = True
        self.operations.tokens().then(self._answered, self._failed)

    def _answered(self, listings: list[TokenListing]) -> None:
        self._asking = False
        fingerprint = _fingerprint(listings)
        if fingerprint != self._seen:
            self._seen = fingerprint
            self.listings = listings
            self.tokens_changed.emit(listings)

    def _failed(self, error: BaseException) -> None:
        self._asking = False
        if self._seen != ("failed",):
            self._seen = ("failed",)
            self.listings = []
            self.failed.emit(error)
