"""Fixtures for sync tests: a file keyring, a real hub with three agencies, devices."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from korat_desktop.server.settings import HubSettings
from tests.server.courier_hub import CourierPki, courier_settings, make_courier_pki
from tests.server.hub_harness import AGENCY_A, AGENCY_B, AGENCY_C, ThreadedHub
from tests.sync.file_keyring import keyring_env, use_file_keyring
from tests.sync.harness import AGENCIES, Device


@pytest.fixture
def keyring_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "keyring.json"
    for key, value in keyring_env(path).items():
        monkeypatch.setenv(key, value)
    use_file_keyring(path)
    return path


def add_accounts(hub: ThreadedHub) -> None:
    for code, name in AGENCIES.items():
        hub.add_agency(code, name)
    hub.add_user("clerk-a", AGENCY_A, "pw-a")
    hub.add_user("clerk-a2", AGENCY_A, "pw-a")
    hub.add_user("clerk-b", AGENCY_B, "pw-b")
    hub.add_user("clerk-c", AGENCY_C, "pw-c")


H = TypeVar("H", bound=ThreadedHub)


def started_hub(tmp_path: Path, kind: type[H]) -> Iterator[H]:
    """A hub of ``kind`` with the test accounts, stopped when the test is done."""
    server = kind(HubSettings(data_dir=tmp_path / "hub", signin_window_s=60,
                              signin_lockout_s=60)).start()
    add_accounts(server)
    yield server
    server.stop()


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[ThreadedHub]:
    yield from started_hub(tmp_path, ThreadedHub)


@pytest.fixture(scope="session")
def hub_pki(tmp_path_factory: pytest.TempPathFactory) -> CourierPki:
    """The province CA with the hub's key and test identities (tests/server/courier_hub)."""
    return make_courier_pki(tmp_path_factory.mktemp("hub-pki"))


@pytest.fixture
def courier_hub(tmp_path: Path, hub_pki: CourierPki) -> Iterator[ThreadedHub]:
    """A hub that takes couriers: it trusts the test CA and signs with a key it issued."""
    settings = courier_settings(HubSettings(data_dir=tmp_path / "hub", signin_window_s=60,
                                            signin_lockout_s=60), hub_pki)
    server = ThreadedHub(settings).start()
    add_accounts(server)
    yield server
    server.stop()


@pytest.fixture
def make_device(tmp_path: Path, keyring_file: Path) -> Callable[..., Device]:
    def make(name: str, agency: str, **settings: object) -> Device:
        return Device(tmp_path / name, agency, keyring_file, dict(settings))

    return make
