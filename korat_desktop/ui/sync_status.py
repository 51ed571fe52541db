"""Sync state where a clerk looks: the status bar and the tray icon.

One :class:`SyncMonitor` asks for the sync state every few seconds and both the status
bar widget and the tray show what it last heard. Without a sync service (or a hub) the
state is "not connected": shown as such, never as "up to date". It also runs the
automatic sync every ``sync.interval_s`` seconds unless ``sync.paused`` is set, and
after each sync it looks for urgent letters that just arrived (ด่วน, ด่วนมาก,
ด่วนที่สุด) so the tray can say so at once: the regulation wants them handled first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QSystemTrayIcon,
    QToolButton,
    QWidget,
)

from korat_desktop.ui.error_text import error_text
from korat_desktop.ui.icons import icon
from korat_desktop.ui.operations import Operations
from korat_desktop.ui.sync_bridge import SyncState, SyncStatus

if TYPE_CHECKING:  # the core's rows load with the first answer, after the first paint
    from korat_desktop.services.sync_rows import InboxLine

__all__ = ["SyncMonitor", "SyncStatusWidget", "SyncTray", "state_text"]


def state_text(status: SyncStatus) -> str:
    """The state in a few plain words."""
    if status.state is SyncState.SYNCING:
        if status.percent is None:
            return QCoreApplication.translate("SyncStatus", "กำลังซิงก์…")
        return QCoreApplication.translate("SyncStatus", "กำลังซิงก์ {percent}%").format(
            percent=status.percent)
    words = {
        SyncState.NOT_CONNECTED: QCoreApplication.translate(
            "SyncStatus", "ยังไม่ได้เชื่อมต่อกับระบบสารบรรณกลาง"),
        SyncState.OFFLINE: QCoreApplication.translate(
            "SyncStatus", "ออฟไลน์ — จะส่งเมื่อกลับมาออนไลน์"),
        SyncState.UP_TO_DATE: QCoreApplication.translate("SyncStatus", "ข้อมูลเป็นปัจจุบัน"),
        SyncState.NEEDS_ATTENTION: QCoreApplication.translate(
            "SyncStatus", "การซิงก์ต้องการความช่วยเหลือ"),
        SyncState.PAUSED: QCoreApplication.translate("SyncStatus", "หยุดซิงก์ชั่วคราว"),
    }
    text = words[status.state]
    if status.pending and status.state is not SyncState.NOT_CONNECTED:
        text += QCoreApplication.translate("SyncStatus", " · รอส่ง {count}").format(
            count=status.pending)
    return text


def _icon_name(state: SyncState) -> str:
    return "sync-" + state.value.replace("_", "-")


class SyncMonitor(QObject):
    status_changed = Signal(object)  # SyncStatus
    synced = Signal(object)  # SyncStatus: a sync pass finished
    urgent_arrived = Signal(list)  # InboxLine: urgent letters that just arrived

    def __init__(self, operations: Operations, interval_ms: int = 10_000,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.status = SyncStatus(SyncState.NOT_CONNECTED)
        self._asking = False
        self._syncing = False
        self._seen_inbox: set[int] | None = None  # None until the first look
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)
        self.auto_sync = QTimer(self)
        self.auto_sync.timeout.connect(self._auto_sync)
        self.paused = False

    def start(self) -> None:
        self.poll()
        self._timer.start()
        self.check_urgent()

    def stop(self) -> None:
        self._timer.stop()
        self.auto_sync.stop()

    @property
    def syncing(self) -> bool:
        return self._syncing

    def configure(self, interval_s: float, paused: bool) -> None:
        """Automatic sync every ``interval_s`` seconds unless paused (0: never)."""
        self.paused = paused
        if interval_s > 0 and not paused:
            self.auto_sync.start(max(1000, int(interval_s * 1000)))
        else:
            self.auto_sync.stop()

    def _auto_sync(self) -> None:
        if not self.paused and self.status.state not in (SyncState.NOT_CONNECTED,
                                                         SyncState.PAUSED):
            self.sync_now()

    def check_urgent(self) -> None:
        """Look at the inbox; urgent letters not seen before are announced."""
        self.operations.hub.inbox().then(self._look_at_inbox)

    def _look_at_inbox(self, lines: list[InboxLine] | None) -> None:
        if lines is None:
            return
        fresh = [line for line in lines if line.key not in
                 (self._seen_inbox or set()) and _urgent_waiting(line)]
        first_look = self._seen_inbox is None
        self._seen_inbox = (self._seen_inbox or set()) | {x.key for x in lines}
        if fresh and not first_look:
            self.urgent_arrived.emit(fresh)

    def poll(self) -> None:
        if self._asking:
            return
        self._asking = True
        self.operations.sync_status().then(self._heard, self._failed)

    def _heard(self, status: SyncStatus) -> None:
        self._asking = False
        if status != self.status:
            was_connected = self.status.state is not SyncState.NOT_CONNECTED
            self.status = status
            self.status_changed.emit(status)
            if not was_connected and status.state not in (SyncState.NOT_CONNECTED,
                                                          SyncState.PAUSED, SyncState.SYNCING):
                QTimer.singleShot(0, self._first_sync)  # just connected: sync at once

    def _first_sync(self) -> None:
        self.check_urgent()
        self.sync_now()

    def _failed(self, error: BaseException) -> None:
        self._asking = False
        self._heard(SyncStatus(SyncState.NEEDS_ATTENTION, detail=error_text(error)))

    def sync_now(self) -> None:
        if self._syncing:
            return
        self._syncing = True
        job = self.operations.sync_now()
        self._heard(SyncStatus(SyncState.SYNCING, percent=0, pending=self.status.pending)
                    if self.status.state is not SyncState.NOT_CONNECTED else self.status)
        job.progress.connect(lambda done, total, _t: self._heard(SyncStatus(
            SyncState.SYNCING, percent=int(100 * done / total) if total else None,
            pending=self.status.pending)))
        job.then(self._synced, self._failed)
        job.finished.connect(self._sync_finished)

    def _synced(self, status: SyncStatus) -> None:
        self._heard(status)
        self.synced.emit(status)
        self.check_urgent()

    def _sync_finished(self) -> None:
        self._syncing = False
        if self.status.state is SyncState.SYNCING:
            self.poll()

    def set_paused(self, paused: bool) -> None:
        self.paused = paused
        if paused:
            self.auto_sync.stop()
        elif self.auto_sync.interval() > 0:
            self.auto_sync.start()
        self.operations.set_sync_paused(paused).then(self._heard, self._failed)


def _urgent_waiting(line: InboxLine) -> bool:
    item = line.item
    return item.urgency_rank < 3 and item.state in ("arrived", "ready")


class SyncStatusWidget(QWidget):
    """Status bar corner: state icon, words, and a "sync now" button."""

    def __init__(self, monitor: SyncMonitor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.monitor = monitor
        self.icon = QLabel(self)
        self.text = QLabel(self)
        self.text.setAccessibleName(self.tr("สถานะการซิงก์"))
        self.sync_now = QToolButton(self)
        self.sync_now.setText(self.tr("ซิงก์ตอนนี้"))
        self.sync_now.setToolTip(self.tr("ส่งและรับหนังสือกับระบบสารบรรณกลางทันที (F5)"))
        self.sync_now.setAccessibleName(self.tr("ซิงก์ตอนนี้"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.icon)
        layout.addWidget(self.text)
        layout.addWidget(self.sync_now)
        self.sync_now.clicked.connect(monitor.sync_now)
        monitor.status_changed.connect(self.show_status)
        self.show_status(monitor.status)

    def show_status(self, status: SyncStatus) -> None:
        self.icon.setPixmap(icon(_icon_name(status.state)).pixmap(16, 16))
        self.text.setText(state_text(status))
        self.text.setToolTip(status.detail)
        self.sync_now.setEnabled(status.state not in (SyncState.NOT_CONNECTED,
                                                      SyncState.SYNCING))


class SyncTray(QObject):
    """The tray icon: sync state at a glance, and a menu to open the window or sync."""

    show_window = Signal()
    quit_requested = Signal()

    def __init__(self, monitor: SyncMonitor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.monitor = monitor
        self.tray = QSystemTrayIcon(icon("app"), self)
        menu = QMenu()
        self._menu = menu
        self.open_action = menu.addAction(self.tr("เปิดหน้าต่างโปรแกรม"))
        self.sync_action = menu.addAction(self.tr("ซิงก์ตอนนี้"))
        self.pause_action = menu.addAction(self.tr("หยุดซิงก์ชั่วคราว"))
        self.pause_action.setCheckable(True)
        menu.addSeparator()
        self.quit_action = menu.addAction(self.tr("ออกจากโปรแกรม"))
        self.tray.setContextMenu(menu)
        self.open_action.triggered.connect(self.show_window)
        self.sync_action.triggered.connect(monitor.sync_now)
        self.pause_action.toggled.connect(monitor.set_paused)
        self.quit_action.triggered.connect(self.quit_requested)
        self.tray.activated.connect(lambda _reason: self.show_window.emit())
        monitor.status_changed.connect(self.show_status)
        self.show_status(monitor.status)

    def show(self) -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray.show()

    def notify(self, title: str, text: str) -> None:
        """A desktop notification (e.g. an urgent letter arrived)."""
        if self.tray.isVisible():
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, 15_000)

    def hide(self) -> None:
        self.tray.hide()

    def show_status(self, status: SyncStatus) -> None:
        self.tray.setIcon(icon(_icon_name(status.state)) if status.state is not
                          SyncState.NOT_CONNECTED else icon("app"))
        self.tray.setToolTip("Korat Desktop — " + state_text(status))
        connected = status.state is not SyncState.NOT_CONNECTED
        self.sync_action.setEnabled(connected and status.state is not SyncState.SYNCING)
        self.pause_action.setEnabled(connected)
        self.pause_action.blockSignals(True)
        self.pause_action.setChecked(status.state is SyncState.PAUSED)
        self.pause_action.blockSignals(False)
