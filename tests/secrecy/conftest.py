"""Fixtures for secret letters: the sync fixtures (hub, devices, file keyring), and
offices that have an encryption key published to the hub."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.server.hub_harness import ThreadedHub
from tests.sync.conftest import courier_hub, hub, hub_pki, keyring_file, make_device  # noqa: F401
from tests.sync.harness import PASSWORDS, Device

USERS = {"a": "clerk-a", "b": "clerk-b", "c": "clerk-c"}


@pytest.fixture
def keyed_office(hub: ThreadedHub, make_device: Callable[..., Device]  # noqa: F811
                 ) -> Callable[..., Device]:
    """A signed-in device whose agency made its encryption key and published it."""

    def make(name: str, agency: str, user: str, **settings: object) -> Device:
        device = make_device(name, agency, **settings)
        device.login(hub.url, user)
        made = device.korat("keys", "new")
        assert made.code == 0, made.err
        with device.app() as app:  # the encryption certificate only (no signing card here)
            published = app.keys.publish(())
        assert [use for use, _ in published.published] == ["encrypt"]
        return device

    assert PASSWORDS
    return make
