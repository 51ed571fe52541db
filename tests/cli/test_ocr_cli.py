"""``korat receive`` of a scan and ``korat ocr``, through the real console entry point
in its own process (OCR then starts its own child, as it does for a clerk)."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import run_korat_process
from tests.support.intake_corpus import corpus
from tests.support.scans import scan_of

SUBJECT = "ขอเชิญประชุมคณะกรรมการบริหารงานจังหวัดแบบบูรณาการ"


def test_receiving_a_scan_reads_it_and_search_finds_its_words(office: Path,
                                                              tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scan_of(corpus()[0].pdf))
    data = ["--data-dir", str(office)]

    r = run_korat_process("receive", str(scan), "--no-ocr", "--json", *data, timeout=300)
    assert r.code == 0, r.err
    first = r.json
    assert "subject" in first["proposed_fields"]  # page 1 read by OCR for intake
    assert first["subject"].replace(" ", "") == SUBJECT
    assert "ocr" not in first  # left for later, as asked

    r = run_korat_process("search", "ศาลากลางจังหวัด", "--json", *data)
    assert r.code == 0 and r.json == []

    r = run_korat_process("ocr", "--pending", *data, timeout=300)
    assert r.code == 0, r.err
    assert f"id {first['id']}: อ่านด้วย OCR 1 หน้า" in r.out
    assert "เพิ่มชั้นข้อความเป็นรุ่นที่ 3" in r.out

    r = run_korat_process("search", "ศาลากลางจังหวัด", "--json", *data)
    assert [e["id"] for e in r.json] == [first["id"]]
    r = run_korat_process("ocr", "--pending", "--lang", "en", *data)
    assert r.code == 0 and r.out.strip() == "No scans waiting"
    r = run_korat_process("ocr", str(first["id"]), "--json", *data)
    assert r.code == 1 and "store.already_ocr" in r.err
