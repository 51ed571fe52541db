"""The agency directory (``GET /agencies``), cached so letters can be addressed offline.

Fetched with ``If-None-Match``: on a slow link the usual answer is a 304 of a few
hundred bytes instead of the whole list of agencies. The cache holds the agencies'
certificates (``sign``/``encrypt``), their relays and the hub's signing certificate,
so a courier office can seal and check bundles with no link at all.

:func:`store_directory` replaces the cache from the hub (over TLS, or a hub-signed
file a courier brought); :func:`merge_handout` adds one office's own certificates
from its handout file. A hub directory that lists no certificates for an agency keeps
the ones its handout gave us: an office that never connects cannot publish them.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from korat_desktop.errors import SyncError
from korat_desktop.protocol.directory import Agency, AgencyDirectory
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.models import (
    DirectoryAgency,
    DirectoryCertificate,
    DirectorySource,
    SyncEnrollment,
)
from korat_desktop.sync.backoff import Retrier
from korat_desktop.sync.context import SyncContext
from korat_desktop.sync.transport import HubTransport

__all__ = ["cached_agencies", "check_recipients", "merge_handout", "refresh_directory",
           "store_directory"]


def refresh_directory(ctx: SyncContext, transport: HubTransport, retrier: Retrier) -> bool:
    """Refresh the cache; True when it changed."""
    with ctx.database.read() as s:
        enrollment = s.get(SyncEnrollment, 1)
        etag = enrollment.directory_etag if enrollment else None
    headers = {"If-None-Match": etag} if etag else {}
    r = retrier.call(lambda: transport.request("GET", "/agencies", expect=(200, 304),
                                               headers=headers))
    if r.status_code == 304:
        return False
    try:
        directory = AgencyDirectory.model_validate(r.json())
    except ValueError as e:
        raise SyncError("sync.bad_response", detail="GET /agencies") from e
    try:
        hub_cert = (base64.b64decode(directory.hub_certificate, validate=True)
                    if directory.hub_certificate else None)
    except ValueError as e:
        raise SyncError("sync.bad_response", detail="GET /agencies hub_certificate") from e
    try:
        with ctx.database.write() as s:
            store_directory(s, directory, source="hub", hub_certificate=hub_cert)
            row = s.get(SyncEnrollment, 1)
            if row is not None:
                row.directory_etag = r.headers.get("ETag")
            AuditLog(s, ctx.actor).append("sync.directory", "directory_agency", "-",
                                          {"agencies": len(directory.agencies)})
    except ValueError as e:
        raise SyncError("sync.bad_response", detail=f"GET /agencies: {e}") from e
    return True


def _certificate_rows(agency: Agency) -> list[DirectoryCertificate]:
    """The agency's certificates as rows; ``ValueError`` when one's bytes are not
    base64 or do not match its SHA-256 (a certificate is named by its hash everywhere)."""
    rows: dict[str, DirectoryCertificate] = {}
    for c in agency.certificates:
        try:
            der = base64.b64decode(c.der_b64, validate=True)
        except ValueError as e:
            raise ValueError(f"certificate of {agency.code} is not base64") from e
        sha = hashlib.sha256(der).hexdigest()
        if sha != c.sha256.lower():
            raise ValueError(f"certificate of {agency.code} does not match its SHA-256")
        rows[sha] = DirectoryCertificate(agency_code=agency.code, sha256=sha, use=c.use.value,
                                         der=der, added_at=c.added_at)
    return list(rows.values())


def store_directory(s: Session, directory: AgencyDirectory, *, source: str,
                    hub_certificate: bytes | None) -> None:
    """Replace the cached directory with the hub's (``source``: ``hub`` | ``file``).
    ``ValueError`` for a certificate that does not match its hash (nothing is kept:
    the caller's transaction rolls back)."""
    rows = [_certificate_rows(a) for a in directory.agencies]
    listed = {a.code for a, r in zip(directory.agencies, rows, strict=True) if r}
    s.execute(delete(DirectoryCertificate).where(DirectoryCertificate.agency_code.in_(listed)))
    s.execute(delete(DirectoryCertificate).where(DirectoryCertificate.agency_code.not_in(
        {a.code for a in directory.agencies})))
    s.execute(delete(DirectoryAgency))
    for a, certs in zip(directory.agencies, rows, strict=True):
        s.add(DirectoryAgency(code=a.code, name=a.name, relay=a.relay))
        s.add_all(certs)
    row = s.get(DirectorySource, 1) or DirectorySource(id=1)
    row.source, row.hub_certificate = source, hub_certificate
    row.issued_at, row.loaded_at = directory.issued_at, dt.datetime.now(dt.UTC)
    s.merge(row)


def merge_handout(s: Session, agency: Agency) -> int:
    """Add (or refresh) one agency's certificates from its own handout; nothing else of
    the directory changes. Returns how many certificates were new."""
    if s.get(DirectoryAgency, agency.code) is None:
        s.add(DirectoryAgency(code=agency.code, name=agency.name))
    added = 0
    for row in _certificate_rows(agency):
        if s.get(DirectoryCertificate, (row.agency_code, row.sha256)) is None:
            added += 1
        s.merge(row)
    return added


def cached_agencies(session: Session) -> list[Agency]:
    return [Agency(code=code, name=name) for code, name in session.execute(
        select(DirectoryAgency.code, DirectoryAgency.name).order_by(DirectoryAgency.code))]


def check_recipients(session: Session, codes: list[str]) -> list[Agency]:
    """The directory entries for ``codes``, or a clear refusal naming the unknown one."""
    known = {a.code: a for a in cached_agencies(session)}
    if not known:
        raise SyncError("sync.no_directory")
    found = []
    for code in codes:
        agency = known.get(code.strip())
        if agency is None:
            raise SyncError("sync.unknown_agency", code=code)
        found.append(agency)
    return found
