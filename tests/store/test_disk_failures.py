"""A full disk and a read-only data dir: a clear error, and the data as it was.

These use real tmpfs mounts, so they need root (CI runs as root).
"""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from korat_desktop.app import open_app
from korat_desktop.domain.registers import RegisterKind
from korat_desktop.errors import StoreError
from korat_desktop.pdf.sample import make_letter_pdf
from korat_desktop.services.registration import LetterIntake
from tests.support.tmpfs import mounted_tmpfs, needs_root

pytestmark = needs_root


@pytest.fixture
def small_disk(tmp_path: Path):
    with mounted_tmpfs(tmp_path / "disk", "1500k") as mnt:
        yield mnt


def _counts(db: Path) -> tuple[int, ...]:
    con = sqlite3.connect(db)
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("document", "register_entry", "blob", "audit_log"))
    finally:
        con.close()


def test_full_disk_fails_cleanly_and_keeps_everything(small_disk: Path):
    data = small_disk / "office"
    app = open_app(data, write=True, create=True)
    app.office.init("นม 0017.1", "สำนักงานทดสอบ")
    registered: list[int] = []
    failure: StoreError | None = None
    for i in range(400):
        pdf = make_letter_pdf(f"เรื่อง {i}", [f"ข้อความ {i} {j}" for j in range(30)], pages=3)
        try:
            r = app.registration.receive(pdf, LetterIntake(subject=f"เรื่อง {i}"))
            registered.append(r.entry.id)
        except StoreError as e:
            failure = e
            break
    assert failure is not None, "the disk never filled"
    assert failure.code == "store.disk_full"
    assert "full" in failure.message("en") and "เต็ม" in failure.message("th")
    app.close()
    # Free space comes back (the clerk deletes something); all reported entries are intact.
    for junk in (data / "blobs" / "tmp").glob("*"):
        junk.unlink()
    app = open_app(data, exclusive=True)
    try:
        assert app.queries.verify_audit().ok
        listed = app.queries.entries(RegisterKind.RECEIVE)
        assert [e.id for e in listed] == registered
        assert [e.number for e in listed] == list(range(1, len(registered) + 1))
        con = sqlite3.connect(app.config.paths.database_file)
        hashes = {h for (h,) in con.execute("SELECT sha256 FROM blob")}
        con.close()
        assert set(app.blobs.all_hashes()) == hashes
    finally:
        app.close()


def test_read_only_data_dir_says_so_and_changes_nothing(small_disk: Path):
    data = small_disk / "office"
    app = open_app(data, write=True, create=True)
    app.office.init("นม 0017.1", "สำนักงานทดสอบ")
    app.registration.receive(make_letter_pdf("ก่อน", ["x"]), LetterIntake(subject="ก่อน"))
    app.close()
    before = _counts(data / "korat.sqlite3")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    with pytest.raises(StoreError) as err:
        a = open_app(data, write=True)
        try:
            a.registration.receive(make_letter_pdf("หลัง", ["x"]), LetterIntake(subject="หลัง"))
        finally:
            a.close()
    assert err.value.code == "store.read_only"
    assert "read-only" in err.value.message("en")
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert _counts(data / "korat.sqlite3") == before
