"""``korat`` as a real process with test courier keys (``python -m tests.courier.korat_with_keys
ARGS``), for kill -9 tests: with ``KORAT_TEST_KILL_AT=<phase>`` set, the process sends
itself SIGKILL the moment an export or import reports that phase (``verify``: the
bundle is on the stick under its temp name; ``record``: renamed, not yet in the log;
``apply``: letters in the blob store, the transaction not yet committed)."""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

import korat_desktop.cli.courier as courier_cli
from korat_desktop.cli.main import main
from tests.courier.file_keys import use_file_keys

__all__ = ["KILL_AT"]

KILL_AT = "KORAT_TEST_KILL_AT"


def _install_killer(phase: str) -> None:
    shown = courier_cli._progress

    def progress(ctx: Any) -> Any:
        inner = shown(ctx)

        def report(p: Any) -> None:
            if p.phase == phase:
                os.kill(os.getpid(), signal.SIGKILL)
            inner(p)

        return report

    courier_cli._progress = progress  # type: ignore[assignment]


if __name__ == "__main__":
    use_file_keys()
    if os.environ.get(KILL_AT):
        _install_killer(os.environ[KILL_AT])
    sys.exit(main(sys.argv[1:]))
