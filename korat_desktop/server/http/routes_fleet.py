"""``PUT /devices/me/report``: a device's report of itself for the fleet view."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter

from korat_desktop.protocol.fleet import DeviceReport, DeviceReportReceipt
from korat_desktop.server.fleet import save_report
from korat_desktop.server.http.deps import DeviceDep, HubDep
from korat_desktop.server.http.responses import errors

__all__ = ["router"]

router = APIRouter(tags=["fleet"])


@router.put("/devices/me/report", response_model=DeviceReportReceipt, responses=errors(401))
def put_report(body: DeviceReport, device: DeviceDep, hub: HubDep) -> DeviceReportReceipt:
    """Replace the calling device's report (app version, OS, pending work, last error
    code, free disk, card middleware). The hub dates it with its own clock: the fleet
    view's "not synced for N days" never trusts a device's."""
    received = dt.datetime.now(dt.UTC)
    with hub.db.writing() as conn:
        save_report(conn, device.device_id, body, received)
    return DeviceReportReceipt(device_id=device.device_id, received_at=received)
