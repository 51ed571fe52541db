"""The one entry point of the frozen build: ``korat-desktop``, ``korat`` and ``korat-hub``.

The three commands share one frozen runtime. On Linux ``korat`` and ``korat-hub`` are
symbolic links to ``korat-desktop``; on Windows each is its own small executable
(console or windowed) over the same ``_internal`` folder. Either way the command is
chosen by the name the program was started under.

``KORAT_START_MARKS=FILE`` (bench/bench_ui_start.py --frozen) makes ``korat-desktop``
write its start-up marks (first paint, rows on screen, peak RSS) to FILE as JSON and
quit: the same marks the bench takes from a source install.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable

COMMANDS = ("korat-desktop", "korat", "korat-hub")


def command_name(argv0: str, executable: str) -> str:
    """The command asked for: the base name of argv[0] (a symlink keeps its name), else
    of the executable; ``.exe`` and a version suffix do not count."""
    for path in (argv0, executable):
        name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
        if name.endswith(".exe"):
            name = name[:-4]
        if name in COMMANDS:
            return name
    return "korat-desktop"


def _entry(name: str) -> Callable[[], int]:
    if name == "korat":
        from korat_desktop.cli import main as korat_main

        return korat_main
    if name == "korat-hub":
        from korat_desktop.server.cli import main as hub_main

        return hub_main
    if os.environ.get("KORAT_START_MARKS"):
        return _desktop_with_marks
    from korat_desktop.ui.main import main as desktop_main

    return desktop_main


def _desktop_with_marks() -> int:
    """bench/bench_ui_start.py's watcher, for the frozen app (see the module doc)."""
    import json
    import time

    from PySide6.QtCore import QTimer

    from korat_desktop.files import write_file
    from korat_desktop.ui import desktop as desktop_module
    from korat_desktop.ui.main import main as desktop_main

    out = os.environ["KORAT_START_MARKS"]
    marks: dict[str, float] = {}
    real_start = desktop_module.KoratDesktop.start

    def start(desktop: desktop_module.KoratDesktop) -> None:
        real_start(desktop)
        assert desktop.window is not None
        desktop.window.first_painted.connect(
            lambda: marks.setdefault("page", time.monotonic()))
        QTimer.singleShot(0, lambda: check(desktop))

    def check(desktop: desktop_module.KoratDesktop) -> None:
        window = desktop.window
        assert window is not None
        if window.first_paint_at is not None:
            marks["paint"] = window.first_paint_at
        if "page" in marks and window.receive_view.model.rowCount() == 0 and \
                window.send_view.model.rowCount() > 0 and "rows" not in marks:
            window.go_to(1)
        if "page" in marks and window.send_view.model.rowCount() > 0 and "paint" in marks:
            window.send_view.table.viewport().repaint()
            marks["rows"] = time.monotonic()
            marks["rss_kb"] = _peak_rss_kb()
            marks["total"] = window.send_view.model.total
            marks["loaded"] = window.send_view.model.rowCount()
            write_file(out, json.dumps(marks).encode())
            desktop.quit()
            return
        QTimer.singleShot(5, lambda: check(desktop))

    desktop_module.KoratDesktop.start = start  # type: ignore[method-assign]
    return desktop_main()


def _peak_rss_kb() -> float:
    try:
        import resource
    except ImportError:  # Windows: no getrusage; the marks go without memory
        return 0.0
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def main() -> int:
    multiprocessing.freeze_support()  # korat-hub serve --workers N starts copies of us
    name = command_name(sys.argv[0], sys.executable)
    return _entry(name)() or 0


if __name__ == "__main__":
    sys.exit(main())
