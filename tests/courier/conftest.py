"""Courier fixtures: the sync harness (file keyring, hub, devices) and courier offices."""

from tests.courier.offices import courier_hub, courier_pki, make_office
from tests.sync.conftest import hub, keyring_file, make_device

__all__ = ["courier_hub", "courier_pki", "hub", "keyring_file", "make_device", "make_office"]
