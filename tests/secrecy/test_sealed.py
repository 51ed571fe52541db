"""Sealed fields and PDFs: round trip, openssl opens them, wrong key and tampering refused."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509

from korat_desktop.errors import SecrecyError
from korat_desktop.pdf.sample import make_letter_pdf
from korat_desktop.secrecy.sealed import (
    SecretFields,
    is_sealed,
    open_fields,
    open_pdf,
    seal_fields,
    seal_pdf,
)
from tests.courier.pki import Identity, make_ca, make_identity, recipient_key

OPENSSL = shutil.which("openssl") or "openssl"


@pytest.fixture(scope="module")
def offices() -> dict[str, Identity]:
    ca = make_ca()
    return {name: make_identity(ca, f"{name} encryption", encryption=True)
            for name in ("A", "B", "C")}


def _cert(identity: Identity) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(identity.cert_der)


FIELDS = SecretFields(subject="แผนรักษาความปลอดภัย MARKER-7731", number="ที่ นม 0017.1/55",
                      parties=("สำนักงานจังหวัด", "อำเภอปากช่อง"), notes="เก็บในตู้นิรภัย")


def test_fields_round_trip_for_each_recipient_and_not_for_others(offices):
    der = seal_fields(FIELDS, [_cert(offices["A"]), _cert(offices["B"])])
    assert is_sealed(der) and b"MARKER-7731" not in der
    assert open_fields(der, recipient_key(offices["A"])) == FIELDS
    assert open_fields(der, recipient_key(offices["B"])) == FIELDS
    with pytest.raises(SecrecyError) as caught:
        open_fields(der, recipient_key(offices["C"]))
    assert caught.value.code == "secrecy.not_for_us"
    assert "ไม่ได้เข้ารหัสถึงหน่วยงานนี้" in caught.value.message("th")


def test_a_flipped_ciphertext_byte_is_tampering(offices):
    pdf = make_letter_pdf("ลับมาก", ["เนื้อความ"])
    der = bytearray(seal_pdf(pdf, [_cert(offices["B"])]))
    der[len(der) // 2] ^= 0x01
    with pytest.raises(SecrecyError) as caught:
        open_pdf(bytes(der), recipient_key(offices["B"]))
    assert caught.value.code == "secrecy.tampered"
    assert "changed or damaged" in caught.value.message("en")


def test_openssl_opens_a_sealed_pdf(offices, tmp_path: Path):
    pdf = make_letter_pdf("ลับ", ["MARKER-openssl"])
    der = seal_pdf(pdf, [_cert(offices["A"]), _cert(offices["B"])])
    assert is_sealed(der) and not is_sealed(pdf)
    cert, key = offices["B"].write(tmp_path, "b")
    (tmp_path / "sealed.der").write_bytes(der)
    subprocess.run([OPENSSL, "cms", "-decrypt", "-inform", "DER", "-binary",
                    "-in", str(tmp_path / "sealed.der"), "-recip", str(cert),
                    "-inkey", str(key), "-out", str(tmp_path / "out.pdf")], check=True)
    assert (tmp_path / "out.pdf").read_bytes() == pdf == open_pdf(der, recipient_key(
        offices["B"]))


def test_plain_bytes_are_not_opened_as_sealed(offices):
    with pytest.raises(SecrecyError) as caught:
        open_pdf(b"%PDF-1.7 plain", recipient_key(offices["A"]))
    assert caught.value.code == "secrecy.not_sealed"
    with pytest.raises(SecrecyError) as caught:
        seal_pdf(b"x", [])
    assert caught.value.code == "secrecy.no_recipients"
