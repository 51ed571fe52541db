"""The agency directory the client caches to address letters while offline."""

from __future__ import annotations

from korat_desktop.protocol.types import AgencyCode, ResponseModel

__all__ = ["Agency", "AgencyDirectory"]


class Agency(ResponseModel):
    code: AgencyCode
    name: str


class AgencyDirectory(ResponseModel):
    agencies: list[Agency]
