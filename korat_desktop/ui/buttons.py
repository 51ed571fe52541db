"""The one styled button kind the app has besides the plain one."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

__all__ = ["primary_button"]


def primary_button(text: str, parent: QWidget) -> QPushButton:
    """The main action of a view or dialog (accent colour; one per screen)."""
    button = QPushButton(text, parent)
    button.setObjectName("primary")
    return button
