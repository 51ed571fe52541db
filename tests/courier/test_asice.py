"""ASiC-E containers: what we write is standard (openssl checks the signature); what we
read is checked entry by entry, and every bad shape is refused with a courier code."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from pyhanko.sign.signers import SimpleSigner

from korat_desktop.courier.asice import (
    ASIC_E_MIMETYPE,
    MANIFEST_NAME,
    SIGNATURE_NAME,
    AsiceWriter,
    read_asice,
)
from korat_desktop.courier.signature import sign_detached, verify_detached
from korat_desktop.errors import CourierError
from tests.courier.pki import Identity, make_ca, make_identity

OPENSSL = shutil.which("openssl")


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("pki")
    ca = make_ca()
    clerk = make_identity(ca, "สมชาย ใจดี", encryption=False)
    ca_cert, _ = ca.write(folder, "ca")
    cert, key = clerk.write(folder, "clerk")
    signer = SimpleSigner.load(str(key), str(cert), ca_chain_files=(str(ca_cert),))
    other = make_ca("Another Root")
    return {"ca": ca, "clerk": clerk, "signer": signer, "folder": folder, "other": other}


def _root(identity: Identity) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(identity.cert_der)


PDF = b"%PDF-1.7\n" + os.urandom(30_000) + b"\n%%EOF\n"
OPS = b'{"operations": [{"op_id": "0193", "kind": "letter.send"}]}'


def _container(pki: dict[str, object]) -> bytes:
    out = io.BytesIO()
    writer = AsiceWriter(out)
    writer.add("operations.json", io.BytesIO(OPS), "application/json", compress=True)
    writer.add(f"letters/{hashlib.sha256(PDF).hexdigest()}.pdf", io.BytesIO(PDF),
               "application/pdf")
    writer.finish(lambda manifest: sign_detached(pki["signer"], manifest))  # type: ignore[arg-type]
    return out.getvalue()


def test_written_container_reads_back_and_verifies(pki: dict[str, object]) -> None:
    contents = read_asice(io.BytesIO(_container(pki)))
    assert next(o.name for o in contents.objects) == "letters/" + \
        hashlib.sha256(PDF).hexdigest() + ".pdf"
    assert contents.read("operations.json") == OPS
    signer = verify_detached(contents.signature, contents.manifest_xml,
                             [_root(pki["ca"])])  # type: ignore[arg-type]
    assert signer.trusted and signer.common_name == "สมชาย ใจดี"
    with pytest.raises(CourierError) as info:
        verify_detached(contents.signature, contents.manifest_xml,
                        [_root(pki["other"])])  # type: ignore[arg-type]
    assert info.value.code == "courier.signer_untrusted"
    with pytest.raises(CourierError) as info:
        verify_detached(contents.signature, contents.manifest_xml.replace(b"pdf", b"PDF"),
                        [_root(pki["ca"])])  # type: ignore[arg-type]
    assert info.value.code == "courier.signature_invalid"


def test_the_layout_is_asic_e(pki: dict[str, object]) -> None:
    with zipfile.ZipFile(io.BytesIO(_container(pki))) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert not first.extra and z.read("mimetype") == ASIC_E_MIMETYPE.encode()
        manifest = z.read(MANIFEST_NAME).decode()
    assert 'xmlns:asic="http://uri.etsi.org/02918/v1.2.1#"' in manifest
    assert f'SigReference URI="{SIGNATURE_NAME}"' in manifest
    assert manifest.count("<asic:DataObjectReference") == 2


def test_openssl_verifies_the_signature(pki: dict[str, object], tmp_path: Path) -> None:
    assert OPENSSL, "openssl is installed by scripts/setup"
    with zipfile.ZipFile(io.BytesIO(_container(pki))) as z:
        z.extract(MANIFEST_NAME, tmp_path)
        z.extract(SIGNATURE_NAME, tmp_path)
    folder = pki["folder"]
    run = subprocess.run(
        [OPENSSL, "cms", "-verify", "-binary", "-inform", "DER", "-in",
         str(tmp_path / SIGNATURE_NAME), "-content", str(tmp_path / MANIFEST_NAME),
         "-CAfile", str(folder / "ca.crt"), "-purpose", "any", "-out", os.devnull],  # type: ignore[operator]
        capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "Verification successful" in run.stderr


def _rezip(data: bytes, edit) -> bytes:  # type: ignore[no-untyped-def]
    """Copy a container entry by entry, letting ``edit`` change the list."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    entries = edit(entries)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info, content in entries:
            z.writestr(info, content)
    return out.getvalue()


