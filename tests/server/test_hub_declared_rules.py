"""The OpenAPI document states what the hub enforces, and the hub enforces it: the
``Idempotency-Key`` shape, ``Tus-Resumable`` required, ``op_id`` a UUIDv7, the
``since`` cursor's shape, 400 for a body that is not UTF-8 JSON, and strict wire
integers (``true`` is not 1)."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from pydantic import ValidationError

from korat_desktop.protocol.changes import CURSOR_PATTERN
from korat_desktop.protocol.leases import LeaseRelease, LeaseRequest
from korat_desktop.protocol.ops import OPERATION_ADAPTER
from korat_desktop.protocol.tus import TUS_VERSION
from korat_desktop.protocol.uuid7 import UUID7_PATTERN, uuid7
from korat_desktop.server.openapi_doc import openapi_document
from tests.server.hub_harness import AGENCY_B, Agencies, letter_op

DOC = openapi_document()


def _param(path: str, method: str, name: str) -> dict[str, Any]:
    for param in DOC["paths"][path][method]["parameters"]:
        if param["name"] == name:
            return dict(param)
    raise AssertionError(f"{method} {path} does not declare {name}")


def _lease(year: Any = 2569, size: Any = 5) -> dict[str, Any]:
    return {"register": "send", "year": year, "size": size}


def test_idempotency_key_declared_as_enforced(agencies: Agencies) -> None:
    schema = _param("/leases", "post", "Idempotency-Key")["schema"]
    pattern = re.compile(schema["pattern"])
    a = agencies.a
    for key, accepted in (("k" * 64, True), ('"' + "q" * 64 + '"', True),
                          ("k" * 65, False), ("k" * 67, False), ("a b", False)):
        declared = bool(pattern.fullmatch(key)) and len(key) <= schema.get("maxLength", 999)
        assert declared == accepted, key
        r = a.request("POST", "/leases", json=_lease(), headers={"Idempotency-Key": key})
        assert r.status_code == (201 if accepted else 400), (key, r.status_code, r.text)


def test_tus_resumable_declared_required_on_every_tus_call_but_options() -> None:
    for path, method in (("/uploads", "post"), ("/uploads/{upload_id}", "head"),
                         ("/uploads/{upload_id}", "patch"), ("/uploads/{upload_id}", "delete")):
        param = _param(path, method, "Tus-Resumable")
        schema = param["schema"]
        assert param["required"] is True
        assert schema.get("const", TUS_VERSION) == TUS_VERSION
        assert schema.get("enum", [TUS_VERSION]) == [TUS_VERSION]
        assert "const" in schema or "enum" in schema
        assert "412" in DOC["paths"][path][method]["responses"]


def test_op_id_declared_uuid7_and_enforced(agencies: Agencies) -> None:
    assert _param("/ops/{op_id}/commit", "post", "op_id")["schema"]["pattern"] == UUID7_PATTERN
    r = agencies.a.commit(letter_op([AGENCY_B], ["0" * 64]), op_id=str(uuid.uuid4()))
    assert r.status_code == 422 and r.json()["code"] == "op.bad_id"


def test_since_cursor_declared_and_enforced(agencies: Agencies) -> None:
    schema = _param("/changes", "get", "since")["schema"]
    assert schema["pattern"] == CURSOR_PATTERN
    page = agencies.a.changes().json()
    assert re.fullmatch(CURSOR_PATTERN, page["next_cursor"])
    r = agencies.a.changes(since="not-a-cursor")
    assert r.status_code == 400 and r.json()["code"] == "changes.bad_cursor"


def test_json_bodies_that_are_not_utf8_are_a_declared_400(agencies: Agencies) -> None:
    a = agencies.a
    for path in ("/enroll", "/ops/{op_id}/commit", "/leases", "/leases/{lease_id}/release"):
        assert "400" in DOC["paths"][path]["post"]["responses"], path
    bad = b'{"kind": "letter.send", "payload": {"subject": "\xff\xfe"}}'
    for path in ("/enroll", f"/ops/{uuid7()}/commit", "/leases"):
        r = a.request("POST", path, data=bad, headers={"Content-Type": "application/json"})
        assert r.status_code == 400 and r.json()["code"] == "request.invalid", (path, r.text)


@pytest.mark.parametrize("value", [True, "5", 5.0])
def test_wire_integers_are_strict(agencies: Agencies, value: Any) -> None:
    with pytest.raises(ValidationError):
        LeaseRequest.model_validate_json(_json(_lease(size=value)))
    with pytest.raises(ValidationError):
        LeaseRelease.model_validate({"next_unused": value})
    r = agencies.a.request("POST", "/leases", json=_lease(size=value))
    assert r.status_code == 422, r.text
    r = agencies.a.request("POST", "/leases", json=_lease(year=2569 if value is True else
                                                          str(2569)))
    assert r.status_code == (201 if value is True else 422)
    void = {"kind": "number.void", "payload": {"register": "send", "year": 2569,
                                               "first": value, "last": 5}}
    with pytest.raises(ValidationError):
        OPERATION_ADAPTER.validate_json(_json(void))
    assert agencies.a.commit(void).status_code == 422


def test_integers_still_pass() -> None:
    assert LeaseRequest.model_validate_json(_json(_lease())).size == 5
    assert OPERATION_ADAPTER.validate_python({"kind": "number.void", "payload": {
        "register": "send", "year": 2569, "first": 1, "last": 5}}).payload.last == 5


def _json(value: Any) -> str:
    import json

    return json.dumps(value)
