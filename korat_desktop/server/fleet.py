"""The fleet: every device's last report, and the questions IT asks of them.

IT runs hundreds of offices far away. What it needs first is who has gone quiet (no
report for N days, by the hub's own clock), who runs an old version, and which error
codes come up most. ``korat-hub devices`` and the fleet page both read
:func:`fleet_devices`, so the two never disagree.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, select, update

from korat_desktop.errors import UsageError
from korat_desktop.protocol.fleet import DeviceReport
from korat_desktop.server.db.engine import insert_ignoring_conflict
from korat_desktop.server.db.schema import agencies, device_reports, devices, users
from korat_desktop.server.devices import DeviceIdentity

__all__ = [
    "FleetDevice",
    "FleetFilter",
    "common_errors",
    "fleet_devices",
    "newest_version",
    "parse_age",
    "save_report",
    "select_devices",
    "version_key",
]


def save_report(conn: Connection, device_id: str, report: DeviceReport,
                received_at: dt.datetime) -> None:
    """Keep ``report`` as the device's latest (one row per device, replaced)."""
    values = {
        "reported_at": received_at, "app_version": report.app_version, "os": report.os,
        "last_sync_at": report.last_sync_at, "pending_ops": report.pending_ops,
        "failed_ops": report.failed_ops, "oldest_pending_s": report.oldest_pending_s,
        "last_error": report.last_error, "free_disk_bytes": report.free_disk_bytes,
        "token_middleware": json.dumps(report.token_middleware, ensure_ascii=False),
    }
    insert_ignoring_conflict(conn, device_reports, {"device_id": device_id, **values})
    conn.execute(update(device_reports).where(device_reports.c.device_id == device_id)
                 .values(**values))


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """``0.10.2`` sorts after ``0.9.7``: numeric parts compare as numbers; a part with
    letters (``1.0rc1``) sorts before the plain number it starts with."""
    key: list[tuple[int, str]] = []
    for part in re.split(r"[.+\-]", version):
        digits = re.match(r"\d*", part)
        number = digits.group(0) if digits else ""
        rest = part[len(number):]
        key.append((int(number) if number else -1, rest or "~"))
    return tuple(key)


_AGE = re.compile(r"^\s*(\d{1,6})\s*([dhm]?)\s*$")


def parse_age(text: str) -> dt.timedelta:
    """``7d``, ``12h``, ``30m`` or plain days (``7``), as ``--stale`` takes it."""
    match = _AGE.match(text.lower())
    if match is None:
        raise UsageError("usage.bad_argument", name="--stale",
                         detail=f"{text!r}: use e.g. 7d, 12h or 30m")
    value, unit = int(match.group(1)), match.group(2) or "d"
    return dt.timedelta(**{{"d": "days", "h": "hours", "m": "minutes"}[unit]: value})


@dataclass(frozen=True)
class FleetFilter:
    """Which devices to list; every condition given must hold."""

    stale_for: dt.timedelta | None = None
    version_below: str | None = None
    agency: str | None = None


@dataclass(frozen=True)
class FleetDevice(DeviceIdentity):
    """One enrolled (not revoked) device with its last report, if it ever sent one."""

    reported_at: dt.datetime | None
    app_version: str | None
    os: str | None
    last_sync_at: dt.datetime | None
    pending_ops: int | None
    failed_ops: int | None
    oldest_pending_s: int | None
    last_error: str | None
    free_disk_bytes: int | None
    token_middleware: tuple[str, ...]

    @property
    def last_seen(self) -> dt.datetime:
        """The last time the hub heard of it: its last report, else its enrolment."""
        return self.reported_at or self.enrolled_at

    def silent_for(self, now: dt.datetime) -> dt.timedelta:
        return max(dt.timedelta(0), now - self.last_seen)

    def to_json(self, now: dt.datetime) -> dict[str, object]:
        def iso(v: dt.datetime | None) -> str | None:
            return v.isoformat() if v else None

        return {
            "device_id": self.device_id, "name": self.device_name,
            "agency": self.agency_code, "agency_name": self.agency_name,
            "username": self.username, "enrolled_at": iso(self.enrolled_at),
            "reported_at": iso(self.reported_at), "app_version": self.app_version,
            "os": self.os, "last_sync_at": iso(self.last_sync_at),
            "pending_ops": self.pending_ops, "failed_ops": self.failed_ops,
            "oldest_pending_s": self.oldest_pending_s, "last_error": self.last_error,
            "free_disk_bytes": self.free_disk_bytes,
            "token_middleware": list(self.token_middleware),
            "silent_days": round(self.silent_for(now).total_seconds() / 86400, 2),
        }


