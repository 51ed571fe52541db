"""The README's first command, in the window: ``korat-desktop --demo``.

A newcomer starts the demo (a local hub, the simulated second office, a SoftHSM test
token, sample letters), registers an incoming letter, then signs a letter with the
demo token and sends it, and sees the second office's receive number come back; then
does it again in English. Run in its own process by test_demo_ui.py (SoftHSM reads
its configuration once per process). Not collected by the main run (no test_).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from korat_desktop.demo.letters import PEER_AGENCY
from korat_desktop.ui.desktop import KoratDesktop
from korat_desktop.ui.start_options import StartOptions
from tests.ui.signing_flow import choose


@pytest.fixture
def demo_desktop(qtbot, qapp, machine_dir: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """``korat-desktop --demo`` on a fresh data dir, as a newcomer runs it (no machine
    config: the demo makes its office, and SoftHSM is found where it is installed)."""
    from korat_desktop.ui import language
    from korat_desktop.ui.fonts import load_thai_font

    qapp.setQuitOnLastWindowClosed(False)
    load_thai_font(qapp)
    language.install("th")
    desktop = KoratDesktop(StartOptions(data_dir=tmp_path / "demo", demo=True), tray=False)
    with qtbot.waitSignal(desktop.demo_token_ready, timeout=120_000) as token_ready:
        desktop.start()
    qtbot.waitUntil(lambda: desktop.office is not None and desktop.demo is not None,
                    timeout=120_000)
    assert not token_ready.args[0].missing, token_ready.args[0]
    yield desktop
    desktop.quit()
    qtbot.waitUntil(lambda: desktop.done, timeout=60_000)


def _send_signed_and_see_the_receipt(qtbot, desktop, path: Path, subject: str,  # type: ignore[no-untyped-def]
                                     queued: str, receipted: str) -> None:
    from korat_desktop.ui.sign_dialog import SignDialog

    window = desktop.window
    token = desktop.demo_token
    dialog = window.send_letter(path)
    picker = dialog.recipients
    qtbot.waitUntil(lambda: any(PEER_AGENCY[0] in picker.list.item(i).text()
                                for i in range(picker.list.count())), timeout=30_000)
    peer = next(picker.list.item(i) for i in range(picker.list.count())
                if PEER_AGENCY[0] in picker.list.item(i).text())
    peer.setCheckState(Qt.CheckState.Checked)
    dialog.form.subject.setText(subject)
    dialog.form.changed.emit()
    qtbot.mouseClick(dialog.issue, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.issued is not None, timeout=30_000)
    entry = dialog.issued.entry
    qtbot.mouseClick(dialog.sign_and_send, Qt.MouseButton.LeftButton)

    sign = next(d for d in window.findChildren(SignDialog) if d.isVisible())
    qtbot.waitUntil(lambda: any(token.label in sign.token.itemText(i)
                                for i in range(sign.token.count())), timeout=30_000)
    choose(sign.token, token.label)
    choose(sign.certificate, token.certificate)
    qtbot.waitUntil(lambda: sign.document.pageCount() >= 1, timeout=20_000)
    sign.pin.insert(token.pin)  # the demo says which PIN to use
    with qtbot.waitSignal(sign.signed, timeout=60_000):
        qtbot.mouseClick(sign.sign, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: queued in window.message.text(), timeout=30_000)
    sign.close()

    document = window.open_entry(entry.id)
    delivery = document.delivery

    def receipt_back() -> bool:
        if receipted in delivery.summary.text():
            return True
        if not desktop.sync.syncing:
            desktop.sync.sync_now()  # the peer office registers within seconds
        return False

    qtbot.waitUntil(receipt_back, timeout=120_000)
    row = delivery.receipts.topLevelItem(0)
    assert PEER_AGENCY[0] in row.text(0)
    assert row.text(2).split("/")[0].isdigit()  # the peer's receive number
    document.close()


def test_readme_demo_in_thai_then_english(qtbot, demo_desktop, letter_files) -> None:
    desktop = demo_desktop
    window = desktop.window
    assert desktop.demo_token.pin in window.demo_note.text()  # the demo says its PIN
    qtbot.waitUntil(lambda: window.receive_view.model.rowCount() >= 3, timeout=30_000)

    # register an incoming letter (the sample letters are there already)
    first, second, third = letter_files(3)
    dialog = window.receive_letters([first])
    dialog.form.subject.setText("ขอเชิญประชุมคณะกรรมการจังหวัด")
    with qtbot.waitSignal(dialog.registered, timeout=30_000) as registered:
        qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    number = registered.args[0].entries[0].number
    assert f"{number}/" in dialog.outcome.text()
    dialog.close()

    _send_signed_and_see_the_receipt(qtbot, desktop, second, "แจ้งผลการประชุม",
                                     queued="เข้าคิวส่ง 1 ฉบับ",
                                     receipted="ผู้รับลงรับแล้ว 1 จาก 1")

    desktop.set_language("en")
    window = desktop.window
    assert window.navigation.item(0).text() == "Receive register"
    assert desktop.demo_token.pin in window.demo_note.text()
    _send_signed_and_see_the_receipt(qtbot, desktop, third, "Meeting report",
                                     queued="queued 1 letter",
                                     receipted="Registered by 1 of 1 recipients")
