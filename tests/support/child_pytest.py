"""Run a flow module in a child pytest: SoftHSM reads its configuration once per
process, so the desktop flows that sign get a process of their own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.softhsm import find_softhsm_module

__all__ = ["run_flow_in_child"]

ROOT = Path(__file__).resolve().parents[2]


def run_flow_in_child(flow: str, tmp_path: Path, *, passed: int = 1,
                      timeout: float = 300, exit_after_report: bool = False) -> None:
    """Run ``tests/ui/<flow>`` offscreen in a child pytest; all ``passed`` tests must pass.
    ``exit_after_report``: the child leaves right after pytest's report, before the
    interpreter's shutdown (see tests/support/exit_after_report.py)."""
    if find_softhsm_module() is None:
        pytest.skip("SoftHSM2 is not installed (apt install softhsm2)")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("SOFTHSM2_CONF", None)
    env["KORAT_TEST_FLOW_CHILD"] = "1"  # one flow alone in its process: its SoftHSM is its own
    plugins = ["-p", "tests.support.exit_after_report"] if exit_after_report else []
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider",
         *plugins,
         "--basetemp", str(tmp_path / "child"), str(ROOT / "tests" / "ui" / flow)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert f"{passed} passed" in run.stdout
