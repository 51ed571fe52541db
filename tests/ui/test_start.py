"""Starting: first run, a second start on the same data dir, and sync not connected."""

from __future__ import annotations

from pathlib import Path

from korat_desktop.app import open_app
from korat_desktop.ui.agency_dialog import AgencyDialog
from korat_desktop.ui.instance_handoff import InstanceHandoff
from korat_desktop.ui.main_window import Page
from korat_desktop.ui.start_options import parse_start_options
from korat_desktop.ui.sync_bridge import SyncState


def test_agency_from_machine_config_needs_no_question(qtbot, start_desktop) -> None:
    desktop = start_desktop()
    assert desktop.office is not None and desktop.office.agency_code == "นม 0017.1"
    assert "นม 0017.1" in desktop.window.office_label.text()


def test_the_window_paints_with_one_page_then_builds_the_rest(qtbot, start_desktop,
                                                              seeded_dir) -> None:
    """Only the receive register is built before the window shows; the other pages
    follow in idle time once the registers are on screen, each wired like the first."""
    from korat_desktop.ui.register_view import RegisterView

    desktop = start_desktop(seeded_dir(send=3), wait=False)
    window = desktop.window

    def built() -> list[str]:
        return [type(window.stack.widget(p)).__name__ for p in range(Page.COUNT)]

    assert built() == ["QWidget"] * Page.COUNT  # the frame paints first, "loading" pages
    with qtbot.waitSignal(window.first_painted, timeout=10_000):
        pass
    assert built()[Page.RECEIVE] == "RegisterView"  # the page on show, right after
    assert built()[Page.SEND:] == ["QWidget"] * (Page.COUNT - 1)
    qtbot.waitSignal(desktop.ready, timeout=30_000).wait()
    qtbot.waitUntil(lambda: "QWidget" not in built(), timeout=10_000)
    assert window.stack.count() == Page.COUNT
    assert isinstance(window.stack.widget(Page.SEND), RegisterView)
    assert window.stack.widget(Page.SEARCH) is window.search_view
    window.go_to(Page.SEND)  # a page built after the office was known still loads
    qtbot.waitUntil(lambda: window.send_view.model.rowCount() == 3, timeout=10_000)
    assert window.stack.currentWidget() is window.send_view


def test_first_run_asks_for_the_agency(qtbot, start_desktop, machine_dir: Path) -> None:
    (machine_dir / "config.toml").write_text("[signing]\npkcs11_modules = []\n",
                                             encoding="utf-8")
    desktop = start_desktop(wait=False)
    qtbot.waitUntil(lambda: bool(desktop.window.findChildren(AgencyDialog)), timeout=10_000)
    dialog = desktop.window.findChildren(AgencyDialog)[0]
    assert not dialog.save.isEnabled()
    dialog.code.insert("ขก 0017.1")
    dialog.name.insert("สำนักงานจังหวัดขอนแก่น")
    with qtbot.waitSignal(desktop.ready, timeout=10_000) as ready:
        dialog.save.click()
    assert ready.args[0].agency_code == "ขก 0017.1"


def test_a_data_dir_open_elsewhere_is_said_plainly(qtbot, start_desktop, tmp_path) -> None:
    holder = open_app(tmp_path / "data", exclusive=True, create=True, purpose="korat sync")
    try:
        desktop = start_desktop(wait=False)
        with qtbot.waitSignal(desktop.failed, timeout=10_000) as failed:
            pass
        assert failed.args[0].code == "store.already_open"
        box = desktop.failure_box
        assert box is not None and "korat sync" in box.text()
        box.done(0)
        assert desktop.exit_code == 1
    finally:
        holder.close()


