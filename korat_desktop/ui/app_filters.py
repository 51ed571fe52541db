"""Application-wide event filters, each installed once however often it is asked for.

Language switches rebuild the window and tests start the app many times in one
process; a filter installed twice would act twice on every event.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject

__all__ = ["install_once"]

F = TypeVar("F", bound=QObject)


def install_once(app: QCoreApplication, kind: type[F]) -> F:
    """The ``kind`` filter installed on ``app``: the existing one, else a new one."""
    existing = app.findChild(kind)
    if existing is not None:
        return existing
    made = kind(app)
    app.installEventFilter(made)
    return made
