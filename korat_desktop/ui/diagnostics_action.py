"""Help → ส่งข้อมูลให้ฝ่ายไอที: one click saves the diagnostics zip where the clerk finds it.

The zip is the one ``korat diagnostics`` makes (services/diagnostics.py), built on the
database lane with its progress in the status bar, and saved in the clerk's Documents
folder (else the Desktop, else home) under a Buddhist-Era dated name. A message then
says where it is, with a button that opens that folder. Sending it to the hub waits
for the hub to have an endpoint that receives it; until then the clerk passes the file
on (e-mail, LINE, a USB stick).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from korat_desktop.ui.window_placement import place_on_first_show

if TYPE_CHECKING:
    from korat_desktop.services.diagnostics import SavedDiagnostics
    from korat_desktop.ui.main_window import MainWindow

__all__ = ["DiagnosticsSaver", "diagnostics_folder"]


def diagnostics_folder() -> Path:
    """The clerk's Documents folder, else the Desktop, else the home folder."""
    locations = QStandardPaths.StandardLocation
    for location in (locations.DocumentsLocation, locations.DesktopLocation,
                     locations.HomeLocation):
        found = QStandardPaths.writableLocation(location)
        if found:
            return Path(found)
    return Path.home()


class DiagnosticsSaver(QObject):
    """One save: progress in the window's status bar, then the message box."""

    progressed = Signal(int, int)  # parts done, parts in all
    saved = Signal(object)  # SavedDiagnostics
    failed = Signal(object)  # the error

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.box: QMessageBox | None = None
        self.folder = diagnostics_folder()

    def start(self) -> None:
        window = self.window
        window.show_text(self.tr("กำลังรวบรวมข้อมูลสำหรับฝ่ายไอที…"))
        job = window.operations.save_diagnostics(self.folder)
        job.progress.connect(self._progressed)
        job.then(self._saved, self._failed)

    def _progressed(self, done: int, total: int, _text: str) -> None:
        self.progressed.emit(done, total)
        self.window.show_text(self.tr("กำลังรวบรวมข้อมูลสำหรับฝ่ายไอที… {done}/{total}").format(
            done=done, total=total))

    def _saved(self, result: SavedDiagnostics) -> None:
        window = self.window
        window.show_text(self.tr("บันทึกข้อมูลสำหรับฝ่ายไอทีแล้ว: {path}").format(
            path=result.path))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("ส่งข้อมูลให้ฝ่ายไอที"),
                          self.tr("บันทึกข้อมูลสำหรับฝ่ายไอทีไว้ที่\n{path}").format(
                              path=result.path),
                          QMessageBox.StandardButton.NoButton, window)
        box.setObjectName("diagnosticsSaved")
        box.setInformativeText(self.tr(
            "ส่งไฟล์นี้ให้ฝ่ายไอที เช่น แนบอีเมลหรือไลน์ หรือคัดลอกใส่แฟลชไดรฟ์ "
            "ไฟล์นี้ไม่มีรหัส PIN รหัสผ่าน หรือเนื้อหาและชื่อเรื่องของหนังสือ"))
        self.open_button = box.addButton(self.tr("เปิดโฟลเดอร์"),
                                         QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("ปิด"), QMessageBox.ButtonRole.AcceptRole)
        folder = result.path.parent
        self.open_button.clicked.connect(lambda: open_folder(folder))
        box.setModal(False)
        place_on_first_show(box).show()
        self.box = box
        self.saved.emit(result)

    def _failed(self, error: BaseException) -> None:
        from korat_desktop.ui.error_text import error_text

        self.window.show_error(error)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("ส่งข้อมูลให้ฝ่ายไอที"),
                          self.tr("บันทึกข้อมูลสำหรับฝ่ายไอทีไม่ได้: {error}").format(
                              error=error_text(error)),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setModal(False)
        place_on_first_show(box).show()
        self.box = box
        self.failed.emit(error)


def open_folder(folder: Path) -> bool:
    """Show ``folder`` in the platform's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
