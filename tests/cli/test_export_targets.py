"""`korat export -o TARGET` writes into what TARGET is, and never replaces a non-file.

Run as root, the old atomic write renamed its temp file over ``/dev/null`` and left
the machine without a null device. Devices and FIFOs are written into, ``-`` is
standard output, a symbolic link is written through (the link stays a link), a
folder is refused, and a full disk fails cleanly with nothing left behind.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.korat_run import KoratRun
from tests.support.tmpfs import mounted_tmpfs, needs_root

Korat = Callable[..., KoratRun]


@pytest.fixture
def entry(korat: Korat, office: Path, letter: Callable[..., Path]) -> tuple[int, bytes]:
    """A received letter's id and the bytes `korat export` gives for it."""
    r = korat("receive", str(letter()), "--data-dir", str(office), "--json",
              "--subject", "ขอเชิญประชุม", "--from", "อำเภอเมือง", "--to", "ผู้ว่าราชการจังหวัด")
    assert r.code == 0, r.err
    entry_id = r.json["id"]
    reference = office.parent / "reference.pdf"
    assert korat("export", str(entry_id), "-o", str(reference),
                 "--data-dir", str(office)).code == 0
    return entry_id, reference.read_bytes()


def _export(korat: Korat, office: Path, entry_id: int, target: Path | str) -> KoratRun:
    return korat("export", str(entry_id), "-o", str(target), "--data-dir", str(office), "--json")


@needs_root
def test_export_into_a_character_device_keeps_the_device(korat, office, entry, tmp_path):
    # A null device of our own (same major/minor as /dev/null): a regression must not
    # take the machine's /dev/null with it.
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    r = _export(korat, office, entry[0], null)
    assert r.code == 0, r.err
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_export_to_dev_null(korat, office, entry):
    r = _export(korat, office, entry[0], "/dev/null")
    assert r.code == 0, r.err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert os.major(os.stat("/dev/null").st_rdev) == 1


def test_export_into_a_fifo_gives_the_reader_the_pdf(korat, office, entry, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as fh:
            got.append(fh.read())

    reader = threading.Thread(target=read)
    reader.start()
    r = _export(korat, office, entry[0], fifo)
    reader.join(30)
    assert r.code == 0, r.err
    assert got == [entry[1]]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_export_to_stdout_gives_exactly_the_pdf(office, entry):
    for extra in ((), ("--json",)):
        proc = subprocess.run(
            [sys.executable, "-c", "import sys; from korat_desktop.cli.main import main; "
             "sys.exit(main())", "export", str(entry[0]), "-o", "-", "--data-dir",
             str(office), *extra],
            capture_output=True, timeout=120, env=os.environ.copy())
        assert proc.returncode == 0, proc.stderr.decode()
        assert proc.stdout == entry[1]
        if extra:  # the summary moved to stderr, still machine-readable
            assert json.loads(proc.stderr)["bytes"] == len(entry[1])


def test_export_through_a_symlink_writes_its_target_and_keeps_the_link(
        korat, office, entry, tmp_path):
    real = tmp_path / "documents" / "letter.pdf"
    real.parent.mkdir()
    real.write_bytes(b"old contents")
    link = tmp_path / "letter-link.pdf"
    link.symlink_to(real)
    assert _export(korat, office, entry[0], link).code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == entry[1]
    # A dangling link: the file it names is created, the link stays.
    dangling = tmp_path / "new-link.pdf"
    dangling.symlink_to(real.parent / "new.pdf")
    assert _export(korat, office, entry[0], dangling).code == 0
    assert dangling.is_symlink() and (real.parent / "new.pdf").read_bytes() == entry[1]
    assert sorted(p.name for p in real.parent.iterdir()) == ["letter.pdf", "new.pdf"]


def test_export_to_a_folder_is_refused(korat, office, entry, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    r = _export(korat, office, entry[0], folder)
    assert r.code == 1
    assert json.loads(r.err)["error"]["code"] == "file.is_directory"
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_export_into_a_missing_folder_says_so(korat, office, entry, tmp_path):
    r = korat("export", str(entry[0]), "-o", str(tmp_path / "nowhere" / "x.pdf"),
              "--data-dir", str(office), "--lang", "th")
    assert r.code == 1
    assert "[file.no_folder]" in r.err and "ไม่พบโฟลเดอร์" in r.err


@needs_root
def test_export_to_a_full_disk_fails_cleanly(korat, office, entry, tmp_path):
    assert len(entry[1]) > 8192  # more than the disk below can hold
    with mounted_tmpfs(tmp_path / "disk", "8k") as disk:
        kept = disk / "letter.pdf"
        kept.write_bytes(b"the previous export")
        r = _export(korat, office, entry[0], kept)
        assert r.code == 1
        error = json.loads(r.err)["error"]
        assert error["code"] == "file.disk_full"
        assert error["layer"] == "file"
        r = korat("export", str(entry[0]), "-o", str(kept), "--data-dir", str(office),
                  "--lang", "th")
        assert "พื้นที่ดิสก์เต็ม" in r.err
        assert kept.read_bytes() == b"the previous export"
        assert sorted(p.name for p in disk.iterdir()) == ["letter.pdf"]  # no temp file
