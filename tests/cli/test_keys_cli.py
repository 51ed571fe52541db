"""``korat keys`` through the command line: handouts between two offices that never
connect, the hub-signed directory file (good, tampered, rolled back, untrusted), and
what ``korat keys list`` reports."""

from __future__ import annotations

import base64
import datetime as dt
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.sign.signers import SimpleSigner

from korat_desktop.courier.signed_directory import sign_directory
from korat_desktop.protocol.directory import (
    Agency,
    AgencyCertificate,
    AgencyDirectory,
    CertificateUse,
)
from tests.cli.keys_checks import agencies, listing, opens_at
from tests.courier.pki import Identity, make_ca, make_identity
from tests.server.hub_harness import AGENCY_A, AGENCY_B, AGENCY_C
from tests.sync.conftest import keyring_file
from tests.sync.harness import AGENCIES, REPO, Device

__all__ = ["keyring_file"]

pytestmark = pytest.mark.filterwarnings("ignore:Attribute's length must be:UserWarning")

OPENSSL = shutil.which("openssl")
P12_PASSWORD = "รหัส-p12"


@dataclass(frozen=True)
class Pki:
    folder: Path
    ca: Identity
    hub: Identity
    clerk_a: Identity
    clerk_a2: Identity
    clerk_b: Identity
    stranger_ca: Identity
    stranger_hub: Identity

    @property
    def roots(self) -> Path:
        return self.folder / "ca.crt"

    def p12(self, identity: Identity, name: str) -> Path:
        path = self.folder / f"{name}.p12"
        path.write_bytes(pkcs12.serialize_key_and_certificates(
            name.encode(), identity.key, identity.cert, [self.ca.cert],
            serialization.BestAvailableEncryption(P12_PASSWORD.encode())))
        return path

    def signer(self, identity: Identity, name: str) -> SimpleSigner:
        cert, key = identity.write(self.folder, name)
        return SimpleSigner.load(str(key), str(cert), ca_chain_files=(str(self.roots),))


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    folder = tmp_path_factory.mktemp("pki")
    ca = make_ca("Province Root CA")
    ca.write(folder, "ca")
    other = make_ca("Somebody Else's CA")
    return Pki(folder, ca, make_identity(ca, "Korat Hub", encryption=False),
               make_identity(ca, "สมชาย ใจดี", encryption=False),
               make_identity(ca, "สมหญิง ใจงาม", encryption=False),
               make_identity(ca, "ประเสริฐ สุขใจ", encryption=False),
               other, make_identity(other, "Korat Hub", encryption=False))


@pytest.fixture
def offices(tmp_path: Path, keyring_file: Path, pki: Pki) -> Callable[[str], Device]:
    def make(code: str) -> Device:
        device = Device(tmp_path / code.replace(" ", "_"), code, keyring_file)
        device.configure(**{"signing.trust_roots": [str(pki.roots)]})
        made = device.korat("keys", "new")
        assert made.code == 0, made.err
        return device

    return make


def _b64(identity: Identity) -> str:
    return base64.b64encode(identity.cert_der).decode("ascii")


def _cert(identity: Identity, use: CertificateUse, added: dt.datetime) -> AgencyCertificate:
    from hashlib import sha256

    return AgencyCertificate(use=use, der_b64=_b64(identity),
                             sha256=sha256(identity.cert_der).hexdigest(), added_at=added)


def _hub_directory(pki: Pki, issued: dt.datetime, *, b_encrypt: Identity,
                   signer_identity: Identity | None = None,
                   named_hub: Identity | None = None) -> AgencyDirectory:
    return AgencyDirectory(
        agencies=[Agency(code=AGENCY_A, name=AGENCIES[AGENCY_A],
                         certificates=[_cert(pki.clerk_a, CertificateUse.SIGN, issued)]),
                  Agency(code=AGENCY_B, name=AGENCIES[AGENCY_B], relay=AGENCY_A,
                         certificates=[_cert(b_encrypt, CertificateUse.ENCRYPT, issued),
                                       _cert(pki.clerk_b, CertificateUse.SIGN, issued)]),
                  Agency(code=AGENCY_C, name=AGENCIES[AGENCY_C])],
        hub_certificate=_b64(named_hub or signer_identity or pki.hub), issued_at=issued)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _refused(device: Device, path: Path, code: str) -> None:
    before = listing(device)
    run = device.korat("keys", "import", str(path))
    assert run.code == 1 and f"[{code}]" in run.err, run.err
    after = listing(device)
    assert {k: v for k, v in after.items() if k != "directory_loaded_at"} == \
        {k: v for k, v in before.items() if k != "directory_loaded_at"}