_FLEET = (
    select(devices.c.id, devices.c.name, devices.c.agency_code, devices.c.created_at,
           agencies.c.name.label("agency_name"), users.c.username,
           device_reports.c.reported_at, device_reports.c.app_version, device_reports.c.os,
           device_reports.c.last_sync_at, device_reports.c.pending_ops,
           device_reports.c.failed_ops, device_reports.c.oldest_pending_s,
           device_reports.c.last_error, device_reports.c.free_disk_bytes,
           device_reports.c.token_middleware)
    .join(users, users.c.id == devices.c.user_id)
    .join(agencies, agencies.c.code == devices.c.agency_code)
    .outerjoin(device_reports, device_reports.c.device_id == devices.c.id)
    .where(devices.c.revoked_at.is_(None))
    .order_by(devices.c.agency_code, devices.c.name, devices.c.id))


def _middleware(value: str | None) -> tuple[str, ...]:
    try:
        items = json.loads(value) if value else []
    except ValueError:
        return ()
    return tuple(str(i) for i in items) if isinstance(items, list) else ()


def fleet_devices(conn: Connection, now: dt.datetime,
                  only: FleetFilter = FleetFilter()) -> list[FleetDevice]:
    """The devices ``only`` selects, by agency then name (revoked ones are gone)."""
    query = _FLEET if only.agency is None else _FLEET.where(
        devices.c.agency_code == only.agency)
    found = [FleetDevice(
        device_id=r.id, device_name=r.name, agency_code=r.agency_code,
        agency_name=r.agency_name, username=r.username, enrolled_at=r.created_at,
        reported_at=r.reported_at, app_version=r.app_version, os=r.os,
        last_sync_at=r.last_sync_at, pending_ops=r.pending_ops, failed_ops=r.failed_ops,
        oldest_pending_s=r.oldest_pending_s, last_error=r.last_error,
        free_disk_bytes=r.free_disk_bytes, token_middleware=_middleware(r.token_middleware),
    ) for r in conn.execute(query)]
    return select_devices(found, now, FleetFilter(only.stale_for, only.version_below))


def select_devices(found: Sequence[FleetDevice], now: dt.datetime,
                   only: FleetFilter) -> list[FleetDevice]:
    """The devices of ``found`` that ``only`` selects (the page filters one query's rows)."""
    chosen = list(found)
    if only.agency is not None:
        chosen = [d for d in chosen if d.agency_code == only.agency]
    if only.stale_for is not None:
        stale_for = only.stale_for
        chosen = [d for d in chosen if d.silent_for(now) >= stale_for]
    if only.version_below is not None:
        floor = version_key(only.version_below)
        chosen = [d for d in chosen
                  if d.app_version is not None and version_key(d.app_version) < floor]
    return chosen


def newest_version(found: Sequence[FleetDevice]) -> str | None:
    """The newest version any device reports (what "old" is measured against)."""
    versions = [d.app_version for d in found if d.app_version]
    return max(versions, key=version_key) if versions else None


def common_errors(found: Sequence[FleetDevice]) -> list[tuple[str, int]]:
    """Last-error codes with how many devices report each, the most common first."""
    counts = Counter(d.last_error for d in found if d.last_error)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
