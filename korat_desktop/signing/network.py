"""The online services signing needs (TSA, OCSP/CRL), with explicit timeouts and with
their failures sorted into "try again later" and "this will not work".

Transient codes (:data:`TRANSIENT_CODES`) tell the store's upgrader to keep the
document at its current level and retry with backoff, not to report a failure.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from asn1crypto import x509
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.fetchers.requests_fetchers import RequestsFetcherBackend

from korat_desktop.errors import SigningError
from korat_desktop.signing.settings import SigningSettings

__all__ = [
    "TRANSIENT_CODES",
    "is_transient",
    "make_timestamper",
    "tsa_failure",
    "validation_context",
    "validation_context_kwargs",
]

TRANSIENT_CODES = frozenset({"signing.tsa_unreachable", "signing.ocsp_unreachable"})


def is_transient(error: BaseException) -> bool:
    """True when retrying later may succeed (network down, service busy)."""
    return isinstance(error, SigningError) and error.code in TRANSIENT_CODES


def make_timestamper(settings: SigningSettings, url: str | None = None) -> RequestsHTTPTimeStamper:
    target = url or settings.tsa_url
    if not target:
        raise SigningError("signing.tsa_not_configured")
    return RequestsHTTPTimeStamper(target, timeout=settings.network_timeout_s)


def tsa_failure(url: str, exc: BaseException) -> SigningError:
    cause = exc
    while cause is not None:
        if isinstance(cause, OSError) and not isinstance(cause, TimestampRequestError):
            return SigningError("signing.tsa_unreachable", url=url,
                                detail=type(cause).__name__)
        cause = cause.__cause__  # type: ignore[assignment]
    if isinstance(exc, TimestampRequestError):
        response = exc.args[1] if len(exc.args) > 1 else None
        status = getattr(response, "status_code", None)
        if status is not None and (status >= 500 or status in (404, 408, 429)):
            return SigningError("signing.tsa_unreachable", url=url, detail=f"HTTP {status}")
        return SigningError("signing.tsa_rejected", url=url, detail=str(exc.args[0]))
    return SigningError("signing.tsa_rejected", url=url, detail=str(exc) or type(exc).__name__)


def validation_context_kwargs(settings: SigningSettings, roots: list[x509.Certificate], *,
                              fetch: bool, require_revinfo: bool) -> dict[str, Any]:
    """Keyword arguments for a :class:`ValidationContext` over our trust roots.

    ``require_revinfo`` demands OCSP or CRL for every certificate in the path (what a
    B-LT upgrade must collect); otherwise revocation is checked where declared.
    """
    return {
        "trust_roots": roots,
        "allow_fetching": fetch,
        "crls": [],
        "ocsps": [],
        "revocation_mode": "require" if require_revinfo else "hard-fail",
        "fetcher_backend": (RequestsFetcherBackend(per_request_timeout=settings.network_timeout_s)
                            if fetch else None),
    }


def validation_context(settings: SigningSettings, roots: list[x509.Certificate], *,
                       fetch: bool, require_revinfo: bool,
                       other_certs: Iterable[x509.Certificate] = ()) -> ValidationContext:
    return ValidationContext(other_certs=list(other_certs), **validation_context_kwargs(
        settings, roots, fetch=fetch, require_revinfo=require_revinfo))
