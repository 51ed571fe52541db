from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from korat_desktop.cli import main as korat_main


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def korat(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run ``korat`` in-process (fast); same parser and exit codes as the console script."""

    def run(*args: str) -> Result:
        try:
            code = korat_main(list(args))
        except SystemExit as e:
            code = int(e.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def run_korat_process(*args: str, stdin: str | None = None, timeout: float = 60) -> Result:
    """Run the real console entry point in a new process."""
    proc = subprocess.run([sys.executable, "-m", "korat_desktop.cli.main", *args],
                          input=stdin, capture_output=True, text=True, timeout=timeout,
                          env=os.environ.copy())
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def office(tmp_path: Path, korat: Callable[..., Result]) -> Path:
    data = tmp_path / "office"
    r = korat("init", "--data-dir", str(data), "--agency-code", "นม 0017.1",
              "--agency-name", "สำนักงานจังหวัดนครราชสีมา")
    assert r.code == 0, r.err
    return data


@pytest.fixture
def letter(tmp_path: Path) -> Callable[..., Path]:
    from korat_desktop.pdf.sample import make_letter_pdf

    counter = iter(range(1_000_000))

    def make(subject: str = "ขอเชิญประชุมคณะกรรมการ", body: list[str] | None = None) -> Path:
        path = tmp_path / f"letter{next(counter)}.pdf"
        path.write_bytes(make_letter_pdf(subject, body or ["เนื้อความของหนังสือ"]))
        return path

    return make