def _refused(data: bytes) -> str:
    with pytest.raises(CourierError) as info:
        read_asice(io.BytesIO(data))
    return info.value.code


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_bad_containers_are_refused(pki: dict[str, object]) -> None:
    good = _container(pki)
    pdf_name = f"letters/{hashlib.sha256(PDF).hexdigest()}.pdf"

    def renamed(new: str):  # type: ignore[no-untyped-def]
        def edit(entries):  # type: ignore[no-untyped-def]
            out = []
            for info, content in entries:
                if info.filename == pdf_name:
                    info = zipfile.ZipInfo(new)
                out.append((info, content))
            return out
        return edit

    cases = {
        "traversal": _rezip(good, renamed("../" + pdf_name)),
        "absolute": _rezip(good, renamed("/" + pdf_name)),
        "unlisted extra": _rezip(good, lambda e: [*e, (zipfile.ZipInfo("letters/" + "0" * 64
                                                                      + ".pdf"), b"x")]),
        "missing entry": _rezip(good, lambda e: [x for x in e if x[0].filename != pdf_name]),
        "duplicate": _rezip(good, lambda e: [*e, (zipfile.ZipInfo(pdf_name), PDF)]),
        "mimetype not first": _rezip(good, lambda e: [*e[1:], e[0]]),
        "changed pdf": _rezip(good, lambda e: [(i, c[:-2] + b"X\n" if i.filename == pdf_name
                                                 else c) for i, c in e]),
        "truncated": good[: len(good) // 2],
        "not a zip": b"PK\x03\x04" + os.urandom(500),
        "empty": b"",
    }
    for name, data in cases.items():
        assert _refused(data).startswith("courier."), name
    assert _refused(cases["changed pdf"]) == "courier.digest_mismatch"


def test_a_zip_bomb_is_refused_before_it_is_inflated(pki: dict[str, object]) -> None:
    bomb = zipfile.ZipInfo("operations.json")
    bomb.compress_type = zipfile.ZIP_DEFLATED

    def edit(entries):  # type: ignore[no-untyped-def]
        return [(bomb, b"0" * 5_000_000) if i.filename == "operations.json" else (i, c)
                for i, c in entries]

    data = _rezip(_container(pki), edit)
    assert len(data) < 100_000
    with pytest.raises(CourierError) as info:
        read_asice(io.BytesIO(data))
    assert "zip bomb" in str(info.value.params)


def test_one_flipped_byte_anywhere_is_refused(pki: dict[str, object]) -> None:
    good = _container(pki)
    roots = [_root(pki["ca"])]  # type: ignore[arg-type]
    for position in range(0, len(good), 211):
        damaged = bytearray(good)
        damaged[position] ^= 0x04
        try:
            contents = read_asice(io.BytesIO(bytes(damaged)))
            verify_detached(contents.signature, contents.manifest_xml, roots)
            for obj in contents.objects:
                contents.read(obj.name)
        except CourierError:
            continue
        # The only bytes a flip may leave harmless are zip metadata (timestamps, the
        # unused "version made by"); the data objects and their digests must be intact.
        contents = read_asice(io.BytesIO(bytes(damaged)))
        assert contents.read("operations.json") == OPS, position
