"""How the hub is served by uvicorn: HTTP protocol classes that never wait forever on a
peer, and the uvicorn options ``korat-hub serve`` and the tests share.

uvicorn bounds only the idle time *between* requests (``timeout_keep_alive``). A
connection that stops half-way through a request head, a body or the reading of a
response is kept for as long as TCP keeps it, which after a link cut without a FIN
(a rural office's router rebooting, a NAT entry dropped) is hours. For a tus PATCH
that is worse than a leaked socket: the request holds the upload's lock, so the
client, reconnecting, is refused with 423 until then.

:class:`PeerTimeoutMixin` closes a connection that has been *waiting on the peer*
without any progress for ``peer_timeout_s``: reading a request head, reading a body
the application is waiting for, or waiting for the peer to take the response (the
transport's write buffer full). Time the application itself spends (a database lock,
hashing a finished blob) never counts. When it fires, the application sees the usual
``http.disconnect``: a tus PATCH then drops its checksummed chunk and lets go of the
upload's lock.

:class:`HeadCapMixin` caps the size of a request head (431): the hub runs uvicorn's
httptools protocol, which has no limit of its own (h11's
``h11_max_incomplete_event_size`` does not apply to it). The cap holds however the bytes
arrive (a whole head in one read, or a drip over many) and counts head bytes only,
never a body's, so a body the application left unread is not mistaken for a head.

Where Linux allows it (6.15+), each connection's TCP retransmission backoff is capped
at 2 s, as the client does for its own (see :mod:`korat_desktop.sync.transport`): an answer the hub sent into a link cut is
otherwise retransmitted on a doubling timer and reaches the office up to a minute
after the link is back, while the client sits waiting for it. Capped, the kernel's
retry budget shrinks to under half a minute (it is modelled on the backoff), so
``TCP_USER_TIMEOUT`` is set to ``peer_timeout_s`` with it: a cut shorter than that
never kills a connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import os
import socket
import sys
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from korat_desktop.server.settings import HubSettings

__all__ = [
    "DEFAULT_PEER_TIMEOUT_S",
    "MAX_HEAD_BYTES",
    "HeadCapMixin",
    "KoratHttpToolsProtocol",
    "PeerTimeoutMixin",
    "http_protocol",
    "uvicorn_options",
]

log = logging.getLogger(__name__)

DEFAULT_PEER_TIMEOUT_S = HubSettings.peer_timeout_s
MAX_HEAD_BYTES = 64 * 1024
"""Request line + headers. Ours are well under 4 KiB; 64 KiB leaves room for proxies."""

_TCP_RTO_MAX_MS = 44  # Linux >= 6.15 (include/uapi/linux/tcp.h)
_RTO_MAX_MS = 2000
_SETTINGS_ENV = "KORAT_HUB_SETTINGS"  # see korat_desktop.server.asgi (workers read it)
_HEAD_TOO_LARGE = (b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\n"
                   b"connection: close\r\n\r\n")


@functools.cache
def _timeout_from_environment() -> float:
    """``korat-hub serve`` hands its settings to worker processes in the environment."""
    text = os.environ.get(_SETTINGS_ENV)
    if not text:
        return DEFAULT_PEER_TIMEOUT_S
    return float(json.loads(text).get("peer_timeout_s", DEFAULT_PEER_TIMEOUT_S))


@functools.cache
def _rto_cap_supported() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        with socket.socket() as probe:
            probe.setsockopt(socket.IPPROTO_TCP, _TCP_RTO_MAX_MS, _RTO_MAX_MS)
    except OSError:
        return False
    return True


def _tune_for_poor_links(transport: asyncio.BaseTransport, give_up_s: float) -> None:
    """Cap TCP's retransmission backoff, and give up on unacknowledged data only after
    ``give_up_s`` (the cap alone would make the kernel give up within seconds)."""
    sock = transport.get_extra_info("socket")
    if sock is None or not _rto_cap_supported() or sock.family not in (
            socket.AF_INET, socket.AF_INET6):
        return
    # A closed socket or an odd transport keeps the defaults.
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT, int(give_up_s * 1000))
        sock.setsockopt(socket.IPPROTO_TCP, _TCP_RTO_MAX_MS, _RTO_MAX_MS)


class PeerTimeoutMixin:
    """Mixed in before one of uvicorn's HTTP protocols.

    Uses only what its h11 and httptools protocols share: ``transport``, ``loop``,
    ``flow`` (read/write paused), ``cycle`` (the request in flight: ``more_body``,
    ``response_complete``) and the asyncio protocol callbacks.
    """

    peer_timeout_s: float | None = None
    """None: the settings in the environment (``korat-hub serve``), else the default."""

    transport: asyncio.Transport
    loop: asyncio.AbstractEventLoop
    flow: Any
    cycle: Any

    def _limit(self) -> float:
        return self.peer_timeout_s if self.peer_timeout_s is not None \
            else _timeout_from_environment()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[misc]
        _tune_for_poor_links(transport, self._limit())
        self._progress_at = self.loop.time()
        self._watchdog: asyncio.TimerHandle | None = self.loop.call_later(
            self._limit(), self._check_peer)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._watchdog is not None:
            self._watchdog.cancel()
            self._watchdog = None
        super().connection_lost(exc)  # type: ignore[misc]

    def data_received(self, data: bytes) -> None:
        self._progress_at = self.loop.time()
        super().data_received(data)  # type: ignore[misc]

    def pause_writing(self) -> None:
        self._progress_at = self.loop.time()  # from now on we wait for the peer to read
        super().pause_writing()  # type: ignore[misc]

    def resume_writing(self) -> None:
        self._progress_at = self.loop.time()
        super().resume_writing()  # type: ignore[misc]

    def on_response_complete(self) -> None:
        self._progress_at = self.loop.time()  # from now on we wait for the next request
        super().on_response_complete()  # type: ignore[misc]

    def _reading_head(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _waiting_on_peer(self) -> bool:
        if self.flow is not None and self.flow.write_paused:
            return True  # the peer does not take our response
        if self._reading_head():
            return True  # between requests, or inside a request head
        # The application waits for body bytes (unless we stopped reading ourselves).
        return bool(self.cycle.more_body) and not self.flow.read_paused

    def _check_peer(self) -> None:
        self._watchdog = None
        if self.transport.is_closing():
            return
        limit = self._limit()
        now = self.loop.time()
        if not self._waiting_on_peer():
            self._progress_at = now  # the application is busy: the peer's clock restarts
        elif now - self._progress_at >= limit:
            log.info("closing a connection that made no progress for %.0f s", limit)
            self.transport.abort()  # drop unsent output too: the peer is not reading it
            return
        self._watchdog = self.loop.call_at(self._progress_at + limit, self._check_peer)


class _HeadTooLarge(Exception):
    """Raised from a parser callback to stop parsing a head past the cap."""


class HeadCapMixin:
    """Mixed in before uvicorn's httptools protocol: at most :data:`MAX_HEAD_BYTES` of
    request line and headers, else 431 and the connection is closed.

    Two counts, each a lower bound of the head's size that never includes body bytes:
    what the parser has handed over (URL, header names and values: exact, and checked
    before the application is started, so a large head in one read is caught), and the
    raw bytes of reads that were wholly inside a head (a header that is still dripping
    in, which httptools holds unparsed).
    """

    transport: asyncio.Transport

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[misc]
        self._in_head = True  # between requests counts as head: the next one has begun
        self._head_parsed = 0
        self._head_raw = 0
        self._head_ended = False
        self._head_refused = False

    def data_received(self, data: bytes) -> None:
        started_in_head = self._in_head
        self._head_ended = False
        super().data_received(data)  # type: ignore[misc]
        if started_in_head and self._in_head and not self._head_ended:
            self._head_raw += len(data)
            if self._head_raw > MAX_HEAD_BYTES:
                self._refuse_head()

    def on_url(self, url: bytes) -> None:
        self._count_head(len(url))
        super().on_url(url)  # type: ignore[misc]

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count_head(len(name) + len(value) + 4)  # ": " and CRLF
        super().on_header(name, value)  # type: ignore[misc]

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._head_ended = True
        self._head_parsed = self._head_raw = 0
        super().on_headers_complete()  # type: ignore[misc]

    def on_message_complete(self) -> None:
        self._in_head = True
        super().on_message_complete()  # type: ignore[misc]

    def send_400_response(self, msg: str) -> None:
        if self._head_refused:  # the parser error is ours: see _count_head
            self._refuse_head()
            return
        super().send_400_response(msg)  # type: ignore[misc]

    def _count_head(self, n: int) -> None:
        self._head_parsed += n
        if self._head_parsed > MAX_HEAD_BYTES:
            self._head_refused = True
            raise _HeadTooLarge  # httptools stops; uvicorn reports it as a parser error

    def _refuse_head(self) -> None:
        self._head_refused = True
        if not self.transport.is_closing():
            self.transport.write(_HEAD_TOO_LARGE)
            self.transport.close()


class KoratHttpToolsProtocol(PeerTimeoutMixin, HeadCapMixin, HttpToolsProtocol):
    """uvicorn's httptools protocol (the faster one; ``uvicorn[standard]`` has it) with
    :class:`PeerTimeoutMixin` and :class:`HeadCapMixin`."""


def http_protocol(peer_timeout_s: float | None = None) -> type[asyncio.Protocol]:
    """The protocol class for uvicorn's ``http=`` (httptools).

    With ``peer_timeout_s`` the class is a subclass made here (for a hub served in this
    process, e.g. by the tests); without it, a module-level class that worker processes
    can import, taking its limit from the settings in the environment.
    """
    if peer_timeout_s is None:
        return KoratHttpToolsProtocol
    return type("KoratHttpToolsProtocol", (KoratHttpToolsProtocol,),
                {"peer_timeout_s": peer_timeout_s})


def uvicorn_options(settings: HubSettings, *, in_process: bool = False) -> dict[str, Any]:
    """Keyword arguments for ``uvicorn.run`` / ``uvicorn.Config`` that bound every wait."""
    return {
        "http": http_protocol(settings.peer_timeout_s if in_process else None),
        "timeout_keep_alive": settings.keep_alive_s,
        "server_header": False,
    }
