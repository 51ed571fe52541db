"""FastAPI dependencies: the process's :class:`Hub` and the calling device."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.server.devices import DeviceIdentity, identify
from korat_desktop.server.errors import HubError
from korat_desktop.server.hub import Hub

__all__ = ["DeviceDep", "HubDep", "current_device", "get_hub"]

_bearer = HTTPBearer(auto_error=False, description="Device token from POST /enroll")


def get_hub(request: Request) -> Hub:
    hub: Hub = request.app.state.hub
    return hub


HubDep = Annotated[Hub, Depends(get_hub)]


def current_device(hub: HubDep, credentials: Annotated[
        HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> DeviceIdentity:
    if credentials is None or not credentials.credentials:
        raise HubError(ErrorCode.AUTH_REQUIRED, 401, headers={"WWW-Authenticate": "Bearer"})
    with hub.db.reading() as conn:
        return identify(conn, credentials.credentials)


DeviceDep = Annotated[DeviceIdentity, Depends(current_device)]
