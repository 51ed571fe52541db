"""Thai mode has no English: every screen walked, every visible string checked.

The walk is generic: every page of the navigation, every action of every menu (the
dialogs they open, modal or not, and each tab of those), and the letter window's tabs
for a letter of each register. Whatever a sibling adds to those is checked too.
"""

from __future__ import annotations

import getpass
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QTabWidget, QWidget

from korat_desktop.ui.sync_bridge import SyncState
from tests.server.hub_harness import AGENCY_A, AGENCY_B, ThreadedHub
from tests.support.thai_words import foreign_words
from tests.sync.conftest import hub, keyring_file, make_device
from tests.sync.harness import Device, letter_pdf
from tests.ui.visible_text import visible_texts

__all__ = ["hub", "keyring_file", "make_device"]  # the sync tests' fixtures, used here


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Help → ส่งข้อมูลให้ฝ่ายไอที saves into the home's Documents: a temp home."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home


class Walk:
    def __init__(self, qtbot, desktop,  # type: ignore[no-untyped-def]
                 people: tuple[str, ...] = ()) -> None:
        self.qtbot, self.desktop = qtbot, desktop
        self.found: dict[tuple[str, str], tuple[str, list[str]]] = {}
        self.screens: list[str] = []
        self.modals: list[QWidget] = []
        self.current = "start"
        self.long_lived = desktop.operations.running_jobs
        # a person's login name shows in the history (who did it): data, like file names
        self.names = frozenset(word for name in (getpass.getuser(), *people)
                               for word in re.findall(r"[A-Za-z][A-Za-z0-9]*", name))

    def settle(self) -> None:
        """Wait until the background work the step started has answered (work running
        since before the walk, like a background reader, is not waited for)."""
        operations = self.desktop.operations
        try:
            self.qtbot.waitUntil(lambda: not (operations.running_jobs - self.long_lived),
                                 timeout=30_000)
        except self.qtbot.TimeoutError as e:
            names = sorted(job.name for job in operations.running_jobs - self.long_lived)
            raise AssertionError(f"{self.current}: still running {names}") from e
        QApplication.processEvents()

    def check(self, widget: QWidget, screen: str) -> None:
        self.screens.append(screen)
        for where, text in visible_texts(widget):
            bad = foreign_words(text, self.names)
            if bad:
                self.found.setdefault((where, text), (screen, bad))

    def check_with_tabs(self, widget: QWidget, screen: str) -> None:
        self.check(widget, screen)
        for tabs in widget.findChildren(QTabWidget):
            if not tabs.isVisible():
                continue
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                self.settle()
                self.check(widget, f"{screen} / {tabs.tabText(index)}")

    def close_modal(self) -> None:
        """Read and close a modal dialog (its own event loop is running: the walk waits
        inside it), whenever one opens: from a menu action or later from a reply."""
        modal = QApplication.activeModalWidget()
        if modal is None or modal in self.modals:
            return
        self.modals.append(modal)
        self.settle()
        self.check_with_tabs(modal, f"{self.current} (modal)")
        if isinstance(modal, QDialog):
            modal.reject()
        else:
            modal.close()

    def report(self) -> str:
        return "\n".join(f"{screen}: {where}: {text!r} -> {words}"
                         for (where, text), (screen, words) in sorted(self.found.items()))


def _menu_actions(window) -> list[QAction]:  # type: ignore[no-untyped-def]
    actions: list[QAction] = []

    def walk(menu) -> None:  # type: ignore[no-untyped-def]
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            elif not action.isSeparator():
                actions.append(action)

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu())
    return actions


def _is_quit(action: QAction) -> bool:
    return action.shortcut() in (QKeySequence("Ctrl+Q"),
                                 QKeySequence(QKeySequence.StandardKey.Quit))


def test_every_screen_in_thai_mode_is_thai(qtbot, start_desktop, seeded_dir, home) -> None:
    others = set(QApplication.topLevelWidgets())  # earlier tests' windows are not ours
    desktop = start_desktop(seeded_dir(receive=2, send=2))
    walk = walk_every_screen(qtbot, desktop, others=others)
    assert not walk.found, "English in Thai mode:\n" + walk.report()


