"""`korat` with hostile letters and arguments (issue 13, items 2 and 10): a clear
message and an exit code, never a traceback; nothing stored on refusal."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.cli.test_bad_input import _snapshot
from tests.support.hostile_pdfs import active_letter, poisoned_letter


def _receive(korat, office, path, subject="หนังสือพิษ", *extra):
    return korat("receive", str(path), "--subject", subject, "--from", "อำเภอ", "--to", "จังหวัด",
                 "--data-dir", str(office), *extra)


def test_poisoned_letter_is_received_and_the_store_stays_clean(korat, office, tmp_path):
    pdf = tmp_path / "poison.pdf"
    pdf.write_bytes(poisoned_letter())
    r = _receive(korat, office, pdf, "หนังสือพิษ", "--json")
    assert r.code == 0, r.err
    assert "Traceback" not in r.err
    found = korat("search", "หนังสือพิษ", "--data-dir", str(office), "--json")
    assert [e["id"] for e in found.json] == [r.json["id"]]
    check = korat("check", "--data-dir", str(office), "--json")
    assert check.code == 0 and check.json["ok"]


def test_subject_bytes_that_are_not_utf8_are_refused(office, letter, tmp_path):
    """The real console entry point, with real non-UTF-8 bytes in argv."""
    before = _snapshot(office)
    argv = [os.fsencode(sys.executable), b"-m", b"korat_desktop.cli.main", b"receive",
            os.fsencode(letter()), b"--subject", b"\xe0\xb8\xff\xfe", b"--from", b"a",
            b"--to", b"b", b"--data-dir", os.fsencode(office), b"--lang", b"en"]
    proc = subprocess.run(argv, capture_output=True, timeout=120, env=os.environ.copy())
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, err
    assert "Traceback" not in err and "[usage.bad_text]" in err
    assert "subject" in err and "UTF-8" in err
    assert _snapshot(office) == before


def test_search_with_bytes_that_are_not_utf8_is_no_traceback(korat, office):
    r = korat("search", "\udcff\udcfe", "--data-dir", str(office))
    assert r.code == 0 and "Traceback" not in r.err


def test_show_warns_of_active_content(korat, office, tmp_path):
    pdf = tmp_path / "active.pdf"
    pdf.write_bytes(active_letter("open_action"))
    entry = _receive(korat, office, pdf, "มีสคริปต์", "--json").json
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(poisoned_letter("ไม่มีสคริปต์"))
    other = _receive(korat, office, plain, "ไม่มีสคริปต์", "--json").json

    shown = korat("show", str(entry["id"]), "--data-dir", str(office), "--json")
    assert json.loads(shown.out)["active_content"] == ["javascript"]
    th = korat("show", str(entry["id"]), "--data-dir", str(office), "--lang", "th").out
    assert "คำเตือน" in th and "JavaScript" in th
    en = korat("show", str(entry["id"]), "--data-dir", str(office), "--lang", "en").out
    assert "Warning: this document contains active content (JavaScript)" in en
    quiet = korat("show", str(other["id"]), "--data-dir", str(office), "--json").json
    assert quiet["active_content"] == []
    assert "Warning" not in korat("show", str(other["id"]), "--data-dir", str(office),
                                  "--lang", "en").out


def test_show_looks_at_the_pdf_of_a_letter_registered_before_0004(korat, office, tmp_path):
    import sqlite3

    pdf = tmp_path / "active.pdf"
    pdf.write_bytes(active_letter("attachment"))
    entry = _receive(korat, office, pdf, "มีไฟล์แนบ", "--json").json
    con = sqlite3.connect(office / "korat.sqlite3")
    con.execute("UPDATE document SET active_content = NULL")  # as the migration leaves it
    con.commit()
    con.close()
    shown = korat("show", str(entry["id"]), "--data-dir", str(office), "--json").json
    assert shown["active_content"] == ["embedded_files"]


def test_void_reason_with_bytes_that_are_not_utf8_is_refused(korat, office):
    before = _snapshot(office)
    r = korat("void", "--register", "receive", "--reason", "ผิด\udcff", "--data-dir", str(office),
              "--lang", "en")
    assert r.code == 2 and "[usage.bad_text]" in r.err and "reason" in r.err
    assert _snapshot(office) == before
