"""Protocol-version header on every response, refusal of versions we do not speak, and
the bound on every request body but a tus PATCH.

A pure ASGI middleware (not ``BaseHTTPMiddleware``): it sits on the ingest hot path
and adds no task per request. JSON bodies are counted as they arrive, whatever the
framing: ``Content-Length`` is checked up front, but a ``Transfer-Encoding: chunked``
body has none, and the framework would buffer it whole (an unauthenticated
``POST /enroll`` of 400 MiB did). Past :data:`MAX_JSON_BODY` the request is answered
413 at once, with ``Connection: close`` so the unread rest is never parsed as a next
request. tus PATCH bodies are bounded by the upload's own length (``routes_tus``).
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.protocol.version import PROTOCOL_HEADER, PROTOCOL_VERSION, SUPPORTED_VERSIONS
from korat_desktop.server.errors import render_message
from korat_desktop.server.serving import MAX_HEAD_BYTES

__all__ = ["MAX_JSON_BODY", "ProtocolHeaderMiddleware"]

MAX_JSON_BODY = 1024 * 1024
_HEADER = PROTOCOL_HEADER.lower().encode("latin-1")
_VERSION = PROTOCOL_VERSION.encode("latin-1")


class ProtocolHeaderMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        asked = None
        length = None
        for name, value in scope["headers"]:
            if name == _HEADER:
                asked = value.decode("latin-1").strip()
            elif name == b"content-length":
                length = value
        if _head_size(scope) > MAX_HEAD_BYTES:
            # A head that came in one read escapes the protocol's cap on heads that
            # span reads (server/serving.py); its size is known here either way.
            await _reject(send, 431, ErrorCode.HEADERS_TOO_LARGE.value, {}, close=True)
            return
        if asked is not None and asked not in SUPPORTED_VERSIONS:
            await _reject(send, 400, ErrorCode.PROTOCOL_VERSION.value, {"version": asked[:20]})
            return
        if (length is not None and scope["method"] != "PATCH"
                and (not length.isdigit() or int(length) > MAX_JSON_BODY)):
            await _reject(send, 413, ErrorCode.REQUEST_TOO_LARGE.value, {})
            return

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (_HEADER, _VERSION)]
            await send(message)

        if scope["method"] != "PATCH":
            body = await _bounded_body(receive)
            if body is None:
                await _reject(send, 413, ErrorCode.REQUEST_TOO_LARGE.value, {}, close=True)
                return
            receive = _replay(body, receive)
        await self.app(scope, receive, send_with_header)


def _head_size(scope: Scope) -> int:
    path = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogateescape")
    return (len(path) + len(scope.get("query_string", b""))
            + sum(len(name) + len(value) + 4 for name, value in scope["headers"]))


async def _bounded_body(receive: Receive) -> Message | None:
    """The whole body as one message, or None once more than :data:`MAX_JSON_BODY`
    bytes came (then nothing more is read: the connection is closed after the 413).
    Pieces are joined as they come: a body sent a byte at a time costs its bytes, not a
    message object per byte."""
    body = bytearray()
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return message  # http.disconnect: the app sees it as usual
        body += message.get("body", b"")
        if len(body) > MAX_JSON_BODY:
            return None
        if not message.get("more_body", False):
            return {"type": "http.request", "body": bytes(body), "more_body": False}


def _replay(first: Message, receive: Receive) -> Receive:
    """A receive() that hands the app the body already read, then the real stream
    (for http.disconnect while the app works)."""
    pending = [first]

    async def replayed() -> Message:
        if pending:
            return pending.pop()
        return await receive()

    return replayed


async def _reject(send: Send, status: int, code: str, params: dict[str, str], *,
                  close: bool = False) -> None:
    body = json.dumps({"code": code, "message": render_message(code, params),
                       "params": params}).encode()
    headers = [(b"content-type", b"application/json"),
               (b"content-length", str(len(body)).encode()), (_HEADER, _VERSION)]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
