"""The desktop app against a real hub on loopback: signing in, the inbox, drafts, order.

Agency A (นม 0017.1) is the desktop; agency B (นม 0023.4) is a ``korat`` device on the
same hub. Device tokens go to a file keyring (tests/sync/file_keyring.py). Signing
with a SoftHSM token and the receipt coming back run in a child process
(test_send_receive_ui.py), for the same reason as test_signing.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from korat_desktop.domain.letters import Urgency
from korat_desktop.domain.registers import RegisterKind
from korat_desktop.ui.sync_bridge import SyncState
from tests.server.hub_harness import AGENCY_A, AGENCY_B, ThreadedHub
from tests.sync.conftest import hub, keyring_file, make_device
from tests.sync.harness import FAST_SETTINGS, Device, letter_pdf

__all__ = ["hub", "keyring_file", "make_device"]  # the sync tests' fixtures, used here


def _fast(data: Path) -> None:
    from korat_desktop.config import dump_toml

    data.mkdir(parents=True, exist_ok=True)
    (data / "settings.toml").write_text(dump_toml(FAST_SETTINGS), encoding="utf-8")


def test_sign_in_with_a_wrong_password_first(qtbot, start_desktop, hub: ThreadedHub,
                                             keyring_file: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    _fast(data)
    desktop = start_desktop(data)
    window = desktop.window
    window.hub_url = hub.url
    dialog = window.sign_in()
    assert dialog.hub_url.text() == hub.url
    dialog.username.setText("clerk-a")
    dialog.password.setText("wrong-password")
    qtbot.mouseClick(dialog.sign_in, Qt.MouseButton.LeftButton)
    assert dialog.password.text() == ""  # cleared the moment it was used
    qtbot.waitUntil(lambda: "ไม่ถูกต้อง" in dialog.message.text(), timeout=20_000)
    assert dialog.message.text() == "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"
    assert dialog.isVisible()

    dialog.password.setText("pw-a")
    with qtbot.waitSignal(dialog.signed_in, timeout=20_000) as signed:
        qtbot.mouseClick(dialog.sign_in, Qt.MouseButton.LeftButton)
    assert dialog.password.text() == ""
    assert signed.args[0].agency_code == AGENCY_A
    qtbot.waitUntil(lambda: desktop.sync.status.state is not SyncState.NOT_CONNECTED,
                    timeout=20_000)
    token = keyring_file.read_text(encoding="utf-8")
    assert len(token) > 20
    secret = next(iter(json.loads(token).values()))
    for path in data.rglob("*"):  # the device token is in the keyring, nowhere in the data
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
    assert not window.signin_action.isEnabled()


def test_an_urgent_letter_arrives_is_announced_and_registered(
        qtbot, start_desktop, hub: ThreadedHub, make_device: Callable[..., Device],
        tmp_path: Path) -> None:
    desk = make_device("desk", AGENCY_A)
    desk.login(hub.url, "clerk-a")
    other = make_device("other", AGENCY_B)
    other.login(hub.url, "clerk-b")
    desktop = start_desktop(desk.root)
    window = desktop.window
    desktop.sync.start()
    qtbot.waitUntil(lambda: desktop.sync.status.state is SyncState.UP_TO_DATE
                    and not desktop.sync.syncing and desktop.sync._seen_inbox is not None,
                    timeout=30_000)  # connected: it synced once by itself

    entry = other.send("ขอเชิญประชุมด่วนที่สุด", [AGENCY_A], None, "--urgency", "ด่วนที่สุด")
    assert other.korat("queue", str(entry), "--allow-unsigned").code == 0
    assert other.korat("sync", "--once").code == 0
    with qtbot.waitSignal(desktop.urgent_notified, timeout=30_000) as notified:
        desktop.sync.sync_now()
    assert notified.args[0][0].item.subject == "ขอเชิญประชุมด่วนที่สุด"
    assert "หนังสือด่วนเข้า 1 ฉบับ" in window.message.text()

    window.go_to(2)  # หนังสือเข้า
    inbox = window.inbox_view
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 1 and inbox.stack.currentIndex() == 1,
                    timeout=10_000)
    assert inbox.model.data(inbox.model.index(0, 0)) == "รอลงรับ"
    assert inbox.model.data(inbox.model.index(0, 1)) == "ด่วนที่สุด"
    inbox.table.selectRow(0)
    assert inbox.register_button.isEnabled()
    with qtbot.waitSignal(inbox.registered, timeout=30_000) as registered:
        qtbot.mouseClick(inbox.register_button, Qt.MouseButton.LeftButton)
    number = f"{registered.args[0].entry.number}/{registered.args[0].entry.year_be}"
    assert inbox.result.text() == f"ลงรับแล้ว เลขรับ {number}"
    qtbot.waitUntil(lambda: inbox.model.data(inbox.model.index(0, 0)) ==
                    f"ลงรับแล้ว เลขรับ {number}", timeout=10_000)
    model = window.receive_view.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10_000)
    assert model.entry(0).subject == "ขอเชิญประชุมด่วนที่สุด"

    window.go_to(4)  # รอส่ง: the delivery receipt waits to go out, then goes
    outbox = window.outbox_view
    qtbot.waitUntil(lambda: outbox.model.rowCount() == 1, timeout=10_000)
    assert outbox.model.data(outbox.model.index(0, 1)) == "ใบตอบรับหนังสือ"
    desktop.sync.sync_now()
    qtbot.waitUntil(lambda: outbox.model.data(outbox.model.index(0, 0)) ==
                    "ส่งถึงระบบกลางแล้ว", timeout=30_000)


def test_drafts_are_kept_edited_and_issued(qtbot, start_desktop, letter_files) -> None:
    desktop = start_desktop()
    window = desktop.window
    [path] = letter_files(1)
    dialog = window.send_letter(path)
    dialog.form.subject.setText("ขออนุมัติโครงการพัฒนาแหล่งน้ำ")
    dialog.form.subject.textEdited.emit("x")
    assert not dialog.recipients.isVisible()  # not connected: free text only
    assert dialog.save_draft.isEnabled() and not dialog.issue.isEnabled()
    qtbot.mouseClick(dialog.save_draft, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.draft is not None, timeout=10_000)
    dialog.close()

    window.go_to(3)  # ร่าง
    drafts = window.drafts_view
    qtbot.waitUntil(lambda: drafts.model.rowCount() == 1, timeout=10_000)
    assert window.send_view.model.total == 0  # a draft takes no number
    drafts.table.selectRow(0)
    edit = window.open_draft(drafts.selected())
    qtbot.waitUntil(lambda: edit.form.subject.text() == "ขออนุมัติโครงการพัฒนาแหล่งน้ำ",
                    timeout=5_000)
    edit.form.recipient.setText("อำเภอพิมาย")
    edit.form.urgency.setCurrentIndex(edit.form.urgency.findData(Urgency.VERY_URGENT))
    edit.form.changed.emit()
    assert edit.issue.isEnabled()
    with qtbot.waitSignal(window.send_view.model.total_changed, timeout=20_000):
        qtbot.mouseClick(edit.issue, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: edit.issued is not None, timeout=10_000)
    entry = edit.issued.entry
    assert (entry.recipient, entry.urgency, entry.letter_number) == (
        "อำเภอพิมาย", Urgency.VERY_URGENT, "นม 0017.1/1")
    qtbot.waitUntil(lambda: drafts.model.rowCount() == 0, timeout=10_000)
    assert drafts.stack.currentIndex() == 0  # the notice: no drafts

    second = window.send_letter(path)
    second.form.subject.setText("ทิ้ง")
    second.form.changed.emit()
    qtbot.mouseClick(second.save_draft, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: drafts.model.rowCount() == 1, timeout=10_000)
    drafts.table.selectRow(0)
    drafts.delete_selected(confirm=False)
    qtbot.waitUntil(lambda: drafts.model.rowCount() == 0, timeout=10_000)


def test_registers_show_the_most_urgent_first(qtbot, start_desktop, tmp_path: Path,
                                              machine_config: Path) -> None:
    from korat_desktop.app import open_app
    from korat_desktop.services.registration import LetterIntake

    data = tmp_path / "data"
    app = open_app(data, write=True, create=True)
    try:
        app.office.init("นม 0017.1", "สำนักงานจังหวัดนครราชสีมา")
        pdf = letter_pdf()
        urgencies = [Urgency.NORMAL, Urgency.URGENT, Urgency.NORMAL, Urgency.MOST_URGENT,
                     Urgency.VERY_URGENT]
        app.registration.receive_many([(pdf, LetterIntake(
            subject=f"เรื่อง {i}", sender="อำเภอพิมาย", urgency=u))
            for i, u in enumerate(urgencies, start=1)])
    finally:
        app.close()
    desktop = start_desktop(data)
    model = desktop.window.receive_view.model
    qtbot.waitUntil(lambda: model.rowCount() == 5, timeout=10_000)
    assert [model.entry(r).number for r in range(5)] == [4, 5, 2, 3, 1]
    assert desktop.window.receive_view.register is RegisterKind.RECEIVE


@pytest.fixture(autouse=True)
def _quiet_keyring(keyring_file: Path) -> Path:
    return keyring_file
