"""Courier relay: operations forwarded for offline agencies, and what waits for them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from korat_desktop.protocol.changes import CURSOR_PATTERN, DEFAULT_PAGE, MAX_PAGE
from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.protocol.relay import RelayEvidence, RelayResult, SignedPage
from korat_desktop.protocol.uuid7 import UUID7_PATTERN, is_uuid7
from korat_desktop.server.errors import HubError
from korat_desktop.server.http.deps import DeviceDep, HubDep
from korat_desktop.server.http.responses import errors
from korat_desktop.server.http.routes_blobs import BLOB_RESPONSES, answer_blob
from korat_desktop.server.relay_inward import relay_bundle
from korat_desktop.server.relay_outward import require_relay, signed_page

__all__ = ["router"]

router = APIRouter(tags=["relay"])

AgencyPath = Annotated[str, Path(min_length=1, max_length=64,
                                 description="The offline agency's code")]


@router.post("/relay/bundles/{bundle_id}", response_model=RelayResult,
             responses=errors(400, 401, 403, 409))
def post_relay_bundle(bundle_id: Annotated[str, Path(
                          json_schema_extra={"pattern": UUID7_PATTERN},
                          description="The bundle's id (as signed in its operations.json)")],
                      evidence: RelayEvidence, device: DeviceDep, hub: HubDep) -> RelayResult:
    """Forward a courier bundle's operations for the agency that signed it.

    The evidence (the bundle's ASiCManifest.xml, its detached signature and its
    operations.json) is checked first: bad base64 or unreadable parts 400
    ``relay.bad_evidence``; operations.json not the one the manifest lists 422
    ``relay.digest_mismatch``; signature broken 422 ``relay.signature_invalid``; signer
    not chained to the hub's roots 422 ``relay.signer_untrusted``; ``bundle_id`` not the
    signed one 422 ``relay.bundle_id_mismatch``; signer not a listed ``sign``
    certificate of the sending agency 403 ``relay.signer_not_listed``; the same
    bundle id relayed before with other content 409 ``relay.bundle_conflict``. Nothing
    is stored then. Otherwise each operation is answered on its own: ``committed``,
    ``replayed``, ``blobs_missing`` (upload ``missing`` with tus, then post again) or
    ``refused`` with a code (``relay.not_origin``, ``op.conflict``, ``op.top_secret``...).
    Expired bundles are accepted: the signature is what counts."""
    if not is_uuid7(bundle_id):
        raise HubError(ErrorCode.OP_BAD_ID, 422)
    return relay_bundle(hub, device, bundle_id, evidence)


@router.get("/relay/agencies/{agency}/changes", response_model=SignedPage,
            responses=errors(400, 401, 403, 404))
def get_relay_changes(agency: AgencyPath, device: DeviceDep, hub: HubDep,
                      since: Annotated[str | None, Query(
                          max_length=64, json_schema_extra={"pattern": CURSOR_PATTERN},
                          description="The offline agency's cursor (as in GET /changes)")
                      ] = None,
                      limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE
                      ) -> SignedPage:
    """The offline agency's next change page, exactly as it would pull it, signed by the
    hub key (detached CMS over the page's JSON bytes). Only for its designated relay
    (else 403 ``relay.not_designated``); 404 ``directory.no_hub_key`` without a hub key."""
    with hub.db.reading() as conn:
        require_relay(conn, device.agency_code, agency)
    key = hub.signing_key
    if key is None:
        raise HubError(ErrorCode.DIRECTORY_NOT_SIGNED, 404)
    return signed_page(hub.db, key, agency, since, limit)


@router.get("/relay/agencies/{agency}/blobs/{sha256}", response_class=Response,
            responses={**BLOB_RESPONSES, **errors(403)})
def get_relay_blob(agency: AgencyPath, sha256: str, request: Request, device: DeviceDep,
                   hub: HubDep) -> Response:
    """A blob the offline agency may read, for its designated relay; Range and ETag as
    ``GET /blobs/{sha256}``."""
    with hub.db.reading() as conn:
        require_relay(conn, device.agency_code, agency)
    return answer_blob(sha256, request, agency, hub)


@router.head("/relay/agencies/{agency}/blobs/{sha256}", response_class=Response,
             responses={**BLOB_RESPONSES, **errors(403)})
def head_relay_blob(agency: AgencyPath, sha256: str, request: Request, device: DeviceDep,
                    hub: HubDep) -> Response:
    """Size and ETag of such a blob without its bytes."""
    with hub.db.reading() as conn:
        require_relay(conn, device.agency_code, agency)
    return answer_blob(sha256, request, agency, hub)
