"""Wire types: ids, encodings and the content fingerprint behave as both sides expect."""

from __future__ import annotations

import json
import time

import pytest
from pydantic import ValidationError

from korat_desktop.protocol import (
    OPERATION_ADAPTER,
    LeaseRequest,
    LetterSendOp,
    content_sha256,
    is_uuid7,
    uuid7,
)
from korat_desktop.protocol.tus import (
    decode_checksum,
    decode_metadata,
    encode_checksum,
    encode_metadata,
)
from korat_desktop.protocol.uuid7 import uuid7_time_ms


def test_uuid7_is_time_ordered_unique_and_versioned() -> None:
    before_ms = time.time_ns() // 1_000_000
    ids = [uuid7() for _ in range(20_000)]
    after_ms = time.time_ns() // 1_000_000
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    assert all(is_uuid7(i) for i in ids[:100])
    # The id carries the time it was made at (a fact about the id, not a speed).
    assert before_ms <= uuid7_time_ms(ids[0]) <= uuid7_time_ms(ids[-1]) <= after_ms
    assert not is_uuid7("0191d1c2-0000-4000-8000-000000000000")  # a v4


def test_uuid7_stays_monotonic_when_the_clock_goes_back() -> None:
    a = uuid7(now_ms=2_000_000_000_000)
    b = uuid7(now_ms=1_000_000_000_000)
    assert b > a


def test_tus_metadata_and_checksum_round_trip() -> None:
    values = {"sha256": "ab" * 32, "filename": "หนังสือ.pdf"}
    assert decode_metadata(encode_metadata(values)) == values
    assert decode_checksum(encode_checksum(b"\x01" * 32)) == ("sha256", b"\x01" * 32)
    assert decode_metadata("flag") == {"flag": ""}  # a key without a value is allowed
    for bad in ("k !!!", "k YQ==,k YQ==", "k YQ== extra"):
        with pytest.raises(ValueError):
            decode_metadata(bad)


def _letter(**payload: object) -> LetterSendOp:
    body = {"to": ["B"], "number": "ที่ 1", "subject": "s", "date": "2025-01-01", **payload}
    op = OPERATION_ADAPTER.validate_python({"kind": "letter.send", "payload": body,
                                            "blobs": ["a" * 64]})
    assert isinstance(op, LetterSendOp)
    return op


def test_content_fingerprint_ignores_encoding_but_not_content() -> None:
    assert content_sha256(_letter()) == content_sha256(_letter(urgency="normal"))
    assert content_sha256(_letter()) != content_sha256(_letter(subject="other"))


def test_operations_are_strict() -> None:
    with pytest.raises(ValidationError):
        _letter(unknown_field=1)
    with pytest.raises(ValidationError):
        _letter(to=["B", "B"])
    with pytest.raises(ValidationError):
        OPERATION_ADAPTER.validate_python({"kind": "letter.burn", "payload": {}})


def test_register_field_is_named_register_on_the_wire() -> None:
    lease = LeaseRequest.model_validate({"register": "send", "year": 2568, "size": 10})
    assert lease.model_dump(mode="json") == {"register": "send", "year": 2568, "size": 10}


def test_every_error_code_has_thai_and_english_text() -> None:
    from korat_desktop.protocol import ErrorCode
    from korat_desktop.protocol.messages import MESSAGES

    for code in ErrorCode:
        th, en = MESSAGES[code.value]
        assert th and en, code


def test_integers_on_the_wire_are_strict() -> None:
    """``true`` is not 1 and ``"5"`` is not 5 (issue 13.13): pydantic's lax mode read them."""
    from korat_desktop.protocol.leases import LeaseRequest

    good = {"register": "receive", "year": 2569, "size": 5}
    assert LeaseRequest.model_validate_json(json.dumps(good)).size == 5
    for field, value in (("size", True), ("size", "5"), ("year", True), ("size", 5.0)):
        with pytest.raises(ValidationError):
            LeaseRequest.model_validate_json(json.dumps({**good, field: value}))