def test_second_start_hands_its_files_to_the_first(qtbot, tmp_path) -> None:
    first = InstanceHandoff(tmp_path / "data")
    assert first.listen()
    second = InstanceHandoff(tmp_path / "data")
    other = InstanceHandoff(tmp_path / "other")
    assert second.may_be_listening() and not other.may_be_listening()
    assert not other.hand_over([])  # nobody listens for that data dir
    with qtbot.waitSignal(first.received, timeout=5_000) as received:
        import threading

        result: list[bool] = []
        thread = threading.Thread(target=lambda: result.append(
            second.hand_over(["/tmp/a.pdf"])))
        thread.start()
        qtbot.waitUntil(lambda: not thread.is_alive(), timeout=5_000)
    assert received.args[0] == ["/tmp/a.pdf"]
    assert result == [True]
    first.close()
    assert not second.may_be_listening()  # the socket file went with the server


def test_a_socket_left_by_a_killed_instance_does_not_stop_a_start(qtbot, tmp_path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import textwrap

    data = tmp_path / "data"
    child = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f'''
        import sys
        from pathlib import Path
        from PySide6.QtCore import QCoreApplication
        from korat_desktop.ui.instance_handoff import InstanceHandoff
        app = QCoreApplication([])
        handoff = InstanceHandoff(Path({str(data)!r}))
        assert handoff.listen()
        print("listening", flush=True)
        app.exec()
        ''')], stdout=subprocess.PIPE, text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "listening"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    second = InstanceHandoff(data)
    assert second.may_be_listening()  # the dead instance's socket file is still there
    assert not second.hand_over(["/tmp/a.pdf"])  # nobody answers: start normally
    assert second.listen()  # and take the name over
    second.close()


def test_start_options() -> None:
    options = parse_start_options(["--demo", "--lang", "en", "a.pdf"])
    assert options.demo and options.lang == "en" and options.data_dir is not None
    assert options.files[0].name == "a.pdf"
    assert parse_start_options([]).data_dir is None


def test_inbox_and_outbox_say_not_connected(qtbot, start_desktop) -> None:
    desktop = start_desktop()
    window = desktop.window
    assert desktop.sync.status.state is SyncState.NOT_CONNECTED
    assert not window.sync_widget.sync_now.isEnabled()
    for page, view in ((Page.INBOX, window.inbox_view), (Page.OUTBOX, window.outbox_view)):
        window.go_to(page)
        qtbot.waitUntil(lambda v=view: "ยังไม่ได้เชื่อมต่อ" in v.notice.text(), timeout=10_000)
        assert view.stack.currentIndex() == 0


_FIRST_PAINT_MODULES = r"""
import json, os, sys
from korat_desktop.ui import desktop as desktop_module
from korat_desktop.ui.main import main
real_start = desktop_module.KoratDesktop.start
def start(desktop):
    real_start(desktop)
    window = desktop.window
    def painted():
        print(json.dumps({"painted": window.first_paint_at is not None,
                          "modules": sorted(sys.modules)}), flush=True)
        os._exit(0)
    # first_painted comes right after the paint, once the first page is built: look
    # at what was loaded by the paint itself
    window._after_first_paint = lambda: painted()
desktop_module.KoratDesktop.start = start
main(["--data-dir", sys.argv[1]])
"""


def test_the_first_paint_waits_for_nothing_it_does_not_show(tmp_path, machine_config) -> None:
    """The window paints before the ORM, the core's services, the register tables, the
    network module and Qt's key tables load (they cost most of a second on an office
    PC); this keeps a new import from sneaking in front of the first paint."""
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", _FIRST_PAINT_MODULES, str(tmp_path / "data")],
                         capture_output=True, text=True, timeout=120, env=env)
    line = next((x for x in out.stdout.splitlines() if x.startswith("{")), None)
    assert line is not None, out.stderr[-2000:]
    report = json.loads(line)
    assert report["painted"]
    loaded = set(report["modules"])
    assert "korat_desktop.ui.main_window" in loaded  # it did start the real window
    too_early = sorted(m for m in loaded if m.split(".")[0] == "sqlalchemy" or m.startswith((
        "korat_desktop.store", "korat_desktop.services", "korat_desktop.app",
        "korat_desktop.signing", "korat_desktop.sync", "korat_desktop.domain",
        "korat_desktop.ui.register_view", "korat_desktop.ui.search_view",
        "PySide6.QtNetwork", "PySide6.QtPdf")))
    assert too_early == []
