"""End-to-end tests use the sync fixtures: a file keyring, a real hub, devices."""

from tests.sync.conftest import courier_hub, hub, hub_pki, keyring_file, make_device

__all__ = ["courier_hub", "hub", "hub_pki", "keyring_file", "make_device"]
