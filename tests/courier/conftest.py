"""Courier fixtures: the sync tests' file keyring (a real keyring backend on a file)."""

from __future__ import annotations

from tests.sync.conftest import keyring_file

__all__ = ["keyring_file"]
