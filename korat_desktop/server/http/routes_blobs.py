"""``GET /blobs/{sha256}``: download a blob the calling agency may read, with Range.

Whether the hub holds a blob some other agency sent is not revealed: unreadable and
absent blobs both answer 404.
"""

from __future__ import annotations

import re
from typing import Any, BinaryIO

from fastapi import APIRouter, Request, Response
from sqlalchemy import select

from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.protocol.types import SHA256_PATTERN
from korat_desktop.server.db.schema import blob_access, blobs
from korat_desktop.server.errors import HubError
from korat_desktop.server.http.deps import DeviceDep, HubDep
from korat_desktop.server.http.ranged import ranged_response
from korat_desktop.server.http.responses import errors
from korat_desktop.server.hub import Hub

__all__ = ["BLOB_RESPONSES", "answer_blob", "router"]

router = APIRouter(tags=["blobs"])

_SHA256 = re.compile(SHA256_PATTERN)


BLOB_RESPONSES: dict[int | str, dict[str, Any]] = {
    **errors(401, 404, 416),
    200: {"content": {"application/octet-stream": {}}, "description": "The blob"},
    206: {"content": {"application/octet-stream": {}}, "description": "Partial (Range)"},
}


@router.get("/blobs/{sha256}", response_class=Response, responses=BLOB_RESPONSES)
def get_blob(sha256: str, request: Request, device: DeviceDep, hub: HubDep) -> Response:
    """Download a blob; ``Range: bytes=<from>-`` resumes an interrupted download."""
    return answer_blob(sha256, request, device.agency_code, hub)


@router.head("/blobs/{sha256}", response_class=Response, responses=BLOB_RESPONSES)
def head_blob(sha256: str, request: Request, device: DeviceDep, hub: HubDep) -> Response:
    """Size and ETag of a blob without its bytes."""
    return answer_blob(sha256, request, device.agency_code, hub)


def answer_blob(sha256: str, request: Request, agency: str, hub: Hub) -> Response:
    """The blob (or its HEAD) if ``agency`` may read it: for the caller's own agency, or
    for the offline agency a relay downloads for (``routes_relay``)."""
    if not _SHA256.fullmatch(sha256):
        raise HubError(ErrorCode.BLOB_NOT_FOUND, 404)
    with hub.db.reading() as conn:
        size = conn.execute(
            select(blobs.c.size).join(blob_access, blob_access.c.sha256 == blobs.c.sha256)
            .where(blobs.c.sha256 == sha256, blob_access.c.agency_code == agency,
                   blob_access.c.readable.is_(True))).scalar()
    if size is None:
        raise HubError(ErrorCode.BLOB_NOT_FOUND, 404)

    def open_blob() -> BinaryIO:
        try:
            return hub.storage.open(sha256)
        except FileNotFoundError as e:
            raise HubError(ErrorCode.BLOB_NOT_FOUND, 404) from e

    return ranged_response(request, size, f'"{sha256}"', "private, max-age=31536000, immutable",
                           open_blob)
