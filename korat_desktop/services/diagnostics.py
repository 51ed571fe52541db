"""The zip a clerk hands IT when "it doesn't work" (``korat diagnostics``, Help menu).

IT is far away and the clerk is not technical, so one file must answer the first
questions without a phone call: which versions, which settings and where each comes
from (policy, machine, user), is the data intact, when did sync last work and what is
stuck with which error code, which PKCS#11 middleware and tokens the PC sees, how much
disk is left, and the recent logs.

It must never carry a secret or a letter: no PIN (never stored anywhere), no password,
no device token (the keyring is not read), no letter text, PDF or subject (outbox
bodies are left out; only op ids, kinds, states and error codes go in). Free text that
could hold a secret (error parameters, proxy URLs, log lines) passes through
:func:`korat_desktop.logs.scrub` and URLs lose their user-info. The zip is built in
memory and written by the caller through the one output-file function.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.metadata
import io
import json
import platform
import shutil
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from korat_desktop import __version__
from korat_desktop.domain.thai_dates import be_year, thai_now
from korat_desktop.errors import KoratError
from korat_desktop.logs import log_files, scrub

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp
    from korat_desktop.config import Config

__all__ = ["DiagnosticsBundle", "SavedDiagnostics", "collect_diagnostics",
           "diagnostics_file_name", "save_diagnostics", "LOG_TAIL_BYTES"]

LOG_TAIL_BYTES = 256 * 1024
"""The newest part of each log file that goes in (the zip must cross a 64 kbit/s link)."""
_LOG_FILES = 6

_README = """ข้อมูลสำหรับฝ่ายไอที (Korat Desktop)
=====================================
ไฟล์นี้มีรุ่นของโปรแกรม การตั้งค่าและที่มา ผลตรวจสอบข้อมูล สถานะการซิงก์
โมดูล PKCS#11 และบัตรที่พบ พื้นที่ดิสก์ และบันทึกการทำงานล่าสุด
ไม่มีรหัส PIN รหัสผ่าน โทเคนของเครื่อง หรือเนื้อหา/ชื่อเรื่องของหนังสือ

For IT: versions, effective settings with their source, the data check, sync state,
PKCS#11 modules and tokens seen, free disk and recent logs. It holds no PIN, password,
device token, letter content or subject.

