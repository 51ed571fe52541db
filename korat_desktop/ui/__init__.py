"""The desktop app (PySide6). Widgets, Qt models, dialogs and the tray.

Nothing here decides anything about letters: every question and every change goes
through :mod:`korat_desktop.ui.operations`, which runs the core's services off the UI
thread and hands back their plain results.
"""