def test_a_connected_office_in_thai_mode_is_thai(qtbot, start_desktop, hub: ThreadedHub,
                                                 make_device: Callable[..., Device],
                                                 keyring_file: Path, home) -> None:
    """The same walk with the hub's lists filled: a letter in the inbox from another
    office, one of ours sent through the hub with its outbox line and delivery."""
    desk = make_device("desk", AGENCY_A)
    desk.login(hub.url, "clerk-a")
    other = make_device("other", AGENCY_B)
    other.login(hub.url, "clerk-b")
    incoming = other.send("ขอเชิญประชุมด่วนที่สุด", [AGENCY_A], None, "--urgency", "ด่วนที่สุด")
    assert other.korat("queue", str(incoming), "--allow-unsigned").code == 0
    assert other.korat("sync", "--once").code == 0
    outgoing = desk.send("แจ้งผลการประชุม", [AGENCY_B], None)
    assert desk.korat("queue", str(outgoing), "--allow-unsigned").code == 0
    received = desk.root / "received.pdf"
    received.write_bytes(letter_pdf("หนังสือรับทดสอบ"))
    assert desk.korat("receive", str(received), "--subject", "หนังสือรับทดสอบ",
                      "--from", "อำเภอพิมาย", "--to", "ผู้ว่าราชการจังหวัด").code == 0
    others = set(QApplication.topLevelWidgets())
    desktop = start_desktop(desk.root)
    desktop.sync.start()
    qtbot.waitUntil(lambda: desktop.sync.status.state is SyncState.UP_TO_DATE
                    and not desktop.sync.syncing, timeout=60_000)
    walk = walk_every_screen(qtbot, desktop, people=("clerk-a",),  # the hub user
                             others=others)
    assert any(s.startswith("page หนังสือเข้า") for s in walk.screens)
    # the lists the walk read were filled
    assert desktop.window.inbox_view.model.rowCount() == 1
    assert desktop.window.outbox_view.model.rowCount() >= 1
    assert not walk.found, "English in Thai mode:\n" + walk.report()


def walk_every_screen(qtbot, desktop,  # type: ignore[no-untyped-def]
                      people: tuple[str, ...] = (),
                      others: set[QWidget] | None = None) -> Walk:
    """Every page, every menu action's dialogs, a letter of each register; the findings
    are in the returned walk's ``found``."""
    window = desktop.window
    walk = Walk(qtbot, desktop, people)
    watchdog = QTimer(window)
    watchdog.timeout.connect(walk.close_modal)
    watchdog.start(100)

    for widget in QApplication.topLevelWidgets():  # what the start shows beside the window
        if widget.isVisible() and widget is not window and widget.isWindow() \
                and widget not in (others or set()):
            walk.check_with_tabs(widget, f"at start: {widget.windowTitle()}")

    for page in range(window.navigation.count()):
        window.go_to(page)
        qtbot.waitUntil(lambda p=page: window.stack.built(p) is not None, timeout=10_000)
        walk.settle()
        walk.check(window, f"page {window.navigation.item(page).text()}")

    actions = _menu_actions(window)
    assert len(actions) > 10
    for action in actions:
        if _is_quit(action):
            continue
        window.go_to(0)
        register = window.current_register_view()
        qtbot.waitUntil(lambda r=register: r.model.rowCount() > 0, timeout=10_000)
        register.table.selectAll()  # so "sign the selected" opens its dialog
        before = set(QApplication.topLevelWidgets())
        screen = walk.current = f"menu {action.text()}"
        action.trigger()  # a modal dialog it opens is read and closed by the watchdog
        walk.settle()
        walk.check(window, f"{screen}: main window")
        for widget in set(QApplication.topLevelWidgets()) - before:
            if widget.isVisible() and widget not in walk.modals:
                walk.check_with_tabs(widget, screen)
                widget.close()
        if action.isCheckable() and action.isChecked():
            action.trigger()  # pause sync again off
            walk.settle()

    for register_page in (0, 1):
        window.go_to(register_page)
        register = window.current_register_view()
        qtbot.waitUntil(lambda r=register: r.model.rowCount() > 0, timeout=10_000)
        entry_id = register.model.entry(0).id
        letter = window.open_entry(entry_id)
        qtbot.waitUntil(lambda w=letter: w.detail is not None, timeout=10_000)
        walk.settle()
        walk.check_with_tabs(letter, f"letter {entry_id}")
        letter.close()

    watchdog.stop()
    # the walk reached what it is meant to
    assert walk.modals, "no modal dialog was read (Help → แป้นลัด is one)"
    assert any(s.startswith("menu การตั้งค่า") for s in walk.screens), walk.screens
    assert any("ขั้นสูง" in s for s in walk.screens), walk.screens
    assert any(s.startswith("letter") and "ประวัติ" in s for s in walk.screens), walk.screens
    return walk


def test_the_check_finds_english(qtbot) -> None:
    """The walk's check itself: an untranslated label is caught, allowed words pass."""
    box = QMessageBox(QMessageBox.Icon.Information, "ไฟล์ PDF", "Folder ready: v2 receipt_stamped")
    box.show()
    qtbot.waitExposed(box)
    found = {text: foreign_words(text) for _where, text in visible_texts(box)}
    box.close()
    assert found["Folder ready: v2 receipt_stamped"] == ["Folder", "ready", "v2", "receipt",
                                                        "stamped"]
    assert found["ไฟล์ PDF"] == []
    assert foreign_words("กด Ctrl+Shift+S หรือ F5 · https://eoffice.example.go.th · "
                         "/tmp/a/letter_1.pdf · ไลบรารี PKCS#11 · 12 MB") == []
