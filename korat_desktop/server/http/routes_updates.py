"""``GET /updates/{metadata|targets}/...``: the hub's mirror of the TUF repository.

For signed-in devices only (the hub is the province's, not a public download site).
The hub vouches for nothing here: clients verify every byte with TUF against the root
they were installed with, so a file changed on the hub's disk is refused by them.
Packages (``targets/<platform>/<sha256>.<name>``) resume with ``Range``; their ETag is
that SHA-256, so a partial copy is only ever continued with the same bytes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO

from fastapi import APIRouter, Request, Response

from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.server.errors import HubError
from korat_desktop.server.http.deps import DeviceDep, HubDep
from korat_desktop.server.http.ranged import ranged_response
from korat_desktop.server.http.routes_blobs import BLOB_RESPONSES

__all__ = ["router"]

router = APIRouter(tags=["updates"])

_PART = re.compile(r"[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,200}")
_TARGET = re.compile(r"([0-9a-f]{64})\..+")


def _file(root: Path, path: str) -> Path:
    parts = path.split("/")
    if len(parts) < 2 or parts[0] not in ("metadata", "targets") or not all(
            _PART.fullmatch(p) for p in parts):
        raise HubError(ErrorCode.REQUEST_NOT_FOUND, 404)
    file = root.joinpath(*parts)
    if not file.is_file():
        raise HubError(ErrorCode.REQUEST_NOT_FOUND, 404)
    return file


def _answer(path: str, request: Request, hub: HubDep) -> Response:
    file = _file(hub.settings.updates_dir / "repository", path)
    try:
        size = file.stat().st_size
    except OSError as e:
        raise HubError(ErrorCode.REQUEST_NOT_FOUND, 404) from e
    named = _TARGET.fullmatch(file.name)
    if path.startswith("targets/") and named:
        etag, cache = f'"{named.group(1)}"', "private, max-age=31536000, immutable"
    else:  # metadata: timestamp.json changes in place; versioned files never do
        etag, cache = f'"{file.stat().st_mtime_ns:x}-{size:x}"', "no-cache"

    def open_file() -> BinaryIO:
        try:
            return file.open("rb")
        except OSError as e:
            raise HubError(ErrorCode.REQUEST_NOT_FOUND, 404) from e

    return ranged_response(request, size, etag, cache, open_file)


@router.get("/updates/{path:path}", response_class=Response, responses=BLOB_RESPONSES)
def get_update_file(path: str, request: Request, device: DeviceDep, hub: HubDep) -> Response:
    """A file of the update repository; ``Range: bytes=<from>-`` resumes a package."""
    return _answer(path, request, hub)


@router.head("/updates/{path:path}", response_class=Response, responses=BLOB_RESPONSES)
def head_update_file(path: str, request: Request, device: DeviceDep, hub: HubDep) -> Response:
    """Size and ETag of a repository file."""
    return _answer(path, request, hub)
