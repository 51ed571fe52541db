"""The running app: opens the store, asks for the agency once, builds the window.

It owns the things that outlive a window (operations, token watcher, sync monitor,
tray) so switching the language only rebuilds the window, and it is the one place
that decides when the app is ready and when it quits.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from korat_desktop.ui import language
from korat_desktop.ui.main_window import MainWindow
from korat_desktop.ui.operations import DemoToken, Operations
from korat_desktop.ui.start_options import StartOptions
from korat_desktop.ui.sync_status import SyncMonitor, SyncTray
from korat_desktop.ui.token_watch import TokenWatcher
from korat_desktop.ui.window_placement import place_on_first_show

if TYPE_CHECKING:  # loaded when needed: the window should paint first
    from PySide6.QtWidgets import QMessageBox

    from korat_desktop.config import ConfigProblem, SettingValue
    from korat_desktop.demo.session import DemoSession
    from korat_desktop.services.actor import Person
    from korat_desktop.services.results import OfficeInfo
    from korat_desktop.ui.person_dialog import PersonDialog

__all__ = ["KoratDesktop"]


class KoratDesktop(QObject):
    ready = Signal(object)  # OfficeInfo: the store is open and the registers are loading
    failed = Signal(object)  # the store could not be opened (e.g. already open elsewhere)
    demo_token_ready = Signal(object)  # DemoToken
    finished = Signal(int)  # quit: the exit code (main() ends the event loop on it)
    urgent_notified = Signal(list)  # urgent letters arrived (InboxLine), after notifying

    def __init__(self, options: StartOptions, *, tray: bool = True,
                 token_poll_ms: int = 3000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.options = options
        self.operations = Operations(self)
        self.tokens = TokenWatcher(self.operations, token_poll_ms, self)
        self.sync = SyncMonitor(self.operations, parent=self)
        self.tray = SyncTray(self.sync, self) if tray else None
        self.sync.urgent_arrived.connect(self._urgent_arrived)
        self.window: MainWindow | None = None
        self.office: OfficeInfo | None = None
        self.demo_token: DemoToken | None = None
        self.demo: DemoSession | None = None  # the demo's hub and peer office, to stop
        self._pending_files: list[Path] = list(options.files)
        self._closing = False
        self.done = False  # quit has finished: the store is closed
        self.exit_code = 0
        self.failure_box: QMessageBox | None = None
        self.config_problems_box: QMessageBox | None = None
        self.person_dialog: PersonDialog | None = None  # first start: whose name is recorded
        self._open_started = False
        self._override_cursor = False

    # -- starting ------------------------------------------------------------------------
    def start(self) -> None:
        from PySide6.QtWidgets import QApplication

        from korat_desktop.ui.wheel_guard import guard_wheel

        app = QApplication.instance()
        if app is not None:
            guard_wheel(app)
        self._build_window()
        if self.tray is not None:
            self.tray.show_window.connect(self.bring_to_front)
            self.tray.quit_requested.connect(self.quit)
            self.tray.show()
        assert self.window is not None
        # Open the store once the window is on screen: opening imports the ORM and
        # checks the database, and the clerk should see the window at once meanwhile.
        self.window.first_painted.connect(self._open_store)

    def _open_store(self) -> None:
        if self._open_started:
            return
        self._open_started = True
        if self.options.demo and self.options.data_dir is not None:
            self.tokens.hold(True)  # SoftHSM must see the demo token's config first
            self.operations.start_demo(self.options.data_dir).then(self._demo_started,
                                                                   self._open_failed)
            self.operations.make_demo_token(self.options.data_dir / "demo-token").then(
                self._demo_token_made, self._demo_token_failed)
        self.operations.open(self.options.data_dir).then(self._opened, self._open_failed)

    def _build_window(self) -> None:
        window = MainWindow(self.operations, self.tokens, self.sync)
        window.language_changed.connect(self.set_language)
        window.quit_requested.connect(self.quit)
        old, self.window = self.window, window
        if old is not None:
            window.setGeometry(old.geometry())
            window.hub_url = old.hub_url
            old.quit_requested.disconnect(self.quit)
            old.closing_allowed = True
            old.close()
            old.deleteLater()
        window.show()
        if self.office is not None:
            window.start(self.office)
            self._show_demo_note()

    def _opened(self, office: OfficeInfo | None) -> None:
        self.operations.config_problems().then(self._show_config_problems)
        if office is not None:
            self._ready(office)
            return
        self.operations.settings().then(self._ask_agency, self._open_failed)

    def _show_config_problems(self, problems: tuple[ConfigProblem, ...]) -> None:
        """The app started on defaults for machine settings it cannot use: say which,
        and where they are, so the clerk can tell IT (never a crash at start)."""
        if not problems or self.window is None or self._closing:
            return
        from PySide6.QtWidgets import QMessageBox

        from korat_desktop.config import problem_title
        from korat_desktop.ui import language

        lang = language.current()
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("ตั้งค่าของเครื่องนี้ใช้ไม่ได้"),
                          self.tr("โปรแกรมใช้ค่าเริ่มต้นแทนค่าต่อไปนี้ โปรดแจ้งฝ่ายไอที:"),
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setInformativeText("\n".join(
            "• " + self.tr("{setting} (ในไฟล์ {file})").format(
                setting=problem_title(p, lang), file=p.file) for p in problems))
        # the whole message (the parser's own words too) for IT, behind "Show Details"
        box.setDetailedText("\n".join(p.th if lang == "th" else p.en for p in problems))
        box.addButton(self.tr("ตกลง"), QMessageBox.ButtonRole.AcceptRole)
        box.setObjectName("configProblems")
        place_on_first_show(box)
        self.config_problems_box = box
        box.open()

    def _ask_agency(self, values: list[SettingValue]) -> None:
        configured = {v.setting.key: str(v.value or "") for v in values}
        code, name = configured.get("agency.code", ""), configured.get("agency.name", "")
        if code.strip() and name.strip():  # IT put the agency in the machine config
            self.operations.init_office(code, name).then(
                lambda result: self._ready(result.office), self._open_failed)
            return
        from korat_desktop.ui.agency_dialog import AgencyDialog

        dialog = place_on_first_show(AgencyDialog(self.operations, code, name, self.window))
        dialog.accepted.connect(lambda: self.operations.office().then(self._ready))
        dialog.rejected.connect(self.quit)
        dialog.open()

    def _ready(self, office: OfficeInfo) -> None:
        self.office = office
        assert self.window is not None
        self.window.start(office)
        # the sync status needs the sync engine's imports: not before the rows are in
        QTimer.singleShot(1500, self._start_sync)
        self.operations.settings().then(self._configure)
        self.operations.settings_changed.connect(self._configure)
        if self._pending_files:
            files, self._pending_files = self._pending_files, []
            self.window.receive_letters(files)
        if not self.options.demo:  # the demo is signed in to its hub: the hub user
            self.operations.person().then(self._ask_person)
        self.ready.emit(office)

    def _ask_person(self, person: Person) -> None:
        """A standalone PC nobody named yet: ask whose name the history records."""
        if person.source != "os" or self._closing or self.window is None:
            return
        from korat_desktop.ui.person_dialog import PersonDialog

        dialog = place_on_first_show(PersonDialog(self.operations, self.window))
        dialog.failed.connect(self.window.show_text)
        dialog.setModal(False)  # the window stays usable while it waits for an answer
        dialog.show()
        self.person_dialog = dialog

    def _start_sync(self) -> None:
        if not self._closing:
            self.sync.start()

    def _open_failed(self, error: BaseException) -> None:
        if self._closing:
            return
        from PySide6.QtWidgets import QMessageBox

        from korat_desktop.ui.error_text import error_text

        self.exit_code = 1
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("เปิดโปรแกรมไม่ได้"),
                          error_text(error), QMessageBox.StandardButton.NoButton, self.window)
        box.addButton(self.tr("ปิด"), QMessageBox.ButtonRole.AcceptRole)
        box.setObjectName("openFailed")
        place_on_first_show(box)
        box.finished.connect(lambda _r: self.quit())
        self.failure_box = box
        box.open()
        self.failed.emit(error)

    def _configure(self, values: list[SettingValue]) -> None:
        """Settings the running app follows: automatic sync, pause, the hub's address."""
        settings = {v.setting.key: v.value for v in values}
        self.sync.configure(float(settings.get("sync.interval_s") or 0),
                            bool(settings.get("sync.paused")))
        if self.window is not None:
            self.window.hub_url = str(settings.get("sync.hub_url") or "")
            self.window.update_offer.start_timer(str(settings.get("update.auto") or "off"),
                                                 int(settings.get("update.check_interval_h") or 0))

    def _urgent_arrived(self, lines: list[object]) -> None:
        """Urgent letters just arrived: a desktop notification and a line in the window."""
        first = getattr(lines[0], "item", None)
        if first is None:
            return
        title = self.tr("หนังสือด่วนเข้า {count} ฉบับ").format(count=len(lines))
        text = f"{first.sender_name}: {first.subject}"
        if self.tray is not None:
            self.tray.notify(title, text)
        if self.window is not None:
            self.window.show_text(f"{title} — {text}")
        self.urgent_notified.emit(lines)

    # -- the demo ----------------------------------------------------------------------------
    def _demo_started(self, session: DemoSession | None) -> None:
        self.demo = session
        if self._closing and session is not None:
            session.stop()
        self._show_demo_note()

    def _demo_token_made(self, token: DemoToken) -> None:
        self.demo_token = token
        self.tokens.hold(False)
        settings: dict[str, object] = {}
        if token.trust_root:
            settings["signing.trust_roots"] = [token.trust_root]
        if token.tsa_url:  # a fresh signature is confirmed (B-LT) at the next sync
            settings["signing.tsa_url"] = token.tsa_url
        if settings:
            self.operations.change_settings(settings)
        self._show_demo_note()
        self.demo_token_ready.emit(token)

    def _demo_token_failed(self, error: BaseException) -> None:
        self._demo_token_made(DemoToken(missing="demo-extra"))

    def _show_demo_note(self) -> None:
        token, window = self.demo_token, self.window
        if token is None or window is None:
            return
        if token.missing == "softhsm2":
            text = self.tr("โหมดสาธิต: ไม่มีโทเคนทดสอบ ติดตั้ง softhsm2 ก่อน (apt install softhsm2)")
        elif token.missing:
            text = self.tr("โหมดสาธิต: ไม่มีโทเคนทดสอบ ต้องติดตั้งส่วนสาธิตก่อน (scripts/setup)")
        else:
            text = self.tr("โหมดสาธิต: โทเคน {token} ใบรับรอง {certificate} PIN {pin}").format(
                token=token.label, certificate=token.certificate, pin=token.pin)
        if self.demo is not None:
            text += " · " + self.tr("ระบบกลางจำลอง: ผู้ใช้ {user} รหัสผ่าน {password}").format(
                user=self.demo.user, password=self.demo.password)
        window.set_demo_note(text)

    # -- while running -----------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        language.install(lang)
        self._build_window()

    def bring_to_front(self) -> None:
        if self.window is not None:
            self.window.showNormal()
            self.window.raise_()
            self.window.activateWindow()

    def handle_arguments(self, files: list[str]) -> None:
        """A second start handed us its files: receive them here."""
        self.bring_to_front()
        paths = [Path(f) for f in files]
        if not paths:
            return
        if self.office is None or self.window is None:
            self._pending_files.extend(paths)
        else:
            self.window.receive_letters(paths)

    def quit(self) -> None:
        """Stop the sync, let the network lane drain, close the store, then finish.

        The window stays up meanwhile (saying so when a sync is stopping), so the
        event loop keeps running: the store is closed only once nothing writes to it.
        """
        if self._closing:
            return
        self._closing = True
        self.tokens.stop()
        self.sync.stop()
        if self.tray is not None:
            self.tray.hide()
        if self.window is not None:  # the window stays up, saying so, until it is done
            self.window.show_text(self.tr("กำลังหยุดการซิงก์…") if self.operations.syncing
                                  else self.tr("กำลังปิดโปรแกรม…"))
            from PySide6.QtCore import Qt
            from PySide6.QtWidgets import QApplication

            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            self._override_cursor = True
        self.operations.closed.connect(self._closed)
        self.operations.shutdown()

    def _closed(self) -> None:
        from PySide6.QtWidgets import QApplication

        if self._override_cursor:
            self._override_cursor = False
            QApplication.restoreOverrideCursor()
        if self.window is not None:
            self.window.closing_allowed = True
            self.window.hide()
        demo, self.demo = self.demo, None
        if demo is not None:
            demo.stop()  # the demo's hub and peer office end with the app
        self.done = True
        self.finished.emit(self.exit_code)
