"""Which hub addresses a device may talk to, and whether two URLs are the same origin.

Kept apart from the transport (which needs the settings) so the settings themselves can
check ``sync.hub_url`` when IT writes it, without an import cycle.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit, urlunsplit

from korat_desktop.errors import SyncError

__all__ = ["check_hub_url", "is_loopback", "origin"]

_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback  # 127.0.0.0/8, ::1
    except ValueError:
        return False


def check_hub_url(url: str) -> str:
    """The hub URL without a trailing slash; refuses anything but https://host.

    Plain http is only for this computer (loopback: the demo, tests): anywhere else
    the device token and the letters would cross the network readable and changeable
    by anyone on the way.
    """
    text = url.strip().rstrip("/")
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 (raises ValueError on a port that is not a number)
    except ValueError as e:
        raise SyncError("sync.bad_hub_url", url=url) from e
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SyncError("sync.bad_hub_url", url=url)
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise SyncError("sync.insecure_hub_url", url=url,
                        https_url=urlunsplit(("https", *parts[1:])))
    return text


def origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    try:
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme)
    except ValueError:  # a port that is not a number
        port = -1
    return parts.scheme.lower(), (parts.hostname or "").lower(), port
