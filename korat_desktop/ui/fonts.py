"""The bundled Thai font (Sarabun, OFL) as the application font.

Old Windows PCs often have no good Thai UI font, and Tahoma renders Thai marks
cramped; bundling Sarabun makes every clerk's screen look the same.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from korat_desktop.resources import thai_font_path

__all__ = ["UI_POINT_SIZE", "load_thai_font"]

UI_POINT_SIZE = 11  # Thai marks need a little more height than Latin UI text


def load_thai_font(app: QApplication) -> str | None:
    """Register Sarabun and make it the app font; returns the family, None if missing."""
    family = None
    for bold in (False, True):
        font_id = QFontDatabase.addApplicationFont(str(thai_font_path(bold)))
        if font_id >= 0 and family is None:
            families = QFontDatabase.applicationFontFamilies(font_id)
            family = families[0] if families else None
    if family is not None:
        font = QFont(family, UI_POINT_SIZE)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        app.setFont(font)
    return family