def test_handout_round_trip_between_two_offices(offices: Callable[[str], Device], pki: Pki,
                                                tmp_path: Path) -> None:
    a, b = offices(AGENCY_A), offices(AGENCY_B)
    a_file, b_file = tmp_path / "a.korat-dir", tmp_path / "b.korat-dir"
    run = a.korat("keys", "export", "-o", str(a_file), "--pkcs12", str(pki.p12(pki.clerk_a, "a")),
                  "--pin-stdin", "--json", stdin=P12_PASSWORD + "\n")
    assert run.code == 0, run.err
    assert {use for use, _ in run.json["certificates"]} == {"encrypt", "sign"}
    # A real process, as a clerk would run it.
    b.configure(**{"signing.pkcs12_file": str(pki.p12(pki.clerk_b, "b"))})
    proc = subprocess.run(
        [sys.executable, "-m", "korat_desktop.cli.main", "keys", "export", "-o", str(b_file),
         "--pin-stdin", "--data-dir", str(b.root)],
        input=P12_PASSWORD + "\n", capture_output=True, text=True, env=b.env(), timeout=120,
        cwd=REPO)
    assert proc.returncode == 0, proc.stderr

    assert OPENSSL, "scripts/setup installs openssl for the tests"
    # An auditor checks the handout without Korat.
    check = subprocess.run([OPENSSL, "cms", "-verify", "-inform", "DER", "-in", str(a_file),
                            "-CAfile", str(pki.roots), "-purpose", "any"],
                           capture_output=True, timeout=60)
    assert check.returncode == 0, check.stderr
    assert AGENCY_A.encode() in check.stdout

    run = b.korat("keys", "import", str(a_file), "--json")
    assert run.code == 0, run.err
    assert run.json["imported"]["kind"] == "handout"
    assert run.json["imported"]["certificates_added"] == 2
    cached_a = agencies(b)[AGENCY_A]
    assert {k: v for k, v in cached_a.items() if k != "encryption_certificates"} == {
        "code": AGENCY_A, "name": AGENCIES[AGENCY_A], "sign": 1, "encrypt": True,
        "relay": None, "sealable": True}
    with a.app() as app:
        a_key = app.keys.office_keys.current()
    assert a_key is not None and a_key.sha256 is not None
    assert [c["sha256"] for c in cached_a["encryption_certificates"]] == [a_key.sha256]
    again = b.korat("keys", "import", str(a_file), "--json")
    assert again.code == 0 and again.json["imported"]["certificates_added"] == 0
    run = a.korat("keys", "import", str(b_file))
    assert run.code == 0, run.err
    assert agencies(a)[AGENCY_B]["encrypt"] is True

    # B can now seal to A, and A opens it.
    assert opens_at(b, a, b"%PDF-1.7 for A only") == b"%PDF-1.7 for A only"


