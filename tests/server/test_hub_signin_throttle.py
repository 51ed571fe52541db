"""Sign-in throttling over real HTTP: an office behind one NAT address is not locked
out by guesses at other names, waits grow with failures, and an admin clears a lock
(``korat-hub unlock``). The hub's throttle runs on a fake clock: no sleeping."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests

from korat_desktop.server.settings import HubSettings
from tests.server.hub_harness import AGENCY_A, ThreadedHub, hub_cli


class FakeClock:
    def __init__(self) -> None:
        self.t = 1_800_000_000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@contextmanager
def _hub(tmp_path: Path, database_url: str | None, **changes: Any) -> Iterator[ThreadedHub]:
    """A hub with the shipped throttle settings (bar ``changes``) on a fake clock, with
    two clerks of one agency."""
    settings = HubSettings(data_dir=tmp_path / "hub", database_url=database_url, **changes)
    server = ThreadedHub(settings).start()
    try:
        server.hub.throttle.clock = FakeClock()
        server.add_agency(AGENCY_A, "สำนักงานจังหวัด")
        server.add_user("somchai", AGENCY_A, "correct horse")
        server.add_user("malee", AGENCY_A, "right pw")
        yield server
    finally:
        server.stop()


@pytest.fixture
def hub(tmp_path: Path, database_url: str | None) -> Iterator[ThreadedHub]:
    with _hub(tmp_path, database_url) as server:
        yield server


@pytest.fixture
def clock(hub: ThreadedHub) -> FakeClock:
    fake = hub.hub.throttle.clock
    assert isinstance(fake, FakeClock)
    return fake


def _wait(r: requests.Response) -> int | None:
    """The ``Retry-After`` of a rate-limited answer, None for any other answer."""
    if r.status_code != 429:
        return None
    assert r.json()["code"] == "auth.rate_limited"
    return int(r.headers["Retry-After"])


def test_guessing_other_names_from_one_address_locks_nobody_else(
        hub: ThreadedHub, clock: FakeClock) -> None:
    """Was: five wrong guesses from one address, even at names that do not exist,
    locked every clerk behind that address out for 15 minutes."""
    office = hub.client()  # every clerk and the guesser share 127.0.0.1
    for i in range(20):
        assert office.enroll(f"nobody{i}", "guess").status_code == 401
    for _ in range(5):
        assert office.enroll("malee", "wrong").status_code == 401
    assert _wait(office.enroll("malee", "right pw")) == 30  # the guessed name waits...
    r = hub.client().enroll("somchai", "correct horse")  # ...its office-mate is not
    assert r.status_code == 201, r.text


def test_waits_grow_with_failures_and_end(hub: ThreadedHub, clock: FakeClock) -> None:
    client = hub.client()
    for _ in range(5):
        assert client.enroll("somchai", "wrong").status_code == 401
    assert _wait(client.enroll("somchai", "correct horse")) == 30  # even the right one
    waits = []
    for _ in range(6):
        clock.advance(_wait(client.enroll("somchai", "x")) or 0)
        assert client.enroll("somchai", "wrong").status_code == 401  # lock over: one try
        waits.append(_wait(client.enroll("somchai", "x")))
    assert waits == [60, 120, 240, 480, 900, 900]  # doubling, capped at 15 minutes
    clock.advance(900)
    assert client.enroll("somchai", "correct horse").status_code == 201
    for _ in range(4):  # success cleared the count: a fresh start
        assert client.enroll("somchai", "wrong").status_code == 401
    assert client.enroll("somchai", "correct horse").status_code == 201


def test_failures_are_forgotten_after_a_quiet_window(hub: ThreadedHub,
                                                     clock: FakeClock) -> None:
    client = hub.client()
    for _ in range(4):
        assert client.enroll("somchai", "wrong").status_code == 401
    clock.advance(15 * 60 + 1)
    assert client.enroll("somchai", "wrong").status_code == 401
    assert client.enroll("somchai", "correct horse").status_code == 201  # 1 failure, not 5


def test_one_address_guessing_many_names_backs_off(tmp_path: Path,
                                                  database_url: str | None) -> None:
    with _hub(tmp_path, database_url, signin_address_max_failures=10) as hub:
        clock = hub.hub.throttle.clock
        assert isinstance(clock, FakeClock)
        client = hub.client()
        for i in range(10):
            assert client.enroll(f"nobody{i}", "guess").status_code == 401
        assert _wait(client.enroll("somchai", "correct horse")) == 30  # address locked
        clock.advance(30)
        assert client.enroll("nobody-else", "guess").status_code == 401
        assert _wait(client.enroll("somchai", "correct horse")) == 60  # the wait grows
        clock.advance(60)
        assert client.enroll("somchai", "correct horse").status_code == 201


def test_admin_unlocks_a_user(hub: ThreadedHub, clock: FakeClock,
                              capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    client = hub.client()
    for _ in range(5):
        client.enroll("somchai", "wrong")
    assert client.enroll("somchai", "correct horse").status_code == 429
    code, out, err = hub_cli(capsys, monkeypatch, hub, "unlock", "somchai", "--json")
    assert code == 0, err
    assert json.loads(out) == {"username": "somchai", "cleared": True}
    assert client.enroll("somchai", "correct horse").status_code == 201
    code, out, _ = hub_cli(capsys, monkeypatch, hub, "unlock", "somchai")
    assert code == 0 and "no failed sign-ins" in out
    assert hub_cli(capsys, monkeypatch, hub, "unlock")[0] == 2  # USER or --address
    assert hub_cli(capsys, monkeypatch, hub, "unlock", "somchai", "--address", "10.0.0.1")[0] == 2


def test_admin_unlocks_an_address(tmp_path: Path, database_url: str | None,
                                  capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    with _hub(tmp_path, database_url, signin_address_max_failures=3) as hub:
        client = hub.client()
        for i in range(3):
            client.enroll(f"nobody{i}", "guess")
        assert client.enroll("somchai", "correct horse").status_code == 429
        code, out, err = hub_cli(capsys, monkeypatch, hub, "unlock", "--address", "127.0.0.1",
                              "--json")
        assert code == 0, err
        assert json.loads(out) == {"address": "127.0.0.1", "cleared": True}
        assert client.enroll("somchai", "correct horse").status_code == 201
