"""Fixtures for the hub tests: a real hub per test, on SQLite and (when
``KORAT_TEST_POSTGRES_URL`` is set) on PostgreSQL, plus three enrolled agencies."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from korat_desktop.server.settings import HubSettings
from tests.server.courier_hub import CourierPki, make_courier_pki
from tests.server.hub_harness import (
    AGENCY_A,
    AGENCY_B,
    AGENCY_C,
    PG_URL,
    Agencies,
    ThreadedHub,
    postgres_database,
)

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)] if PG_URL \
    else ["sqlite"]


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """None for SQLite in the data dir, else a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield None
    else:
        with postgres_database() as url:
            yield url


@pytest.fixture
def hub_settings(tmp_path: Path, database_url: str | None) -> HubSettings:
    return HubSettings(data_dir=tmp_path / "hub", database_url=database_url,
                       signin_window_s=60, signin_lockout_s=60)


@pytest.fixture
def hub(hub_settings: HubSettings) -> Iterator[ThreadedHub]:
    server = ThreadedHub(hub_settings).start()
    yield server
    server.stop()


@pytest.fixture
def agencies(hub: ThreadedHub) -> Agencies:
    """Three agencies, one enrolled device each (A sends, B receives, C is a bystander)."""
    clients = []
    for i, (code, name) in enumerate([(AGENCY_A, "สำนักงานจังหวัดนครราชสีมา"),
                                      (AGENCY_B, "สำนักงานสาธารณสุขจังหวัด"),
                                      (AGENCY_C, "อำเภอชัยภูมิ")]):
        hub.add_agency(code, name)
        hub.add_user(f"user{i}", code, f"pw-{i}")
        client = hub.client()
        assert client.enroll(f"user{i}", f"pw-{i}").status_code == 201
        clients.append(client)
    return Agencies(hub, *clients)


@pytest.fixture(scope="session")
def courier_pki(tmp_path_factory: pytest.TempPathFactory) -> CourierPki:
    """The test province CA with the hub's and the offices' identities (see courier_hub)."""
    return make_courier_pki(tmp_path_factory.mktemp("courier-pki"))
