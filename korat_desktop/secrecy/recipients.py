"""Which certificates a secret letter is sealed to: each recipient agency's and ours.

Sealing never falls back to clear: an agency without a usable encryption certificate
stops the letter, with that agency named, before anything is encrypted or queued.
Ours is included so that our other devices (and we, later) can open what we sent.

Usable means: listed in the cached agency directory (for our own agency, our current
key), within its validity dates at ``now``, and, when a revocation check is given (the
office is online) and the certificate names an OCSP responder, not revoked there. A
certificate withdrawn at the hub (``korat-hub agency-certs remove``) while another is
listed for the agency leaves the cache at the next directory refresh. (An agency's
*last* certificate stays cached after its withdrawal, by the directory's handout rule in
:mod:`korat_desktop.sync.directory`; revoke it at the CA so the OCSP check refuses it.)
Offline, the cache and the dates are all there is (see
:mod:`korat_desktop.secrecy.revocation`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from asn1crypto import x509

from korat_desktop.courier.keys import CourierKeys
from korat_desktop.errors import CourierError, SecrecyError

__all__ = ["RevocationCheck", "recipient_certificates"]


class RevocationCheck(Protocol):
    def check(self, agency: str, cert: x509.Certificate, now: dt.datetime) -> None:
        """Raise :class:`SecrecyError` when ``cert`` must not be sealed to."""
        ...


_COURIER_TO_SECRECY = {"courier.no_certificate": "secrecy.no_certificate",
                       "courier.certificate_expired": "secrecy.certificate_expired"}


def _listed(keys: CourierKeys, code: str) -> x509.Certificate:
    try:
        return keys.encryption_certificates([code])[code]
    except CourierError as e:
        mapped = _COURIER_TO_SECRECY.get(e.code)
        if mapped is None:
            raise
        raise SecrecyError(mapped, agency=code) from e


def _check_dates(code: str, cert: x509.Certificate, now: dt.datetime) -> None:
    validity = cert["tbs_certificate"]["validity"]
    if validity["not_after"].native < now:
        raise SecrecyError("secrecy.certificate_expired", agency=code)
    if validity["not_before"].native > now:
        raise SecrecyError("secrecy.not_yet_valid", agency=code)


def recipient_certificates(keys: CourierKeys, agencies: Sequence[str], *, now: dt.datetime,
                           revocation: RevocationCheck | None = None
                           ) -> dict[str, list[x509.Certificate]]:
    """Per agency (the recipients in order, then ours), the certificates to seal to.

    A list per agency so that a key being replaced can be sealed to alongside its
    successor; today the directory answers one current certificate each. Raises
    :class:`SecrecyError` (``secrecy.no_certificate``, ``secrecy.certificate_expired``,
    ``secrecy.not_yet_valid``, ``secrecy.certificate_revoked``,
    ``secrecy.revocation_unknown``) naming the first agency that cannot be sealed to.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    found: dict[str, list[x509.Certificate]] = {}
    for code in dict.fromkeys([*agencies, keys.agency_code]):
        cert = _listed(keys, code)
        _check_dates(code, cert, now)
        if revocation is not None:
            revocation.check(code, cert, now)
        found[code] = [cert]
    return found
