"""``korat keys`` against a real hub on loopback: an office publishes its certificates,
the others' directory refresh caches them (certificates, relay, hub certificate; 304
when nothing changed), and the hub's signed directory file brings the same to an
office that never connects, including from a hub whose key is self-signed (trusted
only as the hub certificate an office already holds)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from korat_desktop.server.hub_key import init_hub_key
from korat_desktop.server.relay_outward import set_relay
from korat_desktop.server.settings import HubSettings
from korat_desktop.sync.backoff import Backoff, Retrier
from korat_desktop.sync.directory import refresh_directory
from korat_desktop.sync.enrollment import DeviceEnrollment
from tests.cli.keys_checks import agencies, listing, opens_at
from tests.server.courier_hub import CourierPki, courier_settings, make_courier_pki
from tests.server.hub_harness import AGENCY_A, AGENCY_B, AGENCY_C, ThreadedHub
from tests.sync.conftest import add_accounts, keyring_file
from tests.sync.harness import Device

__all__ = ["keyring_file"]

pytestmark = pytest.mark.filterwarnings("ignore:Attribute's length must be:UserWarning")


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> CourierPki:
    return make_courier_pki(tmp_path_factory.mktemp("courier-pki"))


def _hub(data_dir: Path, pki: CourierPki, *, hub_key: bool = True) -> ThreadedHub:
    server = ThreadedHub(courier_settings(HubSettings(data_dir=data_dir), pki,
                                          hub_key=hub_key)).start()
    add_accounts(server)
    return server


@pytest.fixture
def hub(tmp_path: Path, pki: CourierPki) -> Iterator[ThreadedHub]:
    server = _hub(tmp_path / "hub", pki)
    with server.hub.db.writing() as conn:
        set_relay(conn, AGENCY_A, [AGENCY_C])
    yield server
    server.stop()


@pytest.fixture
def office(tmp_path: Path, keyring_file: Path, pki: CourierPki) -> Callable[..., Device]:
    def make(name: str, code: str) -> Device:
        device = Device(tmp_path / name, code, keyring_file)
        device.configure(**{"signing.trust_roots": [str(pki.ca_file)]})
        assert device.korat("keys", "new").code == 0
        return device

    return make


def _refresh(device: Device) -> bool:
    with device.app() as app:
        ctx = app.sync.ctx
        _, transport = DeviceEnrollment(ctx).transport()
        try:
            return refresh_directory(ctx, transport, Retrier(3, Backoff(0.1, 0.5)))
        finally:
            transport.close()


def _signed_directory(hub: ThreadedHub, device: Device) -> bytes:
    with device.app() as app:
        _, transport = DeviceEnrollment(app.sync.ctx).transport()
        try:
            return transport.request("GET", "/directory/signed").content
        finally:
            transport.close()


def test_publish_then_refresh_from_the_real_hub(hub: ThreadedHub, office: Callable[..., Device],
                                                pki: CourierPki, tmp_path: Path) -> None:
    a, b = office("a", AGENCY_A), office("b", AGENCY_B)
    not_yet = a.korat("keys", "publish", "--sign-cert", str(pki.folder / "sign_a.crt"))
    assert not_yet.code == 1 and "[sync.not_enrolled]" in not_yet.err
    a.login(hub.url, "clerk-a")
    b.login(hub.url, "clerk-b")
    # A signer the hub's roots do not vouch for fails alone; the encryption one still goes.
    partly = a.korat("keys", "publish", "--sign-cert", str(pki.folder / "stranger.crt"),
                     "--json")
    assert partly.code == 1, partly.err
    assert [p["use"] for p in partly.json["published"]] == ["encrypt"]
    assert [(r["use"], r["code"]) for r in partly.json["refused"]] == [
        ("sign", "directory.certificate_untrusted")]
    run = a.korat("keys", "publish", "--sign-cert", str(pki.folder / "sign_a.crt"), "--json")
    assert run.code == 0, run.err
    assert [p["use"] for p in run.json["published"]] == ["encrypt", "sign"]
    assert run.json["refused"] == []
    mine = listing(a)
    keys = mine["encryption"]
    assert isinstance(keys, list) and keys[0]["published"] is True
    assert mine["directory_source"] == "hub"
    hub_cert = mine["hub_certificate"]
    assert isinstance(hub_cert, dict)
    assert hub_cert["sha256"] == pki.hub.cert.fingerprint(hashes.SHA256()).hex()

    # B learns A's certificates and relay at its next refresh; then a 304.
    assert agencies(b)[AGENCY_A]["encrypt"] is False
    assert _refresh(b) is True
    cached_a = agencies(b)[AGENCY_A]
    assert {k: v for k, v in cached_a.items() if k != "encryption_certificates"} == {
        "code": AGENCY_A, "name": cached_a["name"], "sign": 1, "encrypt": True,
        "relay": None, "sealable": True}
    assert [c["sha256"] for c in cached_a["encryption_certificates"]] == [
        p["sha256"] for p in run.json["published"] if p["use"] == "encrypt"]
    assert agencies(b)[AGENCY_C]["relay"] == AGENCY_A
    assert _refresh(b) is False
    with b.app() as app:
        keys_b = app.courier_keys
        assert keys_b.relay_of(AGENCY_C) == AGENCY_A
        hub_seen = keys_b.hub_certificate()
        assert hub_seen is not None and hub_seen.dump() == pki.hub.cert_der
        signers = keys_b.signing_certificates(AGENCY_A)
        assert [s.dump() for s in signers] == [pki.sign_a.cert_der]
    assert opens_at(b, a, b"%PDF-1.7 sealed by B for A") == b"%PDF-1.7 sealed by B for A"

    # An office that never connects gets the same from the hub's signed file.
    file = tmp_path / "directory.korat-dir"
    fetched = b.korat("keys", "export", "--hub", "-o", str(file), "--json")
    assert fetched.code == 0, fetched.err
    assert fetched.json["imported"]["kind"] == "hub"
    x = office("x", AGENCY_C)
    run = x.korat("keys", "import", str(file), "--json")
    assert run.code == 0, run.err
    assert run.json["imported"]["kind"] == "hub"
    assert agencies(x)[AGENCY_A]["encrypt"] is True
    assert listing(x)["directory_source"] == "file"
    # A connected office may import it too; its next refresh then takes the hub's whole
    # copy again (no 304 against the copy the file replaced).
    assert b.korat("keys", "import", str(file)).code == 0
    assert listing(b)["directory_source"] == "file"
    assert _refresh(b) is True and listing(b)["directory_source"] == "hub"
    # A handout X brought in for an agency the hub lists without certificates survives
    # the next hub refresh at B: the offline office cannot publish its own.
    handout = tmp_path / "x.korat-dir"
    p12 = pki.folder / "x.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"x", pki.sign_a2.key, pki.sign_a2.cert, [pki.ca.cert],
        serialization.BestAvailableEncryption(b"pw")))
    assert x.korat("keys", "export", "-o", str(handout), "--pkcs12", str(p12), "--pin-stdin",
                   stdin="pw\n").code == 0
    assert b.korat("keys", "import", str(handout)).code == 0
    assert agencies(b)[AGENCY_C]["encrypt"] is True
    with hub.hub.db.writing() as conn:  # something changes, so the refresh is not a 304
        set_relay(conn, AGENCY_B, [AGENCY_C])
    assert _refresh(b) is True
    assert agencies(b)[AGENCY_C]["encrypt"] is True and agencies(b)[AGENCY_C]["relay"] == AGENCY_B


def test_a_self_signed_hub_key_is_trusted_as_the_pinned_hub_certificate(
        tmp_path: Path, office: Callable[..., Device], pki: CourierPki) -> None:
    server = _hub(tmp_path / "hub-self", pki, hub_key=False)
    try:
        init_hub_key(server.settings.data_dir)  # self-signed: chains to no root
        b = office("b", AGENCY_B)
        b.login(server.url, "clerk-b")
        file = tmp_path / "self.korat-dir"
        file.write_bytes(_signed_directory(server, b))
        run = b.korat("keys", "import", str(file), "--json")  # B holds that certificate
        assert run.code == 0, run.err
        assert run.json["imported"]["kind"] == "hub"
        stranger = office("x", AGENCY_C)  # never connected: nothing vouches for that key
        refused = stranger.korat("keys", "import", str(file))
        assert refused.code == 1 and "[courier.directory_signer_untrusted]" in refused.err
        assert listing(stranger)["directory_source"] is None
    finally:
        server.stop()
