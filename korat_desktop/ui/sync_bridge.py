"""What the UI asks of the sync service (``app.sync``), and the plain state it shows.

A device that never signed in to a hub reads as :attr:`SyncState.NOT_CONNECTED`:
shown as such, never as "up to date", and nothing is invented. The status is a
database read and runs on the database lane; :func:`sync_now` talks to the hub and
runs on the network lane, as the engine expects.
"""

from __future__ import annotations

import enum
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # loaded with the first sync, after the window paints
    from korat_desktop.app import KoratApp
    from korat_desktop.services.results import Changes
    from korat_desktop.sync.report import SyncProgress

__all__ = ["SyncState", "SyncStatus", "read_status", "set_paused", "sync_now"]


class SyncState(enum.Enum):
    NOT_CONNECTED = "not_connected"  # this device never signed in to a hub
    OFFLINE = "offline"  # letters wait to be sent
    SYNCING = "syncing"
    UP_TO_DATE = "up_to_date"
    NEEDS_ATTENTION = "needs_attention"  # something was refused or failed for good
    PAUSED = "paused"


@dataclass(frozen=True)
class SyncStatus:
    state: SyncState
    percent: int | None = None
    pending: int = 0  # letters waiting to go out
    waiting_inbox: int = 0  # letters arrived, not registered yet
    detail: str = ""  # the hub, or the error


def read_status(app: KoratApp) -> SyncStatus:
    raw = app.sync.status()
    if raw.enrollment is None:
        return SyncStatus(SyncState.NOT_CONNECTED)
    if bool(app.config["sync.paused"]):
        state = SyncState.PAUSED
    elif raw.failed:
        state = SyncState.NEEDS_ATTENTION
    elif raw.queued:
        state = SyncState.OFFLINE
    else:
        state = SyncState.UP_TO_DATE
    return SyncStatus(state, pending=raw.queued + raw.failed, waiting_inbox=raw.inbox_waiting,
                      detail=raw.enrollment.hub_url)


def sync_now(app: KoratApp | None, progress: Callable[[int, int, str], None],
             stop: threading.Event) -> tuple[SyncStatus, Changes]:
    """One sync pass; returns the state after it and what changed for the views."""
    from korat_desktop.services.results import Changes

    if app is None or read_status(app).state is SyncState.NOT_CONNECTED:
        return SyncStatus(SyncState.NOT_CONNECTED), Changes()

    last: list[float | str] = [0.0, ""]  # when the last report went out, and its phase

    def report(p: SyncProgress) -> None:
        # At most ten updates a second reach the UI thread (a phase change always does):
        # the engine reports every chunk, and a flood of queued signals would be
        # handled in one go, stalling the window for the length of the flood.
        now = time.monotonic()
        if p.phase == last[1] and now - float(last[0]) < 0.1:
            return
        last[0], last[1] = now, p.phase
        progress(p.done, p.total, p.phase)

    result = app.sync.sync(once=True, progress=report, stop=stop)
    changes = result.changes
    if result.inbox_changed or result.outbox_changed:
        # pulled delivery receipts belong to send-register entries, and the inbox and
        # outbox views refresh on any change: announce the send register as changed
        from korat_desktop.domain.registers import RegisterKind

        changes = changes | Changes(registers=frozenset({RegisterKind.SEND}))
    return read_status(app), changes


def set_paused(app: KoratApp, paused: bool) -> SyncStatus:
    app.config.set_user("sync.paused", paused)
    return read_status(app)
