"""Fixtures for the pdf layer: sample letters, a stamp, a throwaway signer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from korat_desktop.pdf.receipt_stamp import ReceiptStamp
from korat_desktop.pdf.sample import make_letter_pdf

AGENCY = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษานครราชสีมา เขต 1"


@pytest.fixture(scope="session")
def letter_pdf() -> bytes:
    return make_letter_pdf(
        "ขอเชิญประชุมคณะกรรมการ",
        ["ด้วยสำนักงานขอเชิญประชุมเรื่องการจัดทำแผนปฏิบัติราชการ น้ำ ปี่ ผู้ใหญ่ ฟื้น กั้น"],
    )


@pytest.fixture()
def stamp() -> ReceiptStamp:
    return ReceiptStamp(AGENCY, 1234, 2569, dt.datetime(2026, 11, 21, 3, 5, tzinfo=dt.UTC))


@pytest.fixture(scope="session")
def signer_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed EC key + certificate usable for signing and as trust root."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Korat Test Signer")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
            encipher_only=False, decipher_only=False), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("signer")
    key_file, cert_file = folder / "key.pem", folder / "cert.pem"
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_file, cert_file
