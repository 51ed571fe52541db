"""Device enrollment: a staff member signs in once per device and gets a device token.

The token is shown once (the client keeps it in the OS keyring) and sent as
``Authorization: Bearer <token>`` on every other request. The hub stores only its
SHA-256, so a copy of the hub's database does not let anyone act as a device.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from korat_desktop.protocol.directory import Agency
from korat_desktop.protocol.types import NO_CONTROL_PATTERN, RequestModel, ResponseModel

__all__ = ["DeviceInfo", "EnrollmentRequest", "EnrollmentResponse"]


class EnrollmentRequest(RequestModel):
    username: Annotated[str, Field(min_length=1, max_length=128, pattern=NO_CONTROL_PATTERN)]
    password: Annotated[str, Field(min_length=1, max_length=1024)]
    device_name: Annotated[str, Field(min_length=1, max_length=128, pattern=NO_CONTROL_PATTERN)]
    setup_code: Annotated[str | None, Field(
        default=None, min_length=1, max_length=64, pattern=NO_CONTROL_PATTERN,
        description="The one-time setup code IT handed out for an imported account: "
                    "``password`` is then the password being set (the code is spent)")]


class EnrollmentResponse(ResponseModel):
    device_id: str
    token: str = Field(description="Bearer token; shown once, keep it in the keyring")
    username: str
    agency: Agency


class DeviceInfo(ResponseModel):
    device_id: str
    device_name: str
    username: str
    agency: Agency
    enrolled_at: dt.datetime
