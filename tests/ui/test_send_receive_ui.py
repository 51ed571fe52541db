"""A → B from the desktop with a SoftHSM token, in a child pytest (see send_receive_flow.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.child_pytest import run_flow_in_child


@pytest.mark.slow
def test_send_receive_flow_in_a_child_process(tmp_path: Path) -> None:
    run_flow_in_child("send_receive_flow.py", tmp_path, passed=1)
