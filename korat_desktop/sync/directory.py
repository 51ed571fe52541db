"""The agency directory (``GET /agencies``), cached so letters can be addressed offline.

Fetched with ``If-None-Match``: on a slow link the usual answer is a 304 of a few
hundred bytes instead of the whole list of agencies.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from korat_desktop.errors import SyncError
from korat_desktop.protocol.directory import Agency, AgencyDirectory
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.models import DirectoryAgency, SyncEnrollment
from korat_desktop.sync.backoff import Retrier
from korat_desktop.sync.context import SyncContext
from korat_desktop.sync.transport import HubTransport

__all__ = ["cached_agencies", "check_recipients", "refresh_directory"]


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
    with ctx.database.write() as s:
        s.execute(delete(DirectoryAgency))
        s.add_all(DirectoryAgency(code=a.code, name=a.name) for a in directory.agencies)
        row = s.get(SyncEnrollment, 1)
        if row is not None:
            row.directory_etag = r.headers.get("ETag")
        AuditLog(s, ctx.actor).append("sync.directory", "directory_agency", "-",
                                      {"agencies": len(directory.agencies)})
    return True


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
