"""Enrollment, the calling device and a health probe."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from korat_desktop.protocol.capabilities import HUB_ENCRYPTION, HubHealth
from korat_desktop.protocol.enrollment import DeviceInfo, EnrollmentRequest, EnrollmentResponse
from korat_desktop.protocol.version import PROTOCOL_VERSION
from korat_desktop.server.devices import enroll, revoke
from korat_desktop.server.http.deps import DeviceDep, HubDep
from korat_desktop.server.http.responses import errors

__all__ = ["router"]

router = APIRouter()


@router.get("/health", response_model=HubHealth, tags=["session"])
def health() -> HubHealth:
    """Liveness probe and the hub's capabilities (``encryption``); no token needed."""
    return HubHealth(status="ok", protocol=PROTOCOL_VERSION, encryption=list(HUB_ENCRYPTION))


@router.post("/enroll", status_code=201, response_model=EnrollmentResponse, tags=["session"],
             responses=errors(400, 401, 429))
def post_enroll(body: EnrollmentRequest, request: Request, hub: HubDep) -> EnrollmentResponse:
    """Sign a device in with a staff account; answers the device token (shown once).

    Failed sign-ins are throttled per user name and (with a much higher limit) per
    client address: past the limit each failure locks the key for twice as long as
    the last (429 + ``Retry-After``); ``korat-hub unlock`` clears a lock."""
    address = request.client.host if request.client else "unknown"
    return enroll(hub.db, hub.throttle, body, address)


@router.get("/devices/me", response_model=DeviceInfo, tags=["session"], responses=errors(401))
def get_me(device: DeviceDep) -> DeviceInfo:
    return device.info()


@router.delete("/devices/me", status_code=204, tags=["session"], responses=errors(401))
def sign_out(device: DeviceDep, hub: HubDep) -> Response:
    """Revoke the calling device's own token (sign out on this device)."""
    with hub.db.writing() as conn:
        revoke(conn, device.device_id)
    return Response(status_code=204)
