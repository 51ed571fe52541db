"""Protocol-version header on every response, refusal of versions we do not speak, and a
bound on every request body the hub reads.

A pure ASGI middleware (not ``BaseHTTPMiddleware``): it sits on the ingest hot path
and must not buffer bodies or add a task per request.

The body bound is counted at the ASGI ``receive`` level, as the bytes arrive, so it
holds for a chunked body (no ``Content-Length``) and for every route, whether it
parses JSON or streams. ``Content-Length`` alone is only a shortcut: an unauthenticated
``POST /enroll`` with a chunked 400 MiB body was otherwise buffered whole. Past the
limit the client is answered 413 at once, the application sees ``http.disconnect``
(as for a client that went away) and the connection is closed instead of reading the
rest. An answer sent while much of a body is still unread (a 409 or 401 to a PATCH)
also closes the connection: the unread bytes would otherwise have to be drained
before the connection can carry a next request.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.protocol.version import PROTOCOL_HEADER, PROTOCOL_VERSION, SUPPORTED_VERSIONS
from korat_desktop.server.errors import render_message
from korat_desktop.server.settings import HubSettings

__all__ = ["DRAIN_LIMIT", "MAX_JSON_BODY", "ProtocolHeaderMiddleware"]

MAX_JSON_BODY = 1024 * 1024
"""Every body but a tus PATCH's."""
DRAIN_LIMIT = 64 * 1024
"""Unread body a kept-alive connection may still discard after an early answer."""
_HEADER = PROTOCOL_HEADER.lower().encode("latin-1")
_VERSION = PROTOCOL_VERSION.encode("latin-1")
_CLOSE = (b"connection", b"close")


class ProtocolHeaderMiddleware:
    def __init__(self, app: ASGIApp, max_patch_body: int = HubSettings.max_blob_bytes) -> None:
        self.app = app
        self.max_patch_body = max_patch_body
        """A tus PATCH body; the upload's own declared length bounds it more tightly."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        asked = None
        length = None
        chunked = False
        for name, value in scope["headers"]:
            if name == _HEADER:
                asked = value.decode("latin-1").strip()
            elif name == b"content-length":
                length = value
            elif name == b"transfer-encoding":
                chunked = True
        limit = self.max_patch_body if scope["method"] == "PATCH" else MAX_JSON_BODY
        declared = int(length) if length is not None and length.isdigit() \
            and len(length) <= 19 else None
        body = _BoundedBody(receive, send, limit, declared,
                            expects_body=chunked or bool(declared))
        if asked is not None and asked not in SUPPORTED_VERSIONS:
            await _reject(body.send, 400, ErrorCode.PROTOCOL_VERSION.value,
                          {"version": asked[:20]})
            return
        if length is not None and (declared is None or declared > limit):
            await _reject(body.send, 413, ErrorCode.REQUEST_TOO_LARGE.value, {})
            return
        await self.app(scope, body.receive, body.send)


class _BoundedBody:
    """One request's body as the application receives it, counted against ``limit``,
    and its answer, marked ``Connection: close`` when the body cannot be drained cheaply."""

    def __init__(self, receive: Receive, send: Send, limit: int, declared: int | None,
                 *, expects_body: bool) -> None:
        self._receive = receive
        self._send = send
        self._limit = limit
        self._declared = declared
        self._received = 0
        self._complete = not expects_body
        self._answered = False
        self._refused = False  # we answered 413 ourselves: the application's answer is dropped

    async def receive(self) -> Message:
        if self._refused:
            return {"type": "http.disconnect"}
        message = await self._receive()
        if message["type"] != "http.request":
            return message
        self._received += len(message.get("body", b""))
        if not message.get("more_body", False):
            self._complete = True
        if self._received > self._limit:
            if not self._answered:
                await _reject(self.send, 413, ErrorCode.REQUEST_TOO_LARGE.value, {})
                self._refused = True
            return {"type": "http.disconnect"}
        return message

    async def send(self, message: Message) -> None:
        if self._refused:
            return
        if message["type"] == "http.response.start":
            self._answered = True
            headers = [*message.get("headers", []), (_HEADER, _VERSION)]
            if self._must_close():
                headers.append(_CLOSE)
            message["headers"] = headers
        await self._send(message)

    def _must_close(self) -> bool:
        if self._complete:
            return False
        if self._declared is None:
            return True  # chunked: nobody knows how much is still coming
        return self._declared - self._received > DRAIN_LIMIT


async def _reject(send: Send, status: int, code: str, params: dict[str, str]) -> None:
    body = json.dumps({"code": code, "message": render_message(code, params),
                       "params": params}).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
