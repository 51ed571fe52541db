"""Help → ตรวจหารุ่นใหม่: a signed update offered to the clerk (or installed, by policy).

The check and the install run on the network lane (``Operations.check_update`` /
``apply_update``: TUF through the hub, or a USB copy IT made). ``update.auto``
decides: ``ask`` shows "มีรุ่นใหม่ … ติดตั้งตอนนี้?", ``silent`` installs without the
question (a check started by the timer then says only what it did), ``off`` never
checks by itself. Every check started by the timer that finds nothing stays silent.
A refusal (tampered, expired, rolled back) or a failed install is shown with its
reason; the running version is untouched, so the clerk keeps working.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from korat_desktop.ui.window_placement import place_on_first_show

if TYPE_CHECKING:
    from korat_desktop.services.updates import UpdateApplied
    from korat_desktop.ui.main_window import MainWindow
    from korat_desktop.updates.client import UpdateCheck

__all__ = ["UpdateOffer"]

_FIRST_CHECK_MS = 60_000  # after start: the window and the first sync come first


class UpdateOffer(QObject):
    checked = Signal(object)  # UpdateCheck
    installed = Signal(object)  # UpdateApplied
    failed = Signal(object)  # the error

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.box: QMessageBox | None = None
        self.from_dir: Path | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.check(quiet=True))
        self.first = QTimer(self)
        self.first.setSingleShot(True)
        self.first.timeout.connect(lambda: self.check(quiet=True))

    def start_timer(self, mode: str, interval_h: int) -> None:
        """Check by itself every ``interval_h`` hours (first soon after start)."""
        if mode == "off" or interval_h <= 0:
            self.timer.stop()
            self.first.stop()
            return
        interval = interval_h * 3_600_000
        if self.timer.isActive() and self.timer.interval() == interval:
            return  # another setting changed
        self.timer.start(interval)
        self.first.start(_FIRST_CHECK_MS)

    def check(self, from_dir: Path | None = None, quiet: bool = False) -> None:
        self.from_dir = from_dir
        if not quiet:
            self.window.show_text(self.tr("กำลังตรวจหารุ่นใหม่…"))
        job = self.window.operations.check_update(from_dir)
        job.then(lambda result: self._checked(result, quiet),
                 lambda error: self._failed(error, quiet))

    def _mode(self) -> str:
        try:
            return str(self.window.operations.require_app().config["update.auto"])
        except Exception:
            return "ask"

    def _checked(self, result: UpdateCheck, quiet: bool) -> None:
        self.checked.emit(result)
        update = result.available
        if update is None:
            if not quiet:
                self._show(QMessageBox.Icon.Information, self.tr(
                    "ไม่มีรุ่นใหม่: รุ่น {version} ที่ใช้อยู่เป็นรุ่นล่าสุด").format(
                        version=result.installed), "updateNone")
            return
        mode = self._mode()
        if mode == "off" and quiet:
            return
        if mode == "silent":
            self.install()
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("ตรวจหารุ่นใหม่"), self.tr(
            "มีโปรแกรมรุ่นใหม่ {version} (ใช้อยู่ {installed}) ขนาด {size:.1f} MB "
            "ลงนามโดยฝ่ายไอทีและตรวจสอบแล้ว ติดตั้งตอนนี้?").format(
                version=update.version, installed=result.installed,
                size=update.length / 1_000_000),
            QMessageBox.StandardButton.NoButton, self.window)
        box.setObjectName("updateOffer")
        self.install_button = box.addButton(self.tr("ติดตั้ง"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("ภายหลัง"), QMessageBox.ButtonRole.RejectRole)
        self.install_button.clicked.connect(self.install)
        box.setModal(False)
        place_on_first_show(box).show()
        self.box = box

    def install(self) -> None:
        self.window.show_text(self.tr("กำลังดาวน์โหลดและติดตั้งรุ่นใหม่…"))
        job = self.window.operations.apply_update(self.from_dir)
        job.progress.connect(lambda done, total, _text: self.window.show_text(self.tr(
            "กำลังดาวน์โหลดรุ่นใหม่… {done:.1f} / {total:.1f} MB").format(
                done=done / 1_000_000, total=total / 1_000_000)))
        job.then(self._installed, lambda error: self._failed(error, False))

    def _installed(self, result: UpdateApplied) -> None:
        self._show(QMessageBox.Icon.Information, self.tr(
            "ติดตั้งรุ่น {version} แล้ว ปิดโปรแกรมแล้วเปิดใหม่เพื่อใช้รุ่นใหม่").format(
                version=result.installed_version), "updateInstalled")
        self.installed.emit(result)

    def _failed(self, error: BaseException, quiet: bool) -> None:
        from korat_desktop.errors import KoratError
        from korat_desktop.ui.error_text import error_text

        self.failed.emit(error)
        offline = isinstance(error, KoratError) and error.code in (
            "update.unreachable", "update.no_root", "sync.not_enrolled", "sync.token_missing")
        if quiet and offline:  # no link, not signed in, no repository: nothing to say
            return
        self.window.show_error(error)
        self._show(QMessageBox.Icon.Warning, self.tr(
            "ไม่ได้ติดตั้งรุ่นใหม่: {error}").format(error=error_text(error)), "updateRefused")

    def _show(self, icon: QMessageBox.Icon, text: str, name: str) -> None:
        box = QMessageBox(icon, self.tr("ตรวจหารุ่นใหม่"), text,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName(name)
        box.setModal(False)
        place_on_first_show(box).show()
        self.box = box
