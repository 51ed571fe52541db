"""The agency directory with certificates, relays and the hub certificate; publishing
and withdrawing certificates over HTTP; the signed offline copy, checked by openssl."""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509 as cx509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import func, select

from korat_desktop.protocol.directory import AgencyDirectory
from korat_desktop.server.db.schema import agency_certificates
from korat_desktop.server.settings import HubSettings
from tests.courier.pki import Identity
from tests.server.courier_hub import CourierPki, courier_settings
from tests.server.hub_harness import AGENCY_A, AGENCY_C, Agencies, HubClient, ThreadedHub

OPENSSL = shutil.which("openssl")


@pytest.fixture
def hub_settings(tmp_path: Path, database_url: str | None,
                 courier_pki: CourierPki) -> HubSettings:
    return courier_settings(HubSettings(data_dir=tmp_path / "hub", database_url=database_url),
                            courier_pki)


def _publish(client: HubClient, identity: Identity | bytes, use: str) -> object:
    der = identity if isinstance(identity, bytes) else identity.cert_der
    return client.request("POST", "/agencies/me/certificates",
                          json={"use": use, "der_b64": base64.b64encode(der).decode()})


def _agency(directory: dict, code: str) -> dict:  # type: ignore[type-arg]
    found: dict = next(a for a in directory["agencies"] if a["code"] == code)  # type: ignore[type-arg]
    return found


def _stored(hub: ThreadedHub) -> int:
    with hub.hub.db.reading() as conn:
        return int(conn.execute(select(func.count()).select_from(agency_certificates)).scalar_one())


def test_publish_list_and_withdraw_with_etag(agencies: Agencies, courier_pki: CourierPki) -> None:
    a, b = agencies.a, agencies.b
    first = a.request("GET", "/agencies")
    etag = first.headers["ETag"]
    assert _agency(first.json(), AGENCY_A)["certificates"] == []
    assert first.json()["hub_certificate"] == base64.b64encode(courier_pki.hub.cert_der).decode()
    assert first.json()["issued_at"]
    assert a.request("GET", "/agencies", headers={"If-None-Match": etag}).status_code == 304

    r = _publish(a, courier_pki.sign_a, "sign")
    assert r.status_code == 201, r.text  # type: ignore[attr-defined]
    sha = courier_pki.sign_a.cert.fingerprint(hashes.SHA256()).hex()
    assert r.json()["sha256"] == sha  # type: ignore[attr-defined]
    again = _publish(a, courier_pki.sign_a, "sign")
    assert again.status_code == 200 and again.json() == r.json()  # type: ignore[attr-defined]
    assert _publish(a, courier_pki.enc_a, "encrypt").status_code == 201  # type: ignore[attr-defined]

    listed = b.request("GET", "/agencies", headers={"If-None-Match": etag})
    assert listed.status_code == 200 and listed.headers["ETag"] != etag
    certs = _agency(listed.json(), AGENCY_A)["certificates"]
    assert [(c["use"], c["sha256"]) for c in certs] == [
        ("sign", sha), ("encrypt", courier_pki.enc_a.cert.fingerprint(hashes.SHA256()).hex())]
    assert base64.b64decode(certs[0]["der_b64"]) == courier_pki.sign_a.cert_der
    AgencyDirectory.model_validate(listed.json())  # the client's wire model reads it
    # unchanged content, later copy: same ETag although issued_at moved on
    assert b.request("GET", "/agencies").headers["ETag"] == listed.headers["ETag"]

    # only the agency's own devices can withdraw it
    assert b.request("DELETE", f"/agencies/me/certificates/{sha}").status_code == 404
    assert a.request("DELETE", f"/agencies/me/certificates/{sha}").status_code == 204
    assert a.request("DELETE", f"/agencies/me/certificates/{sha}").json()["code"] == \
        "directory.certificate_not_found"
    after = a.request("GET", "/agencies")
    assert after.headers["ETag"] not in (etag, listed.headers["ETag"])
    assert [c["use"] for c in _agency(after.json(), AGENCY_A)["certificates"]] == ["encrypt"]


def test_etag_changes_when_a_relay_is_designated(agencies: Agencies) -> None:
    a = agencies.a
    etag = a.request("GET", "/agencies").headers["ETag"]
    with agencies.hub.hub.db.writing() as conn:
        from korat_desktop.server.relay_outward import set_relay
        set_relay(conn, AGENCY_C, [AGENCY_A])
    r = a.request("GET", "/agencies", headers={"If-None-Match": etag})
    assert r.status_code == 200 and r.headers["ETag"] != etag
    assert _agency(r.json(), AGENCY_A)["relay"] == AGENCY_C


