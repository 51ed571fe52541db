"""A fault-injecting TCP proxy between the desktop client and the hub, for tests.

Each request draws one fault from a seeded random plan (or none), so a run is
reproducible: the connection is reset in the middle of the request or of the
response, stalls longer than the client's read timeout, is cut short cleanly
(truncated response), or is answered 500/502/503 by the "proxy" itself. ``hold``
forwards a commit (or whatever request starts with ``hold_match``) to the hub but
never returns the hub's answer: the client must be killed or time out after the
hub acted on it. ``freeze_after`` freezes the next PATCH once that many of its bytes
went through: the proxy stops reading from the client and forwards nothing more,
both connections stay open (a connection stuck while the link itself works).
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
import time
from dataclasses import dataclass, field

__all__ = ["FAULTS", "Fault", "FaultProxy"]

FAULTS = ("reset_request", "reset_response", "stall", "truncate", "status")


@dataclass(frozen=True)
class Fault:
    kind: str  # pass | one of FAULTS | hold_commit
    after_bytes: int = 0
    status: int = 503
    stall_s: float = 3.0


_METHODS = (b"GET ", b"HEAD ", b"POST ", b"PATCH ", b"DELETE ", b"OPTIONS ", b"PUT ")


@dataclass
class _Exchange:
    """The request in flight on one connection: its fault and bytes seen each way."""

    fault: Fault = field(default_factory=lambda: Fault("pass"))
    up: int = 0
    down: int = 0
    held: threading.Event = field(default_factory=threading.Event)
    freeze_at: int | None = None
    frozen: threading.Event = field(default_factory=threading.Event)

    def begin(self, fault: Fault) -> None:
        if self.fault.kind != "hold_commit" or not self.held.is_set():
            self.fault = fault
        self.up = 0
        self.down = 0


def _reset(sock: socket.socket) -> None:
    """Close with RST (SO_LINGER 0), as a dropped NAT entry or a dying router does.

    ``shutdown`` first: a plain close() would not wake the other pump thread blocked
    in recv() on this socket, and the kernel would keep the connection open (the hub
    would wait forever on a request body) until that recv() returned.
    """
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RD)
    with contextlib.suppress(OSError):
        sock.close()


@dataclass
class FaultProxy:
    upstream_port: int
    fault_rate: float = 0.3
    seed: int = 4
    faults: tuple[str, ...] = FAULTS
    stall_s: float = 3.0
    hold_commits: bool = False
    hold_match: bytes = b"POST /ops/"
    freeze_after: int | None = None
    counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._lock = threading.Lock()
        # A fixed receive buffer (no autotuning): a frozen connection then stops
        # acknowledging the client's bytes, as a dead link does, instead of taking
        # megabytes into the kernel's buffers first.
        self._server = socket.socket()
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 128 * 1024)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen()
        self.port = self._server.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._open: set[socket.socket] = set()
        self._closed = False
        self._froze = False
        self._exchanges: list[_Exchange] = []
        self.enabled = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _freeze_next(self) -> bool:
        with self._lock:
            if self.freeze_after is None or self._froze:
                return False
            self._froze = True
            return True

    def _draw(self) -> Fault:
        with self._lock:
            if self.hold_commits:
                kind = "hold_commit"
            elif self.enabled and self._rng.random() < self.fault_rate:
                kind = self._rng.choice(self.faults)
            else:
                kind = "pass"
            self.counts[kind] = self.counts.get(kind, 0) + 1
            return Fault(kind, after_bytes=self._rng.randint(0, 48 * 1024),
                         status=self._rng.choice((500, 502, 503)), stall_s=self.stall_s)

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=5)
                upstream.settimeout(None)
            except OSError:
                _reset(client)
                continue
            with self._lock:
                self._open |= {client, upstream}
            state = _Exchange()
            with self._lock:
                self._exchanges.append(state)
            threading.Thread(target=self._pump_up, args=(client, upstream, state),
                             daemon=True).start()
            threading.Thread(target=self._pump_down, args=(upstream, client, state),
                             daemon=True).start()

    def _pump_up(self, client: socket.socket, upstream: socket.socket,
                 state: _Exchange) -> None:
        """Client → hub. Each new request on the connection draws its own fault."""
        head = b""
        try:
            while True:
                data = client.recv(65536)
                if not data:
                    break
                if data.startswith(_METHODS):
                    state.begin(self._draw())
                    head = b""
                fault = state.fault
                if fault.kind == "status":
                    head += data
                    if b"\r\n\r\n" in head:
                        body = b'{"code":"server.busy","message":"injected","params":{}}'
                        client.sendall(
                            f"HTTP/1.1 {fault.status} Injected\r\nContent-Type: application/json"
                            f"\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
                            .encode() + body)
                        break
                    continue
                if fault.kind == "hold_commit" and data.startswith(self.hold_match):
                    state.held.set()
                if data.startswith(b"PATCH ") and self._freeze_next():
                    state.freeze_at = self.freeze_after
                if state.freeze_at is not None and state.up + len(data) > state.freeze_at:
                    upstream.sendall(data[:max(0, state.freeze_at - state.up)])
                    self.counts["freeze"] = self.counts.get("freeze", 0) + 1
                    state.frozen.wait()  # until close(): read nothing, forward nothing
                    break
                if fault.kind == "reset_request" and state.up + len(data) > fault.after_bytes:
                    upstream.sendall(data[:max(0, fault.after_bytes - state.up)])
                    break
                upstream.sendall(data)
                state.up += len(data)
        except OSError:
            pass
        self._drop(client, upstream, reset=state.fault.kind in ("reset_request", "status"))

    def _pump_down(self, upstream: socket.socket, client: socket.socket,
                   state: _Exchange) -> None:
        """Hub → client."""
        try:
            while True:
                data = upstream.recv(65536)
                if not data:
                    break
                fault = state.fault
                if state.held.is_set():
                    continue  # swallow the hub's answer to the commit
                cut = fault.after_bytes % 600
                if fault.kind == "stall" and state.down + len(data) > cut:
                    time.sleep(fault.stall_s)
                    break
                if fault.kind in ("reset_response", "truncate") and state.down + len(data) > cut:
                    client.sendall(data[:max(1, cut - state.down)])
                    break
                client.sendall(data)
                state.down += len(data)
        except OSError:
            pass
        self._drop(client, upstream, reset=state.fault.kind in ("reset_response", "stall"))

    def _drop(self, client: socket.socket, upstream: socket.socket, reset: bool) -> None:
        with self._lock:
            self._open -= {client, upstream}
        if reset:
            _reset(client)
            _reset(upstream)
        else:
            for sock in (client, upstream):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    sock.close()

    def close(self) -> None:
        self._closed = True
        with contextlib.suppress(OSError):
            self._server.close()
        with self._lock:
            socks = list(self._open)
            self._open.clear()
            for exchange in self._exchanges:
                exchange.frozen.set()
        for sock in socks:
            _reset(sock)
