"""Whom a secret letter is sealed to: every recipient agency and ours, each with a usable
encryption certificate, or a refusal naming the agency (never a fallback to clear).

Certificates are real: tests/courier/pki.py identities, a certomancer CA with a live OCSP
responder (served by the demo's TestPki), and the agency directory as a real hub serves
it over HTTP, cached in a real store by the sync code."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from certomancer.registry import ArchLabel, CertLabel, CertomancerConfig
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa

from korat_desktop.app import KoratApp, open_app
from korat_desktop.demo.pki import TestPki, free_port, write_private_key
from korat_desktop.errors import SecrecyError
from korat_desktop.protocol.directory import (
    Agency,
    AgencyCertificate,
    AgencyDirectory,
    CertificateUse,
)
from korat_desktop.secrecy.recipients import recipient_certificates
from korat_desktop.secrecy.revocation import OcspRevocation, ocsp_urls
from korat_desktop.server.directory import publish_certificate, withdraw_certificate
from korat_desktop.server.settings import HubSettings
from korat_desktop.sync.directory import store_directory
from tests.courier.file_keys import CourierPki, FileCourierKeys
from tests.courier.pki import Identity
from tests.server.hub_harness import AGENCY_A, AGENCY_B, AGENCY_C, HubClient, ThreadedHub
from tests.sync.conftest import keyring_file

__all__ = ["keyring_file"]  # the office key lives in a file keyring, as the OS's would

NOW = dt.datetime.now(dt.UTC)
PKI_YAML = Path(__file__).parent / "recipients-pki.yml"


def _asn1(identity: Identity) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(identity.cert_der)


def _dated(ca: Identity, cn: str, start: dt.datetime, end: dt.datetime) -> Identity:
    """An encryption identity valid from ``start`` to ``end`` (issued by ``ca``)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, cn)]))
            .issuer_name(ca.cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(end)
            .add_extension(x509.KeyUsage(False, False, True, False, False, False, False, False,
                                         False), critical=True)
            .sign(ca.key, hashes.SHA256()))
    return Identity(cert, key)


@pytest.fixture(scope="module")
def courier_pki() -> CourierPki:
    return CourierPki()


def _keys(pki: CourierPki, tmp_path: Path, **replace: Identity) -> FileCourierKeys:
    keys = pki.install(tmp_path, AGENCY_A, [AGENCY_B, AGENCY_C])
    for code, identity in replace.items():
        keys.encrypt[{"b": AGENCY_B, "c": AGENCY_C}[code]] = identity.cert_pem.decode()
    return keys


def test_sealed_to_every_recipient_and_our_own_agency(courier_pki: CourierPki,
                                                      tmp_path: Path) -> None:
    keys = _keys(courier_pki, tmp_path)
    found = recipient_certificates(keys, [AGENCY_C, AGENCY_B, AGENCY_C], now=NOW)
    assert list(found) == [AGENCY_C, AGENCY_B, AGENCY_A]  # recipients in order, ours last
    for code in (AGENCY_A, AGENCY_B, AGENCY_C):
        assert [c.sha256 for c in found[code]] == [_asn1(courier_pki.enc(code)).sha256]
    assert list(recipient_certificates(keys, [AGENCY_A], now=NOW)) == [AGENCY_A]
    with pytest.raises(ValueError):
        recipient_certificates(keys, [AGENCY_B], now=NOW.replace(tzinfo=None))


def test_an_agency_without_a_certificate_is_refused_by_name(courier_pki: CourierPki,
                                                           tmp_path: Path) -> None:
    keys = _keys(courier_pki, tmp_path)
    del keys.encrypt[AGENCY_C]
    with pytest.raises(SecrecyError) as caught:
        recipient_certificates(keys, [AGENCY_B, AGENCY_C], now=NOW)
    assert caught.value.code == "secrecy.no_certificate"
    assert caught.value.params == {"agency": AGENCY_C}
    assert AGENCY_C in caught.value.message("th") and AGENCY_C in caught.value.message("en")
    assert caught.value.message("th").startswith("หน่วยงาน")
    del keys.encrypt[AGENCY_A]  # our own office has no key: it could not read its copy
    with pytest.raises(SecrecyError) as caught:
        recipient_certificates(keys, [AGENCY_B], now=NOW)
    assert caught.value.params == {"agency": AGENCY_A}


