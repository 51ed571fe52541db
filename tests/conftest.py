"""Fixtures shared by the whole suite: isolated data dirs and machine config dirs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_machine_config(tmp_path_factory: pytest.TempPathFactory,
                             monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No test reads the real /etc/korat-desktop: each gets an empty machine dir."""
    machine = tmp_path_factory.mktemp("machine")
    monkeypatch.setenv("KORAT_MACHINE_CONFIG_DIR", str(machine))
    monkeypatch.delenv("KORAT_DATA_DIR", raising=False)
    yield machine


@pytest.fixture
def machine_dir() -> Path:
    return Path(os.environ["KORAT_MACHINE_CONFIG_DIR"])
