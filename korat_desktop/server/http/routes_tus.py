"""tus 1.0 endpoints: ``/uploads`` (OPTIONS, POST) and ``/uploads/{id}`` (HEAD, PATCH,
DELETE). Every request except OPTIONS must say ``Tus-Resumable: 1.0.0`` (else 412)."""

from __future__ import annotations

from email.utils import format_datetime
from typing import Annotated

from fastapi import APIRouter, Header, Request, Response
from starlette.requests import ClientDisconnect

from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.protocol.tus import (
    BLOB_EXISTS_HEADER,
    OFFSET_CONTENT_TYPE,
    TUS_CHECKSUM_ALGORITHMS,
    TUS_EXTENSIONS,
    TUS_VERSION,
    decode_checksum,
)
from korat_desktop.server.errors import HubError
from korat_desktop.server.http.deps import DeviceDep, HubDep
from korat_desktop.server.http.responses import errors
from korat_desktop.server.uploads import UploadState

__all__ = ["router"]

router = APIRouter(tags=["uploads"], default_response_class=Response)

TusHeader = Annotated[str, Header(
    alias="Tus-Resumable", json_schema_extra={"const": TUS_VERSION},
    description="Required on every request but OPTIONS; missing or another version is 412")]


def _require_tus(value: str) -> None:
    if value != TUS_VERSION:
        raise HubError(ErrorCode.TUS_VERSION, 412, headers={"Tus-Version": TUS_VERSION},
                       version=value or "-")


def _state_headers(state: UploadState) -> dict[str, str]:
    return {
        "Tus-Resumable": TUS_VERSION,
        "Upload-Offset": str(state.offset),
        "Upload-Length": str(state.length),
        "Upload-Expires": format_datetime(state.expires_at, usegmt=True),
        "Cache-Control": "no-store",
    }


@router.options("/uploads", status_code=204)
def discover(hub: HubDep) -> Response:
    """tus discovery: versions, extensions, limits, checksum algorithms."""
    return Response(status_code=204, headers={
        "Tus-Resumable": TUS_VERSION,
        "Tus-Version": TUS_VERSION,
        "Tus-Extension": TUS_EXTENSIONS,
        "Tus-Max-Size": str(hub.settings.max_blob_bytes),
        "Tus-Checksum-Algorithm": TUS_CHECKSUM_ALGORITHMS,
    })


@router.post("/uploads", status_code=201, responses={
    **errors(400, 401, 412, 413, 429),
    201: {"description": "Upload created; PATCH to the Location. When the agency already "
                         "holds the blob, the upload is created complete (Upload-Offset == "
                         "Upload-Length, header Korat-Blob-Exists: 1): nothing to send"}})
def create_upload(
    device: DeviceDep, hub: HubDep,
    tus_resumable: TusHeader,
    upload_length: Annotated[str | None, Header(alias="Upload-Length")] = None,
    upload_metadata: Annotated[str | None, Header(alias="Upload-Metadata")] = None,
) -> Response:
    """Create an upload. ``Upload-Metadata`` must include ``sha256`` (hex, whole blob).

    A device and an agency may have only so many uploads (and bytes) open at once;
    past that the answer is 429 ``upload.limit_reached`` with ``Retry-After``."""
    _require_tus(tus_resumable)
    created = hub.uploads.create(device, upload_length, upload_metadata)
    if created.upload is None and created.held is not None:
        # Dedup a standard tus client survives: a created upload that is already
        # complete (HEAD says offset == length); ours skips the HEAD on the header.
        headers = _state_headers(created.held)
        headers.update({"Location": f"/uploads/{created.sha256}", BLOB_EXISTS_HEADER: "1"})
        return Response(status_code=201, headers=headers)
    assert created.upload is not None
    headers = _state_headers(created.upload)
    headers["Location"] = f"/uploads/{created.upload.upload_id}"
    return Response(status_code=201, headers=headers)


@router.head("/uploads/{upload_id}", responses=errors(401, 404, 410, 412))
def upload_status(upload_id: str, device: DeviceDep, hub: HubDep,
                  tus_resumable: TusHeader) -> Response:
    """Where to resume: ``Upload-Offset`` is how many bytes the hub has on disk."""
    _require_tus(tus_resumable)
    return Response(status_code=200, headers=_state_headers(
        hub.uploads.status(device, upload_id)))


@router.patch("/uploads/{upload_id}", status_code=204,
              responses=errors(400, 401, 404, 409, 410, 412, 413, 415, 423, 460),
              openapi_extra={"requestBody": {"required": True, "content": {
                  OFFSET_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}}}}})
async def append(
    upload_id: str, request: Request, device: DeviceDep, hub: HubDep,
    tus_resumable: TusHeader,
    upload_offset: Annotated[str | None, Header(alias="Upload-Offset")] = None,
    upload_checksum: Annotated[str | None, Header(alias="Upload-Checksum")] = None,
) -> Response:
    """Append bytes at ``Upload-Offset``. With ``Upload-Checksum: sha256 <b64>`` a chunk
    that does not match is dropped (460). The last chunk is checked against the blob's
    declared SHA-256: a mismatch deletes the upload (422 ``upload.hash_mismatch``)."""
    _require_tus(tus_resumable)
    content_type = request.headers.get("content-type", "")
    content_length = request.headers.get("content-length")
    if content_type.split(";")[0].strip().lower() != OFFSET_CONTENT_TYPE:
        raise HubError(ErrorCode.UPLOAD_CONTENT_TYPE, 415)
    if upload_offset is None or not (upload_offset.isascii() and upload_offset.isdigit()) \
            or len(upload_offset) > 19:  # int() refuses > 4,300 digits: never a 500
        raise HubError(ErrorCode.UPLOAD_OFFSET, 400, offset="?")
    checksum = None
    if upload_checksum is not None:
        try:
            checksum = decode_checksum(upload_checksum)
        except ValueError as e:
            raise HubError(ErrorCode.UPLOAD_CHECKSUM_ALGORITHM, 400, algorithm="?") from e
        if checksum[0] != "sha256":
            raise HubError(ErrorCode.UPLOAD_CHECKSUM_ALGORITHM, 400, algorithm=checksum[0][:20])
    length = int(content_length) if content_length and content_length.isdigit() \
        and len(content_length) <= 19 else None
    try:
        state = await hub.uploads.append(device, upload_id, int(upload_offset), length,
                                         checksum, request.stream())
    except ClientDisconnect as e:
        # Nobody will read this answer; what arrived is on disk and HEAD reports it.
        raise HubError(ErrorCode.REQUEST_INVALID, 400, detail="connection closed mid-body"
                       ) from e
    headers = _state_headers(state)
    del headers["Upload-Length"]
    return Response(status_code=204, headers=headers)


@router.delete("/uploads/{upload_id}", status_code=204, responses=errors(401, 404, 410, 412, 423))
def terminate(upload_id: str, device: DeviceDep, hub: HubDep,
              tus_resumable: TusHeader) -> Response:
    """tus termination: forget a partial upload and its bytes."""
    _require_tus(tus_resumable)
    hub.uploads.terminate(device, upload_id)
    return Response(status_code=204, headers={"Tus-Resumable": TUS_VERSION})