@pytest.mark.parametrize(("start", "end", "code"), [
    (NOW - dt.timedelta(days=400), NOW - dt.timedelta(days=1), "secrecy.certificate_expired"),
    (NOW + dt.timedelta(days=1), NOW + dt.timedelta(days=400), "secrecy.not_yet_valid"),
])
def test_a_certificate_outside_its_dates_is_refused(courier_pki: CourierPki, tmp_path: Path,
                                                   start: dt.datetime, end: dt.datetime,
                                                   code: str) -> None:
    keys = _keys(courier_pki, tmp_path, c=_dated(courier_pki.ca, "C", start, end))
    with pytest.raises(SecrecyError) as caught:
        recipient_certificates(keys, [AGENCY_B, AGENCY_C], now=NOW)
    assert (caught.value.code, caught.value.params) == (code, {"agency": AGENCY_C})
    assert AGENCY_C in caught.value.message("th")


@pytest.fixture
def client_app(tmp_path: Path) -> Iterator[KoratApp]:
    app = open_app(tmp_path / "office-a", write=True, create=True)
    app.office.init(AGENCY_A, "สำนักงานจังหวัดนครราชสีมา")
    yield app
    app.close()


def _refresh(app: KoratApp, client: HubClient) -> None:
    directory = AgencyDirectory.model_validate(client.request("GET", "/agencies").json())
    with app.database.write() as s:
        store_directory(s, directory, source="hub", hub_certificate=None)


def test_a_certificate_withdrawn_at_the_hub_is_not_sealed_to_after_the_refresh(
        courier_pki: CourierPki, client_app: KoratApp, tmp_path: Path) -> None:
    """C replaces its key: ``korat-hub agency-certs remove`` of the old one, the new one
    listed. After the office's next directory refresh (the real sync code caching what
    the real hub serves) letters are sealed to the new key only."""
    hub = ThreadedHub(HubSettings(data_dir=tmp_path / "hub")).start()
    try:
        for code in (AGENCY_A, AGENCY_B, AGENCY_C):
            hub.add_agency(code, code)
        hub.add_user("clerk-a", AGENCY_A, "pw-a")
        client = hub.client()
        assert client.enroll("clerk-a", "pw-a").status_code == 201
        certs = {code: _asn1(courier_pki.enc(code)) for code in (AGENCY_A, AGENCY_B, AGENCY_C)}
        with hub.hub.db.writing() as conn:
            for code, cert in certs.items():
                publish_certificate(conn, code, cert, CertificateUse.ENCRYPT, "test")
        _refresh(client_app, client)
        found = recipient_certificates(client_app.courier_keys, [AGENCY_B, AGENCY_C], now=NOW)
        assert found[AGENCY_C][0].sha256 == certs[AGENCY_C].sha256
        successor = _dated(courier_pki.ca, "C new key", NOW - dt.timedelta(days=1),
                           NOW + dt.timedelta(days=365))
        with hub.hub.db.writing() as conn:
            withdraw_certificate(conn, AGENCY_C, certs[AGENCY_C].sha256.hex())
            publish_certificate(conn, AGENCY_C, _asn1(successor), CertificateUse.ENCRYPT, "t")
        found = recipient_certificates(client_app.courier_keys, [AGENCY_C], now=NOW)
        assert found[AGENCY_C][0].sha256 == certs[AGENCY_C].sha256  # not refreshed yet
        _refresh(client_app, client)
    finally:
        hub.stop()
    found = recipient_certificates(client_app.courier_keys, [AGENCY_B, AGENCY_C], now=NOW)
    assert [c.sha256 for c in found[AGENCY_C]] == [_asn1(successor).sha256]


@pytest.fixture(scope="module")
def ocsp_pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestPki]:
    key_dir = tmp_path_factory.mktemp("recipients-pki")
    for name in ("root", "enc-a", "enc-b", "enc-c"):
        write_private_key(key_dir / f"{name}.key.pem", "rsa")
    write_private_key(key_dir / "ocsp.key.pem", "ec")
    port = free_port()
    config = CertomancerConfig.from_file(str(PKI_YAML), key_search_dir=str(key_dir),
                                         external_url_prefix=f"http://127.0.0.1:{port}")
    pki = TestPki(key_dir, port, config.get_pki_arch(ArchLabel("korat")))
    pki.start()
    yield pki
    pki.stop()


def _ocsp_keys(pki: TestPki, tmp_path: Path) -> FileCourierKeys:
    def armored(label: str) -> str:
        return pem.armor("CERTIFICATE", pki.arch.get_cert(CertLabel(label)).dump()).decode()

    return FileCourierKeys(agency=AGENCY_A, cert_pem=armored("enc-a"), key_pem="",
                           roots=[armored("root")], sign={},
                           encrypt={AGENCY_A: armored("enc-a"), AGENCY_B: armored("enc-b"),
                                    AGENCY_C: armored("enc-c")})


