"""Signing from the UI (wrong PIN first, then the right one; token pulled out).

The flow lives in ``signing_flow.py`` and runs in a child pytest: SoftHSM reads its
configuration once per process, and the signing tests' SoftHSM must stay alone in this
worker. The child uses the same fixtures (tests/conftest.py, tests/ui/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.child_pytest import run_flow_in_child


@pytest.mark.slow
def test_signing_flow_in_a_child_process(tmp_path: Path) -> None:
    run_flow_in_child("signing_flow.py", tmp_path, passed=2)


@pytest.mark.slow
def test_certificate_choice_in_a_child_process(tmp_path: Path) -> None:
    run_flow_in_child("certificate_choice_flow.py", tmp_path, passed=1)
