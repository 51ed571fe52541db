"""A calm look: light surfaces, one accent colour, red kept for urgency alone.

Clerks look at this screen all day on old monitors; strong contrast for text, soft
contrast for everything else, and nothing red unless a letter is urgent.
"""

from __future__ import annotations

__all__ = ["STYLE_SHEET"]

STYLE_SHEET = """
QMainWindow, QDialog { background: #f6f7f9; }
QListWidget#navigation {
    background: #1f4e79; color: #e8eef5; border: none; padding-top: 8px;
    outline: none;
}
QListWidget#navigation::item { padding: 9px 14px; border-left: 4px solid transparent; }
QListWidget#navigation::item:selected {
    background: #2b5f8f; color: white; border-left: 4px solid #c9a227;
}
QListWidget#navigation::item:hover:!selected { background: #27588a; }
QLabel#brand { color: white; font-weight: bold; padding: 14px 14px 4px 14px; }
QLabel#office { color: #c9d6e3; padding: 0 14px 10px 14px; }
QLabel#viewTitle { font-size: 15pt; font-weight: bold; color: #1f2d3d; }
QLabel#muted { color: #5f6b7a; }
QLabel#locked { color: #8d5a00; }
QLabel#urgent { color: #b3261e; font-weight: bold; }
QLabel#secret { color: #37474f; font-weight: bold; }
QLabel#notice {
    background: white; border: 1px solid #d8dde3; border-radius: 6px; padding: 18px;
    color: #33404d;
}
QLabel#dropHint {
    border: 2px dashed #9fb3c8; border-radius: 8px; color: #5f6b7a; padding: 40px;
    background: white;
}
QLabel#result { color: #1f4e79; }
QLabel#proposed { color: #1f6b3a; background: #e6f4ea; padding: 0 6px; border-radius: 3px; }
QLabel#duplicateWarning {
    color: #7a2e00; background: #fff1e0; border: 1px solid #f0b27a; border-radius: 4px;
    padding: 6px 8px;
}
QLabel#demoNote { color: #6d4c00; background: #fff4d6; padding: 2px 8px; border-radius: 4px; }
QTableView {
    background: white; alternate-background-color: #f4f7fa; border: 1px solid #d8dde3;
    selection-background-color: #cfe0f3; selection-color: #10202f;
}
QHeaderView::section {
    background: #eef1f4; color: #33404d; border: none; border-bottom: 1px solid #d8dde3;
    padding: 6px 6px; font-weight: bold;
}
QPushButton {
    padding: 5px 14px; border: 1px solid #b8c2cc; border-radius: 4px; background: white;
}
QPushButton:hover { background: #eef3f8; }
QPushButton:focus { border: 2px solid #1f4e79; }
QPushButton:disabled { color: #9aa4ae; background: #f0f2f4; }
QPushButton#primary { background: #1f4e79; color: white; border-color: #1f4e79; }
QPushButton#primary:hover { background: #2b5f8f; }
QPushButton#primary:disabled { background: #9fb3c8; border-color: #9fb3c8; }
QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox, QPlainTextEdit {
    padding: 3px 6px; border: 1px solid #b8c2cc; border-radius: 4px; background: white;
}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QPlainTextEdit:focus {
    border: 2px solid #1f4e79;
}
QLineEdit:read-only { background: #f0f2f4; }
/* The list a drop-down opens. Without these the QComboBox rule above (white, bordered)
   paints the current item, and the palette's highlighted text is white: the current
   item showed as a blank bordered row. */
QComboBox QAbstractItemView {
    background: white; color: #10202f; border: 1px solid #b8c2cc; outline: none;
    selection-background-color: #cfe0f3; selection-color: #10202f;
}
QComboBox::item:selected { background: #cfe0f3; color: #10202f; border: none; }
QStatusBar { background: #eef1f4; color: #33404d; }
QTabWidget::pane { border: 1px solid #d8dde3; background: white; }
QTabBar::tab { padding: 6px 14px; }
QTabBar::tab:selected { font-weight: bold; }
"""
