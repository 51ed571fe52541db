"""HTTP to the hub: one requests session with the rules every call must follow.

* Explicit connect and read timeouts on every request (a poor link must never hang
  a sync forever).
* TLS certificates are always verified; ``sync.ca_bundle`` may add a CA bundle,
  nothing can switch verification off. Plain http only to a loopback hub (the demo).
* Requests only ever go to the hub's own origin (:meth:`HubTransport.url`), and
  redirects are never followed, so the token never leaves for another host.
* ``sync.proxy`` when IT sets one (otherwise the system's proxy variables apply).
* The protocol version header on every request, the device token when we have one.
* Every failure leaves as a :class:`SyncError` (see :mod:`korat_desktop.sync.failures`).
* Where the OS allows it (Linux 6.15+), TCP's retransmission backoff is capped at
  2 s: after a link drop of ten seconds, default backoff leaves the link idle for up
  to another six or more before TCP tries again; capped, an upload resumes within
  two seconds of the link coming back. (1 s, the kernel's lowest cap, measured no
  better on ``bench_poorlink`` and retransmits needlessly on links whose round trip
  passes a second when their queues fill.) Elsewhere the default applies. Capped,
  the kernel's own give-up time (``tcp_retries2``, modelled on the backoff) shrinks
  to under half a minute, and on a lossy link a retransmission left over from before
  a cut counts toward it: connections died in ten-second cuts. So the client also
  sets ``TCP_USER_TIMEOUT`` to its read timeout: the kernel then gives up on
  unacknowledged data exactly when the client would stop waiting anyway.
* The connection each thread is using is known (:meth:`HubTransport.current_socket`),
  so an upload can watch its progress in the kernel (:mod:`korat_desktop.sync.stall`).
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests
from pydantic import ValidationError
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from korat_desktop.config import Config
from korat_desktop.errors import KoratError, SyncError
from korat_desktop.protocol.capabilities import HubHealth
from korat_desktop.protocol.version import PROTOCOL_HEADER, PROTOCOL_VERSION
from korat_desktop.sync.failures import from_request_error, from_response
from korat_desktop.sync.hub_url import check_hub_url, origin

__all__ = ["SOCKET_OPTIONS", "HubTransport", "TransportSettings", "check_hub_url", "read_health"]

_TCP_RTO_MAX_MS = 44  # Linux >= 6.15 (include/uapi/linux/tcp.h)
_RTO_MAX_MS = 2000


def _socket_options() -> list[tuple[int, int, int]]:
    options = list(HTTPConnection.default_socket_options)
    if sys.platform.startswith("linux"):
        try:  # probe once: an option the kernel refuses would fail every connection
            with socket.socket() as probe:
                probe.setsockopt(socket.IPPROTO_TCP, _TCP_RTO_MAX_MS, _RTO_MAX_MS)
            options.append((socket.IPPROTO_TCP, _TCP_RTO_MAX_MS, _RTO_MAX_MS))
        except OSError:
            pass
    return options


SOCKET_OPTIONS = _socket_options()


def _with_user_timeout(options: list[tuple[int, int, int]], seconds: float
                       ) -> list[tuple[int, int, int]]:
    """``TCP_USER_TIMEOUT`` (Linux): give up on unacknowledged data after ``seconds``."""
    user_timeout = getattr(socket, "TCP_USER_TIMEOUT", None)
    if user_timeout is None or not sys.platform.startswith("linux") or seconds <= 0:
        return options
    return [*options, (socket.IPPROTO_TCP, user_timeout, int(seconds * 1000))]


class _ConnectionInUse:
    """Which connection each thread is sending a request on (see ``current_socket``)."""

    def __init__(self) -> None:
        self._by_thread: dict[int, HTTPConnection] = {}

    def note(self, connection: HTTPConnection) -> None:
        self._by_thread[threading.get_ident()] = connection

    def socket_of(self, thread_id: int) -> socket.socket | None:
        connection = self._by_thread.get(thread_id)
        sock = getattr(connection, "sock", None) if connection is not None else None
        return sock if isinstance(sock, socket.socket) else None


_IN_USE = _ConnectionInUse()


class _NotedHTTPConnection(HTTPConnection):
    def request(self, *args: Any, **kwargs: Any) -> None:
        _IN_USE.note(self)
        super().request(*args, **kwargs)


class _NotedHTTPSConnection(HTTPSConnection):
    def request(self, *args: Any, **kwargs: Any) -> None:
        _IN_USE.note(self)
        super().request(*args, **kwargs)


class _NotedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _NotedHTTPConnection


class _NotedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _NotedHTTPSConnection


_NOTED_POOLS = {"http": _NotedHTTPPool, "https": _NotedHTTPSPool}


class _SyncAdapter(HTTPAdapter):
    """Connections with :data:`SOCKET_OPTIONS` (and the user timeout), direct or through
    a proxy, whose use by each thread is noted."""

    def __init__(self, user_timeout_s: float) -> None:
        self.socket_options = _with_user_timeout(SOCKET_OPTIONS, user_timeout_s)
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["socket_options"] = self.socket_options
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_NOTED_POOLS)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        proxy_kwargs["socket_options"] = self.socket_options
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = dict(_NOTED_POOLS)
        return manager


@dataclass(frozen=True)
class TransportSettings:
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 60.0
    proxy: str = ""
    ca_bundle: str = ""

    @classmethod
    def from_config(cls, config: Config) -> TransportSettings:
        return cls(float(config["sync.connect_timeout_s"]), float(config["sync.read_timeout_s"]),
                   str(config["sync.proxy"]), str(config["sync.ca_bundle"]))


class HubTransport:
    def __init__(self, hub_url: str, token: str | None, settings: TransportSettings) -> None:
        self.hub_url = check_hub_url(hub_url)
        self.settings = settings
        self.session = requests.Session()
        adapter = _SyncAdapter(max(settings.connect_timeout_s, settings.read_timeout_s))
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers[PROTOCOL_HEADER] = PROTOCOL_VERSION
        self.session.headers["User-Agent"] = "korat-desktop"
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        if settings.proxy:
            self.session.proxies = {"http": settings.proxy, "https": settings.proxy}
        # Always verify; a custom bundle replaces the default roots, never disables checks.
        self.session.verify = settings.ca_bundle or True
        self.health: HubHealth | None = None
        """The hub's last ``/health`` answer (its capabilities), once probed."""

    def current_socket(self, thread_id: int | None = None) -> socket.socket | None:
        """The socket of the connection the thread (default: this one) last sent a
        request on; None before it connected."""
        return _IN_USE.socket_of(threading.get_ident() if thread_id is None else thread_id)

    def url(self, path: str) -> str:
        """The full URL of ``path`` on the hub; refuses a URL of any other origin.

        Every request goes through here, so the device token (a session header) and
        the letters can only ever go to the hub's own scheme, host and port, whatever
        a hub (or anyone on the way) puts in a ``Location``.
        """
        refused = SyncError("sync.foreign_location", location=path[:200], hub=self.hub_url)
        try:
            parts = urlsplit(path)
        except ValueError as e:
            raise refused from e
        if not parts.scheme and not parts.netloc:
            if path.startswith("/"):
                return self.hub_url + path
            raise refused
        absolute = urlunsplit((parts.scheme or urlsplit(self.hub_url).scheme, *parts[1:]))
        if origin(absolute) != origin(self.hub_url):
            raise refused
        return absolute

    def request(self, method: str, path: str, *, expect: Collection[int] = (200,),
                timeout: tuple[float, float] | None = None, **kwargs: Any) -> requests.Response:
        """Send one request; a status outside ``expect`` is raised as a SyncError."""
        timeouts = timeout or (self.settings.connect_timeout_s, self.settings.read_timeout_s)
        try:
            response = self.session.request(method, self.url(path), timeout=timeouts,
                                            allow_redirects=False, **kwargs)
        except KoratError:
            raise  # e.g. cancelled from inside a paced body
        except requests.RequestException as e:
            raise from_request_error(e, self.hub_url) from e
        except OSError as e:  # raised by socket calls outside requests' own wrapping
            raise SyncError("sync.connection_lost") from e
        if response.status_code not in expect:
            error = from_response(response)
            response.close()
            raise error
        return response

    def json(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.request(method, path, **kwargs)
        try:
            return response.json()
        except ValueError as e:
            raise SyncError("sync.bad_response", detail=f"{method} {path}: not JSON") from e

    def healthy(self, timeout_s: float = 5.0, attempts: int = 3) -> bool:
        """The connectivity probe: GET /health, short timeouts, no token needed.

        A few quick tries: on a lossy link one lost probe must not make a whole
        pass give up as "offline".
        """
        for attempt in range(attempts):
            try:
                response = self.request("GET", "/health", timeout=(
                    min(timeout_s, self.settings.connect_timeout_s), timeout_s))
                self.health = read_health(response)
                return True
            except SyncError as e:
                if e.code == "sync.tls":
                    raise
                if attempt + 1 < attempts:
                    time.sleep(0.3 * (attempt + 1))
        return False

    def close(self) -> None:
        self.session.close()


def read_health(response: requests.Response) -> HubHealth:
    """A ``/health`` body; one without capabilities (an older hub) announces none."""
    try:
        return HubHealth.model_validate(response.json())
    except (ValueError, ValidationError):
        return HubHealth(status="ok", protocol=PROTOCOL_VERSION)
