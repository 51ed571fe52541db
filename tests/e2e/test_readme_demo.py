"""README's command-line A → B demo (scripts/demo-a-to-b) really works end to end."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_demo_a_to_b_script(tmp_path: Path):
    env = {**os.environ, "KORAT_BIN": str(Path(sys.executable).parent)}
    proc = subprocess.run(["bash", str(REPO / "scripts" / "demo-a-to-b"), str(tmp_path / "w")],
                          capture_output=True, text=True, timeout=240, env=env)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    out = proc.stdout
    # B registered the letter with receive number 1, and A sees it on its send entry
    assert "เลขรับ 1/" in out
    assert "ได้รับแล้ว: ที่ว่าการอำเภอปากช่อง (นม 0023.4) เลขรับ 1/" in out
