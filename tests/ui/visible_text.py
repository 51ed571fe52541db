"""Every string a person can read in a widget tree, with where it was found.

Generic on purpose: labels, buttons, group and window titles, tooltips, placeholders,
line edits, combo items, tab titles, tables' headers and cells, menus, status bars.
A new widget needs no entry here to be checked. What people type into an editable
field is theirs (a path, a code, a name) and is left out; its placeholder is not.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QStatusBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

__all__ = ["visible_texts", "menu_texts"]

_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
MAX_ROWS = 40


def _where(widget: QWidget) -> str:
    name = widget.accessibleName() or widget.objectName()
    return f"{type(widget).__name__}({name})"


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list model (QListWidget's): one column, not callable from Python
        return 1


def _model_texts(model: QAbstractItemModel, parent: QModelIndex,
                 depth: int = 0) -> Iterator[str]:
    for row in range(min(model.rowCount(parent), MAX_ROWS)):
        for column in range(_columns(model, parent)):
            index = model.index(row, column, parent)
            for role in _ROLES:
                value = model.data(index, role)
                if isinstance(value, str):
                    yield value
            if column == 0 and depth < 3 and model.rowCount(index) > 0:
                yield from _model_texts(model, index, depth + 1)


def _item_view_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    for orientation in (Qt.Orientation.Horizontal,):
        for section in range(_columns(model, QModelIndex())):
            for role in _ROLES:
                value = model.headerData(section, orientation, role)
                if isinstance(value, str):
                    yield value
    yield from _model_texts(model, view.rootIndex())


def _own_texts(widget: QWidget) -> Iterator[str]:
    if widget.isWindow():
        yield widget.windowTitle()
    yield widget.toolTip()
    if isinstance(widget, QLabel | QAbstractButton):
        yield widget.text()
    elif isinstance(widget, QGroupBox):
        yield widget.title()
    elif isinstance(widget, QLineEdit):
        if widget.isReadOnly() or not widget.isEnabled():
            yield widget.text()  # an editable field holds what people type: their data
        yield widget.placeholderText()
    elif isinstance(widget, QTextEdit | QPlainTextEdit):
        yield widget.toPlainText()
        yield widget.placeholderText()
    elif isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield widget.itemText(i)
        if widget.isEditable() and widget.lineEdit() is not None:
            yield widget.lineEdit().placeholderText()
    elif isinstance(widget, QAbstractSpinBox):
        yield widget.text()
        yield widget.specialValueText()
    elif isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield widget.tabText(i)
            yield widget.tabToolTip(i)
    elif isinstance(widget, QProgressBar):
        yield widget.text()
    elif isinstance(widget, QStatusBar):
        yield widget.currentMessage()
    elif isinstance(widget, QAbstractItemView):
        yield from _item_view_texts(widget)


def menu_texts(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    yield where, menu.title()
    for action in menu.actions():
        if action.menu() is not None:
            yield from menu_texts(action.menu(), f"{where} > {action.text()}")
        elif not action.isSeparator():
            yield f"{where} menu", action.text()


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for ``root`` and each descendant a person can see now."""
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisible():
            continue
        for text in _own_texts(widget):
            if text and text.strip():
                yield _where(widget), text
    if isinstance(root, QMainWindow) and root.menuBar() is not None:
        for action in root.menuBar().actions():
            if action.menu() is not None:
                yield from menu_texts(action.menu(), "menu bar")
