"""``korat receive --stamp-at X,Y``: the clerk's place is used, said, and kept for the
sender's next letter; without it the stamp goes on blank space; bad places are refused
with nothing stored."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from tests.support.intake_corpus import corpus

SENDER = "สำนักงานจังหวัดชัยภูมิ"


def _letter(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(next(s.pdf for s in corpus() if s.name == "external_plain"))
    return path


def _blue_pixels(pdf: Path, x: float, y: float, w: float = 50, h: float = 25) -> int:
    doc = pdfium.PdfDocument(pdf.read_bytes())
    try:
        image = doc[0].render(scale=100 / 72).to_pil().convert("RGB")
    finally:
        doc.close()
    px = 100 / 25.4
    crop = image.crop((round(x * px), round(y * px), round((x + w) * px), round((y + h) * px)))
    return sum(1 for r, g, b in crop.get_flattened_data() if b > r + 40 and min(r, g, b) < 200)


def _receive(korat, office: Path, pdf: Path, *extra: str):
    return korat("receive", str(pdf), "--data-dir", str(office), "--subject", "ขอเชิญประชุม",
                 "--from", SENDER, "--allow-duplicate", *extra)


def test_stamp_at_is_used_said_and_kept_for_the_sender(korat, office: Path,
                                                        tmp_path: Path) -> None:
    first = _receive(korat, office, _letter(tmp_path, "a"), "--json")
    assert first.code == 0, first.err
    assert first.json["stamp_place"]["source"] == "free_space"

    moved = _receive(korat, office, _letter(tmp_path, "b"), "--stamp-at", "20,240")
    assert moved.code == 0, moved.err
    assert "ตรารับวางตามตำแหน่งที่กำหนด: 20,240 มม." in moved.out
    entry_id = moved.out.split("(id ")[1].split(")")[0]
    stamped = tmp_path / "stamped.pdf"
    assert korat("export", entry_id, "--data-dir", str(office), "-o", str(stamped)).code == 0
    assert _blue_pixels(stamped, 20, 240) > 100
    assert _blue_pixels(stamped, 155, 109) == 0  # not where the search would put it

    again = _receive(korat, office, _letter(tmp_path, "c"), "--json", "--lang", "en")
    assert again.code == 0, again.err
    assert again.json["stamp_place"] == {"x_mm": 20.0, "y_mm": 240.0, "source": "remembered"}
    other = korat("receive", str(_letter(tmp_path, "d")), "--data-dir", str(office),
                  "--subject", "เรื่องอื่น", "--from", "สำนักงานจังหวัดบุรีรัมย์",
                  "--allow-duplicate", "--json")
    assert other.json["stamp_place"]["source"] == "free_space"  # another sender


def test_bad_stamp_places_are_refused_with_nothing_stored(korat, office: Path,
                                                          tmp_path: Path) -> None:
    pdf = _letter(tmp_path, "a")
    bad = _receive(korat, office, pdf, "--stamp-at", "กลางหน้า")
    assert bad.code != 0 and "--stamp-at" in bad.err
    off = _receive(korat, office, pdf, "--stamp-at", "190,10")
    assert off.code != 0 and "นอกหน้ากระดาษ" in off.err
    listed = korat("list", "--register", "receive", "--data-dir", str(office), "--json")
    assert listed.json == []
    thai = _receive(korat, office, pdf, "--stamp-at", "๒๐,๒๔๐", "--json")  # Thai digits
    assert thai.code == 0, thai.err
    assert thai.json["stamp_place"] == {"x_mm": 20.0, "y_mm": 240.0, "source": "clerk"}
