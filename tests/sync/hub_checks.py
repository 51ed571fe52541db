"""Looking into a hub's own records (its SQLite file and blob folder) to check the
client's promises: each operation exactly once, each blob's bytes matching its hash."""

from __future__ import annotations

import hashlib
import json
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

__all__ = ["assert_blobs_intact", "assert_exactly_once", "hub_ops", "kill_mid_upload",
           "local_outbox"]


def hub_ops(hub_dir: Path, kind: str | None = None) -> list[dict[str, Any]]:
    with sqlite3.connect(f"file:{hub_dir / 'hub.sqlite3'}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT op_id, agency_code, kind, body FROM ops").fetchall()
    ops = [{"op_id": r[0], "agency": r[1], "kind": r[2], "body": json.loads(r[3])} for r in rows]
    return [o for o in ops if kind is None or o["kind"] == kind]


def assert_blobs_intact(hub_dir: Path, hashes: list[str]) -> None:
    for sha in hashes:
        path = hub_dir / "blobs" / sha[:2] / sha[2:4] / sha
        assert path.is_file(), f"blob {sha} missing on the hub"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sha, f"blob {sha} damaged"


def local_outbox(data_dir: Path) -> list[dict[str, Any]]:
    with sqlite3.connect(f"file:{data_dir / 'korat.sqlite3'}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT op_id, kind, state, body FROM outbox_op").fetchall()
    return [{"op_id": r[0], "kind": r[1], "state": r[2], "body": json.loads(r[3])} for r in rows]


def assert_exactly_once(hub_dir: Path, data_dir: Path, kind: str = "letter.send") -> None:
    """Every local operation of ``kind`` is on the hub once, and nothing else is."""
    local = [o for o in local_outbox(data_dir) if o["kind"] == kind]
    assert local and all(o["state"] == "committed" for o in local), \
        [(o["op_id"], o["state"]) for o in local]
    remote = Counter(o["op_id"] for o in hub_ops(hub_dir, kind))
    assert all(n == 1 for n in remote.values())
    assert set(remote) == {o["op_id"] for o in local}
    for o in local:
        assert_blobs_intact(hub_dir, o["body"]["blobs"])



def kill_mid_upload(proc: subprocess.Popen[str], upload_dir: Path, at_least: int,
                    timeout_s: float = 90) -> None:
    """SIGKILL ``proc`` once the hub holds ``at_least`` bytes of a partial upload."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and proc.poll() is None:
        if any(p.stat().st_size >= at_least for p in upload_dir.glob("**/*") if p.is_file()):
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the process ended before it could be cut"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