def test_online_an_ocsp_revoked_certificate_is_refused(ocsp_pki: TestPki,
                                                       tmp_path: Path) -> None:
    keys = _ocsp_keys(ocsp_pki, tmp_path)
    assert ocsp_urls(keys.encryption_certificates([AGENCY_C])[AGENCY_C]) == [
        f"{ocsp_pki.url}/korat/ocsp/root"]
    online = OcspRevocation(keys.trust_roots(), timeout_s=5)
    found = recipient_certificates(keys, [AGENCY_B], now=NOW, revocation=online)
    assert list(found) == [AGENCY_B, AGENCY_A]
    with pytest.raises(SecrecyError) as caught:
        recipient_certificates(keys, [AGENCY_B, AGENCY_C], now=NOW, revocation=online)
    assert (caught.value.code, caught.value.params["agency"]) == (
        "secrecy.certificate_revoked", AGENCY_C)
    assert AGENCY_C in caught.value.message("th")
    # a chain that leads to no trust root cannot be checked: refused, not trusted
    stranger = OcspRevocation([_asn1(CourierPki().ca)], timeout_s=5)
    with pytest.raises(SecrecyError) as caught:
        recipient_certificates(keys, [AGENCY_B], now=NOW, revocation=stranger)
    assert caught.value.code == "secrecy.revocation_unknown"


def test_offline_the_cache_and_the_dates_decide(ocsp_pki: TestPki, tmp_path: Path) -> None:
    """The offline rule: without a link (no check given, or the responder unreachable)
    a secret letter can still be sealed for a courier; only "revoked" answers refuse."""
    keys = _ocsp_keys(ocsp_pki, tmp_path)
    assert AGENCY_C in recipient_certificates(keys, [AGENCY_C], now=NOW)
    with ocsp_pki.offline():
        found = recipient_certificates(keys, [AGENCY_C], now=NOW,
                                       revocation=OcspRevocation(keys.trust_roots(),
                                                                 timeout_s=2))
    assert [c.sha256 for c in found[AGENCY_C]] == [
        keys.encryption_certificates([AGENCY_C])[AGENCY_C].sha256]


def test_queueing_seals_only_to_certificates_not_revoked(ocsp_pki: TestPki, keyring_file: Path,
                                                         tmp_path: Path) -> None:
    """The send path (``seal_for_sending``) asks the responder (``signing.online_revocation``
    on, the default): a letter to B is sealed to B and us; one also to C is refused, C
    named, before anything is sealed."""
    from korat_desktop.domain.letters import Secrecy
    from korat_desktop.pdf.sample import make_letter_pdf
    from korat_desktop.services.registration import LetterIntake
    from korat_desktop.services.secret_sending import seal_for_sending

    data = tmp_path / "office-a"
    data.mkdir()
    root = ocsp_pki.write_pem("root", tmp_path / "agencies-root.pem")
    (data / "settings.toml").write_text(f'[signing]\ntrust_roots = ["{root}"]\n',
                                        encoding="utf-8")
    app = open_app(data, write=True, create=True)
    try:
        app.office.init(AGENCY_A, "สำนักงานจังหวัดนครราชสีมา")
        app.keys.new_key()
        agencies = []
        for code, label in ((AGENCY_B, "enc-b"), (AGENCY_C, "enc-c")):
            der = ocsp_pki.cert(label).dump()
            agencies.append(Agency(code=code, name=code, certificates=[AgencyCertificate(
                use=CertificateUse.ENCRYPT, der_b64=base64.b64encode(der).decode(),
                sha256=hashlib.sha256(der).hexdigest(), added_at=NOW)]))
        with app.database.write() as s:
            store_directory(s, AgencyDirectory(agencies=agencies), source="hub",
                            hub_certificate=None)
        done = app.registration.send_many([(make_letter_pdf("ลับ", ["เนื้อความ"]), LetterIntake(
            subject="ย้ายกำลังพล", recipient="ถึง B", secrecy=Secrecy.SECRET))])
        entry = done.entries[0]
        sealed = seal_for_sending(app, entry, [AGENCY_B])
        assert sealed.sealed_to == (AGENCY_B, AGENCY_A)
        with pytest.raises(SecrecyError) as caught:
            seal_for_sending(app, entry, [AGENCY_B, AGENCY_C])
        assert (caught.value.code, caught.value.params["agency"]) == (
            "secrecy.certificate_revoked", AGENCY_C)
    finally:
        app.close()
