"""A pytest plugin for a child flow: leave the process once pytest has reported.

The clerk's-day flow loads Qt, pdfium, pikepdf, Tesseract's bindings, SoftHSM and a hub
in one interpreter; now and then (about two runs in three here) the interpreter's own
shutdown then aborts in its final garbage collection ("bool_dealloc", a C extension's
reference count), after every test has passed and been reported. That abort says nothing
about the flow, so the child runs the exit handlers (multiprocessing's and the
executors' joins: no worker outlives it holding the output pipe) and then leaves with
pytest's own exit status, skipping only that final collection. Used only via
``run_flow_in_child(..., exit_after_report=True)``.
"""

from __future__ import annotations

import atexit
import os
import sys

import pytest

__all__ = ["pytest_unconfigure"]


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(int(getattr(config, "_korat_exitstatus", 1)))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    session.config._korat_exitstatus = int(exitstatus)  # type: ignore[attr-defined]
