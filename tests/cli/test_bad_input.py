"""Bad input gets a clear message and leaves the data exactly as it was."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfWriter

from korat_desktop.pdf.sample import make_letter_pdf


def _snapshot(office: Path) -> tuple:
    con = sqlite3.connect(office / "korat.sqlite3")
    counts = tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                   for t in ("document", "document_version", "register_entry", "blob",
                             "audit_log", "register_counter"))
    counter = con.execute("SELECT * FROM register_counter ORDER BY 1, 2").fetchall()
    con.close()
    blobs = sorted(p.name for p in (office / "blobs").rglob("*") if p.is_file()
                   and len(p.name) == 64)
    return counts, tuple(counter), tuple(blobs)


def _encrypted_pdf(path: Path) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    w = PdfWriter(clone_from=PdfReader(BytesIO(make_letter_pdf("ลับ", ["x"]))))
    w.encrypt("secret")
    with open(path, "wb") as fh:
        w.write(fh)


@pytest.mark.parametrize("kind", ["not_pdf", "png", "encrypted", "truncated", "empty"])
def test_bad_pdf_is_refused_and_nothing_is_stored(korat, office, letter, tmp_path, kind):
    korat("receive", str(letter()), "--subject", "ก่อน", "--from", "a", "--to", "b",
          "--data-dir", str(office))
    before = _snapshot(office)
    bad = tmp_path / f"bad-{kind}.pdf"
    good = make_letter_pdf("ดี", ["x"])
    if kind == "not_pdf":
        bad.write_text("สวัสดีครับ นี่ไม่ใช่ PDF\n" * 20, "utf-8")
    elif kind == "png":
        bad.write_bytes(b"\x89PNG\r\n\x1a\n" + hashlib.sha256(b"x").digest() * 50)
    elif kind == "encrypted":
        _encrypted_pdf(bad)
    elif kind == "truncated":
        bad.write_bytes(good[: len(good) // 2])
    else:
        bad.write_bytes(b"")
    r = korat("receive", str(bad), "--subject", "เสีย", "--from", "a", "--to", "b",
              "--data-dir", str(office), "--lang", "en", "--json")
    assert r.code == 1, r.out
    assert '"layer": "pdf"' in r.err
    assert _snapshot(office) == before
    r2 = korat("receive", str(bad), "--subject", "เสีย", "--from", "a", "--to", "b",
               "--data-dir", str(office), "--lang", "th")
    assert r2.code == 1 and "korat:" in r2.err
