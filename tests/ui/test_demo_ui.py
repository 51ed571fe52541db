"""The README's first command (``korat-desktop --demo``) in the window, in a child
pytest (see demo_flow.py): register, sign, send and see the receipt, Thai and English."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.softhsm import find_softhsm_module

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_readme_demo_in_the_window(tmp_path: Path) -> None:
    if find_softhsm_module() is None:
        pytest.skip("SoftHSM2 is not installed (apt install softhsm2)")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("SOFTHSM2_CONF", None)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider",
         "--basetemp", str(tmp_path / "child"), str(ROOT / "tests/ui/demo_flow.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "1 passed" in run.stdout
