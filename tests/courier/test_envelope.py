"""CMS AuthEnvelopedData: streamed, to several agencies, opened by openssl and by us."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509

from korat_desktop.courier.envelope import (
    SoftwareRecipientKey,
    open_envelope,
    recipients_of,
    seal,
)
from korat_desktop.errors import CourierError
from tests.courier.pki import Identity, make_ca, make_identity, recipient_key

OPENSSL = shutil.which("openssl")


@pytest.fixture(scope="module")
def agencies() -> dict[str, Identity]:
    ca = make_ca()
    return {name: make_identity(ca, f"{name} encryption", encryption=True)
            for name in ("A", "B", "D")}


def _asn1(identity: Identity) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(identity.cert_der)


def _key(identity: Identity) -> SoftwareRecipientKey:
    return recipient_key(identity)


def _sealed(data: bytes, *to: Identity) -> bytes:
    out = io.BytesIO()
    written = seal(io.BytesIO(data), len(data), out, [_asn1(i) for i in to])
    assert written == len(out.getvalue())
    return out.getvalue()


def _opened(envelope: bytes, who: Identity) -> bytes:
    out = io.BytesIO()
    info = open_envelope(io.BytesIO(envelope), len(envelope), out, _key(who))
    assert info.content_length == len(out.getvalue())
    return out.getvalue()


@pytest.mark.parametrize("size", [0, 1, 127, 128, 65_535, 3 * (1 << 20) + 7])
def test_round_trip_for_every_recipient(agencies: dict[str, Identity], size: int) -> None:
    data = os.urandom(size)
    envelope = _sealed(data, agencies["A"], agencies["B"])
    assert data[:64] not in envelope or size < 16  # ciphertext, not the plain bytes
    assert _opened(envelope, agencies["A"]) == data
    assert _opened(envelope, agencies["B"]) == data
    info = recipients_of(io.BytesIO(envelope), len(envelope))
    assert len(info.recipients) == 2 and info.content_length == size


def test_openssl_opens_what_we_seal(agencies: dict[str, Identity], tmp_path: Path) -> None:
    assert OPENSSL, "openssl is installed by scripts/setup"
    data = os.urandom(200_000) + "หนังสือราชการ".encode()
    (tmp_path / "bundle.p7m").write_bytes(_sealed(data, agencies["A"], agencies["B"]))
    cert, key = agencies["B"].write(tmp_path, "b")
    run = subprocess.run([OPENSSL, "cms", "-decrypt", "-inform", "DER", "-in",
                          str(tmp_path / "bundle.p7m"), "-recip", str(cert), "-inkey", str(key),
                          "-binary", "-out", str(tmp_path / "out.bin")],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "out.bin").read_bytes() == data
    # openssl's own parser agrees on the structure: AuthEnvelopedData, two recipients.
    shown = subprocess.run([OPENSSL, "cms", "-cmsout", "-print", "-inform", "DER", "-in",
                            str(tmp_path / "bundle.p7m")], capture_output=True, text=True,
                           timeout=60)
    assert shown.returncode == 0, shown.stderr
    assert "id-smime-ct-authEnvelopedData" in shown.stdout
    assert shown.stdout.count("rsaesOaep") == 2 and "aes-256-gcm" in shown.stdout


def test_not_for_us_is_refused(agencies: dict[str, Identity]) -> None:
    envelope = _sealed(b"letter", agencies["A"])
    with pytest.raises(CourierError) as info:
        _opened(envelope, agencies["D"])
    assert info.value.code == "courier.not_for_us"


def test_one_flipped_byte_anywhere_is_caught(agencies: dict[str, Identity]) -> None:
    """Every byte, for a single recipient (with several, the bundle's signed manifest
    binds the other agencies' recipient infos: see test_bundle)."""
    data = os.urandom(700)
    envelope = _sealed(data, agencies["A"])
    for position, bit in ((p, b) for p in range(len(envelope)) for b in (0x01, 0x80)):
        damaged = bytearray(envelope)
        damaged[position] ^= bit
        with pytest.raises(CourierError) as info:
            _opened(bytes(damaged), agencies["A"])
        assert info.value.code in ("courier.tampered", "courier.envelope_damaged",
                                   "courier.key_unsupported",
                                   "courier.not_for_us"), (position, info.value.code)


def test_truncated_and_extended_are_refused(agencies: dict[str, Identity]) -> None:
    envelope = _sealed(os.urandom(3000), agencies["A"])
    for damaged in (envelope[:-1], envelope[:100], envelope + b"\x00", b"", b"\x30\x80"):
        with pytest.raises(CourierError):
            _opened(damaged, agencies["A"])


def test_a_hostile_length_does_not_allocate(agencies: dict[str, Identity]) -> None:
    # A SET of recipients claiming 2 GB: refused from the file size, nothing read.
    hostile = (b"\x30\x84\x7f\xff\xff\xff\x06\x0b" + bytes.fromhex("2a864886f70d0109100117")
               + b"\xa0\x84\x7f\xff\xff\x00")
    with pytest.raises(CourierError) as info:
        _opened(hostile, agencies["A"])
    assert info.value.code == "courier.envelope_damaged"
