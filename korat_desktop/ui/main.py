"""``korat-desktop``: start the desktop app (or hand our files to the one already open)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from korat_desktop.config import Config

__all__ = ["main"]


def _start_config(data_dir: Path | None) -> Config | None:
    """The settings, read once before the window (None when they cannot be read: the
    app still starts, in Thai, and says what is wrong once the store opens)."""
    from korat_desktop.config import load_config
    from korat_desktop.errors import ConfigError

    try:
        return load_config(data_dir)
    except ConfigError:
        return None


def _language(config: Config | None) -> str:
    from korat_desktop.errors import ConfigError

    try:
        return str(config["ui.language"]) if config is not None else "th"
    except ConfigError:
        return "th"


def main(argv: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    from korat_desktop.config import resolve_paths
    from korat_desktop.logs import start_logging
    from korat_desktop.ui import language
    from korat_desktop.ui.desktop import KoratDesktop
    from korat_desktop.ui.fonts import load_thai_font
    from korat_desktop.ui.icons import icon
    from korat_desktop.ui.instance_handoff import InstanceHandoff
    from korat_desktop.ui.start_options import parse_start_options
    from korat_desktop.ui.style import STYLE_SHEET

    options = parse_start_options(argv)
    paths = resolve_paths(options.data_dir)
    data_dir = paths.data_dir
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Korat Desktop")
    app.setOrganizationName("korat-desktop")
    app.setWindowIcon(icon("app"))
    app.setQuitOnLastWindowClosed(False)  # the tray may keep running; quit is explicit

    handoff = InstanceHandoff(data_dir)
    if handoff.hand_over([str(f) for f in options.files]):
        print(f"Korat Desktop is already open for {data_dir}; "
              "it has been brought to the front" + (" with your files." if options.files
                                                    else "."))
        return 0
    config = _start_config(options.data_dir)
    start_logging(config, paths.log_dir, "desktop", fallback=sys.stderr)
    load_thai_font(app)
    app.setStyleSheet(STYLE_SHEET)
    language.install(options.lang or _language(config))
    desktop = KoratDesktop(options)
    handoff.received.connect(desktop.handle_arguments)
    desktop.finished.connect(app.exit)
    desktop.start()
    if desktop.window is not None:  # listen for a second start once the window is up
        desktop.window.first_painted.connect(handoff.listen)
    else:
        handoff.listen()
    code = app.exec()
    handoff.close()
    return code or desktop.exit_code


if __name__ == "__main__":
    sys.exit(main())
