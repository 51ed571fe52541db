"""The device's report of itself to the hub, at the end of each sync (the fleet view).

IT must see from the province office which PCs stopped syncing, run an old version,
are full or cannot find their card middleware, without phoning a clerk. The report
is small (a few hundred bytes), goes after the letters, and is never worth a failed
sync: one try, no retries (the next pass sends a fresh one), and whatever goes wrong
is logged and forgotten. A report with nothing new is sent at most every quarter of
an hour. It carries codes and counts only: no letter, subject, PIN,
password or token (the bearer header aside), and middleware by file name, not path
(a path can name the clerk's home folder).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import platform
import re
import shutil
import time
from collections.abc import Sequence
from pathlib import PurePath

from korat_desktop import __version__
from korat_desktop.errors import KoratError
from korat_desktop.protocol.fleet import ERROR_CODE_PATTERN, DeviceReport
from korat_desktop.store.models import SyncEnrollment
from korat_desktop.sync.context import SyncContext, utc_now
from korat_desktop.sync.outbox import Outbox, OutboxState
from korat_desktop.sync.transport import HubTransport

__all__ = ["REPORT_EVERY_S", "REPORT_PATH", "build_report", "send_report", "token_middleware"]

log = logging.getLogger(__name__)

REPORT_PATH = "/devices/me/report"
_CODE = re.compile(ERROR_CODE_PATTERN)


def token_middleware(paths: Sequence[str]) -> list[str]:
    """The configured PKCS#11 modules installed here, by file name.

    Found on disk, not loaded: a sync every minute must not dlopen vendors' libraries
    (``korat diagnostics`` loads them and lists the tokens). A bare name (Windows:
    ``opensc-pkcs11.dll``) is looked for where the loader looks, the PATH folders.
    """
    found: list[str] = []
    for path in paths:
        if "/" in path or os.sep in path:
            present = os.path.isfile(path)
        else:
            present = any(os.path.isfile(os.path.join(folder, path))
                          for folder in os.environ.get("PATH", "").split(os.pathsep) if folder)
        name = PurePath(path).name[:200]
        if present and name and name not in found:
            found.append(name)
    return found[:16]


def _free_disk(ctx: SyncContext) -> int | None:
    try:
        return shutil.disk_usage(ctx.data_dir).free
    except OSError:
        return None


def build_report(ctx: SyncContext, recent_errors: Sequence[str] = ()) -> DeviceReport:
    """What this device says about itself now. ``recent_errors``: codes this pass met,
    oldest first; without any, the newest error an outbox item holds."""
    now = utc_now()
    with ctx.database.read() as s:
        row = s.get(SyncEnrollment, 1)
        last_sync = row.last_sync_at if row is not None else None
        outbox = Outbox(s, ctx.actor)
        queued = outbox.listing((OutboxState.QUEUED,))
        stopped = outbox.listing((OutboxState.FAILED, OutboxState.REFUSED))
    codes = [c for c in recent_errors if _CODE.match(c)]
    if not codes:
        held = sorted((o for o in (*queued, *stopped) if o.error is not None),
                      key=lambda o: o.created_at)
        codes = [o.error.code for o in held if o.error is not None and _CODE.match(o.error.code)]
    oldest = min((o.created_at for o in queued), default=None)
    if last_sync is not None and last_sync.tzinfo is None:
        last_sync = last_sync.replace(tzinfo=dt.UTC)
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=dt.UTC)
    return DeviceReport(
        app_version=__version__, os=(platform.platform() or "unknown")[:200],
        last_sync_at=last_sync, pending_ops=len(queued), failed_ops=len(stopped),
        oldest_pending_s=None if oldest is None else max(0, int((now - oldest).total_seconds())),
        last_error=codes[-1][:64] if codes else None, free_disk_bytes=_free_disk(ctx),
        token_middleware=token_middleware(
            [str(p) for p in ctx.config["signing.pkcs11_modules"]]))


REPORT_EVERY_S = 15 * 60.0
"""A report that says nothing new waits this long since the last one from this process.

The window syncs every ``sync.interval_s`` (a minute); 15,000 PCs reporting each
minute would be 250 hub writes a second for nothing. Staleness is counted in days."""

_SENT: dict[tuple[str, str], tuple[float, tuple[object, ...]]] = {}
"""(data folder, hub) -> (monotonic time, what mattered) of the last report that got through."""


def _what_matters(report: DeviceReport) -> tuple[object, ...]:
    """What IT acts on; free disk and ages change at every pass."""
    return (report.app_version, report.os, report.pending_ops, report.failed_ops,
            report.last_error, tuple(report.token_middleware))


def send_report(ctx: SyncContext, transport: HubTransport,
                recent_errors: Sequence[str] = ()) -> str:
    """Send the report once: ``sent``; ``skipped`` when this process sent the same
    within :data:`REPORT_EVERY_S`; ``failed`` (logged, never raised) when it did not
    get through, including to a hub too old to take reports."""
    key = (str(ctx.data_dir), transport.hub_url)
    try:
        report = build_report(ctx, recent_errors)
        last = _SENT.get(key)
        if last is not None and last[1] == _what_matters(report) \
                and time.monotonic() - last[0] < REPORT_EVERY_S:
            return "skipped"
        transport.request("PUT", REPORT_PATH, expect=(200,),
                          data=report.model_dump_json().encode("utf-8"),
                          headers={"Content-Type": "application/json"}).close()
        _SENT[key] = (time.monotonic(), _what_matters(report))
        return "sent"
    except KoratError as e:
        log.warning("device report not sent: %s", e.code)
    except Exception as e:  # the report must never fail a sync
        log.warning("device report not sent: %s", type(e).__name__)
    return "failed"
