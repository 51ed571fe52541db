"""Icons from ``resources/icons`` (SVG), looked up by name."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from korat_desktop.resources import resource_path

__all__ = ["icon"]


@cache
def icon(name: str) -> QIcon:
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()
