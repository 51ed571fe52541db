"""What the UI asks of the central e-Office (the hub) through ``app.sync``, off the UI thread.

Signing in talks to the hub and runs on the network lane; everything else here reads
or writes the local store and runs on the database lane, like the rest of the app.
Each operation is one call of :class:`~korat_desktop.services.sync_ops.SyncOperations`,
the same the CLI makes; the rows the views show are the core's frozen dataclasses
(:mod:`korat_desktop.services.sync_rows`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from korat_desktop.ui.jobs import Job, Lane, Progress

if TYPE_CHECKING:  # the core's types load with the first answer, after the window paints
    from korat_desktop.app import KoratApp
    from korat_desktop.protocol.directory import Agency
    from korat_desktop.services.registration import LetterIntake
    from korat_desktop.services.results import Changes, RegisterResult
    from korat_desktop.services.sync_ops import EnrollmentResult, OutboxResult
    from korat_desktop.services.sync_rows import Delivery, DeliverySummary, InboxLine, OutboxLine
    from korat_desktop.sync.enrollment import EnrollmentInfo
    from korat_desktop.ui.operations import Operations

__all__ = ["HubOperations", "QueueResult"]


@dataclass(frozen=True)
class QueueResult:
    """Several letters queued at once (one ``app.sync.queue`` call each)."""

    queued: tuple[int, ...]
    changes: Changes


class HubOperations:
    """``operations.hub``: sign-in, directory, sending, inbox and outbox for the views."""

    def __init__(self, operations: Operations) -> None:
        self._ops = operations

    # -- signing in (network lane) --------------------------------------------------------
    def login(self, hub_url: str, username: str, password: str,
              setup_code: str | None = None) -> Job[EnrollmentResult]:
        """Enroll this device. The device token goes to the keyring (the core's rule).
        The password is held in a one-slot list the worker empties, so no closure, job
        or log keeps it. With ``setup_code`` (an account IT imported) the password is
        the one being set."""
        secret = [password]

        def work(_progress: Progress) -> EnrollmentResult:
            typed = secret.pop() if secret else ""
            try:
                return self._ops.require_app().sync.login(hub_url.strip() or None,
                                                          username.strip(), typed,
                                                          setup_code=setup_code)
            finally:
                del typed

        return self._ops.announcing(self._ops.submit("login", Lane.NETWORK, work))

    def enrollment(self) -> Job[EnrollmentInfo | None]:
        return self._ops.database_job("enrollment", lambda app: app.sync.enrollment())

    # -- sending -------------------------------------------------------------------------
    def agencies(self) -> Job[list[Agency]]:
        """The agency directory as cached here (offline too), without this office."""
        return self._ops.database_job("agencies", _agencies)

    def send(self, path: Path, intake: LetterIntake, codes: Sequence[str],
             circular: bool) -> Job[RegisterResult]:
        """Register an outgoing letter addressed to hub agencies."""
        from korat_desktop.ui.operations import read_file

        return self._ops.mutation_job("send-to-agencies", lambda app: app.sync.send(
            read_file(path), intake, list(codes), circular))

    def queue(self, entry_ids: Sequence[int]) -> Job[QueueResult]:
        """Queue signed letters for sending; from then on they cannot change."""
        ids = list(entry_ids)
        return self._ops.mutation_job("queue", lambda app: _queued(app, ids))

    def retry(self, op_id: str) -> Job[OutboxResult]:
        return self._ops.mutation_job("retry", lambda app: app.sync.retry(op_id))

    def delivery(self, entry_id: int) -> Job[Delivery]:
        return self._ops.database_job("delivery", lambda app: app.sync.delivery(entry_id))

    def delivery_summaries(self, entry_ids: Sequence[int]) -> Job[dict[int, DeliverySummary]]:
        ids = list(entry_ids)
        return self._ops.database_job("delivery-summaries",
                                      lambda app: app.sync.delivery_summaries(ids))

    # -- inbox and outbox ------------------------------------------------------------------
    def inbox(self) -> Job[list[InboxLine] | None]:
        """Letters sent to us, waiting ones first (most urgent on top); None: not connected."""
        return self._ops.database_job("inbox-lines", lambda app: app.sync.inbox_lines())

    def outbox(self) -> Job[list[OutboxLine] | None]:
        """What goes out, waiting and failed first; None: not connected."""
        return self._ops.database_job("outbox-lines", lambda app: app.sync.outbox_lines())

    def register_inbox(self, item_id: int) -> Job[RegisterResult]:
        """Register an arrived letter (receive number, receipt stamp, receipt queued)."""
        return self._ops.mutation_job("register-inbox",
                                      lambda app: app.sync.register_inbox(item_id))


# -- work done on the database lane ------------------------------------------------------------
def _agencies(app: KoratApp) -> list[Agency]:
    # An office that only uses couriers has a directory (from a bundle) and no sign-in;
    # one that has neither has an empty directory.
    own = app.office.info().agency_code
    return [a for a in app.sync.agencies() if a.code != own]


def _queued(app: KoratApp, ids: list[int]) -> QueueResult:
    from korat_desktop.services.results import Changes

    changes = Changes()
    for entry_id in ids:
        changes = changes | app.sync.queue(entry_id).changes
    return QueueResult(tuple(ids), changes)
