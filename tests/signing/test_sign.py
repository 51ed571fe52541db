"""PAdES B-B signing: Thai stamp, placement, several signatures, certification, batches."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from korat_desktop.domain.thai_dates import format_thai_date
from korat_desktop.errors import SigningError
from korat_desktop.signing import (
    Appearance,
    BatchSigner,
    Certification,
    Pkcs12Signer,
    ReservedField,
    SignatureLevel,
    SigningSettings,
    Verdict,
    detect_level,
    empty_signature_fields,
    sign_pdf,
    validate_pdf,
)
from korat_desktop.signing.modules import Pkcs11Module
from korat_desktop.signing.stamp import stamp_lines
from tests.signing.helpers import open_session
from tests.support.env import PIN, PKCS12_PASSWORD, SigningEnv
from tests.support.pdfs import blank_pdf, stamp_texts, widget_rects


@pytest.fixture(scope="module")
def somchai(modules: list[Pkcs11Module]):
    session = open_session(modules, "KORAT-A", "somchai-rsa")
    yield session
    session.close()


def test_thai_stamp_text_is_extractable(somchai, pdf: bytes) -> None:
    when = dt.datetime(2026, 11, 21, 14, 5).astimezone()
    signed = sign_pdf(pdf, somchai, Appearance(position="ผู้อำนวยการกองกลาง",
                                               reason="อนุมัติตามเสนอ", when=when))
    assert detect_level(signed) is SignatureLevel.B_B
    (text,) = stamp_texts(signed)
    assert "นายสมชาย ใจดี" in text
    assert "2569" in text and "พฤศจิกายน" in text  # Buddhist Era, Thai month
    assert "อนุมัติตามเสนอ" in text

    def nfkc(s: str) -> str:  # SARA AM extracts as NIKHAHIT + SARA AA
        return unicodedata.normalize("NFKC", s)

    assert nfkc("ผู้อำนวยการกองกลาง") in nfkc(text)
    assert b"Sarabun" in signed  # the Thai font is embedded, not referenced


def test_stamp_date_is_buddhist_era_in_thai_time() -> None:
    assert format_thai_date(dt.date(2025, 12, 31), thai_digits=True) == "๓๑ ธันวาคม ๒๕๖๘"
    # 31 Dec 2023 20:30 UTC is already 1 Jan 2567 03.30 in Thailand
    when = dt.datetime(2023, 12, 31, 20, 30, tzinfo=dt.UTC)
    lines = stamp_lines(Appearance(name="ก", position="ข", when=when), "ค")
    assert "วันที่ 1 มกราคม 2567 เวลา 03.30 น." in lines


def test_stamp_placement(somchai, pdf: bytes) -> None:
    default = sign_pdf(pdf, somchai)
    [(page, rect)] = widget_rects(default)
    assert page == 1  # last page
    assert rect[0] > 595 / 2 and rect[1] < 842 / 4  # bottom right
    placed = sign_pdf(pdf, somchai, Appearance(page=1, box=(72, 600, 300, 680)))
    assert widget_rects(placed) == [(0, (72.0, 600.0, 300.0, 680.0))]
    with pytest.raises(SigningError) as e:
        sign_pdf(pdf, somchai, Appearance(page=3))
    assert e.value.code == "signing.bad_page"
    with pytest.raises(SigningError) as e:
        sign_pdf(pdf, somchai, Appearance(box=(300, 600, 72, 680)))
    assert e.value.code == "signing.bad_box"


def test_certified_letter_with_second_signature(somchai, modules: list[Pkcs11Module],
                                                pdf: bytes, settings: SigningSettings,
                                                pki_online: SigningEnv) -> None:
    first = sign_pdf(pdf, somchai, Appearance(position="หัวหน้าฝ่าย"), certify=True,
                     reserve=[ReservedField("governor", box=(72, 40, 300, 118))])
    assert empty_signature_fields(first) == ["governor"]
    # the token of KORAT-B carries no chain: the intermediate comes from elsewhere
    chain = [pki_online.pki.cert("interm"), pki_online.pki.cert("root")]
    with open_session(modules, "KORAT-B", "somying-rsa", chain=chain) as somying:
        with pytest.raises(SigningError) as e:  # a new field would break certification
            sign_pdf(first, somying)
        assert e.value.code == "signing.certified_needs_field"
        second = sign_pdf(first, somying, Appearance(position="ผู้ว่าราชการจังหวัด",
                                                     field="governor"))
    assert second.startswith(first)  # incremental: the first signature's bytes untouched
    report = validate_pdf(second, settings)
    assert [s.signer.common_name for s in report.signatures] == [
        "นายสมชาย ใจดี", "นางสาวสมหญิง รักไทย"]
    assert all(s.verdict is Verdict.VALID for s in report.signatures), report
    assert report.signatures[0].certifying and not report.signatures[1].certifying
    assert report.signatures[0].modification_level == "form_filling"
    with pytest.raises(SigningError) as e:
        sign_pdf(second, somchai, certify=True)
    assert e.value.code == "signing.certify_not_first"
    assert report.signatures[1].modification_level == "none"


def test_no_changes_certification_blocks_further_signatures(somchai, pdf: bytes) -> None:
    final = sign_pdf(pdf, somchai, certify=Certification.NO_CHANGES)
    with pytest.raises(SigningError) as e:
        sign_pdf(final, somchai)
    assert e.value.code == "signing.document_locked"


def test_ecdsa_signature(modules: list[Pkcs11Module], pdf: bytes, settings: SigningSettings,
                         pki_online: SigningEnv) -> None:
    with open_session(modules, "KORAT-A", "somchai-ec") as session:
        signed = sign_pdf(pdf, session, Appearance(visible=False))
    (report,) = validate_pdf(signed, settings).signatures
    assert report.verdict is Verdict.VALID and report.signer.key_algorithm == "ec"


def test_batch_one_pin_entry(modules: list[Pkcs11Module], settings: SigningSettings,
                             pki_online: SigningEnv) -> None:
    from korat_desktop.signing import TokenSession, find_token

    prompts = []

    def ask(token):  # type: ignore[no-untyped-def]
        prompts.append(token.label)
        return PIN

    docs = [blank_pdf(1) for _ in range(8)]
    session = TokenSession.open(find_token(modules, label="KORAT-A"), cert_label="somchai-rsa",
                                pin_prompt=ask)
    with BatchSigner(session, Appearance(position="นายอำเภอ")) as batch:
        signed = batch.sign_all(docs)
    assert prompts == ["KORAT-A"] and batch.signed == 8
    assert all(detect_level(d) is SignatureLevel.B_B for d in signed)
    assert validate_pdf(signed[-1], settings).all_valid


def test_pkcs12_fallback(signing_env: SigningEnv, pdf: bytes, settings: SigningSettings,
                         pki_online: SigningEnv, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with Pkcs12Signer(signing_env.pkcs12_file, PKCS12_PASSWORD) as signer:
        signed = sign_pdf(pdf, signer, Appearance(position="เจ้าหน้าที่"))
    (report,) = validate_pdf(signed, settings).signatures
    assert report.verdict is Verdict.VALID and report.signer_name == "นายทดสอบ ไฟล์"
    with pytest.raises(SigningError) as e:
        Pkcs12Signer(signing_env.pkcs12_file, "wrong")
    assert e.value.code == "signing.pkcs12_wrong_password"
    junk = tmp_path / "junk.p12"
    junk.write_bytes(b"not a pfx")
    with pytest.raises(SigningError) as e:
        Pkcs12Signer(junk, "x")
    assert e.value.code == "signing.pkcs12_unreadable"


@pytest.mark.parametrize("data", [b"", b"hello", b"%PDF-1.7\n garbage", blank_pdf(1)[:200]])
def test_corrupt_pdf(somchai, data: bytes, settings: SigningSettings) -> None:
    for action in (lambda: sign_pdf(data, somchai), lambda: validate_pdf(data, settings),
                   lambda: detect_level(data)):
        with pytest.raises(SigningError) as e:
            action()
        assert e.value.code == "signing.pdf_corrupt"
