"""Where bundled resources (fonts, translations, trust roots) live.

In a source checkout or editable install they sit in the top-level ``resources/``;
in a PyInstaller build they sit in ``resources/`` under the bundle root.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["resource_path", "thai_font_path"]


def _root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return _root().joinpath(*parts)


def thai_font_path(bold: bool = False) -> Path:
    """The embedded OFL Thai font used for stamps and reports (Sarabun)."""
    return resource_path("fonts", "Sarabun-Bold.ttf" if bold else "Sarabun-Regular.ttf")
