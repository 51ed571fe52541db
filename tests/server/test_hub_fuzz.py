"""Hostile headers and bodies against the hub's tus and commit endpoints, over real
HTTP on loopback: whatever arrives, the answer is never a 5xx and the hub logs no
traceback. Raw sockets, so duplicate headers and non-UTF-8 bodies go out as written.
Each example starts from a valid request and replaces or repeats a few headers, so
every check of the hub is reached with the checks before it passing (a 4,300-digit
``Upload-Offset`` reaching ``int()`` is found this way)."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from korat_desktop.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from korat_desktop.protocol.tus import TUS_VERSION, encode_metadata
from korat_desktop.protocol.uuid7 import uuid7
from tests.server.hub_harness import Agencies, sha256_hex

_NUMBERS = st.one_of(
    st.integers(min_value=4_300, max_value=6_000).map(lambda n: "9" * n),  # int() limit
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", " ", "-0", "0x10", "1e3", "1.5", "+1", "\u00b2", "１２", "NaN"]),
)
_TEXT = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=200)
_HEADER_VALUES = {
    "Upload-Offset": _NUMBERS,
    "Upload-Length": _NUMBERS,
    "Upload-Checksum": st.one_of(_TEXT, st.sampled_from([
        "sha256 ", "sha256 !!!", "md5 AAAA", "sha256 " + "A" * 5000, "SHA256 AAAA"])),
    "Upload-Metadata": st.one_of(_TEXT, st.sampled_from([
        encode_metadata({"sha256": "0" * 64}), "sha256", "sha256 ,sha256 ", ",,,",
        "sha256 " + "A" * 10_000, "a b c"])),
    "Tus-Resumable": st.sampled_from([TUS_VERSION, "", "0.2.2", "1.0.0, 1.0.0", "9" * 5000]),
    "Content-Type": st.sampled_from([
        "application/offset+octet-stream", "application/json", "text/plain; charset=x",
        "application/offset+octet-stream; a=b", "", "*/*"]),
    "X-HTTP-Method-Override": st.sampled_from(["PATCH", "DELETE", "HEAD", "GET", "TRACE", ""]),
}


def _deep(n: int) -> bytes:
    return b"[" * n + b"]" * n


_BODIES = st.one_of(
    st.binary(max_size=2000),
    st.sampled_from([b"\xff\xfe\xfd", b'{"kind": "letter.send\xff"}', _deep(100_000),
                     b'{"a":' * 50_000, b"", b"null", b"[]", b'"x"']),
    st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | _TEXT,
                 lambda inner: st.lists(inner, max_size=4)
                 | st.dictionaries(st.sampled_from(["kind", "payload", "blobs", "to", "year",
                                                    "first", "last", "subject", "date"]),
                                   inner, max_size=5),
                 max_leaves=20).map(lambda v: json.dumps(v).encode()),
)


class _Tracebacks(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def tracebacks() -> Iterator[_Tracebacks]:
    handler = _Tracebacks()
    loggers = [logging.getLogger(), logging.getLogger("uvicorn"),
               logging.getLogger("uvicorn.error")]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler
    for logger in loggers:
        logger.removeHandler(handler)


def _valid_headers(method: str, body: bytes) -> list[tuple[str, str]]:
    headers = [("Tus-Resumable", TUS_VERSION)]
    if method == "PATCH":
        headers += [("Upload-Offset", "0"),
                    ("Content-Type", "application/offset+octet-stream")]
    elif method == "POST":
        headers += [("Upload-Length", str(len(body))),
                    ("Upload-Metadata", encode_metadata({"sha256": sha256_hex(body)})),
                    ("Content-Type", "application/json")]
    return headers


def _send(url: str, method: str, path: str, headers: list[tuple[str, str]],
          body: bytes) -> int:
    host, port = url.removeprefix("http://").split(":")
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers)
    head += f"Content-Length: {len(body)}\r\n\r\n"
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(head.encode("utf-8") + body)  # non-ASCII goes out as raw bytes
        answer = b""
        while b"\r\n" not in answer:
            chunk = s.recv(4096)
            if not chunk:
                break
            answer += chunk
    status_line = answer.split(b"\r\n", 1)[0].split()
    assert len(status_line) >= 2, answer[:200]
    return int(status_line[1])


def test_hostile_tus_and_commit_requests_never_5xx(agencies: Agencies,
                                                   tracebacks: _Tracebacks) -> None:
    a = agencies.a
    blob = b"%PDF-1.7 fuzz"
    location = a.create_upload(blob).headers["Location"]
    held = a.upload(b"%PDF-1.7 held")
    finished = a.create_upload(b"%PDF-1.7 held").headers["Location"]
    assert held and finished
    paths = st.sampled_from([
        ("PATCH", location), ("POST", "/uploads"), ("HEAD", location), ("DELETE", location),
        ("PATCH", finished), ("HEAD", finished), ("POST", location),
        ("PATCH", "/uploads/" + "f" * 32), ("HEAD", "/uploads/" + "9" * 5000),
        ("POST", f"/ops/{uuid7()}/commit"), ("POST", "/ops/not-a-uuid/commit"),
        ("POST", "/leases"), ("OPTIONS", "/uploads")])
    statuses: list[int] = []
    extra = st.lists(st.tuples(st.sampled_from(sorted(_HEADER_VALUES)), st.booleans(),
                               st.data()), min_size=1, max_size=3)

    @settings(max_examples=300, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.function_scoped_fixture])
    @given(target=paths, changes=extra, body=_BODIES, authorized=st.integers(0, 9))
    def probe(target: tuple[str, str], changes: list[tuple[str, bool, Any]], body: bytes,
              authorized: int) -> None:
        method, path = target
        # A valid request, then some headers replaced or sent twice: each check of the
        # hub is reached with the others passing.
        headers = [(PROTOCOL_HEADER, PROTOCOL_VERSION), *_valid_headers(method, body)]
        if authorized:
            headers.append(("Authorization", f"Bearer {a.token}"))
        for name, duplicate, data in changes:
            if not duplicate:
                headers = [h for h in headers if h[0] != name]
            headers.append((name, data.draw(_HEADER_VALUES[name])))
        status = _send(a.url, method, path, headers, body)
        statuses.append(status)
        assert status < 500, (method, path, headers, body[:100], status)
        assert not tracebacks.records, tracebacks.records[0].getMessage()

    probe()
    assert len(statuses) >= 100 and len(set(statuses)) >= 5  # it reached the endpoints
    assert a.head(location).status_code in (200, 404)
