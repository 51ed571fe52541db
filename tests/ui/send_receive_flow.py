"""A → B from the desktop, signed on a SoftHSM token: run in its own process by
test_send_receive_ui.py (SoftHSM reads its configuration once per process).

The desktop is agency A (นม 0017.1); agency B (นม 0023.4) is a ``korat`` device on the
same real hub. A addresses the letter to B from the directory, issues the number,
"sign and send" signs it on the token and queues it; B registers it; A sees B's
receive number in the letter's การส่ง tab. Not collected by the main run (no test_).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt

from tests.server.hub_harness import AGENCY_A, AGENCY_B, ThreadedHub
from tests.sync.conftest import hub, keyring_file, make_device
from tests.sync.harness import Device
from tests.ui.signing_flow import sign_in_the_open_dialog, signing_config, signing_env

__all__ = ["hub", "keyring_file", "make_device", "signing_config", "signing_env"]


def test_send_signed_letter_and_see_the_receipt_come_back(
        qtbot, start_desktop, letter_files, signing_config: Path, hub: ThreadedHub,
        make_device: Callable[..., Device]) -> None:
    a = make_device("a", AGENCY_A)
    a.login(hub.url, "clerk-a")
    b = make_device("b", AGENCY_B)
    b.login(hub.url, "clerk-b")
    desktop = start_desktop(a.root)
    window = desktop.window
    [path] = letter_files(1)

    dialog = window.send_letter(path)
    picker = dialog.recipients
    qtbot.waitUntil(lambda: picker.list.count() == 2, timeout=10_000)  # B and C, not us
    assert picker.isVisible()
    picker.filter.setText("0023")
    shown = [picker.list.item(i) for i in range(2) if not picker.list.item(i).isHidden()]
    assert len(shown) == 1 and AGENCY_B in shown[0].text()
    shown[0].setCheckState(Qt.CheckState.Checked)
    dialog.form.subject.setText("ขอเชิญประชุมคณะกรรมการจังหวัด")
    dialog.form.changed.emit()
    assert dialog.issue.isEnabled()  # agencies chosen: the free-text ถึง may stay empty
    qtbot.mouseClick(dialog.issue, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.issued is not None, timeout=20_000)
    entry = dialog.issued.entry
    assert entry.recipient == "สำนักงานสาธารณสุขจังหวัด"
    assert dialog.sign_and_send.isVisible()
    qtbot.mouseClick(dialog.sign_and_send, Qt.MouseButton.LeftButton)

    sign = sign_in_the_open_dialog(qtbot, window)
    qtbot.waitUntil(lambda: "เข้าคิวส่ง 1 ฉบับ" in window.message.text(), timeout=20_000)
    sign.close()
    qtbot.waitUntil(lambda: not desktop.sync.syncing, timeout=60_000)

    document = window.open_entry(entry.id)
    delivery = document.delivery
    qtbot.waitUntil(lambda: "ผู้รับลงรับแล้ว 0 จาก 1" in delivery.summary.text(),
                    timeout=30_000)

    run = b.korat("sync", "--once")
    assert run.code == 0, run.err
    item = b.korat("inbox", "--json").json[0]
    received = b.korat("inbox", "register", str(item["id"]), "--json").json
    assert b.korat("sync", "--once").code == 0  # the receipt goes back

    desktop.sync.sync_now()
    qtbot.waitUntil(lambda: "ผู้รับลงรับแล้ว 1 จาก 1" in delivery.summary.text(),
                    timeout=60_000)
    row = delivery.receipts.topLevelItem(0)
    assert row.text(1) == "ลงรับแล้ว"
    assert row.text(2) == f"{received['number']}/{received['year_be']}"
    assert AGENCY_B in row.text(0)
    document.close()
