"""Every body the hub reads is bounded as it arrives, whatever its framing (issue 13.1):
a chunked body without Content-Length is answered 413 once it passes the limit, and the
rest is never read or buffered."""

from __future__ import annotations

import json
import socket

from korat_desktop.server.http.middleware import MAX_JSON_BODY
from tests.server.hub_harness import ThreadedHub

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
