"""``create_app(settings)``: the hub as an ASGI application.

One process = one :class:`Hub` (database engines, blob and upload stores). The
lifespan sweeps expired partial uploads (and blobs uploaded but never committed) at
start and then every ``upload_sweep_interval_s`` seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from anyio import to_thread
from fastapi import FastAPI

from korat_desktop import __version__
from korat_desktop.protocol.version import PROTOCOL_VERSION
from korat_desktop.server.http import (
    fleet_page,
    routes_blobs,
    routes_directory,
    routes_fleet,
    routes_relay,
    routes_session,
    routes_sync,
    routes_tus,
    routes_updates,
)
from korat_desktop.server.http.errors import install_error_handlers
from korat_desktop.server.http.middleware import ProtocolHeaderMiddleware
from korat_desktop.server.http.tus_conformance import TusConformanceMiddleware
from korat_desktop.server.hub import Hub, open_hub
from korat_desktop.server.settings import HubSettings

__all__ = ["build_app", "create_app"]

log = logging.getLogger(__name__)

DESCRIPTION = f"""Reference central e-Office hub for Korat Desktop (protocol version {PROTOCOL_VERSION}).

Every request may send `Korat-Protocol: {PROTOCOL_VERSION}`; every response carries it. Errors are
JSON `{{code, message, params}}`. All endpoints except `/health`, `/enroll`, `OPTIONS
/uploads` and `/openapi.json` need `Authorization: Bearer <device token>`. The fleet page
(`/fleet`, HTML for the province's IT, not part of this API) signs admins in with a cookie.
"""


async def _sweep_forever(hub: Hub) -> None:
    while True:
        try:
            removed = await to_thread.run_sync(hub.uploads.sweep)
            if removed:
                log.info("removed %d expired uploads and uncommitted blobs", removed)
        except Exception:  # keep sweeping; a failed sweep is retried next round
            log.exception("upload sweep failed")
        await asyncio.sleep(hub.settings.upload_sweep_interval_s)


def build_app(hub: Hub | None = None) -> FastAPI:
    """The FastAPI app; ``hub`` None builds the routes only (for the OpenAPI document)."""

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        task = asyncio.create_task(_sweep_forever(hub)) if hub is not None else None
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            if hub is not None:
                hub.close()

    app = FastAPI(title="Korat e-Office hub", version=__version__, description=DESCRIPTION,
                  lifespan=lifespan)
    app.state.hub = hub
    install_error_handlers(app)
    app.add_middleware(ProtocolHeaderMiddleware, max_patch_body=(
        hub.settings.max_blob_bytes if hub is not None else HubSettings.max_blob_bytes))
    app.add_middleware(TusConformanceMiddleware)  # outermost: method override first
    for module in (routes_session, routes_directory, routes_tus, routes_blobs, routes_sync,
                   routes_relay, routes_fleet, fleet_page, routes_updates):
        app.include_router(module.router)
    return app


def create_app(settings: HubSettings) -> FastAPI:
    return build_app(open_hub(settings))
