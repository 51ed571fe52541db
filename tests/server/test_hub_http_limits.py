"""The hub bounds what a client can make it hold, over real HTTP on loopback: a body is
counted as it arrives (chunked or not) and refused with 413 before it ends; a request
head is capped at 64 KiB however it arrives (431); numbers in headers of any length are
a 4xx, never a 500; and an early answer to a PATCH whose body is still coming never
leaves a stray answer on a kept-alive connection."""

from __future__ import annotations

import contextlib
import json
import os
import socket
from dataclasses import dataclass

import pytest

from korat_desktop.protocol.tus import TUS_VERSION
from korat_desktop.server.http.middleware import DRAIN_LIMIT, MAX_JSON_BODY
from korat_desktop.server.serving import MAX_HEAD_BYTES
from tests.server.hub_harness import AGENCY_B, Agencies, ThreadedHub, letter_op

_CHUNK = b"x" * 65536
_CHUNK_FRAME = b"%x\r\n" % len(_CHUNK) + _CHUNK + b"\r\n"
_PAST_THE_LIMIT = MAX_JSON_BODY // len(_CHUNK) + 1
"""Chunks to send: just past the limit, so the hub has read all of them when it answers."""


@dataclass
class _Answer:
    status: int
    headers: dict[str, str]
    body: bytes


class _Connection:
    """One raw, kept-alive HTTP/1.1 connection to the hub: what a pooling client sees."""

    def __init__(self, hub: ThreadedHub) -> None:
        self.sock = socket.create_connection(("127.0.0.1", hub.port), timeout=10)
        self._buffer = b""

    def __enter__(self) -> _Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.sock.close()

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def answer(self) -> _Answer:
        head = self._until(b"\r\n\r\n")
        status_line, *lines = head.decode("latin-1").split("\r\n")
        headers = {}
        for line in lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        while len(self._buffer) < length:
            self._read()
        body, self._buffer = self._buffer[:length], self._buffer[length:]
        return _Answer(int(status_line.split()[1]), headers, body)

    def rest(self) -> bytes:
        """Everything the hub still sends until it closes the connection."""
        try:
            while self._read():
                pass
        except ConnectionResetError:
            pass
        rest, self._buffer = self._buffer, b""
        return rest

    def _until(self, marker: bytes) -> bytes:
        while marker not in self._buffer:
            if not self._read():
                raise AssertionError(f"connection closed; got {self._buffer[:200]!r}")
        head, _, self._buffer = self._buffer.partition(marker)
        return head

    def _read(self) -> bytes:
        data = self.sock.recv(1 << 20)
        self._buffer += data
        return data


def _head(method: str, path: str, headers: dict[str, str]) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: hub", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _patch_head(token: str, location: str, offset: int, length: int) -> bytes:
    return _head("PATCH", location, {
        "Authorization": f"Bearer {token}", "Tus-Resumable": TUS_VERSION,
        "Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream",
        "Content-Length": str(length)})


# 1. bodies -------------------------------------------------------------------------------
def test_a_chunked_enroll_body_past_the_limit_is_refused_before_it_ends(
        hub: ThreadedHub) -> None:
    """No token, no Content-Length: the 413 comes while the body is still unfinished
    (one chunk past 1 MiB of a body that never ends was sent), so the hub did not wait
    for, let alone buffer, the whole body; and it closes the connection rather than read
    on. (Sending more after the limit would race the hub's close: a reset, not a bug.)"""
    with _Connection(hub) as conn:
        conn.send(_head("POST", "/enroll", {"Content-Type": "application/json",
                                            "Transfer-Encoding": "chunked"}))
        for _ in range(_PAST_THE_LIMIT):
            conn.send(_CHUNK_FRAME)
        answer = conn.answer()
        assert answer.status == 413
        assert json.loads(answer.body)["code"] == "request.too_large"
        assert answer.headers["connection"] == "close"
        assert conn.rest() == b""  # closed, and nothing after the answer
    assert hub.client().request("GET", "/health").status_code == 200


def test_a_chunked_json_body_past_the_limit_is_refused_on_an_authenticated_route(
        agencies: Agencies, hub: ThreadedHub) -> None:
    with _Connection(hub) as conn:
        conn.send(_head("POST", "/ops/0190d7f4-0000-7000-8000-000000000000/commit", {
            "Authorization": f"Bearer {agencies.a.token}", "Content-Type": "application/json",
            "Transfer-Encoding": "chunked"}))
        for _ in range(_PAST_THE_LIMIT):
            conn.send(_CHUNK_FRAME)
        answer = conn.answer()
        assert answer.status == 413 and answer.headers["connection"] == "close"


def test_a_chunked_patch_body_is_bounded_by_the_uploads_declared_length(
        agencies: Agencies, hub: ThreadedHub) -> None:
    data = os.urandom(100_000)
    location = agencies.a.create_upload(data).headers["Location"]
    with _Connection(hub) as conn:
        conn.send(_head("PATCH", location, {
            "Authorization": f"Bearer {agencies.a.token}", "Tus-Resumable": TUS_VERSION,
            "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream",
            "Transfer-Encoding": "chunked"}))
        for _ in range(4):  # 256 KiB for a 100 kB upload, and no end
            conn.send(_CHUNK_FRAME)
        answer = conn.answer()
        assert answer.status == 413 and answer.headers["connection"] == "close"
    assert agencies.a.head(location).headers["Upload-Offset"] == "0"


