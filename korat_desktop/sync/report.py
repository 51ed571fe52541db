"""What a sync run reports: plain frozen values for the CLI, the UI and tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from korat_desktop.sync.leases import LeaseChange
from korat_desktop.sync.outbox import SyncIssue

__all__ = ["ItemResult", "SyncProgress", "SyncReport"]


@dataclass(frozen=True)
class ItemResult:
    """What happened to one outbox (or relayed) operation in this run.

    ``outcome``: committed (new on the hub), replayed (the hub already had it: our
    earlier answer was lost, or it came by another way), failed or refused (stopped,
    with ``issue``), deferred (a transient problem: retried later).
    """

    op_id: str
    kind: str
    entry_id: int | None
    outcome: str
    issue: SyncIssue | None = None
    bytes_sent: int = 0


@dataclass(frozen=True)
class SyncProgress:
    """Reported while syncing. ``phase``: probe, plan, directory, leases, upload,
    relay, commit, pull, download, upgrade. ``done``/``total`` are bytes for transfers."""

    phase: str
    op_id: str | None = None
    done: int = 0
    total: int = 0
    detail: str = ""


@dataclass(frozen=True)
class SyncReport:
    online: bool
    pushed: tuple[ItemResult, ...] = ()
    deferred: tuple[ItemResult, ...] = ()
    failed: tuple[ItemResult, ...] = ()  # stopped in this run
    pulled: int = 0  # changes applied from the feed
    new_inbox: int = 0
    new_receipts: int = 0
    downloaded: int = 0  # inbox letters whose PDFs arrived
    pending: int = 0  # still queued after the run
    stuck: tuple[ItemResult, ...] = ()  # every failed/refused operation in the outbox
    bytes_sent: int = 0
    bytes_received: int = 0
    blobs_deduplicated: int = 0
    relayed: tuple[ItemResult, ...] = ()  # courier bundles' operations forwarded (or refused)
    relay_deferred: tuple[ItemResult, ...] = ()  # to forward again (a transient problem)
    relay_pending: int = 0  # relayed operations still waiting after the run
    leases: tuple[LeaseChange, ...] = ()
    notes: tuple[SyncIssue, ...] = ()  # problems that did not stop the run
    stopped: SyncIssue | None = None  # why the run ended early
    entries_changed: frozenset[int] = frozenset()
    passes: int = 1
    started_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    duration_s: float = 0.0

    @property
    def complete(self) -> bool:
        """Everything queued reached the hub and the feed was read to its end."""
        return (self.online and self.stopped is None and self.pending == 0 and not self.deferred
                and self.relay_pending == 0 and not self.relay_deferred)

    def then(self, later: SyncReport) -> SyncReport:
        """This run followed by ``later`` (one report for several passes)."""
        return SyncReport(
            online=later.online, pushed=self.pushed + later.pushed, deferred=later.deferred,
            failed=self.failed + later.failed, pulled=self.pulled + later.pulled,
            new_inbox=self.new_inbox + later.new_inbox,
            new_receipts=self.new_receipts + later.new_receipts,
            downloaded=self.downloaded + later.downloaded, pending=later.pending,
            stuck=later.stuck, bytes_sent=self.bytes_sent + later.bytes_sent,
            bytes_received=self.bytes_received + later.bytes_received,
            blobs_deduplicated=self.blobs_deduplicated + later.blobs_deduplicated,
            relayed=self.relayed + later.relayed, relay_deferred=later.relay_deferred,
            relay_pending=later.relay_pending,
            leases=self.leases + later.leases, notes=self.notes + later.notes,
            stopped=later.stopped, entries_changed=self.entries_changed | later.entries_changed,
            passes=self.passes + later.passes, started_at=self.started_at,
            duration_s=self.duration_s + later.duration_s)
