"""``korat intake`` and smart ``korat receive`` on the sample letters, as a clerk's
script runs them: the real console entry point in its own process, a real data dir."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import run_korat_process
from tests.support.intake_corpus import corpus, plain_pdf

LETTERS = {s.name: s for s in corpus()}


@pytest.fixture
def letters(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "letters"
    folder.mkdir()
    paths = {}
    for name, sample in LETTERS.items():
        paths[name] = folder / f"{name}.pdf"
        paths[name].write_bytes(sample.pdf)
    return paths


def test_intake_prints_the_proposals_and_their_source_in_thai_and_english(office, letters):
    pdf = str(letters["external_thai_digits_circular"])
    r = run_korat_process("intake", pdf, "--data-dir", str(office))
    assert r.code == 0, r.err
    assert "ที่: มท 0211.3/ว 123" in r.out
    assert "ลงวันที่: 25 พฤศจิกายน 2569" in r.out
    assert "“มท ๐๒๑๑.๓/ว ๑๒๓”" in r.out  # where it was read, as printed
    assert "ชั้นความเร็ว: ด่วนที่สุด" in r.out and "ไม่พบ: ชั้นความลับ" in r.out
    en = run_korat_process("intake", pdf, "--data-dir", str(office), "--lang", "en")
    assert en.code == 0, en.err
    assert "Letter date: 25 Nov 2569 BE" in en.out and "Urgency: Most urgent" in en.out
    assert "Not found: Secrecy" in en.out

    js = run_korat_process("intake", pdf, "--data-dir", str(office), "--json")
    data = json.loads(js.out)
    assert data["fields"]["letter_date"]["value"] == "2026-11-25"
    assert data["fields"]["urgency"]["value"] == "most_urgent"
    assert data["fields"]["letter_number"]["source"]["line"] == 2
    assert data["missing"] == ["secrecy"] and data["duplicates"] == []


def test_receive_without_subject_uses_the_proposals_and_says_which(korat, office, letters):
    # A ลับ memo: kept sealed only with an office key (tests/secrecy); this test is about
    # the proposals, so it registers the way an office with encryption off does.
    assert korat("config", "set", "secrecy.encrypt_secret", "false",
                 "--data-dir", str(office)).code == 0
    r = korat("receive", str(letters["memo_thai_digits_secret"]),
              "--data-dir", str(office), "--to", "ปลัดจังหวัด", "--json")
    assert r.code == 0, r.err
    entry = r.json
    assert entry["subject"] == "รายงานสถานการณ์ความมั่นคงในพื้นที่ชายแดน"
    assert entry["letter_number"] == "นม 0018.3/789"  # ASCII digits, as the register keeps
    assert entry["letter_date"] == "2026-11-25"
    assert (entry["urgency"], entry["secrecy"], entry["kind"]) == (
        "very_urgent", "confidential", "internal")
    assert entry["recipient"] == "ปลัดจังหวัด"  # given on the command line: kept
    assert "recipient" not in entry["proposed_fields"]
    assert set(entry["proposed_fields"]) == {"subject", "letter_number", "letter_date",
                                             "sender", "urgency", "secrecy", "kind"}
    text = korat("receive", str(letters["memo_plain"]), "--data-dir", str(office))
    assert text.code == 0, text.err
    assert "ใช้ข้อมูลที่อ่านจากเอกสาร: เรื่อง, ที่, ลงวันที่, จาก, ถึง" in text.out


def test_receive_refuses_a_letter_without_a_subject_clearly(korat, office, tmp_path):
    pdf = tmp_path / "no_subject.pdf"
    pdf.write_bytes(plain_pdf(["ที่ นม 0017.1/99", "เนื้อความที่ไม่บอกเรื่องของหนังสือ"]))
    r = korat("receive", str(pdf), "--data-dir", str(office))
    assert r.code == 2
    assert "ไม่พบเรื่องของหนังสือ" in r.err and "--subject" in r.err
    assert "[usage.no_subject]" in r.err
    en = korat("receive", str(pdf), "--data-dir", str(office), "--lang", "en")
    assert "No subject found" in en.err
    listed = korat("list", "--register", "receive", "--data-dir", str(office))
    assert listed.out.strip() == ""  # nothing was registered


def test_the_same_pdf_twice_is_refused_unless_allowed(office, letters):
    pdf = str(letters["external_plain"])
    first = run_korat_process("receive", pdf, "--data-dir", str(office), "--json")
    assert first.code == 0, first.err
    again = run_korat_process("receive", pdf, "--data-dir", str(office))
    assert again.code == 1
    assert "ลงทะเบียนไว้แล้ว (ไฟล์เดียวกัน): เลขรับ 1/" in again.err
    assert "--allow-duplicate" in again.err and "[store.duplicate_letter]" in again.err
    shown = run_korat_process("intake", pdf, "--data-dir", str(office), "--json")
    dup = json.loads(shown.out)["duplicates"]
    assert [d["reason"] for d in dup] == ["same_file"] and dup[0]["entry"]["number"] == 1
    forced = run_korat_process("receive", pdf, "--data-dir", str(office), "--allow-duplicate",
                               "--json")
    assert forced.code == 0, forced.err
    data = json.loads(forced.out)
    assert data["number"] == 2 and data["duplicates"][0]["entry"]["number"] == 1


def test_the_same_number_and_date_in_another_file_is_a_duplicate(korat, office, letters,
                                                                 tmp_path):
    r = korat("receive", str(letters["external_plain"]), "--data-dir", str(office))
    assert r.code == 0, r.err
    # a re-scan or a copy sent again: other bytes, the same ที่ and date (typed another way)
    other = tmp_path / "copy.pdf"
    other.write_bytes(LETTERS["memo_plain"].pdf)
    dup = korat("receive", str(other), "--data-dir", str(office), "--subject",
                "สำเนา", "--letter-number", "ที่ นม ๐๐๑๗.๑/๑๒๓๔", "--letter-date", "25/11/2569")
    assert dup.code == 1 and "ที่และลงวันที่เดียวกัน" in dup.err
    not_dup = korat("receive", str(other), "--data-dir", str(office), "--subject",
                    "สำเนา", "--letter-number", "นม 0017.1/1234", "--letter-date", "26/11/2569",
                    "--json")
    assert not_dup.code == 0, not_dup.err
    assert not_dup.json["letter_date"] == "2026-11-26"


def test_a_voided_registration_is_not_a_duplicate(korat, office, letters):
    pdf = str(letters["company_ce_date"])
    first = korat("receive", pdf, "--data-dir", str(office), "--json").json
    assert first["letter_date"] == "2026-12-15"  # the Christian-Era date, converted
    assert korat("void", str(first["id"]), "--reason", "ลงผิด",
                 "--data-dir", str(office)).code == 0
    again = korat("receive", pdf, "--data-dir", str(office))
    assert again.code == 0, again.err


@pytest.mark.parametrize(("typed", "iso"), [("25/11/2569", "2026-11-25"),
                                            ("๒๕/๑๑/๒๕๖๙", "2026-11-25"),
                                            ("25 พ.ย. 2569", "2026-11-25"),
                                            ("2569-11-20", "2026-11-20"),
                                            ("2026-11-20", "2026-11-20")])
def test_letter_date_takes_the_apps_own_format(korat, office, letter, typed, iso):
    r = korat("receive", str(letter()), "--data-dir", str(office), "--json", "--subject",
              "ทดสอบ", "--letter-date", typed)
    assert r.code == 0, r.err
    assert r.json["letter_date"] == iso


def test_a_bad_letter_date_says_the_format(korat, office, letter):
    r = korat("receive", str(letter()), "--data-dir", str(office), "--subject", "ทดสอบ",
              "--letter-date", "31/02/2569")
    assert r.code == 2 and "DD/MM/YYYY" in r.err


def test_show_prints_history_in_thai_time_and_buddhist_era(korat, office, letter):
    import datetime as dt

    from korat_desktop.domain.thai_dates import THAI_MONTHS_ABBR, be_year, thai_now

    r = korat("receive", str(letter()), "--data-dir", str(office), "--json", "--subject",
              "ทดสอบ")
    entry_id = str(r.json["id"])
    shown = korat("show", entry_id, "--data-dir", str(office))
    history = [line for line in shown.out.splitlines() if line.strip().startswith("#")]
    assert history
    stored = korat("show", entry_id, "--data-dir", str(office), "--json").json["history"]
    for line, record in zip(history, stored, strict=True):
        local = dt.datetime.fromisoformat(record["at"]).replace(tzinfo=dt.UTC).astimezone(
            thai_now().tzinfo)
        assert f"{local.day} {THAI_MONTHS_ABBR[local.month - 1]} {be_year(local)}" in line
        assert f"{local:%H}.{local:%M} น." in line
    en = korat("show", entry_id, "--data-dir", str(office), "--lang", "en")
    assert f"{be_year(thai_now())} BE" in en.out and "Letter date:" in en.out


def test_intake_refuses_what_is_not_a_pdf_and_reads_nothing_from_a_blank_page(
        korat, office, tmp_path):
    bad = tmp_path / "note.pdf"
    bad.write_text("not a letter")
    r = korat("intake", str(bad), "--data-dir", str(office))
    assert r.code == 1 and "[pdf.not_pdf]" in r.err
    blank = tmp_path / "scan.pdf"
    blank.write_bytes(plain_pdf([]))
    r = korat("intake", str(blank), "--data-dir", str(office))
    assert r.code == 0 and "ไม่พบข้อความในเอกสาร" in r.out
    assert korat("intake", str(blank), "--data-dir", str(office), "--json").json[
        "text_chars"] == 0


def test_receive_in_english_names_the_fields_it_took(korat, office, letters):
    r = korat("receive", str(letters["directive_thai_digits"]), "--data-dir", str(office),
              "--lang", "en")
    assert r.code == 0, r.err
    assert "Taken from the letter's text: Subject, Letter number, Letter date, From" in r.out
    shown = korat("list", "--register", "receive", "--data-dir", str(office), "--json").json
    assert shown[0]["letter_number"] == "123/2569" and shown[0]["kind"] == "directive"
    assert shown[0]["letter_date"] == "2026-11-20"
