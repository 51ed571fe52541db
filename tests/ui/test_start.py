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
        qtbot.wait(200)
        assert view.stack.currentIndex() == 0
        assert "ยังไม่ได้เชื่อมต่อ" in view.notice.text()
