"""End-to-end tests use the sync fixtures: a file keyring, a real hub, devices."""

from tests.sync.conftest import hub, keyring_file, make_device

__all__ = ["hub", "keyring_file", "make_device"]
