"""Every body the hub reads is bounded as it arrives, whatever its framing (issue 13.1):
a chunked body without Content-Length is answered 413 once it passes the limit, and the
rest is never read or buffered."""

from __future__ import annotations

import json
import os
import socket

from korat_desktop.server.http.middleware import MAX_JSON_BODY
from tests.server.hub_harness import AGENCY_B, Agencies, ThreadedHub, letter_op

PIECE = 256 * 1024


def _chunked_flood(hub: ThreadedHub, path: str, budget: int) -> tuple[bytes, int]:
    """POST a chunked body of up to ``budget`` bytes; (the answer, bytes sent)."""
    sent = 0
    with socket.create_connection(("127.0.0.1", hub.port), timeout=10) as sock:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json"
                     f"\r\nTransfer-Encoding: chunked\r\n\r\n".encode())
        chunk = f"{PIECE:x}\r\n".encode() + b"[" * PIECE + b"\r\n"
        sock.settimeout(2)
        try:
            while sent < budget:
                sock.sendall(chunk)
                sent += PIECE
        except (TimeoutError, BrokenPipeError, ConnectionResetError):
            pass  # the hub stopped reading (it answered and closed)
        sock.settimeout(10)
        answer = b""
        try:
            while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
                piece = sock.recv(65536)
                if not piece:
                    break
                answer += piece
        except (TimeoutError, ConnectionResetError):
            pass
    return answer, sent


def test_a_chunked_body_past_the_limit_is_refused_unread(hub: ThreadedHub) -> None:
    budget = 64 * MAX_JSON_BODY  # 64 MiB offered; without the bound it is read whole
    answer, sent = _chunked_flood(hub, "/enroll", budget)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413"), answer[:300]
    assert b"connection: close" in head.lower()
    assert json.loads(body)["code"] == "request.too_large"
    assert sent < budget  # the hub stopped reading: the rest could not even be sent
    assert hub.client().request("GET", "/health").status_code == 200


def test_a_chunked_body_within_the_limit_still_works(hub: ThreadedHub) -> None:
    body = json.dumps({"username": "nobody", "password": "x" * 1000,
                       "device_name": "pc"}).encode()
    with socket.create_connection(("127.0.0.1", hub.port), timeout=10) as sock:
        sock.sendall(b"POST /enroll HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json"
                     b"\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
        for start in range(0, len(body), 100):  # many small chunks
            piece = body[start:start + 100]
            sock.sendall(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
        sock.sendall(b"0\r\n\r\n")
        answer = b""
        while piece := sock.recv(65536):
            answer += piece
    # Read whole and judged by the app: a wrong sign-in, not a size refusal.
    assert answer.startswith(b"HTTP/1.1 401") or answer.startswith(b"HTTP/1.1 422"), \
        answer[:300]


def _exchange(sock: socket.socket, request: bytes) -> bytes:
    """Send one request, read one whole answer (head + Content-Length body)."""
    sock.sendall(request)
    data = b""
    while b"\r\n\r\n" not in data:
        piece = sock.recv(65536)
        if not piece:
            return data
        data += piece
    head, _, rest = data.partition(b"\r\n\r\n")
    length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), 0)
    while len(rest) < length:
        piece = sock.recv(65536)
        if not piece:
            break
        rest += piece
    return head + b"\r\n\r\n" + rest


def test_a_huge_header_in_one_read_is_refused(hub: ThreadedHub) -> None:
    """The 64 KiB head cap held only for heads that spanned reads (issue 13.4)."""
    with socket.create_connection(("127.0.0.1", hub.port), timeout=10) as sock:
        answer = _exchange(sock, b"GET /health HTTP/1.1\r\nHost: hub\r\nX-Padding: "
                           + b"a" * 70_000 + b"\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 431"), answer[:200]


def test_no_stray_answer_after_an_early_answer_to_a_patch(hub: ThreadedHub) -> None:
    """A PATCH answered before its body was read (401 here), then the rest of the body,
    then the next request on the same connection: its answer is the next one read, not
    an unsolicited 431 (the unread body was counted as head bytes; issue 13.5)."""
    body = b"x" * (300 * 1024)
    with socket.create_connection(("127.0.0.1", hub.port), timeout=10) as sock:
        sock.sendall(b"PATCH /uploads/0193a0b0-0000-7000-8000-000000000000 HTTP/1.1\r\n"
                     b"Host: hub\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
                     b"Content-Type: application/offset+octet-stream\r\n"
                     + f"Content-Length: {len(body)}\r\n\r\n".encode() + body[:1000])
        first = _exchange(sock, b"")
        assert first.startswith(b"HTTP/1.1 401"), first[:200]
        sock.sendall(body[1000:])  # the client goes on sending what it had started
        second = _exchange(sock, b"GET /health HTTP/1.1\r\nHost: hub\r\n\r\n")
    assert second.startswith(b"HTTP/1.1 200"), second[:200]


def test_a_range_of_thousands_of_digits_is_ignored_not_a_500(agencies: Agencies) -> None:
    a = agencies.a
    data = os.urandom(5000)
    sha = a.upload(data)
    assert a.commit(letter_op([AGENCY_B], [sha])).status_code == 201
    for header in ("bytes=" + "9" * 5000 + "-", "bytes=0-" + "1" * 5000, "bytes=-" + "7" * 5000):
        r = a.request("GET", f"/blobs/{sha}", headers={"Range": header})
        assert r.status_code == 200 and r.content == data, (header[:20], r.status_code)


def test_an_upload_offset_of_thousands_of_digits_is_a_400(agencies: Agencies) -> None:
    a = agencies.a
    data = os.urandom(1000)
    location = a.create_upload(data).headers["Location"]
    r = a.request("PATCH", location, data=data, headers={
        "Tus-Resumable": "1.0.0", "Upload-Offset": "1" * 5000,
        "Content-Type": "application/offset+octet-stream"})
    assert r.status_code == 400 and r.json()["code"] == "upload.offset_mismatch", r.text[:200]