def _ec_certificate(ca: Identity) -> bytes:
    import datetime as dt

    from cryptography.hazmat.primitives.serialization import Encoding
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    name = cx509.Name([cx509.NameAttribute(cx509.oid.NameOID.COMMON_NAME, "EC office")])
    cert = (cx509.CertificateBuilder().subject_name(name).issuer_name(ca.cert.subject)
            .public_key(key.public_key()).serial_number(cx509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30)).sign(ca.key, hashes.SHA256()))
    return cert.public_bytes(Encoding.DER)


@pytest.mark.parametrize(("what", "use", "code"), [
    ("garbage", "sign", "directory.certificate_invalid"),
    ("truncated", "encrypt", "directory.certificate_invalid"),
    ("trailing", "encrypt", "directory.certificate_invalid"),
    ("not base64", "encrypt", "directory.certificate_invalid"),
    ("ec key", "encrypt", "directory.certificate_unsuitable"),
    ("signing cert", "encrypt", "directory.certificate_unsuitable"),
    ("encryption cert", "sign", "directory.certificate_unsuitable"),
    ("foreign CA", "sign", "directory.certificate_untrusted"),
])
def test_unusable_certificates_are_refused_and_nothing_stored(
        agencies: Agencies, courier_pki: CourierPki, what: str, use: str, code: str) -> None:
    pki = courier_pki
    payload: bytes | str = {
        "garbage": b"\x30\x82\x01\x00" + b"\x00" * 40,
        "truncated": pki.enc_a.cert_der[:-20],
        "trailing": pki.enc_a.cert_der + b"\x00",
        "ec key": _ec_certificate(pki.ca),
        "signing cert": pki.sign_a.cert_der,
        "encryption cert": pki.enc_a.cert_der,
        "foreign CA": pki.stranger.cert_der,
        "not base64": "****",
    }[what]
    if isinstance(payload, str):
        r = agencies.a.request("POST", "/agencies/me/certificates",
                               json={"use": use, "der_b64": payload})
    else:
        r = _publish(agencies.a, payload, use)  # type: ignore[assignment]
    assert r.status_code == 422, r.text  # type: ignore[attr-defined]
    assert r.json()["code"] == code  # type: ignore[attr-defined]
    assert r.json()["message"]  # type: ignore[attr-defined]
    assert _stored(agencies.hub) == 0


def test_publishing_needs_a_device_token(hub: ThreadedHub, courier_pki: CourierPki) -> None:
    r = _publish(hub.client(), courier_pki.sign_a, "sign")
    assert r.status_code == 401  # type: ignore[attr-defined]


def test_signed_directory_verifies_with_openssl(agencies: Agencies, courier_pki: CourierPki,
                                                tmp_path: Path) -> None:
    assert OPENSSL, "openssl is installed by scripts/setup"
    assert _publish(agencies.a, courier_pki.enc_a, "encrypt").status_code == 201  # type: ignore[attr-defined]
    r = agencies.b.request("GET", "/directory/signed")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pkcs7-mime"
    signed = tmp_path / "directory.korat-dir"
    signed.write_bytes(r.content)
    out = tmp_path / "directory.json"
    check = subprocess.run([OPENSSL, "cms", "-verify", "-inform", "DER", "-in",
                            str(signed), "-CAfile", str(courier_pki.ca_file), "-purpose",
                            "any", "-out", str(out)], capture_output=True, check=False)
    assert check.returncode == 0, check.stderr.decode()
    directory = AgencyDirectory.model_validate_json(out.read_bytes())
    assert directory.issued_at is not None
    assert directory.hub_certificate == base64.b64encode(courier_pki.hub.cert_der).decode()
    online = agencies.b.request("GET", "/agencies").json()
    assert [a.model_dump(mode="json") for a in directory.agencies] == online["agencies"]

    # one flipped byte of the content: openssl refuses it
    data = bytearray(r.content)
    where = bytes(data).index(b'"agencies"') + 3
    data[where] ^= 0x01
    signed.write_bytes(bytes(data))
    bad = subprocess.run([OPENSSL, "cms", "-verify", "-inform", "DER", "-in",
                          str(signed), "-CAfile", str(courier_pki.ca_file), "-purpose", "any",
                          "-out", str(out)], capture_output=True, check=False)
    assert bad.returncode != 0


def test_signed_directory_needs_a_hub_key(tmp_path: Path, courier_pki: CourierPki) -> None:
    settings = courier_settings(HubSettings(data_dir=tmp_path / "bare"), courier_pki,
                                hub_key=False)
    server = ThreadedHub(settings).start()
    try:
        server.add_agency(AGENCY_A, "A")
        server.add_user("u", AGENCY_A, "pw")
        client = server.client()
        assert client.enroll("u", "pw").status_code == 201
        r = client.request("GET", "/directory/signed")
        assert r.status_code == 404 and r.json()["code"] == "directory.no_hub_key"
        assert client.request("GET", "/agencies").json()["hub_certificate"] is None
    finally:
        server.stop()
