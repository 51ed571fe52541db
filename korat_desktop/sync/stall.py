"""Noticing an upload whose connection is stuck while the link itself works again.

A link cut freezes a PATCH: nothing the client sends is acknowledged. Usually the
same TCP connection carries on by itself once the link is back (on Linux 6.15+ the
client caps TCP's retransmission backoff at 2 s), and it should: the chunk in flight
is sha256-checked, so giving up on the connection throws away everything of the
chunk sent so far. But the connection may never come back (the office router
rebooted and forgot it; a NAT or proxy dropped it silently), or TCP's own backoff
may leave it idle for many seconds where the cap is not available.

:class:`StallWatch` watches the connection of one request. When no byte has been
acknowledged for ``stall_after_s`` while data waits to go out, it opens a probe
connection to the same peer (a TCP handshake, a few dozen bytes). As long as probes
fail the link is still down and the connection is left alone. Once a probe gets
through and the transfer still makes no progress ``grace_s`` later (three of TCP's
capped retransmissions, so a connection about to resume is not cut short), the
connection is shut down: the request fails at once as ``sync.stalled`` and the
upload resumes from the hub's offset on a fresh connection.

Progress is read from the kernel (``TCP_INFO``: bytes acknowledged, data still
unacknowledged or unsent) on Linux; elsewhere from the bytes handed to the socket,
which stop moving when its send buffer is full.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

__all__ = ["LINK_UP_GRACE_S", "STALL_AFTER_S", "KernelProgress", "StallWatch"]

log = logging.getLogger(__name__)

STALL_AFTER_S = 6.0
"""No acknowledged byte for this long (with data waiting) makes a transfer suspect."""
LINK_UP_GRACE_S = 7.0
"""After a probe got through: three of TCP's capped retransmissions (2 s each) plus a
margin, so a connection about to resume by itself is not cut short. One is not
enough on a lossy link: the first retransmission after the cut, or its ACK, is lost
often (3 % loss each way), and cutting the connection then throws away the chunk in
flight and leaves the hub holding the upload until its peer timeout. With a 3 s
grace that happened after 2 of 13 cuts of ``bench_poorlink`` (``first`` profile);
a connection that is really dead costs 4 s more."""
_TICK_S = 0.5
_PROBE_TIMEOUT_S = 2.0

# struct tcp_info (include/uapi/linux/tcp.h): the fields used here and their offsets.
_TCPI_UNACKED = 24  # __u32 tcpi_unacked (segments sent, not yet acknowledged)
_TCPI_BYTES_ACKED = 120  # __u64 tcpi_bytes_acked (Linux 4.1+)
_TCPI_NOTSENT_BYTES = 144  # __u32 tcpi_notsent_bytes (Linux 4.6+)
_TCPI_LENGTH = 148


@dataclass(frozen=True)
class KernelProgress:
    """What the kernel says about one connection's outgoing data."""

    bytes_acked: int
    waiting: bool  # bytes unacknowledged or not yet sent


def kernel_progress(sock: socket.socket) -> KernelProgress | None:
    """``TCP_INFO`` of a connected socket, or None where the kernel does not say."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        info = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 256)
    except (OSError, ValueError):
        return None
    if len(info) < _TCPI_LENGTH:
        return None
    unacked = struct.unpack_from("I", info, _TCPI_UNACKED)[0]
    acked = struct.unpack_from("Q", info, _TCPI_BYTES_ACKED)[0]
    notsent = struct.unpack_from("I", info, _TCPI_NOTSENT_BYTES)[0]
    return KernelProgress(acked, bool(unacked or notsent))


def _probe(address: Any, family: int) -> bool:
    """Can a new connection reach ``address`` now (the link is up)?"""
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.settimeout(_PROBE_TIMEOUT_S)
            probe.connect(address)
        return True
    except OSError:
        return False


class StallWatch:
    """Watches the connection ``socket_of()`` returns while a request is in flight.

    Use as a context manager around the request; feed :meth:`handed` with the bytes
    of the ``body_bytes`` long body given to the socket (the fallback where the kernel
    gives no ``TCP_INFO``: once all are handed, waiting for the answer is not a stall).
    :attr:`fired` tells afterwards whether the watch cut the connection.
    """

    def __init__(self, socket_of: Callable[[], socket.socket | None], body_bytes: int, *,
                 stall_after_s: float | None = None, grace_s: float | None = None,
                 probe: Callable[[Any, int], bool] = _probe,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.socket_of = socket_of
        self.body_bytes = body_bytes
        self.stall_after_s = STALL_AFTER_S if stall_after_s is None else stall_after_s
        self.grace_s = LINK_UP_GRACE_S if grace_s is None else grace_s
        self.probe = probe
        self.clock = clock
        self.fired = False
        self._handed = 0
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    def handed(self, nbytes: int) -> None:
        self._handed += nbytes

    def __enter__(self) -> StallWatch:
        self._thread = threading.Thread(target=self._watch, name="korat-stall-watch",
                                         daemon=True)
        self._thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()

    def _progress(self, sock: socket.socket | None) -> tuple[int, bool]:
        """(a counter that moves while data gets through, whether data is waiting)."""
        kernel = kernel_progress(sock) if sock is not None else None
        if kernel is not None:
            return kernel.bytes_acked, kernel.waiting
        return self._handed, self._handed < self.body_bytes

    def _watch(self) -> None:
        last_mark: int | None = None
        moved_at = self.clock()
        link_up_at: float | None = None
        while not self._done.wait(_TICK_S):
            sock = self.socket_of()
            mark, waiting = self._progress(sock)
            now = self.clock()
            if mark != last_mark or not waiting:
                last_mark, moved_at, link_up_at = mark, now, None
                continue
            if sock is None or now - moved_at < self.stall_after_s:
                continue
            if link_up_at is None:
                try:
                    peer, family = sock.getpeername(), sock.family
                except OSError:
                    continue
                if self.probe(peer, family):
                    link_up_at = self.clock()
                continue
            if now - link_up_at >= self.grace_s:
                log.info("no progress for %.0f s while the link is up: reconnecting",
                         now - moved_at)
                self.fired = True
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                return
