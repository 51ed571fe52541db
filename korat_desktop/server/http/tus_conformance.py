"""What tus 1.0 asks of every answer under ``/uploads``, and what HTTP asks of a 405.

The hub is the protocol's reference: a stock tus client must work against it.

- ``X-HTTP-Method-Override``: tus core says a server MUST honour it, for clients behind
  proxies that pass only GET and POST. A POST carrying it is routed as the named
  method (PATCH, DELETE or HEAD), before anything looks at the method.
- ``Tus-Resumable`` on every response except to OPTIONS, errors included (401 from
  sign-in, 404, 412, 422, 500), not only on the answers the routes write themselves.
- ``405 Method Not Allowed`` names in ``Allow`` every method any route takes at that
  path (Starlette names only the first matching route's, and ``/uploads`` has two).

A pure ASGI middleware, outermost, so the rest of the stack sees the overridden method.
"""

from __future__ import annotations

from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from korat_desktop.protocol.tus import TUS_VERSION

__all__ = ["TusConformanceMiddleware"]

_OVERRIDABLE = {"PATCH", "DELETE", "HEAD"}
_TUS_HEADER = b"tus-resumable"


def _allowed(scope: Scope) -> list[str]:
    """Every method some route takes at this path, from the app's own OpenAPI document
    (it lists every included route; the router's nesting varies across FastAPI)."""
    app = scope.get("app")
    state = getattr(app, "state", None)
    table = getattr(state, "korat_allowed_methods", None)
    if table is None and app is not None and state is not None:
        table = []
        for path, operations in app.openapi().get("paths", {}).items():
            regex, _, _ = compile_path(path)
            table.append((regex, {m.upper() for m in operations}))
        state.korat_allowed_methods = table
    methods: set[str] = set()
    for regex, names in table or ():
        if regex.match(scope["path"]):
            methods |= names
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


class TusConformanceMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        tus = scope["path"] == "/uploads" or scope["path"].startswith("/uploads/")
        if tus and scope["method"] == "POST":
            override = next((v.decode("latin-1").strip().upper() for k, v in scope["headers"]
                             if k == b"x-http-method-override"), None)
            if override in _OVERRIDABLE:
                scope = {**scope, "method": override}
        add_tus = tus and scope["method"] != "OPTIONS"

        async def send_conforming(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if add_tus and not any(k.lower() == _TUS_HEADER for k, _ in headers):
                    headers.append((_TUS_HEADER, TUS_VERSION.encode()))
                if message["status"] == 405:
                    allowed = ", ".join(_allowed(scope)).encode()
                    headers = [(k, v) for k, v in headers if k.lower() != b"allow"]
                    headers.append((b"allow", allowed))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_conforming)