# 4. numbers and heads ----------------------------------------------------------------------
@pytest.mark.parametrize(("spec", "status", "first_byte"), [
    ("bytes=0-" + "9" * 5000, 206, 0),       # to the end
    ("bytes=" + "9" * 5000 + "-", 416, None),  # beyond the blob
    ("bytes=-" + "9" * 5000, 206, 0),         # a suffix longer than the blob: all of it
    ("bytes=" + "0" * 5000 + "7-", 206, 7),   # leading zeros are still a small number
])
def test_a_range_of_thousands_of_digits_is_answered_not_a_500(
        agencies: Agencies, spec: str, status: int, first_byte: int | None) -> None:
    data = os.urandom(1000)
    sha = agencies.a.upload(data)
    assert agencies.a.commit(letter_op([AGENCY_B], [sha])).status_code == 201
    r = agencies.a.request("GET", f"/blobs/{sha}", headers={"Range": spec})
    assert r.status_code == status
    if first_byte is not None:
        assert r.content == data[first_byte:]


def test_a_request_head_past_the_cap_is_refused_even_in_one_read(hub: ThreadedHub) -> None:
    padding = "a" * (MAX_HEAD_BYTES + 6000)
    with _Connection(hub) as conn:
        conn.send(_head("GET", "/health", {"X-Padding": padding}))  # one write, whole head
        answer = conn.answer()
        assert answer.status == 431 and answer.headers["connection"] == "close"
    with _Connection(hub) as conn:  # a long URL counts too
        conn.send(_head("GET", "/health?" + padding, {}))
        assert conn.answer().status == 431
    with _Connection(hub) as conn:  # under the cap is fine, twice on one connection
        for _ in range(2):
            conn.send(_head("GET", "/health", {"X-Padding": "a" * (MAX_HEAD_BYTES - 1000)}))
            assert conn.answer().status == 200


# 5. early answers on kept-alive connections ------------------------------------------------
@pytest.mark.parametrize("refusal", ["wrong offset", "bad token"])
def test_an_early_answer_to_a_patch_leaves_no_stray_answer(
        agencies: Agencies, hub: ThreadedHub, refusal: str) -> None:
    """The PATCH declares 1 MiB and the client keeps sending it after the answer: the
    answer says the connection closes, and nothing follows it (it was a 431)."""
    data = os.urandom(2 * 1024 * 1024)
    location = agencies.a.create_upload(data).headers["Location"]
    token = agencies.a.token if refusal == "wrong offset" else "not-a-token"
    offset = 5 if refusal == "wrong offset" else 0
    body = data[:1024 * 1024]
    with _Connection(hub) as conn:
        conn.send(_patch_head(token, location, offset, len(body)) + body[:300_000])
        answer = conn.answer()
        assert answer.status == (409 if refusal == "wrong offset" else 401)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            conn.send(body[300_000:])  # the hub may have closed first: what we want
        assert conn.rest() == b""  # was an unsolicited 431
        assert answer.headers["connection"] == "close"
    assert agencies.a.head(location).headers["Upload-Offset"] == "0"


def test_a_small_unread_body_is_drained_and_the_connection_kept(
        agencies: Agencies, hub: ThreadedHub) -> None:
    data = os.urandom(100_000)
    location = agencies.a.create_upload(data).headers["Location"]
    body = data[:DRAIN_LIMIT // 2]
    with _Connection(hub) as conn:
        conn.send(_patch_head(agencies.a.token, location, 5, len(body)) + body)
        answer = conn.answer()
        assert answer.status == 409 and "connection" not in answer.headers
        conn.send(_head("GET", "/health", {}))  # the next request on the pooled connection
        assert conn.answer().status == 200


def test_a_head_dripping_in_past_the_cap_is_refused(hub: ThreadedHub) -> None:
    """One header that never ends, sent in pieces: held unparsed, still counted."""
    with _Connection(hub) as conn:
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        conn.send(b"GET /health HTTP/1.1\r\nHost: hub\r\nX-Padding: ")
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            for _ in range(MAX_HEAD_BYTES // 8192 + 2):
                conn.send(b"a" * 8192)
        assert conn.answer().status == 431


def test_body_bytes_in_the_same_read_as_the_head_are_not_head_bytes(
        agencies: Agencies, hub: ThreadedHub) -> None:
    data = os.urandom(3 * MAX_HEAD_BYTES)
    location = agencies.a.create_upload(data).headers["Location"]
    with _Connection(hub) as conn:
        conn.send(_patch_head(agencies.a.token, location, 0, len(data)) + data)  # one write
        answer = conn.answer()
        assert answer.status == 204 and answer.headers["upload-offset"] == str(len(data))
        conn.send(_head("GET", "/health", {}))
        assert conn.answer().status == 200
