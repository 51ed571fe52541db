"""The agency directory: agencies, their certificates and relays, online and signed.

``GET /agencies`` and the signed offline copy (``GET /directory/signed``,
``korat-hub directory export``) are built by one function, so an office that gets the
directory on a USB stick sees exactly what a connected one pulls. Its ETag is the
digest of that content without ``issued_at`` (which is only when this copy was made):
it changes when an agency, a certificate or a relay does, and only then.

Certificates are published by a device of the agency itself (``POST
/agencies/me/certificates``) or by the console (``korat-hub agency-certs add``), both
after :func:`korat_desktop.server.certificates.check_for_use`; publishing is
idempotent by SHA-256 and use.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass

from asn1crypto import cms, x509
from sqlalchemy import Connection, delete, select

from korat_desktop.courier.signature import verify_detached
from korat_desktop.errors import CourierError
from korat_desktop.protocol.directory import (
    Agency,
    AgencyCertificate,
    AgencyDirectory,
    CertificateUse,
)
from korat_desktop.protocol.errors import ErrorCode
from korat_desktop.server.db.engine import insert_ignoring_conflict
from korat_desktop.server.db.schema import agencies, agency_certificates
from korat_desktop.server.errors import HubError
from korat_desktop.server.hub_key import HubKey

__all__ = [
    "DirectoryCertificate",
    "directory_etag",
    "list_certificates",
    "publish_certificate",
    "read_directory",
    "read_signed_directory",
    "signed_directory",
    "signing_certificate_hashes",
    "withdraw_certificate",
]


@dataclass(frozen=True)
class DirectoryCertificate:
    agency: str
    certificate: AgencyCertificate
    added_by: str

    def as_json(self) -> dict[str, object]:
        return {"agency": self.agency, "added_by": self.added_by,
                **self.certificate.model_dump(mode="json")}


def _certificate(row: object) -> AgencyCertificate:
    return AgencyCertificate(use=CertificateUse(row.use),  # type: ignore[attr-defined]
                             der_b64=base64.b64encode(row.der).decode("ascii"),  # type: ignore[attr-defined]
                             sha256=row.sha256, added_at=row.added_at)  # type: ignore[attr-defined]


def list_certificates(conn: Connection, agency: str | None = None) -> list[DirectoryCertificate]:
    query = select(agency_certificates).order_by(
        agency_certificates.c.agency_code, agency_certificates.c.added_at,
        agency_certificates.c.sha256, agency_certificates.c.use)
    if agency is not None:
        query = query.where(agency_certificates.c.agency_code == agency)
    return [DirectoryCertificate(r.agency_code, _certificate(r), r.added_by)
            for r in conn.execute(query)]


def read_directory(conn: Connection, hub_key: HubKey | None) -> AgencyDirectory:
    """Every agency with its certificates and relay; ``issued_at`` is left to the caller."""
    by_agency: dict[str, list[AgencyCertificate]] = defaultdict(list)
    for item in list_certificates(conn):
        by_agency[item.agency].append(item.certificate)
    rows = conn.execute(select(agencies.c.code, agencies.c.name, agencies.c.relay_agency)
                        .order_by(agencies.c.code))
    hub_cert = base64.b64encode(hub_key.certificate.dump()).decode() if hub_key else None
    return AgencyDirectory(
        agencies=[Agency(code=r.code, name=r.name, certificates=by_agency.get(r.code, []),
                         relay=r.relay_agency) for r in rows],
        hub_certificate=hub_cert)


def directory_etag(directory: AgencyDirectory) -> str:
    content = directory.model_copy(update={"issued_at": None}).model_dump_json().encode()
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def signed_directory(directory: AgencyDirectory, key: HubKey) -> bytes:
    """The offline copy: DER CMS SignedData, content attached (the directory's JSON)."""
    issued = directory.model_copy(update={"issued_at": dt.datetime.now(dt.UTC)})
    return key.sign(issued.model_dump_json().encode("utf-8"), detached=False)


def read_signed_directory(data: bytes, trust_roots: list[x509.Certificate]) -> AgencyDirectory:
    """A signed directory or an office's handout (``.korat-dir``), its signer chained to
    ``trust_roots``; raises HubError ``directory.certificate_untrusted`` otherwise."""
    try:
        info = cms.ContentInfo.load(data)
        content = info["content"]["encap_content_info"]["content"].native
    except (ValueError, TypeError, KeyError) as e:
        raise HubError(ErrorCode.CERT_INVALID, 422, detail="not a signed directory") from e
    if not isinstance(content, bytes):
        raise HubError(ErrorCode.CERT_INVALID, 422, detail="the signed directory is empty")
    try:
        verify_detached(data, content, trust_roots)
    except CourierError as e:
        raise HubError(ErrorCode.CERT_UNTRUSTED, 422, detail=e.message("en")) from e
    try:
        return AgencyDirectory.model_validate_json(content)
    except ValueError as e:
        raise HubError(ErrorCode.CERT_INVALID, 422, detail=str(e)[:200]) from e


def publish_certificate(conn: Connection, agency: str, cert: x509.Certificate,
                        use: CertificateUse, added_by: str) -> tuple[AgencyCertificate, bool]:
    """List ``cert`` for ``agency`` (checked by the caller); (entry, whether new). A
    certificate listed already keeps its first ``added_at``."""
    sha = cert.sha256.hex()
    find = select(agency_certificates).where(
        agency_certificates.c.agency_code == agency, agency_certificates.c.sha256 == sha,
        agency_certificates.c.use == use.value)
    row = conn.execute(find).first()
    if row is not None:
        return _certificate(row), False
    insert_ignoring_conflict(conn, agency_certificates, {  # a concurrent twin: kept once
        "agency_code": agency, "sha256": sha, "use": use.value, "der": cert.dump(),
        "added_at": dt.datetime.now(dt.UTC), "added_by": added_by[:64]})
    return _certificate(conn.execute(find).one()), True


def withdraw_certificate(conn: Connection, agency: str, sha256: str) -> None:
    """Stop listing a certificate (every use of it); 404 when the agency has none such."""
    result = conn.execute(delete(agency_certificates).where(
        agency_certificates.c.agency_code == agency, agency_certificates.c.sha256 == sha256))
    if result.rowcount == 0:
        raise HubError(ErrorCode.CERT_NOT_FOUND, 404, agency=agency, sha256=sha256)


def signing_certificate_hashes(conn: Connection, agency: str) -> set[str]:
    """The SHA-256 of every ``sign`` certificate listed for ``agency``."""
    return set(conn.execute(select(agency_certificates.c.sha256).where(
        agency_certificates.c.agency_code == agency,
        agency_certificates.c.use == CertificateUse.SIGN.value)).scalars())
