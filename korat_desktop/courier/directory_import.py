"""Importing a signed directory file: the hub's whole directory, or one office's handout.

Both arrive as ``.korat-dir`` files (see :mod:`korat_desktop.courier.signed_directory`),
checked against the trust roots first. Then:

* **Hub directory**: the file names the hub's certificate (``hub_certificate``) and is
  signed by exactly that certificate. It replaces the cache, and its signer becomes
  the cached hub certificate (the one relayed change pages must carry). A file issued
  before the one we hold is refused (``courier.directory_rollback``): an old copy on a
  stick must not bring back a withdrawn certificate or an old relay.
* **Handout**: one agency, no hub certificate, signed by that office's signing
  identity, which must chain to the roots (a pinned hub certificate vouches for the
  hub's files only). When the directory already lists signers for that agency the signer must
  be one of them; otherwise it must be listed in the handout itself (it still chains
  to the roots). Only that agency's certificates are added or refreshed; nothing is
  removed and nothing else changes.

Nothing is stored unless every check passed; one transaction either way.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from asn1crypto import x509
from sqlalchemy import select

from korat_desktop.courier.signed_directory import SignedDirectory, read_signed_directory
from korat_desktop.domain.thai_dates import be_year, to_thai_time
from korat_desktop.errors import CourierError
from korat_desktop.protocol.directory import Agency, AgencyDirectory, CertificateUse
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.db import Database
from korat_desktop.store.models import DirectoryCertificate, DirectorySource
from korat_desktop.sync.directory import merge_handout, store_directory

__all__ = ["DirectoryImport", "import_directory"]


@dataclass(frozen=True)
class DirectoryImport:
    kind: str  # hub | handout
    agencies: tuple[str, ...]
    certificates_added: int
    issued_at: dt.datetime | None
    signer: str
    signer_sha256: str


def _people_time(moment: dt.datetime) -> str:
    """Buddhist-Era date and time, the same in both languages' messages."""
    t = to_thai_time(moment)
    return f"{t.day:02d}/{t.month:02d}/{be_year(t.date())} {t.hour:02d}:{t.minute:02d}"


def _hub_certificate(directory: AgencyDirectory) -> bytes | None:
    if directory.hub_certificate is None:
        return None
    try:
        return base64.b64decode(directory.hub_certificate, validate=True)
    except ValueError as e:
        raise CourierError("courier.directory_malformed", detail="hub_certificate") from e


def _listed_in(agency: Agency, sha: str) -> bool:
    return any(c.use == CertificateUse.SIGN and c.sha256.lower() == sha
               for c in agency.certificates)


def import_directory(database: Database, data: bytes, trust_roots: Sequence[x509.Certificate],
                     actor: str) -> DirectoryImport:
    with database.read() as s:
        source = s.get(DirectorySource, 1)
        cached_hub = (x509.Certificate.load(bytes(source.hub_certificate))
                      if source is not None and source.hub_certificate else None)
    checked = read_signed_directory(data, trust_roots, cached_hub)
    directory, signer = checked.directory, checked.signer
    hub_cert = _hub_certificate(directory)
    if hub_cert is not None:
        if hub_cert != signer.dump():
            raise CourierError("courier.directory_signer_mismatch")
        return _import_hub(database, checked, actor)
    if len(directory.agencies) != 1:
        raise CourierError("courier.handout_not_single", count=len(directory.agencies))
    if not checked.chains:  # a handout's signer must chain: the pin vouches for the hub only
        raise CourierError("courier.directory_signer_untrusted", signer=checked.signer_name)
    return _import_handout(database, checked, actor)


def _import_hub(database: Database, checked: SignedDirectory, actor: str) -> DirectoryImport:
    directory, signer = checked.directory, checked.signer
    issued = directory.issued_at
    if issued is None:
        raise CourierError("courier.directory_malformed", detail="issued_at missing")
    try:
        with database.write() as s:
            source = s.get(DirectorySource, 1)
            if source is not None and source.issued_at is not None and issued < source.issued_at:
                raise CourierError("courier.directory_rollback", issued=_people_time(issued),
                                   cached=_people_time(source.issued_at))
            store_directory(s, directory, source="file", hub_certificate=signer.dump())
            AuditLog(s, actor).append("courier.directory_import", "directory_source", 1, {
                "kind": "hub", "agencies": len(directory.agencies),
                "issued_at": issued.isoformat(), "signer": signer.sha256.hex()})
    except ValueError as e:
        raise CourierError("courier.directory_malformed", detail=str(e)) from e
    count = sum(len(a.certificates) for a in directory.agencies)
    return DirectoryImport("hub", tuple(a.code for a in directory.agencies), count, issued,
                           checked.signer_name, signer.sha256.hex())


def _import_handout(database: Database, checked: SignedDirectory,
                    actor: str) -> DirectoryImport:
    agency, signer = checked.directory.agencies[0], checked.signer
    sha = signer.sha256.hex()
    try:
        with database.write() as s:
            cached = set(s.scalars(select(DirectoryCertificate.sha256).where(
                DirectoryCertificate.agency_code == agency.code,
                DirectoryCertificate.use == CertificateUse.SIGN.value)))
            if not (sha in cached if cached else _listed_in(agency, sha)):
                raise CourierError("courier.handout_signer_not_listed",
                                   signer=checked.signer_name, agency=agency.code)
            added = merge_handout(s, agency)
            AuditLog(s, actor).append("courier.directory_import", "directory_agency",
                                      agency.code, {"kind": "handout", "added": added,
                                                    "signer": sha})
    except ValueError as e:
        raise CourierError("courier.directory_malformed", detail=str(e)) from e
    return DirectoryImport("handout", (agency.code,), added, checked.directory.issued_at,
                           checked.signer_name, sha)
