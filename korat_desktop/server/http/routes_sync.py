"""Sync endpoints: commit an operation, pull the change feed, lease register numbers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Header, Path, Query
from fastapi.responses import JSONResponse

from korat_desktop.protocol.changes import CURSOR_PATTERN, DEFAULT_PAGE, MAX_PAGE, ChangePage
from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.protocol.leases import (
    IDEMPOTENCY_KEY_HEADER,
    QUOTED_IDEMPOTENCY_KEY_PATTERN,
    LeaseGrant,
    LeaseRelease,
    LeaseReleaseResult,
    LeaseRequest,
)
from korat_desktop.protocol.ops import Operation, OpReceipt
from korat_desktop.protocol.uuid7 import UUID7_PATTERN, is_uuid7
from korat_desktop.server.commits import commit
from korat_desktop.server.errors import HubError
from korat_desktop.server.feed import read_changes
from korat_desktop.server.http.deps import DeviceDep, HubDep
from korat_desktop.server.http.responses import errors
from korat_desktop.server.leases import grant_lease, release_lease

__all__ = ["router"]

router = APIRouter()


@router.post("/ops/{op_id}/commit", status_code=201, response_model=OpReceipt, tags=["ops"],
             responses={**errors(400, 401, 409, 422, 424),
                        200: {"model": OpReceipt, "description": "Already committed (replay)"}})
def commit_op(op_id: Annotated[str, Path(
                  json_schema_extra={"pattern": UUID7_PATTERN},
                  description="A client-made UUIDv7 (anything else is 422 op.bad_id)")],
              op: Annotated[Operation, Body()], device: DeviceDep,
              hub: HubDep) -> JSONResponse:
    """Commit an operation. Idempotent: a replay answers 200 with the original receipt;
    the same ``op_id`` with other content is 409 ``op.conflict``; referenced blobs the
    agency has not uploaded are 424 ``op.blobs_missing`` (``params.missing``)."""
    if not is_uuid7(op_id):
        raise HubError(ErrorCode.OP_BAD_ID, 422)
    receipt, created = commit(hub.db, device, op_id, op)
    return JSONResponse(receipt.model_dump(mode="json"), status_code=201 if created else 200)


@router.get("/changes", response_model=ChangePage, tags=["changes"],
            responses=errors(400, 401))
def get_changes(device: DeviceDep, hub: HubDep,
                since: Annotated[str | None, Query(
                    max_length=64, json_schema_extra={"pattern": CURSOR_PATTERN},
                    description="The next_cursor of the previous page (opaque, URL-safe "
                                "base64); absent for the start; a malformed one is 400")
                ] = None,
                limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE) -> ChangePage:
    """The next page of this agency's changes after cursor ``since`` (oldest first)."""
    return read_changes(hub.db, device.agency_code, since, limit)


@router.post("/leases", status_code=201, response_model=LeaseGrant, tags=["leases"],
             responses={**errors(400, 401, 409, 422),
                        200: {"model": LeaseGrant, "description": "Already granted (replay)"}})
def post_lease(body: LeaseRequest, device: DeviceDep, hub: HubDep,
               idempotency_key: Annotated[str | None, Header(
                   alias=IDEMPOTENCY_KEY_HEADER,
                   json_schema_extra={"pattern": QUOTED_IDEMPOTENCY_KEY_PATTERN},
                   description="Client-made request id (a UUIDv7), bare or as a quoted "
                               "string: asking again with it answers the same block "
                               "(200); any other shape is 400")] = None) -> JSONResponse:
    """Lease a block of register numbers, unique per agency + register + year.

    Idempotent with ``Idempotency-Key``: a replay answers 200 with the original grant;
    the same key with another register, year or size is 409 ``lease.request_conflict``."""
    grant, created = grant_lease(hub.db, device, body, idempotency_key)
    return JSONResponse(grant.model_dump(mode="json"), status_code=201 if created else 200)


@router.post("/leases/{lease_id}/release", response_model=LeaseReleaseResult, tags=["leases"],
             responses=errors(400, 401, 404))
def post_release(lease_id: str, body: LeaseRelease, device: DeviceDep,
                 hub: HubDep) -> LeaseReleaseResult:
    """Give back the unused tail of a lease (idempotent)."""
    return release_lease(hub.db, device, lease_id, body)
