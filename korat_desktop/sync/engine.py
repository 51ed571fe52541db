"""The sync engine: one pass of plan → transfer → commit → pull, resumable anywhere.

Everything the engine does is driven by durable state in the local database, so a
pass can be cut at any point (kill -9, power cut, hub restart, link drop) and the
next pass continues from where that state says:

* **plan**: due outbox operations, small metadata first (receipts, voided numbers),
  then letters, most urgent (ด่วนที่สุด) first. Anything policy forbids (ลับที่สุด)
  is refused here with its reason and never touches the network.
* **transfer**: each referenced blob goes up with tus, resumed from the hub's offset;
  a blob the hub already holds for our agency costs one small request.
* **commit**: ``POST /ops/{op_id}/commit`` with the exact JSON queued. The hub's
  commit is idempotent, so a commit whose answer was lost is simply sent again and
  answered with the original receipt (or seen in the change feed as our own).
* **pull**: ``GET /changes`` page by page, each page applied in one transaction with
  the cursor after it; then the PDFs of arrived letters, resumable with ``Range``.
* **report**: last, the device's small report of itself for IT's fleet view
  (:mod:`korat_desktop.sync.fleet_report`); it never fails or delays the pass.

A permanent refusal stops only its item (kept as ``failed`` with the hub's reason);
a transient one is retried with backoff and, if it persists, waits for a later pass.
Losing the hub altogether (or the device's sign-in) ends the pass early.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from korat_desktop.errors import KoratError, SyncError
from korat_desktop.protocol.changes import ChangePage
from korat_desktop.protocol.ops import OpReceipt
from korat_desktop.store.models import Blob, SentLetter, SyncEnrollment, UploadSessionRow
from korat_desktop.sync.backoff import Backoff, Retrier, interruptible_sleep
from korat_desktop.sync.capabilities import check_hub_accepts
from korat_desktop.sync.changes import ChangeApplier
from korat_desktop.sync.chunks import ChunkSizer
from korat_desktop.sync.context import SyncContext, utc_now
from korat_desktop.sync.directory import refresh_directory
from korat_desktop.sync.downloads import BlobDownload
from korat_desktop.sync.enrollment import DeviceEnrollment
from korat_desktop.sync.failures import is_transient, stops_the_pass
from korat_desktop.sync.fleet_report import send_report
from korat_desktop.sync.inbox import InboxState, inbox_items, mark_ready
from korat_desktop.sync.leases import LeaseChange, LeaseKeeper
from korat_desktop.sync.outbox import Outbox, OutboxOperation, OutboxState, SyncIssue
from korat_desktop.sync.pacing import BandwidthCap
from korat_desktop.sync.policy import refusal
from korat_desktop.sync.relay import (
    WAITS_FOR_HUB,
    BundleRelay,
    RelayOutcome,
    pending_bundles,
    pending_relay_count,
)
from korat_desktop.sync.report import ItemResult, SyncProgress, SyncReport
from korat_desktop.sync.transport import HubTransport
from korat_desktop.sync.uploads import UploadSession

__all__ = ["ProgressCallback", "SyncEngine"]

ProgressCallback = Callable[[SyncProgress], None]
_PAGE_SIZE = 100
_MAX_PAGES = 10_000


@dataclass
class _Tally:
    online: bool = False
    pushed: list[ItemResult] = field(default_factory=list)
    deferred: list[ItemResult] = field(default_factory=list)
    failed: list[ItemResult] = field(default_factory=list)
    pulled: int = 0
    new_inbox: int = 0
    new_receipts: int = 0
    downloaded: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    deduplicated: int = 0
    relayed: list[ItemResult] = field(default_factory=list)
    relay_deferred: list[ItemResult] = field(default_factory=list)
    leases: list[LeaseChange] = field(default_factory=list)
    notes: list[SyncIssue] = field(default_factory=list)
    stopped: SyncIssue | None = None
    entries: set[int] = field(default_factory=set)


class SyncEngine:
    """Runs sync passes for one data folder (no UI: the CLI, the UI and tests drive it)."""

    def __init__(self, ctx: SyncContext, *, progress: ProgressCallback | None = None,
                 stop: threading.Event | None = None) -> None:
        self.ctx = ctx
        self.progress = progress
        self.stop = stop
        cfg = ctx.config
        self.attempts = max(1, int(cfg["sync.retry_attempts"]))
        self.max_backoff_s = max(0.1, float(cfg["sync.max_backoff_s"]))
        self.cap = BandwidthCap(int(cfg["sync.bandwidth_cap_kbit"]))
        self.sizer = ChunkSizer(target_s=float(cfg["sync.chunk_target_s"]))

    # -- helpers (shared with the other network steps, e.g. relay_outward) ----------------
    def report(self, phase: str, **kw: object) -> None:
        """Progress to whoever listens (the CLI's line, the window's bar)."""
        if self.progress is not None:
            self.progress(SyncProgress(phase, **kw))  # type: ignore[arg-type]

    def retrier(self) -> Retrier:
        """A fresh retry loop for one item, with the configured attempts and backoff."""
        return Retrier(self.attempts, Backoff(0.5, self.max_backoff_s), self.stop)

    def _defer_until(self, attempts: int) -> dt.datetime:
        delay = Backoff(1.0, self.max_backoff_s, attempt=attempts).next_delay()
        return utc_now() + dt.timedelta(seconds=delay)

    # -- the pass -------------------------------------------------------------------------
    def run_pass(self) -> SyncReport:
        started = utc_now()
        clock = time.monotonic()
        tally = _Tally()
        info, transport = DeviceEnrollment(self.ctx).transport()
        try:
            self.report("probe", detail=info.hub_url)
            if not transport.healthy(min(5.0, transport.settings.read_timeout_s)):
                tally.stopped = SyncIssue("sync.offline", {"url": info.hub_url}, True)
            else:
                tally.online = True
                self._run_phases(transport, tally)
        except SyncError as e:
            tally.stopped = SyncIssue.of(e, is_transient(e))
            if e.code == "sync.offline":
                tally.online = False
        finally:
            transport.close()
        with self.ctx.database.write() as s:
            if tally.online:
                row = s.get(SyncEnrollment, 1)
                if row is not None:
                    row.last_sync_at = utc_now()
            outbox = Outbox(s, self.ctx.actor)
            pending = outbox.count(OutboxState.QUEUED)
            relay_pending = pending_relay_count(s)
            stuck = tuple(ItemResult(o.op_id, o.kind, o.entry_id, o.state.value, o.error)
                          for o in outbox.listing((OutboxState.FAILED, OutboxState.REFUSED)))
        return SyncReport(
            online=tally.online, pushed=tuple(tally.pushed), deferred=tuple(tally.deferred),
            failed=tuple(tally.failed), pulled=tally.pulled, new_inbox=tally.new_inbox,
            new_receipts=tally.new_receipts, downloaded=tally.downloaded, pending=pending,
            stuck=stuck, bytes_sent=tally.bytes_sent, bytes_received=tally.bytes_received,
            blobs_deduplicated=tally.deduplicated, relayed=tuple(tally.relayed),
            relay_deferred=tuple(tally.relay_deferred), relay_pending=relay_pending,
            leases=tuple(tally.leases),
            notes=tuple(tally.notes), stopped=tally.stopped,
            entries_changed=frozenset(tally.entries), started_at=started,
            duration_s=time.monotonic() - clock)

    def _run_phases(self, transport: HubTransport, tally: _Tally) -> None:
        self._plan(tally)
        self._side_phase("directory", tally,
                         lambda: refresh_directory(self.ctx, transport, self.retrier()))
        self._side_phase("leases", tally, lambda: self._leases(transport, tally))
        self._relay(transport, tally)
        self._push(transport, tally)
        self._pull(transport, tally)
        self._download(transport, tally)
        self._report_device(transport, tally)

    def _side_phase(self, name: str, tally: _Tally, step: Callable[[], object]) -> None:
        """A phase whose failure should not keep letters from going out."""
        self.report(name)
        try:
            step()
        except SyncError as e:
            if stops_the_pass(e):
                raise
            tally.notes.append(SyncIssue.of(e, is_transient(e)))

    def _report_device(self, transport: HubTransport, tally: _Tally) -> None:
        """The fleet report, after the letters: one try, never an error of the pass."""
        self.report("report")
        met = [i.issue.code for i in (*tally.failed, *tally.deferred) if i.issue is not None]
        send_report(self.ctx, transport, [*met, *(n.code for n in tally.notes)])

    # -- plan -------------------------------------------------------------------------------
    def _plan(self, tally: _Tally) -> None:
        self.report("plan")
        with self.ctx.database.write() as s:
            outbox = Outbox(s, self.ctx.actor)
            for op in outbox.listing((OutboxState.QUEUED,)):
                refused = refusal(op.op)
                if refused is not None:
                    outbox.mark_stopped(op.op_id, refused, OutboxState.REFUSED)
                    tally.failed.append(ItemResult(op.op_id, op.kind, op.entry_id, "refused",
                                                   SyncIssue.of(refused)))

    # -- leases -----------------------------------------------------------------------------
    def _leases(self, transport: HubTransport, tally: _Tally) -> None:
        changes = LeaseKeeper(self.ctx, transport, self.retrier()).maintain()
        tally.leases += changes

    # -- relay ------------------------------------------------------------------------------
    def _relay(self, transport: HubTransport, tally: _Tally) -> None:
        """Forward imported courier bundles (before our own outbox: see sync/relay.py)."""
        with self.ctx.database.read() as s:
            bundles = pending_bundles(s)
        relay = BundleRelay(self.ctx, transport, self.retrier,
                            lambda sha, bundle_id: self._upload_blob(transport, sha, bundle_id,
                                                                     tally),
                            self._forget_uploads)
        for bundle in bundles:
            if self.stop is not None and self.stop.is_set():
                raise SyncError("sync.cancelled")
            self.report("relay", op_id=bundle.bundle_id, detail=bundle.sender_agency)
            outcomes: list[RelayOutcome] = []
            sent_before = tally.bytes_sent
            try:
                relay.run(bundle, outcomes)
            except KoratError as e:
                if isinstance(e, SyncError) and stops_the_pass(e):
                    raise
                transient = is_transient(e) or e.code == "op.blobs_missing"
                if transient or e.code in WAITS_FOR_HUB:
                    relay.note_waiting(bundle, e)
                    done = {o.op_id for o in outcomes}
                    tally.relay_deferred += [
                        ItemResult(op_id, kind, None, "deferred", SyncIssue.of(e, transient))
                        for op_id, kind, _ in bundle.ops if op_id not in done]
                    if transient and not transport.healthy():
                        raise SyncError("sync.offline", url=transport.hub_url) from e
                else:  # the hub refused the bundle itself (e.g. a changed operations.json)
                    outcomes += relay.refuse_all(bundle, e)
            sent = tally.bytes_sent - sent_before
            tally.relayed += [ItemResult(o.op_id, o.kind, None, o.state,
                                         None if o.error is None else SyncIssue.of(o.error),
                                         sent if i == 0 else 0)
                              for i, o in enumerate(outcomes)]

    # -- push -------------------------------------------------------------------------------
    def _push(self, transport: HubTransport, tally: _Tally) -> None:
        with self.ctx.database.read() as s:
            due = Outbox(s, self.ctx.actor).due()
        for op in due:
            if self.stop is not None and self.stop.is_set():
                raise SyncError("sync.cancelled")
            sent_before = tally.bytes_sent
            try:
                replayed = self._deliver(transport, op, tally)
            except KoratError as e:  # e.g. its PDF is missing here: this item only
                if isinstance(e, SyncError) and stops_the_pass(e):
                    raise
                sent = tally.bytes_sent - sent_before
                if is_transient(e):
                    with self.ctx.database.write() as s:
                        Outbox(s, self.ctx.actor).defer(op.op_id, e,
                                                        self._defer_until(op.attempts + 1))
                    tally.deferred.append(ItemResult(op.op_id, op.kind, op.entry_id, "deferred",
                                                     SyncIssue.of(e, True), sent))
                    if not transport.healthy():
                        raise SyncError("sync.offline", url=transport.hub_url) from e
                else:
                    with self.ctx.database.write() as s:
                        Outbox(s, self.ctx.actor).mark_stopped(op.op_id, e, OutboxState.FAILED)
                    tally.failed.append(ItemResult(op.op_id, op.kind, op.entry_id, "failed",
                                                   SyncIssue.of(e), sent))
                continue
            tally.pushed.append(ItemResult(op.op_id, op.kind, op.entry_id,
                                           "replayed" if replayed else "committed", None,
                                           tally.bytes_sent - sent_before))

    def _deliver(self, transport: HubTransport, op: OutboxOperation, tally: _Tally) -> bool:
        """Transfer the operation's blobs, then commit it. True when it was a replay."""
        check_hub_accepts(transport, op.op)
        for attempt in range(2):
            self._upload_all(transport, op, tally)
            self.report("commit", op_id=op.op_id)
            try:
                response = self.retrier().call(lambda: transport.request(
                    "POST", f"/ops/{op.op_id}/commit", expect=(200, 201),
                    data=op.body.encode("utf-8"),
                    headers={"Content-Type": "application/json"}))
            except SyncError as e:
                if e.code == "op.blobs_missing" and attempt == 0:
                    # The hub lost an upload we thought finished: send those blobs again.
                    self._forget_uploads(str(e.params.get("missing", "")).split(","))
                    continue
                raise
            try:
                receipt = OpReceipt.model_validate(response.json())
            except (ValueError, ValidationError) as e:
                raise SyncError("sync.bad_response", detail="commit receipt") from e
            replayed = response.status_code == 200
            with self.ctx.database.write() as s:
                Outbox(s, self.ctx.actor).mark_committed(op.op_id, receipt.model_dump_json(),
                                                         replayed)
                letter = s.get(SentLetter, op.op_id)
                if letter is not None and letter.committed_at is None:
                    letter.committed_at = receipt.committed_at
                if op.entry_id is not None:
                    tally.entries.add(op.entry_id)
            return replayed
        raise SyncError("op.blobs_missing", missing=",".join(op.blobs), status=424)

    def _upload_all(self, transport: HubTransport, op: OutboxOperation, tally: _Tally) -> None:
        for sha in op.blobs:
            self._upload_blob(transport, sha, op.op_id, tally)

    def _upload_blob(self, transport: HubTransport, sha: str, op_id: str,
                     tally: _Tally) -> None:
        """One blob up with tus (resumed, or skipped when the hub holds it)."""
        def on_bytes(done: int, total: int) -> None:
            self.report("upload", op_id=op_id, done=done, total=total)

        self.report("upload", op_id=op_id, detail=sha)
        session = UploadSession(self.ctx, transport, sha, self.sizer, self.cap,
                                self.retrier(), on_bytes=on_bytes, stop=self.stop)
        try:
            outcome = session.run()
        finally:
            tally.bytes_sent += session.sent
        if outcome.skipped:
            tally.deduplicated += 1

    def _forget_uploads(self, hashes: Sequence[str]) -> None:
        with self.ctx.database.write() as s:
            for sha in hashes:
                row = s.get(UploadSessionRow, sha.strip())
                if row is not None:
                    s.delete(row)

    # -- pull -------------------------------------------------------------------------------
    def _pull(self, transport: HubTransport, tally: _Tally) -> None:
        for _ in range(_MAX_PAGES):
            self.report("pull")
            with self.ctx.database.read() as s:
                row = s.get(SyncEnrollment, 1)
                cursor = row.changes_cursor if row else None
            params: dict[str, str | int] = {"limit": _PAGE_SIZE}
            if cursor:
                params["since"] = cursor
            data = self._fetch_page(transport, params)
            try:
                page = ChangePage.model_validate(data)
            except ValidationError as e:
                raise SyncError("sync.bad_response", detail="GET /changes") from e
            with self.ctx.database.write() as s:
                applied = ChangeApplier(s, self.ctx.actor).apply(page)
            tally.pulled += applied.changes
            tally.new_inbox += applied.new_inbox
            tally.new_receipts += applied.new_receipts
            if not page.has_more:
                return

    def _fetch_page(self, transport: HubTransport, params: dict[str, str | int]) -> object:
        return self.retrier().call(lambda: transport.json("GET", "/changes", params=params))

    def _download(self, transport: HubTransport, tally: _Tally) -> None:
        with self.ctx.database.read() as s:
            items = inbox_items(s, (InboxState.ARRIVED,))
        for item in items:
            try:
                for sha in item.blobs:
                    self._fetch_blob(transport, item.id, sha, tally)
                with self.ctx.database.write() as s:
                    mark_ready(s, self.ctx.actor, item.id)
                tally.downloaded += 1
            except SyncError as e:
                if stops_the_pass(e):
                    raise
                tally.notes.append(SyncIssue.of(e, is_transient(e)))
                if is_transient(e) and not transport.healthy():
                    raise SyncError("sync.offline", url=transport.hub_url) from e

    def _fetch_blob(self, transport: HubTransport, item_id: int, sha: str,
                    tally: _Tally) -> None:
        with self.ctx.database.read() as s:
            have = s.get(Blob, sha) is not None
        if have and self.ctx.blobs.exists(sha):
            return
        self.report("download", detail=sha)
        download = BlobDownload(
            self.ctx, transport, sha, self.cap, self.retrier(),
            on_bytes=lambda done, total: self.report("download", done=done, total=total,
                                                      detail=sha), stop=self.stop)
        try:
            download.run()
        finally:
            tally.bytes_received += download.received

    # -- several passes -------------------------------------------------------------------
    def run(self, once: bool = True, timeout_s: float | None = None) -> SyncReport:
        """One pass, or passes until everything is through (or ``timeout_s`` is up).

        Between passes it waits with backoff: the link is down or the hub refused
        something transiently; items wait at least until their own retry time.
        """
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        report = self.run_pass()
        backoff = Backoff(1.0, self.max_backoff_s)
        while not once and not report.complete:
            if report.stopped is not None and not report.stopped.transient:
                break
            relay_retry = any(i.issue is not None and i.issue.transient
                              for i in report.relay_deferred)
            if not report.deferred and not relay_retry and report.online and report.pending == 0:
                break
            wait = self._until_next_due(backoff.next_delay())
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                wait = min(wait, left)
            try:
                interruptible_sleep(wait, self.stop)
            except SyncError:
                break
            if deadline is not None and time.monotonic() >= deadline:
                break
            report = report.then(self.run_pass())
        return report

    def _until_next_due(self, fallback: float) -> float:
        with self.ctx.database.read() as s:
            due = [o.next_attempt_at for o in Outbox(s, self.ctx.actor).listing(
                (OutboxState.QUEUED,)) if o.next_attempt_at is not None]
        if not due:
            return fallback
        seconds = (min(due) - utc_now()).total_seconds()
        return max(0.2, min(fallback, seconds))

