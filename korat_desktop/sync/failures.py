"""Which sync errors are worth retrying, and turning requests/HTTP failures into them.

Third-party exceptions stop here (``raise SyncError(...) from e``): the engine only
ever sees :class:`~korat_desktop.errors.SyncError`. A refusal from the hub keeps the
hub's stable code (``op.unknown_agency``...) and its HTTP status in ``params``, so
the rule "transient or permanent" is the protocol's own (:func:`protocol.is_transient`).
"""

from __future__ import annotations

import json
from typing import Any

import requests

from korat_desktop.errors import KoratError, SyncError
from korat_desktop.protocol.errors import is_transient as status_is_transient

__all__ = [
    "AUTH_CODES",
    "from_request_error",
    "from_response",
    "is_transient",
    "retry_after_s",
    "stops_the_pass",
]

_TRANSIENT_CODES = frozenset({
    "sync.offline", "sync.timeout", "sync.connection_lost", "sync.stalled",
    "sync.hub_unavailable", "sync.hub_no_encryption",
    "sync.bad_response", "sync.download_corrupt",
})
AUTH_CODES = frozenset({"auth.required", "auth.invalid_token", "auth.revoked",
                        "sync.token_missing", "sync.not_enrolled"})
"""Nothing else can work until someone signs in again."""


def is_transient(error: KoratError) -> bool:
    """Whether retrying later (with backoff) may succeed."""
    if error.code in _TRANSIENT_CODES:
        return True
    status = error.params.get("status")
    return status is not None and str(status).isdigit() and status_is_transient(int(status))


def stops_the_pass(error: KoratError) -> bool:
    """Errors that concern the connection or the device, not one item."""
    return error.code in AUTH_CODES or error.code in (
        "sync.tls", "sync.offline", "sync.cancelled", "protocol.unsupported_version",
        "sync.foreign_location")


def retry_after_s(error: KoratError) -> float:
    """The hub's ``Retry-After`` (seconds) carried on the error, 0 when none."""
    try:
        return max(0.0, float(error.params.get("retry_after", 0)))
    except (TypeError, ValueError):
        return 0.0


def from_request_error(e: requests.RequestException, url: str) -> SyncError:
    """A requests exception (no HTTP answer) as a SyncError."""
    if isinstance(e, requests.exceptions.SSLError):
        return SyncError("sync.tls", detail=str(e)[:200])
    if isinstance(e, requests.exceptions.ConnectTimeout):
        return SyncError("sync.offline", url=url)
    if isinstance(e, requests.exceptions.ReadTimeout):
        return SyncError("sync.timeout")
    if isinstance(e, requests.exceptions.ProxyError):
        return SyncError("sync.offline", url=url)
    if isinstance(e, requests.exceptions.ConnectionError) and _never_connected(e):
        return SyncError("sync.offline", url=url)
    return SyncError("sync.connection_lost")


def _never_connected(e: BaseException) -> bool:
    text = repr(e)
    return any(marker in text for marker in (
        "NewConnectionError", "Connection refused", "Name or service not known",
        "Failed to resolve", "No route to host", "Network is unreachable"))


def from_response(response: requests.Response) -> SyncError:
    """A non-2xx answer as a SyncError with the hub's code when it sent one."""
    status = response.status_code
    params: dict[str, Any] = {"status": status}
    retry_after = response.headers.get("Retry-After", "")
    if retry_after.isdigit():
        params["retry_after"] = retry_after
    try:
        body = response.json()
    except (ValueError, json.JSONDecodeError):
        body = None
    if status_is_transient(status):
        code = body.get("code") if isinstance(body, dict) else None
        return SyncError(code if isinstance(code, str) and _known(code)
                         else "sync.hub_unavailable", **params)
    if isinstance(body, dict) and isinstance(body.get("code"), str):
        raw = body.get("params")
        hub_params: dict[Any, Any] = raw if isinstance(raw, dict) else {}
        params.update({str(k): str(v) for k, v in hub_params.items() if k != "status"})
        if _known(body["code"]):
            return SyncError(body["code"], **params)
        return SyncError("sync.hub_error", detail=str(body.get("message", ""))[:300], **params)
    return SyncError("sync.hub_error", detail=response.reason or "", **params)


def _known(code: str) -> bool:
    from korat_desktop.messages import catalogue

    return code in catalogue()
