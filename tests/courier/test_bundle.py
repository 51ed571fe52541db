"""A whole bundle: ASiC-E signed by the sender, enveloped to the recipients; an auditor
with openssl alone can open and check it; every check runs before anything is returned."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from pyhanko.sign.signers import SimpleSigner

from korat_desktop.courier.asice import MANIFEST_NAME, SIGNATURE_NAME
from korat_desktop.courier.bundle import open_bundle, write_bundle
from korat_desktop.courier.envelope import SoftwareRecipientKey
from korat_desktop.errors import CourierError
from korat_desktop.protocol.bundle import BundledOperation, BundleManifest
from korat_desktop.protocol.uuid7 import uuid7
from tests.courier.pki import Identity, make_ca, make_identity, recipient_key

OPENSSL = shutil.which("openssl")
A, B = "นม 0017.1", "นม 0023.4"


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("pki")
    ca = make_ca()
    clerk = make_identity(ca, "สมชาย ใจดี", encryption=False)
    ca.write(folder, "ca")
    cert, key = clerk.write(folder, "clerk")
    return {"ca": ca, "folder": folder,
            "signer": SimpleSigner.load(str(key), str(cert),
                                        ca_chain_files=(str(folder / "ca.crt"),)),
            "enc_a": make_identity(ca, "A encryption", encryption=True),
            "enc_b": make_identity(ca, "B encryption", encryption=True),
            "enc_c": make_identity(ca, "C encryption", encryption=True)}


def _cert(i: object) -> asn1_x509.Certificate:
    assert isinstance(i, Identity)
    return asn1_x509.Certificate.load(i.cert_der)


def _key(i: object) -> SoftwareRecipientKey:
    assert isinstance(i, Identity)
    return recipient_key(i)


PDFS = [b"%PDF-1.7\n" + os.urandom(40_000 + n) + b"\n%%EOF\n" for n in range(3)]
BLOBS = {hashlib.sha256(p).hexdigest(): p for p in PDFS}


def _manifest(**changes: object) -> BundleManifest:
    now = dt.datetime.now(dt.UTC)
    ops = [BundledOperation(op_id=uuid7(), kind="letter.send",
                            body=json.dumps({"kind": "letter.send", "n": i}),
                            content_sha256=hashlib.sha256(str(i).encode()).hexdigest(),
                            origin_agency=A, origin_device=uuid7(), recipients=[B],
                            blobs=[sha]) for i, sha in enumerate(BLOBS)]
    values: dict[str, object] = dict(bundle_id=uuid7(), sender_agency=A,
                                     sender_device=uuid7(), recipients=[B], created=now,
                                     expires=now + dt.timedelta(days=30), operations=ops)
    values.update(changes)
    return BundleManifest(**values)  # type: ignore[arg-type]


def _bundle(office: dict[str, object], manifest: BundleManifest | None = None) -> bytes:
    out = io.BytesIO()
    write_bundle(manifest or _manifest(), lambda sha: io.BytesIO(BLOBS[sha]),
                 office["signer"], [_cert(office["enc_b"]), _cert(office["enc_a"])],  # type: ignore[arg-type]
                 out)
    return out.getvalue()


def _open(office: dict[str, object], data: bytes, who: str = "enc_b", **kw: object):  # type: ignore[no-untyped-def]
    return open_bundle(io.BytesIO(data), len(data), _key(office[who]),
                       [_cert(office["ca"])], **kw)  # type: ignore[arg-type]


def test_round_trip(office: dict[str, object]) -> None:
    manifest = _manifest()
    data = _bundle(office, manifest)
    for who in ("enc_b", "enc_a"):  # the recipient and the sender's own agency
        with _open(office, data, who) as opened:
            assert opened.manifest.operations == manifest.operations
            assert opened.manifest.bundle_id == manifest.bundle_id
            assert opened.signer.common_name == "สมชาย ใจดี" and opened.signer.trusted
            for sha, pdf in BLOBS.items():
                assert opened.letter(sha) == pdf
    assert not any(pdf[20:60] in data for pdf in PDFS)  # nothing readable on the stick


def test_an_auditor_checks_it_with_openssl_alone(office: dict[str, object],
                                                  tmp_path: Path) -> None:
    assert OPENSSL, "openssl is installed by scripts/setup"
    (tmp_path / "b.korat").write_bytes(_bundle(office))
    cert, key = office["enc_b"].write(tmp_path, "b")  # type: ignore[attr-defined]
    run = subprocess.run([OPENSSL, "cms", "-decrypt", "-inform", "DER", "-binary", "-in",
                          str(tmp_path / "b.korat"), "-recip", str(cert), "-inkey", str(key),
                          "-out", str(tmp_path / "inner.asice")], capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    with zipfile.ZipFile(tmp_path / "inner.asice") as z:
        z.extractall(tmp_path / "inner")
    inner = tmp_path / "inner"
    run = subprocess.run([OPENSSL, "cms", "-verify", "-binary", "-inform", "DER", "-in",
                          str(inner / SIGNATURE_NAME), "-content", str(inner / MANIFEST_NAME),
                          "-CAfile", str(office["folder"] / "ca.crt"),  # type: ignore[operator]
                          "-purpose", "any", "-out", os.devnull],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and "Verification successful" in run.stderr, run.stderr
    manifest = (inner / MANIFEST_NAME).read_text()
    for sha, pdf in BLOBS.items():  # the manifest's digests are the letters' own
        assert (inner / "letters" / f"{sha}.pdf").read_bytes() == pdf
        import base64
        assert base64.b64encode(bytes.fromhex(sha)).decode() in manifest


def test_every_check_runs_before_anything_is_returned(office: dict[str, object]) -> None:
    data = _bundle(office)
    with pytest.raises(CourierError) as info:
        _open(office, data, "enc_c")
    assert info.value.code == "courier.not_for_us"
    with pytest.raises(CourierError) as info:
        _open(office, data, now=dt.datetime.now(dt.UTC) + dt.timedelta(days=31))
    assert info.value.code == "courier.expired"
    for position in range(0, len(data), max(1, len(data) // 60)):
        damaged = bytearray(data)
        damaged[position] ^= 0x10
        with pytest.raises(CourierError):
            _open(office, bytes(damaged))
    for cut in (1, 17, len(data) // 2):
        with pytest.raises(CourierError):
            _open(office, data[:-cut])


def test_a_bundle_signed_outside_the_trust_roots_is_refused(office: dict[str, object],
                                                            tmp_path: Path) -> None:
    rogue_ca = make_ca("Rogue Root")
    rogue = make_identity(rogue_ca, "สมชาย ใจดี", encryption=False)
    rogue_ca.write(tmp_path, "rca")
    cert, key = rogue.write(tmp_path, "rogue")
    signer = SimpleSigner.load(str(key), str(cert), ca_chain_files=(str(tmp_path / "rca.crt"),))
    out = io.BytesIO()
    write_bundle(_manifest(), lambda sha: io.BytesIO(BLOBS[sha]), signer,
                 [_cert(office["enc_b"])], out)
    with pytest.raises(CourierError) as info:
        _open(office, out.getvalue())
    assert info.value.code == "courier.signer_untrusted"


def test_korat_courier_show(office: dict[str, object], tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    from korat_desktop.cli.main import main

    bundle = tmp_path / "for-b.korat"
    bundle.write_bytes(_bundle(office))
    cert, key = office["enc_b"].write(tmp_path, "b")  # type: ignore[attr-defined]
    ca = office["folder"] / "ca.crt"  # type: ignore[operator]
    data = ["--data-dir", str(tmp_path / "office")]
    assert main(["courier", "show", str(bundle), "--json", *data]) == 0
    sealed = json.loads(capsys.readouterr().out)
    assert len(sealed["sealed_for"]) == 2 and "operations" not in sealed
    assert main(["courier", "show", str(bundle), "--key", str(key), "--cert", str(cert),
                 "--trust-root", str(ca), "--json", *data]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["verified"] and shown["signer"] == "สมชาย ใจดี"
    assert [o["letters"] for o in shown["operations"]] == [1, 1, 1]
    damaged = bytearray(bundle.read_bytes())
    damaged[len(damaged) // 2] ^= 1
    bundle.write_bytes(bytes(damaged))
    assert main(["courier", "show", str(bundle), "--key", str(key), "--cert", str(cert),
                 "--trust-root", str(ca), *data]) == 1
    assert "[courier." in capsys.readouterr().err
    assert main(["courier", "show", str(tmp_path / "missing.korat"), *data]) == 2
