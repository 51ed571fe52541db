"""``korat-hub keys``, ``directory export``, ``agency-certs`` and ``relay``: the console
side of couriers, with openssl checking what it writes."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import io
import json
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes

from korat_desktop.protocol.directory import (
    Agency,
    AgencyCertificate,
    AgencyDirectory,
    CertificateUse,
)
from korat_desktop.server.cli import main
from korat_desktop.server.hub_key import CERT_FILE, KEY_FILE
from tests.courier.pki import Identity
from tests.server.courier_hub import CourierPki, signer_of
from tests.server.hub_harness import AGENCY_A, AGENCY_C

OPENSSL = shutil.which("openssl")


class Console:
    def __init__(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                 data_dir: Path, database_url: str | None, pki: CourierPki) -> None:
        self.capsys, self.monkeypatch = capsys, monkeypatch
        self.data_dir, self.database_url, self.pki = data_dir, database_url, pki

    def __call__(self, *args: str, roots: bool = True) -> tuple[int, str, str]:
        self.monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
        argv = [*args, "--data-dir", str(self.data_dir)]
        if roots:
            argv += ["--trust-root", str(self.pki.ca_file)]
        if self.database_url:
            argv += ["--database-url", self.database_url]
        try:
            code = main(argv)
        except SystemExit as e:
            code = int(e.code or 0)
        out, err = self.capsys.readouterr()
        return code, out, err

    def json(self, *args: str) -> object:
        code, out, err = self(*args, "--json")
        assert code == 0, err
        return json.loads(out)


@pytest.fixture
def console(tmp_path: Path, database_url: str | None, capsys: pytest.CaptureFixture[str],
            monkeypatch: pytest.MonkeyPatch, courier_pki: CourierPki) -> Console:
    run = Console(capsys, monkeypatch, tmp_path / "hub", database_url, courier_pki)
    for code in (AGENCY_A, AGENCY_C):
        assert run("add-agency", code, f"หน่วยงาน {code}")[0] == 0
    return run


def _sha(identity: Identity) -> str:
    return identity.cert.fingerprint(hashes.SHA256()).hex()


def test_keys_init_imports_the_province_certificate(console: Console, tmp_path: Path) -> None:
    pki = console.pki
    assert console("keys", "show")[0] == 1  # none yet
    chain = tmp_path / "hub-chain.pem"
    chain.write_bytes(pki.hub.cert_pem + pki.ca.cert_pem)
    key = tmp_path / "hub.key"
    key.write_bytes(pki.hub.key_pem)
    wrong = tmp_path / "other.key"
    wrong.write_bytes(pki.sign_a.key_pem)
    code, _, err = console("keys", "init", "--cert", str(chain), "--key", str(wrong))
    assert code == 1 and "does not match" in err
    assert not (console.data_dir / KEY_FILE).exists()
    code, _, err = console("keys", "init", "--cert", str(chain), "--key", str(key))
    assert code == 0 and "self-signed" not in err
    assert stat.S_IMODE((console.data_dir / KEY_FILE).stat().st_mode) == 0o600
    shown = console.json("keys", "show")
    assert isinstance(shown, dict)
    assert shown["sha256"] == _sha(pki.hub) and shown["self_signed"] is False
    assert len(shown["chain"]) == 1 and "Korat Test Root CA" in shown["chain"][0]
    # a second init keeps the key unless told to replace it
    assert console("keys", "init")[0] == 1
    assert console.json("keys", "show") == shown


def test_self_signed_hub_key_warns(console: Console) -> None:
    code, out, err = console("keys", "init", "--json")
    assert code == 0
    assert "self-signed" in err and "ลงนามเอง" in err
    assert json.loads(out)["self_signed"] is True
    assert (console.data_dir / CERT_FILE).read_bytes().startswith(b"-----BEGIN CERTIFICATE")


def test_directory_export_verifies_with_openssl(console: Console, tmp_path: Path) -> None:
    assert OPENSSL, "openssl is installed by scripts/setup"
    pki = console.pki
    assert console("directory", "export", "-o", str(tmp_path / "x.korat-dir"))[0] == 1
    chain, key = pki.hub.write(tmp_path / "hubkey", "hub")
    assert console("keys", "init", "--cert", str(chain), "--key", str(key))[0] == 0
    enc = tmp_path / "enc.der"
    enc.write_bytes(pki.enc_a.cert_der)
    assert console("agency-certs", "add", AGENCY_A, str(enc), "--use", "encrypt")[0] == 0
    out = tmp_path / "directory.korat-dir"
    result = console.json("directory", "export", "-o", str(out))
    assert isinstance(result, dict) and result["agencies"] == 2
    content = tmp_path / "directory.json"
    check = subprocess.run([OPENSSL, "cms", "-verify", "-inform", "DER", "-in", str(out),
                            "-CAfile", str(pki.ca_file), "-purpose", "any", "-out",
                            str(content)], capture_output=True, check=False)
    assert check.returncode == 0, check.stderr.decode()
    directory = AgencyDirectory.model_validate_json(content.read_bytes())
    [a] = [x for x in directory.agencies if x.code == AGENCY_A]
    assert [c.sha256 for c in a.certificates] == [_sha(pki.enc_a)]
    assert directory.hub_certificate == base64.b64encode(pki.hub.cert_der).decode()


def _handout(pki: CourierPki, signer: Identity, path: Path) -> None:
    """What ``korat keys export`` hands out: A's own certificates, signed by A's clerk."""
    now = dt.datetime.now(dt.UTC)
    certs = [AgencyCertificate(use=use, der_b64=base64.b64encode(i.cert_der).decode(),
                               sha256=_sha(i), added_at=now)
             for use, i in ((CertificateUse.SIGN, pki.sign_a),
                            (CertificateUse.ENCRYPT, pki.enc_a))]
    body = AgencyDirectory(agencies=[Agency(code=AGENCY_A, name="A", certificates=certs)],
                           issued_at=now).model_dump_json().encode()
    signed = asyncio.run(signer_of(pki, signer).async_sign_general_data(
        body, "sha256", detached=False))
    path.write_bytes(signed.dump())


def test_agency_certs_from_pem_der_and_a_handout(console: Console, tmp_path: Path) -> None:
    pki = console.pki
    pem = tmp_path / "sign.pem"
    pem.write_bytes(pki.sign_a.cert_pem)
    code, out, _ = console("agency-certs", "add", AGENCY_A, str(pem), "--use", "sign", "--json")
    assert code == 0 and json.loads(out)[0]["created"] is True
    again = console.json("agency-certs", "add", AGENCY_A, str(pem), "--use", "sign")
    assert isinstance(again, list) and again[0]["created"] is False
    assert console("agency-certs", "add", AGENCY_A, str(pem))[0] == 2  # --use needed
    assert console("agency-certs", "add", "nobody", str(pem), "--use", "sign")[0] == 2
    assert console("agency-certs", "add", AGENCY_A, str(pem), "--use", "sign",
                   roots=False)[0] == 1  # no trust roots: a signer cannot be checked
    garbage = tmp_path / "garbage.pem"
    garbage.write_bytes(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    code, _, err = console("agency-certs", "add", AGENCY_C, str(garbage), "--use", "encrypt")
    assert code == 1 and "certificate" in err.lower()

    handout = tmp_path / "a.korat-dir"
    _handout(pki, pki.sign_a, handout)
    added = console.json("agency-certs", "add", AGENCY_A, str(handout))
    assert isinstance(added, list)
    assert [(x["use"], x["created"]) for x in added] == [("sign", False), ("encrypt", True)]
    # a handout signed under a CA the hub does not trust is refused whole
    forged = tmp_path / "forged.korat-dir"
    _handout(pki, pki.stranger, forged)
    code, _, err = console("agency-certs", "add", AGENCY_A, str(forged))
    assert code == 1 and "trust" in err
    # a handout holds nothing for another agency
    assert console("agency-certs", "add", AGENCY_C, str(handout))[0] == 1

    listed = console.json("agency-certs", "list", AGENCY_A)
    assert isinstance(listed, list)
    assert [(x["use"], x["sha256"]) for x in listed] == [("sign", _sha(pki.sign_a)),
                                                         ("encrypt", _sha(pki.enc_a))]
    assert all(x["added_by"] == "admin" and "สมชาย" in listed[0]["subject"] for x in listed)
    assert console.json("agency-certs", "list", AGENCY_C) == []
    assert console("agency-certs", "remove", AGENCY_A, _sha(pki.sign_a))[0] == 0
    assert console("agency-certs", "remove", AGENCY_A, _sha(pki.sign_a))[0] == 1
    assert [x["use"] for x in console.json("agency-certs", "list")] == ["encrypt"]  # type: ignore[union-attr]


def test_relay_set_list_clear(console: Console) -> None:
    assert console("add-agency", "ชย 0001", "อำเภอ")[0] == 0
    rows = console.json("relay", "set", AGENCY_C, "--for", AGENCY_A, "ชย 0001")
    assert rows == [{"agency": AGENCY_A, "relay": AGENCY_C},
                    {"agency": "ชย 0001", "relay": AGENCY_C}]
    assert console.json("relay", "list") == [{"agency": "ชย 0001", "relay": AGENCY_C},
                                             {"agency": AGENCY_A, "relay": AGENCY_C}]
    listed = console.json("list-agencies")
    assert isinstance(listed, list) and {a["code"]: a["relay"] for a in listed}[AGENCY_A] == \
        AGENCY_C
    assert console("relay", "set", AGENCY_C, "--for", AGENCY_C)[0] == 2
    assert console("relay", "set", AGENCY_C, "--for", "nobody")[0] == 2
    assert console.json("relay", "clear", AGENCY_A) == {"agency": AGENCY_A, "cleared": True}
    assert console.json("relay", "clear", AGENCY_A) == {"agency": AGENCY_A, "cleared": False}
    code, out, _ = console("relay", "list")
    assert code == 0 and out.strip() == f"{AGENCY_C}\t-> ชย 0001"
