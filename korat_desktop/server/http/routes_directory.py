"""The agency directory: read it (online or signed for couriers), publish certificates."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import JSONResponse

from korat_desktop.protocol.directory import (
    DIRECTORY_SIGNED_MIME,
    AgencyCertificate,
    AgencyDirectory,
    CertificatePublish,
)
from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.protocol.types import SHA256_PATTERN
from korat_desktop.server.certificates import check_for_use, decode_b64_certificate
from korat_desktop.server.directory import (
    directory_etag,
    publish_certificate,
    read_directory,
    signed_directory,
    withdraw_certificate,
)
from korat_desktop.server.errors import HubError
from korat_desktop.server.http.deps import DeviceDep, HubDep
from korat_desktop.server.http.responses import errors

__all__ = ["router"]

router = APIRouter(tags=["directory"])

Sha256Path = Annotated[str, Path(json_schema_extra={"pattern": SHA256_PATTERN},
                                 description="SHA-256 (hex) of the certificate's DER")]


@router.get("/agencies", response_model=AgencyDirectory,
            responses={**errors(401), 304: {"description": "Not modified"}})
def get_agencies(device: DeviceDep, hub: HubDep, request: Request) -> Response:
    """All agencies with their certificates and relays, and the hub's certificate, for
    the client's offline address book. ETag-cached: the ETag changes when an agency, a
    certificate or a relay does (not with ``issued_at``, the time of this copy)."""
    with hub.db.reading() as conn:
        directory = read_directory(conn, hub.signing_key)
    etag = directory_etag(directory)
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    directory = directory.model_copy(update={"issued_at": dt.datetime.now(dt.UTC)})
    return JSONResponse(directory.model_dump(mode="json"), headers={"ETag": etag})


@router.get("/directory/signed", response_class=Response,
            responses={**errors(401, 404),
                       200: {"content": {DIRECTORY_SIGNED_MIME: {}},
                             "description": "DER CMS SignedData, content attached: the "
                                            "AgencyDirectory JSON, signed by the hub key"}})
def get_signed_directory(device: DeviceDep, hub: HubDep) -> Response:
    """The directory as a courier carries it to offices that never connect (``.korat-dir``);
    404 ``directory.no_hub_key`` before ``korat-hub keys init``."""
    key = hub.signing_key
    if key is None:
        raise HubError(ErrorCode.DIRECTORY_NOT_SIGNED, 404)
    with hub.db.reading() as conn:
        directory = read_directory(conn, key)
    return Response(signed_directory(directory, key), media_type=DIRECTORY_SIGNED_MIME,
                    headers={"Content-Disposition": 'attachment; filename="directory.korat-dir"'})


@router.post("/agencies/me/certificates", status_code=201, response_model=AgencyCertificate,
             responses={**errors(401),
                        200: {"model": AgencyCertificate, "description": "Already listed"}})
def post_certificate(body: CertificatePublish, device: DeviceDep, hub: HubDep) -> JSONResponse:
    """Publish one of the calling device's agency certificates. Idempotent by SHA-256
    (and use): listed already answers 200 with the entry. Refused (422): not one DER
    certificate (``directory.certificate_invalid``); an ``encrypt`` certificate without
    an RSA key or whose KeyUsage lacks keyEncipherment, a ``sign`` one whose KeyUsage
    allows no signing (``directory.certificate_unsuitable``); a ``sign`` certificate
    that does not chain to the hub's trust roots (``directory.certificate_untrusted``)."""
    cert = decode_b64_certificate(body.der_b64)
    check_for_use(cert, body.use, hub.trust_roots)
    with hub.db.writing() as conn:
        entry, created = publish_certificate(conn, device.agency_code, cert, body.use,
                                             device.device_id)
    return JSONResponse(entry.model_dump(mode="json"), status_code=201 if created else 200)


@router.delete("/agencies/me/certificates/{sha256}", status_code=204,
               responses=errors(401, 404))
def delete_certificate(sha256: Sha256Path, device: DeviceDep, hub: HubDep) -> Response:
    """Withdraw a certificate of the calling device's agency (404 when not listed)."""
    with hub.db.writing() as conn:
        withdraw_certificate(conn, device.agency_code, sha256.lower())
    return Response(status_code=204)