def test_hub_directory_file(offices: Callable[[str], Device], pki: Pki,
                            tmp_path: Path) -> None:
    b = offices(AGENCY_B)
    d = offices(AGENCY_C)
    b_enc = make_identity(pki.ca, "B encryption", encryption=True)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    hub = pki.signer(pki.hub, "hub")
    good = _write(tmp_path / "hub.korat-dir",
                  sign_directory(hub, _hub_directory(pki, now, b_encrypt=b_enc)))
    run = d.korat("keys", "import", str(good), "--json")
    assert run.code == 0, run.err
    assert run.json["imported"]["kind"] == "hub"
    seen = listing(d)
    assert seen["directory_source"] == "file"
    hub_cert = seen["hub_certificate"]
    assert isinstance(hub_cert, dict) and hub_cert["common_name"] == "Korat Hub"
    cached = agencies(d)
    assert {k: v for k, v in cached[AGENCY_B].items() if k != "encryption_certificates"} == {
        "code": AGENCY_B, "name": AGENCIES[AGENCY_B], "sign": 1, "encrypt": True,
        "relay": AGENCY_A, "sealable": True}
    assert [c["sha256"] for c in cached[AGENCY_B]["encryption_certificates"]] == [
        b_enc.cert.fingerprint(hashes.SHA256()).hex()]
    assert cached[AGENCY_C]["encrypt"] is False and cached[AGENCY_A]["sign"] == 1
    assert cached[AGENCY_C]["sealable"] is False
    assert cached[AGENCY_C]["encryption_certificates"] == []
    text = d.korat("keys", "list", "--no-tokens", "--lang", "en")
    assert text.code == 0, text.err
    line = next(x for x in text.out.splitlines() if x.strip().startswith(AGENCY_B))
    assert "encrypt: yes, until" in line
    with d.app() as app:
        keys = app.courier_keys
        assert keys.encryption_certificates([AGENCY_B])[AGENCY_B].dump() == b_enc.cert_der
        hub_seen = keys.hub_certificate()
        assert hub_seen is not None and hub_seen.dump() == pki.hub.cert_der
        assert keys.relay_of(AGENCY_B) == AGENCY_A

    # One flipped byte inside the signed JSON.
    data = bytearray(good.read_bytes())
    at = bytes(data).index(AGENCY_C.encode())
    data[at] ^= 0x01
    _refused(d, _write(tmp_path / "tampered.korat-dir", bytes(data)),
             "courier.directory_signature_invalid")
    _refused(d, _write(tmp_path / "garbage.korat-dir", b"\x30\x82garbage" * 50),
             "courier.directory_malformed")
    _refused(d, _write(tmp_path / "short.korat-dir", good.read_bytes()[:-40]),
             "courier.directory_malformed")
    older = sign_directory(hub, _hub_directory(pki, now - dt.timedelta(days=3), b_encrypt=b_enc))
    _refused(d, _write(tmp_path / "older.korat-dir", older), "courier.directory_rollback")
    stranger = pki.signer(pki.stranger_hub, "stranger-hub")
    untrusted = sign_directory(stranger, _hub_directory(
        pki, now + dt.timedelta(days=1), b_encrypt=b_enc, signer_identity=pki.stranger_hub))
    _refused(d, _write(tmp_path / "untrusted.korat-dir", untrusted),
             "courier.directory_signer_untrusted")
    # Signed by a certificate the roots trust (a clerk's) but naming the hub's.
    posing = sign_directory(pki.signer(pki.clerk_b, "clerk-b"), _hub_directory(
        pki, now + dt.timedelta(days=1), b_encrypt=b_enc, named_hub=pki.hub))
    _refused(d, _write(tmp_path / "posing.korat-dir", posing),
             "courier.directory_signer_mismatch")
    # Several agencies, no hub certificate: not a hub directory, not a handout either.
    loose = _hub_directory(pki, now, b_encrypt=b_enc).model_copy(update={"hub_certificate": None})
    _refused(d, _write(tmp_path / "loose.korat-dir", sign_directory(hub, loose)),
             "courier.handout_not_single")

    newer_enc = make_identity(pki.ca, "B encryption 2", encryption=True)
    newer = sign_directory(hub, _hub_directory(pki, now + dt.timedelta(hours=1),
                                               b_encrypt=newer_enc))
    run = d.korat("keys", "import", str(_write(tmp_path / "newer.korat-dir", newer)))
    assert run.code == 0, run.err
    with d.app() as app:
        found = app.courier_keys.encryption_certificates([AGENCY_B])[AGENCY_B]
    assert found.dump() == newer_enc.cert_der
    assert b.korat("keys", "import", str(good)).code == 0  # another office: its own cache


def test_a_handout_needs_a_listed_signer(offices: Callable[[str], Device], pki: Pki,
                                         tmp_path: Path) -> None:
    d = offices(AGENCY_C)
    now = dt.datetime.now(dt.UTC)
    hub = pki.signer(pki.hub, "hub")
    b_enc = make_identity(pki.ca, "B encryption", encryption=True)
    listed = _write(tmp_path / "hub.korat-dir",
                    sign_directory(hub, _hub_directory(pki, now, b_encrypt=b_enc)))
    assert d.korat("keys", "import", str(listed)).code == 0
    a_enc = make_identity(pki.ca, "A encryption", encryption=True)

    def handout(identity: Identity, name: str) -> Path:
        directory = AgencyDirectory(agencies=[Agency(
            code=AGENCY_A, name=AGENCIES[AGENCY_A],
            certificates=[_cert(a_enc, CertificateUse.ENCRYPT, now),
                          _cert(identity, CertificateUse.SIGN, now)])], issued_at=now)
        return _write(tmp_path / f"{name}.korat-dir",
                      sign_directory(pki.signer(identity, name), directory))

    # The hub lists clerk_a for A: a handout by another clerk (trusted, but not listed) is
    # refused even though it lists itself.
    _refused(d, handout(pki.clerk_a2, "clerk-a2"), "courier.handout_signer_not_listed")
    run = d.korat("keys", "import", str(handout(pki.clerk_a, "clerk-a")))
    assert run.code == 0, run.err
    assert agencies(d)[AGENCY_A]["encrypt"] is True
    hub_cert = listing(d)["hub_certificate"]
    assert isinstance(hub_cert, dict) and hub_cert["common_name"] == "Korat Hub"  # untouched
