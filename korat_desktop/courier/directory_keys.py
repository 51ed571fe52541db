"""The courier's keys, for real: the cached agency directory, this office's keys in the
OS keyring, and the configured trust roots (:class:`~korat_desktop.courier.keys.CourierKeys`).

Every question is answered from the store at the time it is asked (short read
transactions), so a directory refreshed or imported meanwhile counts at once.
For our own agency the encryption certificate is our current key's, even before the
directory lists it (``korat keys publish`` may not have reached the hub yet).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from asn1crypto import x509
from sqlalchemy import select

from korat_desktop.courier.envelope import RecipientKey
from korat_desktop.courier.keys import CourierKeys
from korat_desktop.courier.office_keys import OfficeKeys
from korat_desktop.errors import CourierError, StoreError
from korat_desktop.protocol.directory import CertificateUse
from korat_desktop.store.db import Database
from korat_desktop.store.models import (
    DirectoryAgency,
    DirectoryCertificate,
    DirectorySource,
    Office,
)

__all__ = ["DirectoryKeys", "is_listed_signer"]


def _expired(cert: x509.Certificate, now: dt.datetime) -> bool:
    return bool(cert["tbs_certificate"]["validity"]["not_after"].native < now)


def is_listed_signer(keys: CourierKeys, code: str, cert: x509.Certificate) -> bool:
    """Whether ``cert`` is listed in the directory as a ``sign`` certificate of agency
    ``code`` (the second half of the courier trust rule; the first is the chain)."""
    return any(c.sha256 == cert.sha256 for c in keys.signing_certificates(code))


class DirectoryKeys:
    """:class:`CourierKeys` over the store, the keyring and the trust roots."""

    def __init__(self, database: Database, office_keys: OfficeKeys,
                 trust_roots: Sequence[x509.Certificate]) -> None:
        self.database = database
        self.office_keys = office_keys
        self._roots = list(trust_roots)

    @property
    def agency_code(self) -> str:
        with self.database.read() as s:
            office = s.get(Office, 1)
            if office is None:
                raise StoreError("store.not_initialized", path="-")
            return office.agency_code

    def _certificates(self, code: str, use: CertificateUse) -> list[x509.Certificate]:
        """Newest first."""
        with self.database.read() as s:
            ders = s.scalars(select(DirectoryCertificate.der).where(
                DirectoryCertificate.agency_code == code, DirectoryCertificate.use == use.value)
                .order_by(DirectoryCertificate.added_at.desc())).all()
        return [x509.Certificate.load(bytes(d)) for d in ders]

    def encryption_certificates(self, codes: Sequence[str]) -> dict[str, x509.Certificate]:
        now = dt.datetime.now(dt.UTC)
        found: dict[str, x509.Certificate] = {}
        ours = self.agency_code
        for code in codes:
            if code in found:
                continue
            own = self.office_keys.current() if code == ours else None
            listed = ([own.certificate] if own is not None and own.certificate is not None
                      else self._certificates(code, CertificateUse.ENCRYPT))
            if not listed:
                raise CourierError("courier.no_certificate", agency=code)
            usable = [c for c in listed if not _expired(c, now)]
            if not usable:
                raise CourierError("courier.certificate_expired", agency=code)
            found[code] = usable[0]
        return found

    def signing_certificates(self, code: str) -> list[x509.Certificate]:
        return self._certificates(code, CertificateUse.SIGN)

    def recipient_key(self) -> RecipientKey:
        return self.office_keys.recipient_key()

    def trust_roots(self) -> list[x509.Certificate]:
        return list(self._roots)

    def hub_certificate(self) -> x509.Certificate | None:
        with self.database.read() as s:
            source = s.get(DirectorySource, 1)
            der = source.hub_certificate if source is not None else None
        return x509.Certificate.load(bytes(der)) if der else None

    def relay_of(self, code: str) -> str | None:
        with self.database.read() as s:
            return s.scalar(select(DirectoryAgency.relay).where(DirectoryAgency.code == code))
