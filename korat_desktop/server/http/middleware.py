"""Protocol-version header on every response, and refusal of versions we do not speak.

A pure ASGI middleware (not ``BaseHTTPMiddleware``): it sits on the ingest hot path
and must not buffer bodies or add a task per request.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.protocol.version import PROTOCOL_HEADER, PROTOCOL_VERSION, SUPPORTED_VERSIONS
from korat_desktop.server.errors import render_message

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

        await self.app(scope, receive, send_with_header)


async def _reject(send: Send, status: int, code: str, params: dict[str, str]) -> None:
    body = json.dumps({"code": code, "message": render_message(code, params),
                       "params": params}).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (_HEADER, _VERSION)]})
    await send({"type": "http.response.body", "body": body})
