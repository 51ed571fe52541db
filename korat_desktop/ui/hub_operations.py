"""What the UI asks of the central e-Office (the hub) through ``app.sync``, off the UI thread.

Signing in talks to the hub and runs on the network lane; everything else here reads
or writes the local store and runs on the database lane, like the rest of the app.
Results are the core's frozen dataclasses, or the small plain rows below that join
them for a table (an inbox letter with the receive number it got, an outbox item with
the agencies it goes to).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from korat_desktop.ui.jobs import Job, Lane, Progress

if TYPE_CHECKING:  # the core's types load with the first answer, after the window paints
    from korat_desktop.app import KoratApp
    from korat_desktop.protocol.directory import Agency
    from korat_desktop.services.registration import LetterIntake
    from korat_desktop.services.results import Changes, DeliveryReceiptInfo
    from korat_desktop.sync.inbox import InboxItem
    from korat_desktop.sync.outbox import OutboxOperation, SyncIssue
    from korat_desktop.ui.operations import Operations

__all__ = ["Delivery", "HubOperations", "InboxLine", "OutboxLine", "QueueResult"]


@dataclass(frozen=True)
class InboxLine:
    """A letter another office sent us; ``receive_number`` once we registered it."""

    item: InboxItem
    receive_number: str = ""  # "12/2569"

    @property
    def key(self) -> int:
        return self.item.id


@dataclass(frozen=True)
class OutboxLine:
    """One outgoing operation and, for a letter, the agencies it is addressed to."""

    op: OutboxOperation
    subject: str = ""
    letter_number: str = ""
    recipients: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.op.op_id


@dataclass(frozen=True)
class Delivery:
    """How a sent letter is doing: whom it goes to, where it is, who registered it."""

    recipients: tuple[tuple[str, str], ...]  # (code, name)
    state: str | None  # queued | committed | failed | refused, None: not queued yet
    error: SyncIssue | None
    receipts: tuple[DeliveryReceiptInfo, ...]
    connected: bool

    @property
    def can_queue(self) -> bool:
        return self.connected and self.state is None and bool(self.recipients)


@dataclass(frozen=True)
class QueueResult:
    queued: tuple[int, ...]
    changes: Changes


class HubOperations:
    """``operations.hub``: sign-in, directory, sending, inbox and outbox for the views."""

    def __init__(self, operations: Operations) -> None:
        self._ops = operations

    # -- signing in (network lane) --------------------------------------------------------
    def login(self, hub_url: str, username: str, password: str) -> Job:
        """Enroll this device; result: EnrollmentInfo. The device token goes to the
        keyring (the core's rule). The password is held in a one-slot list the worker
        empties, so no closure, job or log keeps it."""
        secret = [password]

        def work(_progress: Progress) -> Any:
            typed = secret.pop() if secret else ""
            try:
                return self._ops.require_app().sync.login(hub_url.strip() or None,
                                                          username.strip(), typed)
            finally:
                del typed

        job = self._ops.submit("login", Lane.NETWORK, work)
        job.succeeded.connect(lambda _info: self._ops.changes.emit(_changes(office=True)))
        return job

    def enrollment(self) -> Job:
        return self._ops.database_job("enrollment", lambda app: app.sync.enrollment())

    # -- sending -------------------------------------------------------------------------
    def agencies(self) -> Job:
        """The hub's agency directory as cached here (offline too); [] when not connected."""
        return self._ops.database_job("agencies", _agencies)

    def send(self, path: Path, intake: LetterIntake, codes: Sequence[str],
             circular: bool) -> Job:
        """Register an outgoing letter addressed to hub agencies; result: RegisterResult."""
        from korat_desktop.ui.operations import read_file

        return self._ops.database_job("send-to-agencies", lambda app: app.sync.send(
            read_file(path), intake, list(codes), circular), mutation=True)

    def queue(self, entry_ids: Sequence[int]) -> Job:
        """Queue signed letters for sending; from then on they cannot change."""
        ids = list(entry_ids)

        def run(app: KoratApp) -> QueueResult:
            for entry_id in ids:
                app.sync.queue(entry_id)
            from korat_desktop.domain.registers import RegisterKind

            return QueueResult(tuple(ids), _changes(registers=frozenset({RegisterKind.SEND}),
                                                   entries=frozenset(ids)))

        return self._ops.database_job("queue", run, mutation=True)

    def retry(self, op_id: str) -> Job:
        return self._ops.database_job("retry", lambda app: _retried(app, op_id),
                                      mutation=True)

    def delivery(self, entry_id: int) -> Job:
        return self._ops.database_job("delivery", lambda app: _delivery(app, entry_id))

    # -- inbox and outbox ------------------------------------------------------------------
    def inbox(self) -> Job:
        """Letters sent to us, waiting ones first (most urgent on top); None: not connected."""
        return self._ops.database_job("inbox-lines", _inbox_lines)

    def outbox(self) -> Job:
        """What goes out, waiting and failed first; None: not connected."""
        return self._ops.database_job("outbox-lines", _outbox_lines)

    def register_inbox(self, item_id: int) -> Job:
        """Register an arrived letter (receive number, receipt stamp, receipt queued)."""
        return self._ops.database_job("register-inbox",
                                      lambda app: app.sync.register_inbox(item_id),
                                      mutation=True)


# -- work done on the database lane ------------------------------------------------------------
def _changes(**fields: Any) -> Changes:
    from korat_desktop.services.results import Changes

    return Changes(**fields)


def _connected(app: KoratApp) -> bool:
    return app.sync.enrollment() is not None


def _agencies(app: KoratApp) -> list[Agency]:
    if not _connected(app):
        return []
    own = app.sync.enrollment()
    return [a for a in app.sync.agencies() if own is None or a.code != own.agency_code]


def _retried(app: KoratApp, op_id: str) -> Any:
    op = app.sync.retry(op_id)
    return QueueResult((), _changes(entries=frozenset({op.entry_id}) if op.entry_id else
                                   frozenset()))


def _inbox_lines(app: KoratApp) -> list[InboxLine] | None:
    from korat_desktop.sync.inbox import InboxState

    if not _connected(app):
        return None
    lines = []
    for item in app.sync.inbox():
        number = ""
        if item.entry_id is not None:
            entry = app.queries.entry(item.entry_id)
            number = f"{entry.number}/{entry.year_be}"
        lines.append(InboxLine(item, number))
    waiting = (InboxState.ARRIVED, InboxState.READY)
    return sorted(lines, key=lambda line: (line.item.state not in waiting,
                                           line.item.urgency_rank if line.item.state in
                                           waiting else 0, -line.item.id))


def _outbox_lines(app: KoratApp) -> list[OutboxLine] | None:
    from korat_desktop.sync.outbox import OutboxState

    if not _connected(app):
        return None
    lines = []
    for op in app.sync.outbox():
        payload: dict[str, Any] = json.loads(op.body).get("payload", {})
        lines.append(OutboxLine(op, str(payload.get("subject", "")),
                                str(payload.get("number", "")),
                                tuple(str(c) for c in payload.get("to", []))))
    order = {OutboxState.FAILED: 0, OutboxState.REFUSED: 0, OutboxState.QUEUED: 1,
             OutboxState.COMMITTED: 2}
    return sorted(lines, key=lambda line: (order.get(line.op.state, 3), line.op.urgency_rank
                                           if line.op.state is not OutboxState.COMMITTED
                                           else 0, -line.op.id))[:500]


def _delivery(app: KoratApp, entry_id: int) -> Delivery:
    from sqlalchemy import select

    from korat_desktop.store.models import LetterRecipient

    connected = _connected(app)
    with app.database.read() as s:
        codes = list(s.scalars(select(LetterRecipient.agency_code).where(
            LetterRecipient.entry_id == entry_id).order_by(LetterRecipient.position)))
    names = {a.code: a.name for a in app.sync.agencies()} if codes else {}
    ops = [op for op in app.sync.outbox() if op.entry_id == entry_id
           and op.kind == "letter.send"]
    op = ops[-1] if ops else None
    return Delivery(tuple((c, names.get(c, c)) for c in codes),
                    None if op is None else op.state.value,
                    None if op is None else op.error,
                    app.sync.receipts_for_entry(entry_id), connected)
