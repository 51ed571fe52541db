"""The device token and the letters only ever go to the hub's own origin.

A hub (or anyone in the middle of a plain-http link) answering ``POST /uploads``
with a ``Location`` on another host or port used to get the PATCH, bearer token and
letter bytes included. Here a real hub on loopback has its answers rewritten to
point at a recorder on another port; the recorder must never see a connection, the
pass stops with ``sync.foreign_location``, and the letter goes out once the hub
behaves again. Plain http is refused for any hub that is not this computer.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from korat_desktop.errors import SyncError
from korat_desktop.server.settings import HubSettings
from korat_desktop.sync.transport import HubTransport, TransportSettings, check_hub_url
from tests.server.hub_harness import AGENCY_A, AGENCY_B, ThreadedHub
from tests.sync.conftest import add_accounts
from tests.sync.harness import Device
from tests.sync.hub_checks import hub_ops


class _Recorder:
    """A listening socket on another loopback port that never answers."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]

    def connections(self) -> list[bytes]:
        """What every connection made so far sent (connections wait in the backlog)."""
        self.sock.setblocking(False)
        got = []
        while True:
            try:
                conn, _ = self.sock.accept()
            except BlockingIOError:
                return got
            with conn:
                conn.settimeout(1)
                try:
                    got.append(conn.recv(65536))
                except OSError:
                    got.append(b"")

    def close(self) -> None:
        self.sock.close()


class _HostileHub(ThreadedHub):
    """The real hub, whose upload ``Location`` is replaced while ``location`` is set."""

    location: str | None = None
    status: int | None = None  # e.g. 307: a redirect to ``location``

    def served(self, app: Any) -> Any:
        async def rewriting(scope: Any, receive: Any, send: Any) -> None:
            async def rewrite(message: Any) -> None:
                if (message["type"] == "http.response.start" and self.location
                        and scope["method"] == "POST" and scope["path"] == "/uploads"):
                    headers = [(k, v) for k, v in message["headers"] if k.lower() != b"location"]
                    message["headers"] = [*headers, (b"location", self.location.encode())]
                    message["status"] = self.status or message["status"]
                await send(message)

            await app(scope, receive, rewrite if scope["type"] == "http" else send)

        return rewriting


@pytest.fixture
def recorder() -> Iterator[_Recorder]:
    r = _Recorder()
    yield r
    r.close()


@pytest.fixture
def hostile_hub(tmp_path) -> Iterator[_HostileHub]:
    server = _HostileHub(HubSettings(data_dir=tmp_path / "hub")).start()
    add_accounts(server)
    yield server
    server.stop()


@pytest.mark.parametrize("form", ["http://127.0.0.1:{port}/uploads/x",
                                  "//127.0.0.1:{port}/uploads/x",
                                  "http://localhost:{port}/uploads/x"])
def test_an_upload_location_on_another_port_gets_nothing(
        hostile_hub: _HostileHub, recorder: _Recorder, make_device: Callable[..., Device],
        form: str) -> None:
    a1 = make_device("a1", AGENCY_A)
    a1.login(hostile_hub.url, "clerk-a")
    entry = a1.send("ขอเชิญประชุม", [AGENCY_B])
    assert a1.korat("queue", str(entry), "--allow-unsigned").code == 0
    hostile_hub.location = form.format(port=recorder.port)
    run = a1.korat("sync", "--once", "--json")
    assert recorder.connections() == []  # no request, so no token, went there
    assert run.code != 0
    report = run.json["report"]
    assert report["stopped"]["code"] == "sync.foreign_location"
    assert report["stopped"]["transient"] is False
    assert not hub_ops(hostile_hub.settings.data_dir, "letter.send")
    # The letter was not given up: once the hub's answers are its own, it goes out.
    hostile_hub.location = None
    assert a1.korat("sync", "--once").code == 0
    assert len(hub_ops(hostile_hub.settings.data_dir, "letter.send")) == 1
    assert recorder.connections() == []


def test_a_redirect_elsewhere_is_not_followed(
        hostile_hub: _HostileHub, recorder: _Recorder, make_device: Callable[..., Device]
) -> None:
    a1 = make_device("a1", AGENCY_A)
    a1.login(hostile_hub.url, "clerk-a")
    entry = a1.send("ขอเชิญประชุม", [AGENCY_B])
    assert a1.korat("queue", str(entry), "--allow-unsigned").code == 0
    hostile_hub.location = f"http://127.0.0.1:{recorder.port}/uploads"
    hostile_hub.status = 307  # "repeat this POST, token and all, over there"
    run = a1.korat("sync", "--once", "--json")
    assert recorder.connections() == []
    assert run.code != 0 and not hub_ops(hostile_hub.settings.data_dir, "letter.send")


def test_requests_never_leave_the_hub_origin() -> None:
    transport = HubTransport("https://hub.example.go.th", "secret-token", TransportSettings())
    try:
        assert transport.url("/uploads/1") == "https://hub.example.go.th/uploads/1"
        assert (transport.url("https://HUB.example.go.th:443/uploads/1")
                == "https://HUB.example.go.th:443/uploads/1")
        for foreign in ("http://hub.example.go.th/uploads/1",  # same host, plain http
                        "https://hub.example.go.th:8443/uploads/1",
                        "https://evil.example/uploads/1", "//evil.example/uploads/1",
                        "https://hub.example.go.th.evil.example/u",
                        "https://hub.example.go.th@evil.example/u", "file:///etc/passwd",
                        "uploads/1", "https://[::1/u"):
            with pytest.raises(SyncError) as e:
                transport.url(foreign)
            assert e.value.code == "sync.foreign_location", foreign
    finally:
        transport.close()


def test_plain_http_is_only_for_this_computer() -> None:
    for loopback in ("http://127.0.0.1:8000", "http://127.5.6.7", "http://[::1]:9000",
                     "http://localhost:8000/"):
        assert check_hub_url(loopback) == loopback.rstrip("/")
    assert check_hub_url("https://hub.example.go.th/") == "https://hub.example.go.th"
    for remote in ("http://hub.example.go.th", "http://10.0.0.5:8000", "http://[::2]"):
        with pytest.raises(SyncError) as e:
            check_hub_url(remote)
        assert e.value.code == "sync.insecure_hub_url"
        assert "https" in e.value.message("en") and "https" in e.value.message("th")


def test_login_to_a_plain_http_hub_says_why_and_how(make_device: Callable[..., Device],
                                                   hub: ThreadedHub) -> None:
    a1 = make_device("a1", AGENCY_A)
    remote = hub.url.replace("127.0.0.1", "hub.example.go.th")
    run = a1.korat("login", "--hub", remote, "--user", "clerk-a", "--password-stdin",
                   "--lang", "en", stdin="pw-a\n")
    assert run.code == 1
    assert "[sync.insecure_hub_url]" in run.err
    assert "not encrypted" in run.err and "https://hub.example.go.th" in run.err
    # Set by a person: refused at once. From a file IT wrote: refused on use.
    run = a1.korat("config", "set", "sync.hub_url", remote)
    assert run.code == 1 and "[sync.insecure_hub_url]" in run.err
    assert a1.korat("config", "set", "sync.hub_url", hub.url).code == 0
    a1.configure(sync__hub_url=remote)
    run = a1.korat("login", "--user", "clerk-a", "--password-stdin", stdin="pw-a\n")
    assert run.code == 1 and "[sync.insecure_hub_url]" in run.err
