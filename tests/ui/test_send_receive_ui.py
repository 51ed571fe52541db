"""A → B from the desktop with a SoftHSM token, in a child pytest (see send_receive_flow.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.softhsm import find_softhsm_module

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_send_receive_flow_in_a_child_process(tmp_path: Path) -> None:
    if find_softhsm_module() is None:
        pytest.skip("SoftHSM2 is not installed (apt install softhsm2)")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("SOFTHSM2_CONF", None)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider",
         "--basetemp", str(tmp_path / "child"), str(ROOT / "tests/ui/send_receive_flow.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "1 passed" in run.stdout
