"""The main window: navigation on the left, one view at a time, status along the bottom.

It wires requests from the views (open, sign, receive, send) to the dialogs, and
accepts PDFs dropped anywhere on it as letters to receive. It keeps no data of its
own: the views refresh from the operations' one ``changes`` signal.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from korat_desktop.ui import language
from korat_desktop.ui.drive_watch import DriveWatcher
from korat_desktop.ui.elided_label import ElidedLabel
from korat_desktop.ui.icons import icon
from korat_desktop.ui.padlock import PadlockButton
from korat_desktop.ui.page_stack import Page, PageStack
from korat_desktop.ui.pdf_drop import bundle_paths, pdf_paths
from korat_desktop.ui.sync_status import SyncStatusWidget
from korat_desktop.ui.window_placement import place_on_first_show

if TYPE_CHECKING:  # dialogs and the other pages load on first use; each Qt class
    # loads its enums on first import, so what the first paint does not need waits too
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QPaintEvent

    from korat_desktop.services.drafts import DraftInfo
    from korat_desktop.services.ocr import OcrBatch
    from korat_desktop.services.printing import Printout
    from korat_desktop.services.registration import BatchResult
    from korat_desktop.services.results import OfficeInfo, RegisterResult
    from korat_desktop.services.signing_ops import SignReport
    from korat_desktop.sync.enrollment import EnrollmentInfo
    from korat_desktop.ui.bundle_import_dialog import BundleImportDialog
    from korat_desktop.ui.courier_dialog import CourierExportDialog
    from korat_desktop.ui.courier_log_view import CourierLogView
    from korat_desktop.ui.diagnostics_action import DiagnosticsSaver
    from korat_desktop.ui.document_window import DocumentWindow
    from korat_desktop.ui.drafts_view import DraftsView
    from korat_desktop.ui.drives import Drive
    from korat_desktop.ui.hub_operations import QueueResult
    from korat_desktop.ui.inbox_view import InboxView
    from korat_desktop.ui.jobs import Job
    from korat_desktop.ui.operations import Operations
    from korat_desktop.ui.outbox_view import OutboxView
    from korat_desktop.ui.printing import RegisterPeriodDialog
    from korat_desktop.ui.receive_dialog import ReceiveDialog
    from korat_desktop.ui.register_view import RegisterView
    from korat_desktop.ui.search_view import SearchView
    from korat_desktop.ui.send_dialog import SendDialog
    from korat_desktop.ui.settings_dialog import SettingsDialog
    from korat_desktop.ui.sign_dialog import SignDialog
    from korat_desktop.ui.signin_dialog import SignInDialog
    from korat_desktop.ui.sync_bridge import SyncStatus
    from korat_desktop.ui.sync_status import SyncMonitor
    from korat_desktop.ui.token_watch import TokenWatcher
    from korat_desktop.ui.update_offer import UpdateOffer

__all__ = ["MainWindow", "Page"]


class MainWindow(QMainWindow):
    language_changed = Signal(str)
    quit_requested = Signal()
    first_painted = Signal()  # the window is on screen: slower work may start now

    def __init__(self, operations: Operations, tokens: TokenWatcher, sync: SyncMonitor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.tokens = tokens
        self.sync = sync
        self.receive_dialog: ReceiveDialog | None = None
        self.hub_url = ""  # the sync.hub_url setting, offered when signing in
        self._painted = False
        self.closing_allowed = False  # set once the app has finished quitting
        self.first_paint_at: float | None = None
        self.dialogs: list[QWidget] = []
        self.diagnostics_saver: DiagnosticsSaver | None = None  # the last Help → IT save
        self._update_offer: UpdateOffer | None = None
        self.setWindowTitle(self.tr("Korat Desktop — ระบบสารบรรณ"))
        self.setWindowIcon(icon("app"))
        self.setAcceptDrops(True)
        self.resize(1366, 768)

        self.office: OfficeInfo | None = None
        # The frame paints first; the page on show is built right after that paint
        # (see page_stack), the others when first shown or in idle time.
        self._deferred = True  # until the first paint: pages are not built yet
        self.stack = PageStack(self._build_page, self.tr("กำลังเปิด…"), self)

        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("เมนูหลัก"))
        self.navigation.setFixedWidth(200)
        for text, keys in self._pages():
            item = QListWidgetItem(text, self.navigation)
            item.setToolTip(f"{text} ({keys})")
        brand = QLabel(self.tr("สารบรรณ Korat"), self)
        brand.setObjectName("brand")
        self.office_label = QLabel(self)
        self.office_label.setObjectName("office")
        self.office_label.setWordWrap(True)
        side = QWidget(self)
        side.setObjectName("side")
        side.setStyleSheet("QWidget#side { background: #1f4e79; }")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(0)
        side_layout.addWidget(brand)
        side_layout.addWidget(self.office_label)
        side_layout.addWidget(self.navigation, 1)
        side.setFixedWidth(200)

        body = QWidget(self)
        body_layout = QHBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(0)
        body_layout.addWidget(side)
        body_layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)

        # long messages (the demo banner) show what fits; the tooltip has all of it
        self.message = ElidedLabel(self)
        self.message.setAccessibleName(self.tr("ข้อความสถานะ"))
        self.statusBar().addWidget(self.message, 1)
        self.demo_note = ElidedLabel(self, preferred_width=420)
        self.demo_note.setObjectName("demoNote")
        self.demo_note.hide()
        self.statusBar().addPermanentWidget(self.demo_note)
        self.sync_widget = SyncStatusWidget(sync, self)
        self.statusBar().addPermanentWidget(self.sync_widget)
        self.padlock = PadlockButton(operations.secrets, self)
        self.padlock.failed.connect(self.show_text)
        self.statusBar().addPermanentWidget(self.padlock)
        self._shortcuts: list[tuple[QAction, str]] = []
        self._make_actions()
        self.drive_watch = DriveWatcher(parent=self)  # polls once the office is open
        self.drive_watch.bundles_found.connect(self.offer_bundles)
        self.bundle_prompt: QWidget | None = None

        self.navigation.currentRowChanged.connect(self.show_page)
        self.navigation.setCurrentRow(Page.RECEIVE)
        sync.status_changed.connect(self._sync_status)
        operations.busy_changed.connect(self._busy)
        self.show_text(self.tr("กำลังเปิดข้อมูล…"))
        # Timers owned by the window die with it (a language switch replaces it), so
        # nothing runs later on a deleted window.
        self._after_paint_timer = self._timer(self._after_first_paint)
        self._idle_timer = self._timer(self._build_next_page)
        # started minimized (or behind a screen locker) there is no paint: go on anyway
        self._after_paint_timer.start(1500)

    # -- actions and shortcuts ---------------------------------------------------------------
    def _pages(self) -> tuple[tuple[str, str], ...]:
        """Each page's name and key, in :class:`Page` order."""
        return ((self.tr("ทะเบียนรับ"), "Ctrl+1"), (self.tr("ทะเบียนส่ง"), "Ctrl+2"),
                (self.tr("หนังสือเข้า"), "Ctrl+3"), (self.tr("ร่าง"), "Ctrl+4"),
                (self.tr("รอส่ง"), "Ctrl+5"), (self.tr("ทะเบียนพนักงานนำสาร"), "Ctrl+6"),
                (self.tr("ค้นหา"), "Ctrl+F"))

    def _action(self, text: str, keys: str | None,
                slot: object) -> QAction:
        action = QAction(text, self)
        if keys is not None:  # bound right after the first paint (see _bind_shortcuts)
            self._shortcuts.append((action, keys))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _bind_shortcuts(self) -> None:
        """Give the actions their keys. Not before the first paint: the first key
        sequence loads Qt's key tables (~15 ms on an office PC), and nobody can press
        a key before the window is there."""
        from PySide6.QtGui import QKeySequence

        shortcuts, self._shortcuts = self._shortcuts, []
        for action, keys in shortcuts:
            action.setShortcut(QKeySequence(keys))

    def _make_actions(self) -> None:
        menu = self.menuBar()
        letters = menu.addMenu(self.tr("หนังสือ"))
        letters.addAction(self._action(self.tr("ลงรับหนังสือ…"), "Ctrl+R", self.receive_letters))
        letters.addAction(self._action(self.tr("ส่งหนังสือ…"), "Ctrl+N", self.send_letter))
        letters.addAction(self._action(self.tr("ลงนามที่เลือก…"), "Ctrl+Shift+S",
                                       self._sign_selected))
        letters.addSeparator()
        letters.addAction(self._action(self.tr("พิมพ์หนังสือที่เลือก…"), "Ctrl+P",
                                       self.print_selected))
        letters.addAction(self._action(self.tr("พิมพ์ทะเบียน…"), "Ctrl+Shift+P",
                                       self.print_register))
        letters.addAction(self._action(self.tr("พิมพ์ใบรับหนังสือ (ส่งด้วยมือ)…"), None,
                                       self.print_slip))
        letters.addSeparator()
        letters.addAction(self._action(self.tr("ส่งทางพนักงานนำสาร…"), "Ctrl+Shift+E",
                                       lambda: self.courier_export()))
        letters.addAction(self._action(self.tr("นำเข้าชุดเอกสารจากพนักงานนำสาร…"), "Ctrl+Shift+I",
                                       self.pick_bundles))
        letters.addSeparator()
        letters.addAction(self._action(self.tr("ออกจากโปรแกรม"), "Ctrl+Q", self.quit_requested))
        view = menu.addMenu(self.tr("มุมมอง"))
        for page, (text, keys) in enumerate(self._pages()):
            view.addAction(self._action(text, keys, lambda _c=False, p=page: self.go_to(p)))
        tools = menu.addMenu(self.tr("เครื่องมือ"))
        tools.addAction(self._action(self.tr("ซิงก์ตอนนี้"), "F5", self.sync.sync_now))
        self.pause_action = self._action(self.tr("หยุดซิงก์ชั่วคราว"), None, self.sync.set_paused)
        self.pause_action.setCheckable(True)
        self.pause_action.setChecked(self.sync.paused)
        tools.addAction(self.pause_action)
        self.signin_action = self._action(self.tr("ลงชื่อเข้าระบบกลาง…"), None, self.sign_in)
        tools.addAction(self.signin_action)
        tools.addSeparator()
        tools.addAction(self._action(self.tr("การตั้งค่า…"), "Ctrl+,", self.open_settings))
        help_menu = menu.addMenu(self.tr("ช่วยเหลือ"))
        help_menu.addAction(self._action(self.tr("คู่มือการใช้งาน"), "F1", self.show_manual))
        help_menu.addAction(self._action(self.tr("แป้นลัด"), "Ctrl+/", self.show_shortcuts))
        help_menu.addAction(self._action(self.tr("เกี่ยวกับ Korat Desktop"), None,
                                         self.show_about))
        help_menu.addSeparator()
        self.diagnostics_action = self._action(self.tr("ส่งข้อมูลให้ฝ่ายไอที"), None,
                                               self.send_to_it)
        help_menu.addAction(self.diagnostics_action)
        self.update_action = self._action(self.tr("ตรวจหารุ่นใหม่…"), None,
                                          lambda: self.check_for_updates())
        help_menu.addAction(self.update_action)
        self.update_folder_action = self._action(self.tr("ปรับรุ่นจากแฟลชไดรฟ์…"), None,
                                                 self.update_from_folder)
        help_menu.addAction(self.update_folder_action)

    @property
    def update_offer(self) -> UpdateOffer:
        """Help → ตรวจหารุ่นใหม่ and the timer of ``update.check_interval_h``."""
        if self._update_offer is None:
            from korat_desktop.ui.update_offer import UpdateOffer

            self._update_offer = UpdateOffer(self)
        return self._update_offer

    def check_for_updates(self, from_dir: Path | None = None) -> UpdateOffer:
        """Check the hub (or a USB copy of IT's update repository) and offer what is new."""
        self.update_offer.check(from_dir)
        return self.update_offer

    def update_from_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(
            self, self.tr("เลือกโฟลเดอร์ชุดปรับรุ่นจากฝ่ายไอที"))
        if folder:
            self.check_for_updates(Path(folder))

    def send_to_it(self) -> DiagnosticsSaver:
        """Help → ส่งข้อมูลให้ฝ่ายไอที: save the diagnostics zip and say where it is."""
        from korat_desktop.ui.diagnostics_action import DiagnosticsSaver

        saver = DiagnosticsSaver(self)
        self.diagnostics_saver = saver
        saver.start()
        return saver

    def show_manual(self) -> QDialog:
        """Help → คู่มือการใช้งาน (F1): how to receive, send, sign, sync and use a courier."""
        from korat_desktop.ui.help_dialogs import ManualDialog

        dialog = ManualDialog(self)
        dialog.open()
        return dialog

    def show_about(self) -> QDialog:
        from korat_desktop.ui.help_dialogs import AboutDialog

        dialog = AboutDialog(self.office, self.hub_url, self)
        dialog.open()
        return dialog

    def show_shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self, self.tr("แป้นลัด"), self.tr(
            "Ctrl+R  ลงรับหนังสือ\nCtrl+N  ส่งหนังสือ\nCtrl+Shift+S  ลงนามที่เลือก\n"
            "Ctrl+Shift+E  ส่งทางพนักงานนำสาร\nCtrl+Shift+I  นำเข้าชุดเอกสาร\n"
            "Ctrl+P  พิมพ์หนังสือ\nCtrl+Shift+P  พิมพ์ทะเบียน\n"
            "Ctrl+E  การปฏิบัติและหมายเหตุ\n"
            "Enter  เปิดหนังสือ\nCtrl+F  ค้นหา\nCtrl+1 … Ctrl+6  สลับทะเบียนและรายการ\n"
            "F5  ซิงก์ตอนนี้\nCtrl+,  การตั้งค่า\nCtrl+Q  ออกจากโปรแกรม\n\n"
            "ในหน้าหนังสือ: Ctrl++ / Ctrl+-  ขยาย/ย่อ, Alt+← / Alt+→  เปลี่ยนหน้า, "
            "Ctrl+Shift+C  คัดลอกเลขทะเบียน\n\nF1  คู่มือการใช้งาน"))

    # -- pages -----------------------------------------------------------------------------
    def go_to(self, page: int) -> None:
        self.navigation.setCurrentRow(page)
        if page == Page.SEARCH:
            self.search_view.focus_search()
        elif page in (Page.RECEIVE, Page.SEND):
            view = self.current_register_view()
            if view is not None:
                view.table.setFocus()

    def show_page(self, page: int) -> None:
        if self._deferred:  # built after the first paint (see __init__)
            self.stack.setCurrentIndex(page)
            return
        widget = self.stack.page(page)
        self.stack.setCurrentIndex(page)
        from korat_desktop.ui.courier_log_view import CourierLogView
        from korat_desktop.ui.drafts_view import DraftsView
        from korat_desktop.ui.sync_views import HubListView

        # the lists the sync engine owns, the drafts and the courier log are read again
        # when shown
        if isinstance(widget, HubListView | DraftsView | CourierLogView):
            widget.refresh()

    def start(self, office: OfficeInfo) -> None:
        """The store is open and the office known: load the registers."""
        self.office = office
        self.office_label.setText(f"{office.agency_name}\n{office.agency_code}")
        for page in (Page.RECEIVE, Page.SEND):
            view = self.stack.built(page)
            if view is not None:
                view.start()  # type: ignore[attr-defined]
        self.show_text(self.tr("พร้อมใช้งาน"))
        self.receive_view.table.setFocus()
        self._idle_timer.start(0)
        self.read_scans()  # any left waiting when the window was last closed
        if not self.drive_watch.running:
            self.drive_watch.start()

    def _timer(self, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        return timer

    def _build_next_page(self) -> None:
        """Build the pages not yet shown, one per turn of the event loop."""
        if self.stack.build_next():
            self._idle_timer.start(0)

    # -- the pages, built on first use ---------------------------------------------------------
    def _build_page(self, page: int) -> QWidget:
        if page in (Page.RECEIVE, Page.SEND):
            return self._register_page(page)
        if page == Page.INBOX:
            from korat_desktop.ui.inbox_view import InboxView

            inbox = InboxView(self.operations, self)
            inbox.open_requested.connect(self.open_entry)
            inbox.registered.connect(self._inbox_registered)
            inbox.signin_requested.connect(self.sign_in)
            return inbox
        if page == Page.DRAFTS:
            from korat_desktop.ui.drafts_view import DraftsView

            drafts = DraftsView(self.operations, self)
            drafts.new_requested.connect(self.send_letter)
            drafts.edit_requested.connect(self.open_draft)
            drafts.issued.connect(self._draft_issued)
            return drafts
        if page == Page.OUTBOX:
            from korat_desktop.ui.outbox_view import OutboxView

            outbox = OutboxView(self.operations, self)
            outbox.signin_requested.connect(self.sign_in)
            outbox.courier_requested.connect(lambda ids: self.courier_export(op_ids=ids))
            self.sync.status_changed.connect(outbox.show_sync)
            return outbox
        if page == Page.COURIER:
            from korat_desktop.ui.courier_log_view import CourierLogView

            return CourierLogView(self.operations, self)
        from korat_desktop.ui.search_view import SearchView

        search = SearchView(self.operations, self)
        search.open_requested.connect(self.open_entry)
        return search

    def _build_shown_page(self) -> None:
        self._deferred = False
        self.show_page(self.navigation.currentRow())

    def _register_page(self, page: int) -> RegisterView:
        from korat_desktop.domain.registers import RegisterKind
        from korat_desktop.ui.register_view import RegisterView

        receive = page == Page.RECEIVE
        view = RegisterView(self.operations,
                            RegisterKind.RECEIVE if receive else RegisterKind.SEND, self)
        view.open_requested.connect(self.open_entry)
        view.sign_requested.connect(self.sign_entries)
        view.model.failed.connect(self.show_error)
        view.add_requested.connect(self.receive_letters if receive else self.send_letter)
        if self.office is not None:
            view.start()
        return view

    @property
    def receive_view(self) -> RegisterView:
        return self.stack.page(Page.RECEIVE)  # type: ignore[return-value]

    @property
    def send_view(self) -> RegisterView:
        return self.stack.page(Page.SEND)  # type: ignore[return-value]

    @property
    def inbox_view(self) -> InboxView:
        return self.stack.page(Page.INBOX)  # type: ignore[return-value]

    @property
    def drafts_view(self) -> DraftsView:
        return self.stack.page(Page.DRAFTS)  # type: ignore[return-value]

    @property
    def outbox_view(self) -> OutboxView:
        return self.stack.page(Page.OUTBOX)  # type: ignore[return-value]

    @property
    def courier_log_view(self) -> CourierLogView:
        return self.stack.page(Page.COURIER)  # type: ignore[return-value]

    @property
    def search_view(self) -> SearchView:
        return self.stack.page(Page.SEARCH)  # type: ignore[return-value]

    def current_register_view(self) -> RegisterView | None:
        page = self.stack.currentIndex()
        if page in (Page.RECEIVE, Page.SEND):
            return self.stack.built(page)  # type: ignore[return-value]
        return None

    # -- requests --------------------------------------------------------------------------
    def open_entry(self, entry_id: int) -> DocumentWindow:
        from korat_desktop.ui.document_window import DocumentWindow

        window = DocumentWindow(self.operations, entry_id, self)
        window.sign_requested.connect(self.sign_entries)
        place_on_first_show(window).show()
        return window

    def receive_letters(self, paths: list[Path] | None = None) -> ReceiveDialog:
        from korat_desktop.ui.receive_dialog import ReceiveDialog

        dialog = self.receive_dialog
        if dialog is None or not dialog.isVisible() or dialog._saved:
            dialog = ReceiveDialog(self.operations, self)
            dialog.registered.connect(self._received)
            self.receive_dialog = dialog
        if paths:
            dialog.add_paths(list(paths))
        place_on_first_show(dialog).show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _received(self, result: BatchResult) -> None:
        if result.entries:
            numbers = ", ".join(f"{e.number}/{e.year_be}" for e in result.entries)
            self.show_text(self.tr("ลงรับแล้ว เลขรับ {numbers}").format(numbers=numbers))
            self.go_to(Page.RECEIVE)
            self.read_scans()

    # -- scans and printing ------------------------------------------------------------
    def read_scans(self) -> Job[OcrBatch]:
        """OCR the scans that wait, in the background (ui/scan_operations.py)."""
        return self.operations.scans.read_waiting().then(self._scans_read, self.show_error)

    def _scans_read(self, batch: OcrBatch) -> None:
        read = [o for o in batch.outcomes if o.ok]
        for outcome in batch.outcomes:
            if not outcome.ok:
                self.show_text(outcome.error_message(language.current()))
        if read:
            self.show_text(self.tr("อ่านข้อความจากภาพสแกนแล้ว {count} ฉบับ ค้นหาได้แล้ว").format(
                count=len(read)))

    def _selected(self) -> list[int]:
        view = self.current_register_view()
        return view.selected_ids() if view is not None else []

    def print_selected(self) -> Job[Printout] | None:
        ids = self._selected()
        if not ids:
            self.show_text(self.tr("เลือกหนังสือที่จะพิมพ์ก่อน"))
            return None
        return self.print_letter(ids[0])

    def print_letter(self, entry_id: int) -> Job[Printout]:
        return self.operations.printout_letter(entry_id).then(self._preview, self.show_error)

    def print_register(self) -> RegisterPeriodDialog:
        from korat_desktop.domain.registers import RegisterKind
        from korat_desktop.ui.printing import RegisterPeriodDialog

        dialog = RegisterPeriodDialog(self)
        if self.stack.currentIndex() == Page.SEND:
            dialog.register.setCurrentIndex(dialog.register.findData(RegisterKind.SEND))

        def chosen() -> None:
            period = dialog.period()
            if period is not None:
                self.operations.printout_register(
                    dialog.register.currentData(), *period).then(self._preview,
                                                                  self.show_error)

        dialog.accepted.connect(chosen)
        place_on_first_show(dialog).show()
        return dialog

    def print_slip(self) -> Job[Printout] | None:
        ids = self._selected()
        if not ids:
            self.show_text(self.tr("เลือกหนังสือที่จะส่งด้วยมือในทะเบียนก่อน แล้วพิมพ์ใบรับหนังสือ"))
            return None
        return self.operations.printout_slip(ids).then(self._preview, self.show_error)

    def _preview(self, printout: Printout) -> None:
        from korat_desktop.ui.printing import print_preview

        self.print_dialog = print_preview(self, printout.pdf, printout.title)

    def send_letter(self, path: Path | None = None,
                    draft: DraftInfo | None = None) -> SendDialog:
        from korat_desktop.ui.send_dialog import SendDialog

        dialog = SendDialog(self.operations, self, draft)
        dialog.sign_requested.connect(self.sign_entries)
        dialog.sign_and_send_requested.connect(
            lambda ids: self.sign_entries(ids, then_send=True))
        dialog.sign_and_courier_requested.connect(
            lambda ids: self.sign_entries(ids, then_courier=True))
        if isinstance(path, Path):
            dialog.set_path(path)
        place_on_first_show(dialog).show()
        return dialog

    def open_draft(self, draft: DraftInfo) -> SendDialog:
        return self.send_letter(None, draft)

    def _draft_issued(self, result: RegisterResult) -> None:
        self.show_text(self.tr("ออกเลขแล้ว: ที่ {letter_number}").format(
            letter_number=result.entry.letter_number))

    def _inbox_registered(self, result: RegisterResult) -> None:
        entry = result.entry
        self.show_text(self.tr("ลงรับแล้ว เลขรับ {numbers}").format(
            numbers=f"{entry.number}/{entry.year_be}"))
        self.read_scans()  # a scanned letter that came through the hub

    def sign_in(self) -> SignInDialog:
        """Sign this computer in to the central e-Office (once)."""
        from korat_desktop.ui.signin_dialog import SignInDialog

        dialog = SignInDialog(self.operations, self.hub_url, self)
        dialog.signed_in.connect(self._signed_in)
        place_on_first_show(dialog).show()
        self.dialogs.append(dialog)
        return dialog

    def _signed_in(self, info: EnrollmentInfo) -> None:
        self.show_text(self.tr("ลงชื่อเข้าระบบกลางแล้ว: {agency}").format(
            agency=info.agency_name))
        self.sync.poll()

    def _sync_status(self, status: SyncStatus) -> None:
        from korat_desktop.ui.sync_bridge import SyncState

        state = status.state
        self.signin_action.setEnabled(state is SyncState.NOT_CONNECTED)
        self.pause_action.blockSignals(True)
        self.pause_action.setChecked(state is SyncState.PAUSED)
        self.pause_action.blockSignals(False)

    def _sign_selected(self) -> None:
        view = self.current_register_view()
        ids = view.selected_ids() if view is not None else []
        if ids:
            self.sign_entries(ids)
        else:
            self.show_text(self.tr("เลือกหนังสือที่จะลงนามก่อน"))

    def sign_entries(self, entry_ids: list[int], then_send: bool = False,
                     then_courier: bool = False) -> SignDialog | None:
        """Sign the entries; with ``then_send`` queue the signed ones for the hub and sync;
        with ``then_courier`` queue them and open ส่งทางพนักงานนำสาร with them chosen."""
        from korat_desktop.ui.sign_dialog import SignDialog

        if not entry_ids:
            return None
        dialog = SignDialog(self.operations, entry_ids, self.tokens, self)
        dialog.signed.connect(lambda report: self.show_text(
            self.tr("ลงนามแล้ว {count} ฉบับ").format(
                count=sum(1 for r in report.results if r.ok))))
        if then_send:
            dialog.signed.connect(self._queue_signed)
        elif then_courier:
            dialog.signed.connect(self._courier_signed)
        place_on_first_show(dialog).show()
        return dialog

    def _queue_signed(self, report: SignReport) -> None:
        ids = [r.entry_id for r in report.results if r.ok]
        if ids:
            self.operations.hub.queue(ids).then(self._queued, self.show_error)

    def _courier_signed(self, report: SignReport) -> None:
        ids = [r.entry_id for r in report.results if r.ok]
        if ids:
            self.operations.hub.queue(ids).then(
                lambda result: self.courier_export(entry_ids=list(result.queued)),
                self.show_error)

    def _queued(self, result: QueueResult) -> None:
        count = len(result.queued)
        self.show_text(self.tr("ลงนามแล้วและเข้าคิวส่ง {count} ฉบับ").format(count=count))
        self.sync.sync_now()

    # -- couriers ----------------------------------------------------------------------------
    def courier_export(self, op_ids: list[str] | None = None,
                       entry_ids: list[int] | None = None) -> CourierExportDialog:
        """ส่งทางพนักงานนำสาร: the chosen letters (or agencies) onto a removable drive."""
        from korat_desktop.ui.courier_dialog import CourierExportDialog

        dialog = CourierExportDialog(self.operations, self.tokens, self.drive_watch, self,
                                     op_ids=op_ids or (), entry_ids=entry_ids or ())
        dialog.exported.connect(lambda result: self.show_text(
            self.tr("เขียนชุดเอกสารแล้ว {files} ไฟล์").format(files=len(result.files))))
        place_on_first_show(dialog).show()
        self.dialogs.append(dialog)
        return dialog

    def pick_bundles(self) -> BundleImportDialog | None:
        from PySide6.QtWidgets import QFileDialog

        names, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("เลือกชุดเอกสารจากพนักงานนำสาร"), "",
            self.tr("ชุดเอกสารพนักงานนำสาร (*.korat)"))
        return self.import_bundles([Path(n) for n in names]) if names else None

    def import_bundles(self, paths: list[Path]) -> BundleImportDialog:
        """Import courier bundles; the dialog lists each file's result."""
        from korat_desktop.ui.bundle_import_dialog import BundleImportDialog

        dialog = BundleImportDialog(self.operations, paths, self)
        dialog.imported.connect(self._bundles_imported)
        place_on_first_show(dialog).show()
        dialog.start()
        self.dialogs.append(dialog)
        return dialog

    def _bundles_imported(self, result: object) -> None:
        items = getattr(result, "items", ())
        self.show_text(self.tr("นำเข้าชุดเอกสารได้ {good} จาก {count} ชุด").format(
            good=sum(1 for item in items if item.ok), count=len(items)))

    def offer_bundles(self, drive: Drive, paths: list[Path]) -> QWidget:
        """A stick with bundles was plugged in: ask (not modal) whether to import them."""
        from PySide6.QtWidgets import QMessageBox

        buttons = QMessageBox.StandardButton
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("พนักงานนำสาร"),
                          self.tr("พบชุดเอกสารจากพนักงานนำสาร {count} ชุด — นำเข้า?").format(
                              count=len(paths)), buttons.Yes | buttons.No, self)
        box.setInformativeText(self.tr("ในไดรฟ์ {name}: {files}").format(
            name=drive.name, files=", ".join(p.name for p in paths)))
        box.setModal(False)
        box.button(buttons.Yes).clicked.connect(lambda: self.import_bundles(paths))
        place_on_first_show(box).show()
        self.bundle_prompt = box
        return box

    def open_settings(self) -> SettingsDialog:
        from korat_desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.operations, self)
        dialog.language_changed.connect(self.language_changed)
        place_on_first_show(dialog).show()
        return dialog

    # -- status ----------------------------------------------------------------------------
    def show_text(self, text: str) -> None:
        self.message.setText(text)

    def set_demo_note(self, text: str) -> None:
        """A standing note in demo mode (which token and PIN to try)."""
        self.demo_note.setText(text)
        self.demo_note.setVisible(bool(text))

    def show_error(self, error: BaseException) -> None:
        from korat_desktop.ui.error_text import error_text

        self.message.setText(error_text(error))

    def _busy(self, running: int) -> None:
        if running:
            # here, not at the top: the Qt namespace costs ~15 ms to load, after the paint
            from PySide6.QtCore import Qt

            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_paint_at = time.monotonic()  # start-up measurements (bench/)
            self._after_paint_timer.start(0)

    def _after_first_paint(self) -> None:
        if not self._deferred:
            return
        self._bind_shortcuts()
        self._build_shown_page()
        self.first_painted.emit()

    # -- drag and drop ---------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if pdf_paths(event.mimeData()) or bundle_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        bundles = bundle_paths(event.mimeData())
        if bundles:  # courier bundles: imported (PDFs dropped with them are received)
            event.acceptProposedAction()
            self.import_bundles(bundles)
        paths = pdf_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            if self.stack.currentIndex() == Page.SEND and len(paths) == 1:
                self.send_letter(paths[0])
            else:
                self.receive_letters(paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window quits; it stays on screen (saying กำลังปิดโปรแกรม…) until
        the store is closed, so the clerk sees that the app is still finishing."""
        if self.closing_allowed:
            event.accept()
            return
        event.ignore()
        self.quit_requested.emit()
