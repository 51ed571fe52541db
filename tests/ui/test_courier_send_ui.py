""""Sign and send by courier" with a SoftHSM token, in a child pytest (see courier_flow.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.child_pytest import run_flow_in_child


@pytest.mark.slow
def test_sign_and_send_by_courier_in_a_child_process(tmp_path: Path) -> None:
    run_flow_in_child("courier_flow.py", tmp_path, passed=1)
