from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from korat_desktop.cli import main as korat_main
from tests.support.korat_run import KoratRun


@pytest.fixture
def korat(capsys: pytest.CaptureFixture[str]) -> Callable[..., KoratRun]:
    """Run ``korat`` in-process (fast); same parser and exit codes as the console script."""

    def run(*args: str) -> KoratRun:
        try:
            code = korat_main(list(args))
        except SystemExit as e:
            code = int(e.code or 0)
        captured = capsys.readouterr()
        return KoratRun(code, captured.out, captured.err)

    return run


def run_korat_process(*args: str, stdin: str | None = None, timeout: float = 60) -> KoratRun:
    """Run the real console entry point in a new process."""
    proc = subprocess.run([sys.executable, "-m", "korat_desktop.cli.main", *args],
                          input=stdin, capture_output=True, text=True, timeout=timeout,
                          env=os.environ.copy())
    return KoratRun(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def office(tmp_path: Path, korat: Callable[..., KoratRun]) -> Path:
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
