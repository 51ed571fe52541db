"""Two writers at once, and kill -9 at random points: nothing duplicated, nothing lost."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from korat_desktop.app import open_app
from korat_desktop.pdf.sample import make_letter_pdf


@pytest.fixture
def office(tmp_path: Path) -> Path:
    app = open_app(tmp_path / "office", write=True, create=True)
    app.office.init("นม 0017.1", "สำนักงานทดสอบ")
    app.close()
    return tmp_path / "office"


@pytest.fixture
def pdf_file(tmp_path: Path) -> Path:
    p = tmp_path / "letter.pdf"
    p.write_bytes(make_letter_pdf("ทดสอบ", ["บรรทัดหนึ่ง", "บรรทัดสอง"]))
    return p


def _worker(office: Path, pdf: Path, count: int, register: str, tag: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.workers", str(office), str(pdf), str(count),
         register, tag],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=Path(__file__).resolve().parents[2])


def _consistency(office: Path) -> None:
    app = open_app(office, exclusive=True)  # exclusive: crash leftovers are swept
    try:
        assert app.queries.verify_audit().ok
        con = sqlite3.connect(office / "korat.sqlite3")
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        # no orphan rows: every document has an entry, every version a durable blob
        assert con.execute("SELECT count(*) FROM document d WHERE NOT EXISTS "
                           "(SELECT 1 FROM register_entry e WHERE e.document_id=d.id)"
                           ).fetchone()[0] == 0
        hashes = {h for (h,) in con.execute("SELECT sha256 FROM blob")}
        con.close()
        for h in hashes:
            assert app.blobs.verify(h), h
        # no orphan blobs
        assert set(app.blobs.all_hashes()) == hashes
        assert not any((office / "blobs" / "tmp").glob("*"))
    finally:
        app.close()


def test_two_processes_register_at_once(office, pdf_file):
    procs = [_worker(office, pdf_file, 25, "receive", tag) for tag in ("A", "B")]
    outs = [p.communicate(timeout=240) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
    numbers = [int(line.split()[2]) for out, _ in outs for line in out.splitlines()]
    assert sorted(numbers) == list(range(1, 51))
    _consistency(office)


def _collect(proc: subprocess.Popen, lines: list[str]) -> None:
    assert proc.stdout is not None
    lines.extend(iter(proc.stdout.readline, ""))


def test_kill_9_at_random_points_loses_nothing_reported(office, pdf_file):
    rng = random.Random(int(os.environ.get("KORAT_CRASH_SEED", "2569")))
    reported: dict[int, tuple[int, str]] = {}
    for _round in range(6):
        proc = _worker(office, pdf_file, 10_000, rng.choice(["receive", "send"]), "crash")
        lines: list[str] = []
        reader = threading.Thread(target=_collect, args=(proc, lines))
        reader.start()
        deadline = time.monotonic() + 60
        while not lines and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.01)  # wait until it is registering (imports take a while)
        time.sleep(rng.uniform(0.0, 0.6))  # then kill it at a random point
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        reader.join()
        for line in lines:
            if line.startswith("OK "):
                _, eid, number, sha = line.split()
                reported[int(eid)] = (int(number), sha)
    assert len(reported) > 5
    _consistency(office)
    app = open_app(office)
    try:
        for eid, (_number, sha) in reported.items():
            entry = app.queries.entry(eid)
            assert entry.pdf_sha256 == sha
        for register in ("receive", "send"):
            from korat_desktop.domain.registers import RegisterKind

            numbers = [e.number for e in app.queries.entries(RegisterKind(register))]
            assert numbers == list(range(1, len(numbers) + 1))  # no gaps, no repeats
    finally:
        app.close()
