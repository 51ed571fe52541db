"""The README's first command (``korat-desktop --demo``) in the window, in a child
pytest (see demo_flow.py): register, sign, send and see the receipt, Thai and English."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.child_pytest import run_flow_in_child


@pytest.mark.slow
def test_readme_demo_in_the_window(tmp_path: Path) -> None:
    run_flow_in_child("demo_flow.py", tmp_path, passed=1, timeout=600)


@pytest.mark.slow
def test_demo_signature_reaches_b_lt_in_the_window(tmp_path: Path) -> None:
    run_flow_in_child("demo_signing_flow.py", tmp_path, passed=1, timeout=600)