summary.json   versions, OS, folders, free disk
config.json    every setting: value, source (default/machine/user/policy), locked
check.json     korat check: SQLite, blobs, audit chain
sync.json      enrollment (no token), last sync, queued/failed items with error codes
pkcs11.json    modules found, tokens and certificates seen (public data only)
logs/          the newest part of each log file
"""


@dataclass(frozen=True)
class DiagnosticsBundle:
    """The zip's bytes and what went into it (for the CLI's --json and the window)."""

    data: bytes
    members: tuple[str, ...]
    problems: tuple[str, ...]  # parts that could not be collected, with the reason code


def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def _dependencies() -> list[str]:
    """Every library the installed package declares (its extras included: the window's
    toolkit, the hub's server), plus the PKCS#11 binding signing loads."""
    import re

    try:
        declared = importlib.metadata.requires("korat-desktop") or []
    except importlib.metadata.PackageNotFoundError:  # a frozen build without metadata
        declared = []
    names = {re.split(r"[\s\[<>=!~;]", r, maxsplit=1)[0] for r in declared
             if "extra == \"test\"" not in r}
    return sorted(names | {"python-pkcs11"}, key=str.lower)


def _clean_url(value: str) -> str:
    """A URL without user:password (proxy settings may carry them)."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return "[unparsable]"
    if parts.username or parts.password:
        host = parts.hostname or ""
        netloc = f"[hidden]@{host}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit((parts.scheme, netloc, parts.path, "", ""))
    return value


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return scrub(_clean_url(value) if "://" in value else value)
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    return value


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _summary(config: Config) -> dict[str, Any]:
    paths = config.paths
    try:
        usage = shutil.disk_usage(paths.data_dir if paths.data_dir.exists()
                                  else paths.data_dir.parent)
        disk: dict[str, Any] = {"free_bytes": usage.free, "total_bytes": usage.total}
    except OSError as e:
        disk = {"error": type(e).__name__}
    now = dt.datetime.now(dt.UTC)
    return {
        "generated_at": now.isoformat(), "generated_year_be": be_year(now.date()),
        "korat_desktop": __version__, "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "os": platform.platform(), "machine": platform.machine(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "libraries": {name: _version(name) for name in _dependencies()},
        "data_dir": str(paths.data_dir), "machine_dir": str(paths.machine_dir),
        "log_dir": str(paths.log_dir), "disk": disk,
    }


def _config(config: Config) -> list[dict[str, Any]]:
    return [{"key": v.setting.key, "value": _clean(v.value), "source": v.source.value,
             "locked": v.locked, "locked_by": v.locked_by} for v in config.describe()]


def _check(app: KoratApp) -> dict[str, Any]:
    from korat_desktop.services.integrity import check_integrity

    report = check_integrity(app)
    return {"ok": report.ok, "summary": report.summary(), "sqlite": report.sqlite,
            "blobs": report.blobs, "missing_blobs": list(report.missing_blobs),
            "damaged_blobs": list(report.damaged_blobs),
            "orphan_blobs": len(report.orphan_blobs), "audit_ok": report.audit_ok,
            "audit_records": report.audit_records}


def _sync(app: KoratApp) -> dict[str, Any]:
    status = app.sync.status()
    info = status.enrollment
    now = dt.datetime.now(dt.UTC)
    pending = list(app.sync.outbox())
    oldest = min((op.created_at for op in pending), default=None)
    return {
        "enrolled": info is not None,
        "hub_url": _clean(info.hub_url) if info else None,
        "device_id": info.hub_device_id if info else None,
        "username": info.username if info else None,
        "agency_code": info.agency_code if info else None,
        "last_sync_at": _iso(info.last_sync_at) if info else None,
        "paused": app.sync.paused, "queued": status.queued, "failed": status.failed,
        "inbox_waiting": status.inbox_waiting,
        "oldest_pending_age_s": (now - oldest).total_seconds() if oldest else None,
        "items": [{"op_id": op.op_id, "kind": op.kind, "state": op.state.value,
                   "attempts": op.attempts, "created_at": _iso(op.created_at),
                   "error": ({"code": op.error.code, "transient": op.error.transient,
                              "params": _clean(op.error.params)} if op.error else None)}
                  for op in pending[:200]],
    }


def _pkcs11(config: Config) -> dict[str, Any]:
    """The modules found and the tokens seen, as ``korat tokens`` lists them."""
    from korat_desktop.services.token_listing import token_listings
    from korat_desktop.signing.modules import configured_module_paths, find_modules

    paths = configured_module_paths(config)
    tokens: list[dict[str, Any]] = []
    for listing in token_listings(config):
        token = listing.token
        tokens.append({
            "module": token.module_path, "slot": token.slot_description,
            "label": token.label, "serial": token.serial,
            "manufacturer": token.manufacturer, "model": token.model,
            "pin_pad": token.pin_pad, "certificates_error": listing.error_code,
            "certificates": [
                {"label": c.label, "common_name": c.info.common_name,
                 "issuer": c.info.issuer, "not_after": _iso(c.info.not_after),
                 "id": c.id_hex, "can_sign": c.can_sign_by_usage}
                for c in listing.certificates]})
    return {"configured": paths, "loaded": [
        {"path": m.path, "manufacturer": m.manufacturer, "description": m.description}
        for m in find_modules(paths)], "tokens": tokens}


def _log_tail(path: Path) -> bytes:
    with path.open("rb") as f:
        f.seek(0, io.SEEK_END)
        size = f.tell()
        f.seek(max(0, size - LOG_TAIL_BYTES))
        raw = f.read()
    text = raw.decode("utf-8", errors="replace")
    if size > LOG_TAIL_BYTES:  # started mid-line: drop the partial first line
        text = text.split("\n", 1)[-1]
    return "\n".join(scrub(line) for line in text.splitlines()).encode("utf-8")


def collect_diagnostics(config: Config, app: KoratApp | None,
                        progress: Callable[[int, int], None] | None = None,
                        ) -> DiagnosticsBundle:
    """Everything IT needs, as a zip in memory. ``app`` is None when the store cannot be
    opened (that failure is itself the most useful thing to report). ``progress(done,
    total)`` is called after each part (the window shows it)."""
    parts: dict[str, Any] = {"summary.json": lambda: _summary(config),
                             "config.json": lambda: _config(config),
                             "pkcs11.json": lambda: _pkcs11(config)}
    if app is not None:
        parts["check.json"] = lambda: _check(app)
        parts["sync.json"] = lambda: _sync(app)
    problems: list[str] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("README.txt", _README)
        total = len(parts) + 1  # the parts, then the logs
        for done, (name, build) in enumerate(parts.items()):
            if progress is not None:
                progress(done, total)
            try:
                content = build()
            except KoratError as e:
                problems.append(f"{name}: {e.code}")
                content = {"error": {"code": e.code, "params": _clean(
                    {k: str(v) for k, v in e.params.items()})}}
            except Exception as e:  # a broken part must not lose the others
                problems.append(f"{name}: {type(e).__name__}")
                content = {"error": {"type": type(e).__name__, "message": scrub(str(e))}}
            z.writestr(name, json.dumps(content, ensure_ascii=False, indent=2,
                                        default=str))
        if progress is not None:
            progress(len(parts), total)
        for path in log_files(config.paths.log_dir)[:_LOG_FILES]:
            try:
                z.writestr(f"logs/{path.name}", _log_tail(path))
            except OSError as e:
                problems.append(f"logs/{path.name}: {type(e).__name__}")
        if problems:
            z.writestr("problems.txt", "\n".join(problems) + "\n")
        members = tuple(z.namelist())
    if progress is not None:
        progress(total, total)
    return DiagnosticsBundle(buffer.getvalue(), members, tuple(problems))


@dataclass(frozen=True)
class SavedDiagnostics:
    """Where the window saved the zip, and what is in it."""

    path: Path
    size: int
    members: tuple[str, ...]
    problems: tuple[str, ...]


def diagnostics_file_name(moment: dt.datetime | None = None) -> str:
    """``ข้อมูลสำหรับฝ่ายไอที-2569-12-02-091500.zip``: Thai time, Buddhist-Era year, so
    the clerk recognises it and a second one never overwrites the first."""
    local = moment if moment is not None else thai_now()
    return (f"ข้อมูลสำหรับฝ่ายไอที-{be_year(local.date())}-{local:%m-%d-%H%M%S}.zip")


def save_diagnostics(config: Config, app: KoratApp | None, folder: Path,
                     progress: Callable[[int, int], None] | None = None,
                     ) -> SavedDiagnostics:
    """Build the zip and write it whole into ``folder`` (made if missing) under
    :func:`diagnostics_file_name`; ``file.*`` when it cannot be written."""
    from korat_desktop.files import write_file

    bundle = collect_diagnostics(config, app, progress)
    target = Path(folder) / diagnostics_file_name()
    with contextlib.suppress(OSError):  # write_file says why in its own words
        target.parent.mkdir(parents=True, exist_ok=True)
    path = write_file(target, bundle.data)
    return SavedDiagnostics(path, len(bundle.data), bundle.members, bundle.problems)
