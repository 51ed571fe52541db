"""What the UI asks of the sync engine (``app.sync``), and the plain answers it shows.

The engine is :class:`korat_desktop.services.sync_ops.SyncOperations`, built alongside
the UI. The bridge reads it defensively (``getattr``), so a data dir or build without
it, or a device that never signed in to a hub, reads as
:attr:`SyncState.NOT_CONNECTED`: shown as such, never as "up to date", and nothing is
invented. Status, outbox and inbox are database reads and run on the database lane;
:func:`sync_now` talks to the hub and runs on the network lane, as the engine expects.
"""

from __future__ import annotations

import dataclasses
import enum
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # loaded with the first sync, after the window paints
    from korat_desktop.services.results import Changes

__all__ = [
    "INBOX_FIELDS",
    "OUTBOX_FIELDS",
    "SyncItem",
    "SyncState",
    "SyncStatus",
    "read_inbox",
    "read_outbox",
    "read_status",
    "set_paused",
    "sync_now",
    "sync_service",
]

OUTBOX_FIELDS = ("state", "kind", "entry_id", "attempts", "error", "created_at")
INBOX_FIELDS = ("state", "sender_name", "letter_number", "subject", "letter_date", "urgency")


class SyncState(enum.Enum):
    NOT_CONNECTED = "not_connected"  # no sync service, or this device never signed in
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


@dataclass(frozen=True)
class SyncItem:
    """One outbox or inbox line, flattened for a table (field name → text)."""

    id: int | None
    fields: tuple[tuple[str, str], ...]


def sync_service(app: Any) -> Any | None:
    """``app.sync`` when the composition root offers one, else ``None``."""
    if app is None:
        return None
    try:
        return getattr(app, "sync", None)
    except Exception:  # a service that cannot even start reads as "not connected"
        return None


def read_status(app: Any) -> SyncStatus:
    service = sync_service(app)
    if service is None or not hasattr(service, "status"):
        return SyncStatus(SyncState.NOT_CONNECTED)
    raw = service.status()
    enrollment = getattr(raw, "enrollment", None)
    if enrollment is None:
        return SyncStatus(SyncState.NOT_CONNECTED)
    queued = int(getattr(raw, "queued", 0) or 0)
    failed = int(getattr(raw, "failed", 0) or 0)
    waiting = int(getattr(raw, "inbox_waiting", 0) or 0)
    hub = str(getattr(enrollment, "hub_url", "") or "")
    if bool(app.config["sync.paused"]):
        state = SyncState.PAUSED
    elif failed:
        state = SyncState.NEEDS_ATTENTION
    elif queued:
        state = SyncState.OFFLINE
    else:
        state = SyncState.UP_TO_DATE
    return SyncStatus(state, pending=queued + failed, waiting_inbox=waiting, detail=hub)


def sync_now(app: Any, progress: Callable[[int, int, str], None],
             stop: threading.Event) -> tuple[SyncStatus, Changes]:
    """One sync pass; returns the state after it and what changed for the views."""
    from korat_desktop.services.results import Changes

    service = sync_service(app)
    if service is None or not hasattr(service, "sync") or \
            read_status(app).state is SyncState.NOT_CONNECTED:
        return SyncStatus(SyncState.NOT_CONNECTED), Changes()

    last: list[Any] = [0.0, ""]  # when the last report went out, and its phase

    def report(p: Any) -> None:
        # At most ten updates a second reach the UI thread (a phase change always does):
        # the engine reports every chunk, and a flood of queued signals would be
        # handled in one go, stalling the window for the length of the flood.
        now, phase = time.monotonic(), str(getattr(p, "phase", "") or "")
        if phase == last[1] and now - last[0] < 0.1:
            return
        last[0], last[1] = now, phase
        progress(int(getattr(p, "done", 0) or 0), int(getattr(p, "total", 0) or 0), phase)

    result = service.sync(once=True, progress=report, stop=stop)
    changes = getattr(result, "changes", Changes())
    if getattr(result, "inbox_changed", False) or getattr(result, "outbox_changed", False):
        # pulled delivery receipts belong to send-register entries, and the inbox and
        # outbox views refresh on any change: announce the send register as changed
        from korat_desktop.domain.registers import RegisterKind

        changes = changes | Changes(registers=frozenset({RegisterKind.SEND}))
    return read_status(app), changes


def set_paused(app: Any, paused: bool) -> SyncStatus:
    service = sync_service(app)
    if service is None:
        return SyncStatus(SyncState.NOT_CONNECTED)
    app.config.set_user("sync.paused", paused)
    return read_status(app)


def _text(value: Any) -> str:
    if value is None:
        return ""
    code = getattr(value, "code", None)
    if code is not None:  # an issue: code + params, in words
        from korat_desktop.messages import render
        from korat_desktop.ui import language

        return render(str(code), language.current(), dict(getattr(value, "params", {}) or {}))
    return str(getattr(value, "value", value))


def _flatten(item: Any, names: Sequence[str]) -> SyncItem:
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        pairs = [(n, _text(getattr(item, n, None))) for n in names if hasattr(item, n)]
    else:
        pairs = [("item", _text(item))]
    ident = getattr(item, "id", None)
    return SyncItem(ident if isinstance(ident, int) else None, tuple(pairs))


def read_outbox(app: Any) -> list[SyncItem] | None:
    """The outbox (รอส่ง), or ``None`` when this device is not connected to a hub."""
    service = sync_service(app)
    if service is None or not hasattr(service, "outbox") or \
            read_status(app).state is SyncState.NOT_CONNECTED:
        return None
    return [_flatten(i, OUTBOX_FIELDS) for i in service.outbox()]


def read_inbox(app: Any) -> list[SyncItem] | None:
    """Letters other offices sent us (หนังสือเข้า), or ``None`` when not connected."""
    service = sync_service(app)
    if service is None or not hasattr(service, "inbox") or \
            read_status(app).state is SyncState.NOT_CONNECTED:
        return None
    return [_flatten(i, INBOX_FIELDS) for i in service.inbox()]
