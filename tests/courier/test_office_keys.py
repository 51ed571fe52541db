"""This office's encryption keys: made by ``korat keys new``, private part in the keyring
only, envelopes sealed to any of our certificates (current or retired) open; a CSR
completed by the CA's certificate; the courier's keys over the cached directory."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from sqlalchemy import select

from korat_desktop.courier.directory_keys import is_listed_signer
from korat_desktop.courier.envelope import open_envelope, seal
from korat_desktop.errors import CourierError
from korat_desktop.store.models import DirectoryAgency, DirectoryCertificate, OfficeKeyRow
from tests.courier.pki import Identity, make_ca, make_identity
from tests.server.hub_harness import AGENCY_A, AGENCY_B
from tests.sync.harness import Device

# cryptography counts UTF-8 bytes against X.520's 64-character bound (a Thai name is 3x)
pytestmark = pytest.mark.filterwarnings("ignore:Attribute's length must be:UserWarning")

SECRET = b"%PDF-1.7 secret letter " + bytes(range(256)) * 40


@pytest.fixture
def office(tmp_path: Path, keyring_file: Path) -> Device:
    return Device(tmp_path / "office-a", AGENCY_A, keyring_file)


def _new(device: Device, *args: str) -> dict[str, object]:
    run = device.korat("keys", "new", "--json", *args)
    assert run.code == 0, run.err
    result: dict[str, object] = run.json
    return result


def _seal_to_us(device: Device) -> bytes:
    with device.app() as app:
        cert = app.courier_keys.encryption_certificates([AGENCY_A])[AGENCY_A]
    out = io.BytesIO()
    seal(io.BytesIO(SECRET), len(SECRET), out, [cert])
    return out.getvalue()


def _open(device: Device, sealed: bytes) -> bytes:
    out = io.BytesIO()
    with device.app() as app:
        open_envelope(io.BytesIO(sealed), len(sealed), out, app.courier_keys.recipient_key())
    return out.getvalue()


def _files(root: Path) -> Iterator[Path]:
    return (p for p in root.rglob("*") if p.is_file())


def test_private_key_is_only_in_the_keyring(office: Device, keyring_file: Path) -> None:
    made = _new(office)
    key = made["key"]
    assert isinstance(key, dict) and key["state"] == "current" and key["in_keyring"]
    with office.app() as app:
        current = app.keys.office_keys.current()
        assert current is not None and current.certificate is not None
        vault = app.keys.office_keys._vault()
        private = vault.load(current.key_id)
    assert private.key_size == 3072
    der = private.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    b64 = base64.b64encode(der)
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    needles = [der[-64:], b64[200:264], pem.splitlines()[5], b"PRIVATE KEY"]
    checked = 0
    for path in _files(office.root):
        data = path.read_bytes()
        for needle in needles:
            assert needle not in data, f"private key material in {path}"
        checked += 1
    assert checked > 3  # the database, settings, logs
    # ... and it is in the keyring (the file keyring stands in for the OS one).
    assert b64[200:264].decode() in keyring_file.read_text()


def test_certificate_names_the_agency_and_is_for_encryption(office: Device) -> None:
    _new(office)
    with office.app() as app:
        current = app.keys.office_keys.current()
    assert current is not None and current.certificate is not None
    cert = x509.load_der_x509_certificate(current.certificate.dump())
    subject = {a.oid._name: a.value for a in cert.subject}
    assert subject["commonName"] == "สำนักงานจังหวัดนครราชสีมา"
    assert subject["organizationalUnitName"] == AGENCY_A
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.key_encipherment and usage.data_encipherment and not usage.digital_signature
    years = (cert.not_valid_after_utc - cert.not_valid_before_utc).days / 365
    assert 4.99 < years < 5.01


def test_envelope_sealed_to_our_certificate_opens(office: Device) -> None:
    _new(office)
    sealed = _seal_to_us(office)
    assert _open(office, sealed) == SECRET


def test_retired_key_still_opens_an_old_bundle(office: Device) -> None:
    _new(office)
    old_sealed = _seal_to_us(office)
    refused = office.korat("keys", "new")
    assert refused.code == 1 and "courier.office_key_exists" in refused.err
    _new(office, "--force")
    new_sealed = _seal_to_us(office)
    listed = office.korat("keys", "list", "--json", "--no-tokens").json
    states = [k["state"] for k in listed["encryption"]]
    assert states == ["current", "retired"]
    assert all(k["in_keyring"] for k in listed["encryption"])
    assert _open(office, old_sealed) == SECRET
    assert _open(office, new_sealed) == SECRET
    with office.app() as app:  # new bundles are sealed to the new key only
        current = app.keys.office_keys.current()
        assert current is not None and current.certificate is not None
        assert app.courier_keys.encryption_certificates([AGENCY_A])[AGENCY_A].sha256 == \
            current.certificate.sha256


def test_missing_keyring_entry_is_a_clear_refusal(office: Device, keyring_file: Path) -> None:
    _new(office)
    sealed = _seal_to_us(office)
    keyring_file.write_text("{}")
    with pytest.raises(CourierError) as e:
        _open(office, sealed)
    assert e.value.code == "courier.office_key_missing"
    listed = office.korat("keys", "list", "--json", "--no-tokens").json
    assert listed["encryption"][0]["in_keyring"] is False


def _ca_issues(ca: Identity, csr_pem: bytes, *, usage: x509.KeyUsage | None = None) -> bytes:
    csr = x509.load_pem_x509_csr(csr_pem)
    now = dt.datetime.now(dt.UTC)
    builder = (x509.CertificateBuilder().subject_name(csr.subject).issuer_name(ca.cert.subject)
               .public_key(csr.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(days=1))
               .not_valid_after(now + dt.timedelta(days=730)))
    if usage is not None:
        builder = builder.add_extension(usage, critical=True)
    else:
        for ext in csr.extensions:
            builder = builder.add_extension(ext.value, critical=ext.critical)
    return builder.sign(ca.key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM)


def test_csr_for_the_province_ca_then_its_certificate(office: Device, tmp_path: Path) -> None:
    _new(office)
    first_sealed = _seal_to_us(office)
    csr_path = tmp_path / "office-a.csr"
    made = _new(office, "--csr", str(csr_path))
    assert made["key"]["state"] == "pending"  # type: ignore[index]
    csr = x509.load_pem_x509_csr(csr_path.read_bytes())
    assert csr.is_signature_valid
    assert csr.public_key().key_size == 3072  # type: ignore[union-attr]
    again = office.korat("keys", "new", "--csr", str(csr_path))
    assert again.code == 1 and "courier.office_key_pending" in again.err

    ca = make_ca("Province CA")
    stranger = make_identity(ca, "someone else", encryption=True)
    (tmp_path / "stranger.pem").write_bytes(stranger.cert_pem)
    refused = office.korat("keys", "import-cert", str(tmp_path / "stranger.pem"))
    assert refused.code == 1 and "courier.certificate_not_ours" in refused.err
    signing_only = _ca_issues(ca, csr_path.read_bytes(), usage=x509.KeyUsage(
        True, False, False, False, False, False, False, False, False))
    (tmp_path / "wrong.pem").write_bytes(signing_only)
    refused = office.korat("keys", "import-cert", str(tmp_path / "wrong.pem"))
    assert refused.code == 1 and "courier.certificate_not_for_encryption" in refused.err

    (tmp_path / "issued.pem").write_bytes(_ca_issues(ca, csr_path.read_bytes()))
    run = office.korat("keys", "import-cert", str(tmp_path / "issued.pem"), "--json")
    assert run.code == 0, run.err
    assert run.json["state"] == "current"
    assert run.json["certificate"]["issuer"].endswith("Province CA")
    states = [k["state"] for k in office.korat("keys", "--json", "--no-tokens").json["encryption"]]
    assert sorted(states) == ["current", "retired"]
    assert _open(office, first_sealed) == SECRET
    assert _open(office, _seal_to_us(office)) == SECRET
    with office.app() as app, app.database.read() as s:  # one row per certificate, no pending
        assert [r.cert_der is not None for r in s.scalars(select(OfficeKeyRow))] == [True, True]


def test_courier_keys_over_the_cached_directory(office: Device) -> None:
    ca = make_ca()
    b_enc = make_identity(ca, "B encryption", encryption=True)
    b_sign = make_identity(ca, "B clerk", encryption=False)
    old = make_identity(ca, "B old", encryption=True)
    now = dt.datetime.now(dt.UTC)
    with office.app() as app:
        keys = app.courier_keys
        with app.database.write() as s:
            s.add(DirectoryAgency(code=AGENCY_B, name="B", relay=AGENCY_A))
            for ident, use, added in ((old, "encrypt", now - dt.timedelta(days=9)),
                                      (b_enc, "encrypt", now), (b_sign, "sign", now)):
                s.add(DirectoryCertificate(agency_code=AGENCY_B, sha256=ident.cert.fingerprint(
                    hashes.SHA256()).hex(), use=use, der=ident.cert_der, added_at=added))
        with pytest.raises(CourierError) as e:
            keys.encryption_certificates([AGENCY_B, AGENCY_A])  # we have no key yet
        assert e.value.code == "courier.no_certificate" and e.value.params == {"agency": AGENCY_A}
        assert "ยังไม่มีใบรับรอง" in e.value.message("th")
        with pytest.raises(CourierError) as e:
            keys.recipient_key()
        assert e.value.code == "courier.no_office_key"
        found = keys.encryption_certificates([AGENCY_B])
        assert found[AGENCY_B].dump() == b_enc.cert_der  # the newest one
        assert keys.relay_of(AGENCY_B) == AGENCY_A and keys.relay_of(AGENCY_A) is None
        signer = asn1_x509.Certificate.load(b_sign.cert_der)
        assert is_listed_signer(keys, AGENCY_B, signer)
        assert not is_listed_signer(keys, AGENCY_A, signer)
        assert not is_listed_signer(keys, AGENCY_B, asn1_x509.Certificate.load(b_enc.cert_der))
        assert keys.hub_certificate() is None
        assert keys.agency_code == AGENCY_A


def test_list_json_shape(office: Device) -> None:
    _new(office)
    run = office.korat("keys", "list", "--json", "--no-tokens")
    assert run.code == 0, run.err
    data = run.json
    assert set(data) == {"agency_code", "agency_name", "signing", "token_errors", "encryption",
                         "hub_certificate", "directory_source", "directory_issued_at",
                         "directory_loaded_at", "agencies"}
    key = data["encryption"][0]
    assert set(key) == {"key_id", "state", "certificate", "created_at", "retired_at",
                        "in_keyring", "published"}
    assert set(key["certificate"]) == {"common_name", "subject", "issuer", "serial", "sha256",
                                       "not_before", "not_after"}
    json.dumps(data)
    text = office.korat("keys", "--lang", "th", "--no-tokens")
    assert text.code == 0 and "กุญแจเข้ารหัสของหน่วยงาน" in text.out and "ใช้อยู่" in text.out
