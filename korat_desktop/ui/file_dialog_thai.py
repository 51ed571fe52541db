"""Qt's own file dialog in Thai: its size, type and date columns, dates in Buddhist Era.

The dialog's words (buttons, labels, headers) come from ``qtbase_th``; but its
columns are filled by QFileSystemModel in the *system* locale ("Folder", "0 bytes",
"PDF document", "1 12 2026"), which no translation file reaches. An identity proxy
over the dialog's model rewrites those three columns (the dialog supports a proxy
model for this, see QFileDialog.setProxyModel); an application-wide filter gives
every file dialog it when it is first shown in Thai mode, so a static
``QFileDialog.getOpenFileName`` anywhere in the app gets it without a change there.
A native dialog (Windows, a desktop's portal) is the OS's, in the OS's language.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QFileInfo,
    QIdentityProxyModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QFileDialog, QFileSystemModel

from korat_desktop.ui.app_filters import install_once

__all__ = ["ThaiFileColumns", "ThaiFileDialogs", "file_type_text", "size_text",
           "thai_file_dialogs"]

_SIZE, _TYPE, _DATE = 1, 2, 3
_KNOWN_TYPES = {"pdf": "ไฟล์ PDF", "korat": "ชุดเอกสารพนักงานนำสาร",
                "korat-dir": "ทะเบียนหน่วยงานที่ลงนามแล้ว", "p12": "ไฟล์ใบรับรองและกุญแจ",
                "pfx": "ไฟล์ใบรับรองและกุญแจ", "pem": "ไฟล์ใบรับรอง", "crt": "ไฟล์ใบรับรอง",
                "zip": "ไฟล์ ZIP", "csv": "ไฟล์ตาราง CSV"}


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} ไบต์"
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            return f"{value:.1f} {unit}"
    return f"{value:.1f} GB"  # pragma: no cover (the loop returns)


def file_type_text(info: QFileInfo) -> str:
    if info.isRoot():
        return "ไดรฟ์"
    if info.isDir():
        return "โฟลเดอร์"
    if info.isSymLink() and not info.exists():
        return "ทางลัดที่เสีย"
    suffix = info.completeSuffix().lower() if info.completeSuffix().lower() in \
        _KNOWN_TYPES else info.suffix().lower()
    if suffix in _KNOWN_TYPES:
        return _KNOWN_TYPES[suffix]
    return f"ไฟล์ .{suffix}" if suffix else "ไฟล์"


class ThaiFileColumns(QIdentityProxyModel):
    """The file dialog's model with Thai size, type and Buddhist-Era date columns."""

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        source = self.sourceModel()
        if role == Qt.ItemDataRole.DisplayRole and index.column() in (_SIZE, _TYPE, _DATE) \
                and isinstance(source, QFileSystemModel):
            info = source.fileInfo(self.mapToSource(index))
            if index.column() == _SIZE:
                return "" if info.isDir() else size_text(info.size())
            if index.column() == _TYPE:
                return file_type_text(info)
            modified = info.lastModified()
            if not modified.isValid():
                return ""
            from korat_desktop.ui.entry_text import moment_text  # not before the first paint

            when = dt.datetime.fromtimestamp(modified.toSecsSinceEpoch(), tz=dt.UTC)
            return moment_text(when, "th")
        return super().data(index, role)


class ThaiFileDialogs(QObject):
    """Application event filter: each file dialog shown in Thai mode gets the columns."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Thai mode is read from the default locale language.install sets (importing
        # ui.language here would make the two modules import each other)
        if event.type() is QEvent.Type.Polish and isinstance(watched, QFileDialog) \
                and QLocale().language() == QLocale.Language.Thai \
                and not isinstance(watched.proxyModel(), ThaiFileColumns):
            watched.setProxyModel(ThaiFileColumns(watched))
        return False


def thai_file_dialogs(app: QCoreApplication) -> ThaiFileDialogs:
    """Install the filter on ``app`` once."""
    return install_once(app, ThaiFileDialogs)
