"""Wire shape of secret letters: ``encryption="cms"`` + ``sealed``, the placeholder, and a
letter without encryption that stays byte-identical to what older versions sent."""

from __future__ import annotations

import base64
import datetime as dt
import io

import pytest
from asn1crypto import x509 as asn1_x509
from pydantic import ValidationError

from korat_desktop.courier.envelope import seal
from korat_desktop.protocol import OPERATION_ADAPTER, SEALED_PLACEHOLDER, LetterSendOp
from korat_desktop.protocol.ops import (
    ENCRYPTION_ERROR,
    SEALED_MAX_CHARS,
    LetterKind,
    LetterSendPayload,
    RegisterEntry,
    Secrecy,
    Urgency,
    content_sha256,
)
from tests.courier.pki import make_ca, make_identity

FIXED_FINGERPRINT = "20d55040f058273eafc5f13cd2f87ce005d8249be159e4a0cf35be1187e80d69"
"""content_sha256 of :func:`_fixed_op`, computed by the version before ``encryption``."""

FIXED_WIRE = (
    '{"kind":"letter.send","payload":{"to":["นม 0017.2","นม 0017.3"],'
    '"number":"ที่ นม 0017.1/1234","subject":"ขอเชิญประชุม","date":"2026-12-01",'
    '"urgency":"urgent","secrecy":"secret","kind":"external",'
    '"deadline":"2026-12-03T09:00:00+07:00","send_register":{"year":2569,"number":1234}},'
    '"blobs":["' + "a" * 64 + '"]}')


def _fixed_op() -> LetterSendOp:
    return LetterSendOp(kind="letter.send", blobs=["a" * 64], payload=LetterSendPayload(
        to=["นม 0017.2", "นม 0017.3"], number="ที่ นม 0017.1/1234", subject="ขอเชิญประชุม",
        date=dt.date(2026, 12, 1), urgency=Urgency.URGENT, secrecy=Secrecy.SECRET,
        kind=LetterKind.EXTERNAL,
        deadline=dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))),
        send_register=RegisterEntry(year=2569, number=1234)))


@pytest.fixture(scope="module")
def sealed() -> str:
    """A real AuthEnvelopedData (the courier's sealer) of some secret fields."""
    ca = make_ca()
    agency = make_identity(ca, "B", encryption=True)
    plain = '{"subject":"ลับ: ย้ายกำลังพล"}'.encode()
    out = io.BytesIO()
    seal(io.BytesIO(plain), len(plain), out, [asn1_x509.Certificate.load(agency.cert_der)])
    return base64.b64encode(out.getvalue()).decode("ascii")


def _letter(**payload: object) -> LetterSendOp:
    body = {"to": ["B"], "number": SEALED_PLACEHOLDER, "subject": SEALED_PLACEHOLDER,
            "date": "2025-01-01", "secrecy": "secret", **payload}
    op = OPERATION_ADAPTER.validate_python({"kind": "letter.send", "payload": body,
                                            "blobs": ["a" * 64]})
    assert isinstance(op, LetterSendOp)
    return op


def _refusal(**payload: object) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        _letter(**payload)
    return [e["type"] for e in caught.value.errors()]


def test_a_letter_without_encryption_keeps_its_fingerprint_and_wire_json() -> None:
    op = _fixed_op()
    assert content_sha256(op) == FIXED_FINGERPRINT
    assert op.model_dump_json() == FIXED_WIRE
    assert "encryption" not in op.model_dump(mode="json")["payload"]
    # read back from the old wire form: same op, same fingerprint
    again = OPERATION_ADAPTER.validate_json(FIXED_WIRE)
    assert content_sha256(again) == FIXED_FINGERPRINT
    assert content_sha256(_letter(encryption=None, sealed=None, subject="s")) == \
        content_sha256(_letter(subject="s"))


def test_an_encrypted_letter_round_trips_and_its_fingerprint_covers_sealed(sealed: str) -> None:
    op = _letter(encryption="cms", sealed=sealed)
    wire = op.model_dump(mode="json")["payload"]
    assert wire["encryption"] == "cms" and wire["sealed"] == sealed
    assert wire["subject"] == wire["number"] == SEALED_PLACEHOLDER
    assert OPERATION_ADAPTER.validate_json(op.model_dump_json()) == op
    other = base64.b64encode(base64.b64decode(sealed)[:-1] + b"\x00").decode()
    assert content_sha256(op) != content_sha256(_letter(encryption="cms", sealed=other))
    assert _letter(encryption="cms", sealed=sealed, secrecy="confidential").payload.sealed


def test_encryption_needs_sealed_the_placeholder_and_a_secret_class(sealed: str) -> None:
    assert _refusal(encryption="cms") == [ENCRYPTION_ERROR]
    assert _refusal(encryption="cms", sealed=sealed, subject="ย้ายกำลังพล") == [ENCRYPTION_ERROR]
    assert _refusal(encryption="cms", sealed=sealed, number="ที่ นม 1/2") == [ENCRYPTION_ERROR]
    for secrecy in ("none", "top_secret"):
        assert _refusal(encryption="cms", sealed=sealed, secrecy=secrecy) == [ENCRYPTION_ERROR]
    assert _refusal(sealed=sealed) == [ENCRYPTION_ERROR]
    assert _refusal(encryption="aes", sealed=sealed) == ["literal_error"]


def test_sealed_must_be_base64_of_an_auth_enveloped_data(sealed: str) -> None:
    clear = base64.b64encode(b'{"subject":"x"}').decode()
    enveloped_data = base64.b64encode(bytes.fromhex(  # ContentInfo of id-envelopedData
        "3011060962864886f70d010703a0043002" "0200")).decode()
    truncated = base64.b64encode(base64.b64decode(sealed)[:-3]).decode()
    for bad in (clear, enveloped_data, truncated, sealed[:-4] + "A===", "ab c"):
        assert _refusal(encryption="cms", sealed=bad) != [], bad
    assert _refusal(encryption="cms", sealed="A" * (SEALED_MAX_CHARS + 4)) == \
        ["string_too_long"]
