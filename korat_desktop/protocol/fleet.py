"""What a device tells the hub about itself at each sync, for the province's fleet view.

Small on purpose (it crosses the worst links after the letters): versions, how far
behind the device is, its last error code and whether it found card middleware. Never
a letter, a subject, a user's secret or a path that names a person beyond the module.
The hub stamps the time it received the report with its own clock, so a device whose
clock is wrong cannot look fresh.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AwareDatetime, Field, Strict

from korat_desktop.protocol.types import NO_CONTROL_PATTERN, RequestModel, ResponseModel

__all__ = ["ERROR_CODE_PATTERN", "DeviceReport", "DeviceReportReceipt"]

ERROR_CODE_PATTERN = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$"
"""A stable error code such as ``sync.offline``: never free text (it could hold a secret)."""

_Text = Annotated[str, Field(min_length=1, max_length=200, pattern=NO_CONTROL_PATTERN)]
_Count = Annotated[int, Strict(), Field(ge=0, le=10**9)]
_Bytes = Annotated[int, Strict(), Field(ge=0, le=2**62)]


class DeviceReport(RequestModel):
    """``PUT /devices/me/report``: the calling device's state as it sees it."""

    app_version: Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[0-9A-Za-z.+\-]+$")]
    os: _Text
    last_sync_at: AwareDatetime | None = Field(
        default=None, description="The device's previous successful sync (its clock)")
    pending_ops: _Count = Field(description="Operations queued, not yet at the hub")
    failed_ops: _Count = Field(default=0, description="Operations stopped with an error")
    oldest_pending_s: _Count | None = Field(
        default=None, description="Age in seconds of the oldest queued operation")
    last_error: Annotated[str, Field(max_length=64, pattern=ERROR_CODE_PATTERN)] | None = None
    free_disk_bytes: _Bytes | None = Field(default=None,
                                           description="Free space where the data folder is")
    token_middleware: Annotated[list[_Text], Field(max_length=16)] = Field(
        default_factory=list, description="PKCS#11 modules that loaded (their file names)")


class DeviceReportReceipt(ResponseModel):
    device_id: str
    received_at: dt.datetime
