"""``korat print-slip`` and ``korat register-report --from/--to``: the PDFs the window
prints, checked with the project's own text extraction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from korat_desktop.domain.thai_dates import format_thai_date, thai_now
from korat_desktop.pdf.text import extract_text
from tests.support.korat_run import KoratRun


def _send(korat: Callable[..., KoratRun], office: Path, pdf: Path, subject: str, to: str,
          *extra: str) -> dict:
    r = korat("send", str(pdf), "--subject", subject, "--to", to, "--json",
              "--data-dir", str(office), *extra)
    assert r.code == 0, r.err
    return r.json


def test_the_delivery_slip_names_each_letter_and_has_lines_to_sign(
        korat: Callable[..., KoratRun], office: Path, letter: Callable[..., Path],
        tmp_path: Path) -> None:
    # this office keeps its ลับ letter in clear (no keyring in these in-process tests);
    # a sealed one prints the same way (tests/secrecy/test_secret_annotate.py)
    assert korat("config", "set", "secrecy.encrypt_secret", "false",
                 "--data-dir", str(office)).code == 0
    one = _send(korat, office, letter(), "ขอเชิญประชุมคณะกรรมการบริหารงานจังหวัด",
                "นายอำเภอปากช่อง")
    two = _send(korat, office, letter(), "รายงานผลการตรวจราชการ", "นายอำเภอพิมาย",
                "--secrecy", "ลับ")
    out = tmp_path / "slip.pdf"
    r = korat("print-slip", str(one["id"]), str(two["id"]), "-o", str(out),
              "--data-dir", str(office))
    assert r.code == 0, r.err
    assert "ใบรับหนังสือ 2 ฉบับ" in r.out
    text = extract_text(out.read_bytes())
    for words in ("ใบรับหนังสือ", "จาก สำนักงานจังหวัดนครราชสีมา", one["letter_number"],
                  two["letter_number"], "ถึง นายอำเภอปากช่อง", "ถึง นายอำเภอพิมาย",
                  "เรื่อง ขอเชิญประชุมคณะกรรมการบริหารงานจังหวัด", "ผู้รับ", "ลงชื่อ", "เวลา",
                  format_thai_date(thai_now().date(), "full")):
        assert words in text, words
    # a secret letter's subject stays inside its envelope
    assert "รายงานผลการตรวจราชการ" not in text
    assert "(หนังสือชั้นความลับ ลับ ไม่แสดงชื่อเรื่อง)" in text

    r = korat("print-slip", "999", "-o", str(tmp_path / "none.pdf"), "--data-dir", str(office))
    assert r.code == 1 and "999" in r.err
    assert not (tmp_path / "none.pdf").exists()


def test_the_register_of_some_days_in_buddhist_era(
        korat: Callable[..., KoratRun], office: Path, letter: Callable[..., Path],
        tmp_path: Path) -> None:
    _send(korat, office, letter(), "แจ้งกำหนดการตรวจเยี่ยม", "นายอำเภอสีคิ้ว")
    today = thai_now().date()
    be = f"{today.day}/{today.month}/{today.year + 543}"
    out = tmp_path / "day.pdf"
    r = korat("register-report", "--register", "send", "--from", be, "--format", "pdf",
              "-o", str(out), "--data-dir", str(office))
    assert r.code == 0, r.err
    text = extract_text(out.read_bytes())
    full = format_thai_date(today, "full")
    assert f"ระหว่างวันที่ {full} ถึงวันที่ {full}" in text
    assert "แจ้งกำหนดการตรวจเยี่ยม" in text

    before = today - dt.timedelta(days=400)
    earlier = f"{before.day}/{before.month}/{before.year + 543}"
    r = korat("register-report", "--register", "send", "--from", earlier, "--to",
              earlier, "--format", "pdf", "-o", str(out), "--data-dir", str(office))
    assert r.code == 0
    assert "แจ้งกำหนดการตรวจเยี่ยม" not in extract_text(out.read_bytes())
    r = korat("register-report", "--register", "send", "--from", be, "--to", earlier,
              "--format", "pdf", "-o", str(out), "--data-dir", str(office))
    assert r.code == 2 and "--to" in r.err
