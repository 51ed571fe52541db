"""Is a recipient's encryption certificate revoked? Its OCSP responder, when online.

Sealing a secret letter to a revoked key would hand it to whoever holds that key now,
so before sealing, a certificate that names an OCSP responder (Authority Information
Access) is checked there, through pyHanko's certificate validator over the office's
trust roots (the responder's answer must be signed by the CA or its delegate).

The offline rule: an office without a link cannot ask, and a secret letter must still
be sendable by courier; then only the cached directory (a certificate withdrawn at the
hub is gone after the next refresh) and the validity dates count. The same applies when
the responder does not answer (soft-fail): the letter is not blocked by a network fault,
only by a "revoked" answer or by a chain that does not lead to a trust root.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Sequence

from asn1crypto import x509
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import (
    ExpiredError,
    NotYetValidError,
    PathBuildingError,
    PathValidationError,
    RevokedError,
)
from pyhanko_certvalidator.fetchers.requests_fetchers import RequestsFetcherBackend

from korat_desktop.errors import SecrecyError

__all__ = ["OcspRevocation", "ocsp_urls"]


def ocsp_urls(cert: x509.Certificate) -> list[str]:
    """The OCSP responders the certificate names (none: nothing to ask)."""
    return [u for u in cert.ocsp_urls if u.startswith(("http://", "https://"))]


class OcspRevocation:
    """Asks each certificate's OCSP responder (for an office that is online)."""

    def __init__(self, trust_roots: Sequence[x509.Certificate], *,
                 timeout_s: float = 10.0) -> None:
        self.trust_roots = list(trust_roots)
        self.timeout_s = timeout_s

    def check(self, agency: str, cert: x509.Certificate, now: dt.datetime) -> None:
        """Raise ``secrecy.certificate_revoked`` (or ``secrecy.revocation_unknown`` for a
        certificate whose chain or responder's answer cannot be checked) for ``agency``'s
        ``cert``. The responder answers about the present, so ``now`` (the caller's
        moment, for the dates) is not passed on: an answer made after it is no fault."""
        del now
        if not ocsp_urls(cert):
            return
        context = ValidationContext(
            trust_roots=self.trust_roots, allow_fetching=True, revocation_mode="soft-fail",
            fetcher_backend=RequestsFetcherBackend(per_request_timeout=self.timeout_s))
        validator = CertificateValidator(cert, validation_context=context)
        try:
            asyncio.run(validator.async_validate_path())
        except RevokedError as e:
            raise SecrecyError("secrecy.certificate_revoked", agency=agency,
                               detail="OCSP") from e
        except (ExpiredError, NotYetValidError):
            return  # dates are the caller's rule (with its own messages)
        except (PathBuildingError, PathValidationError) as e:
            raise SecrecyError("secrecy.revocation_unknown", agency=agency,
                               detail=type(e).__name__) from e
