"""ส่งทางพนักงานนำสาร from the window, against the real courier service.

Offices are the courier tests' (tests/courier/offices.py): real SQLite stores, the real
``korat`` CLI, real certificates, courier keys from a file in each data folder. The
desktop is office A or B; the other side is driven with the CLI. The bundle is signed
with the office's PKCS#12 certificate (the token path is the sign dialog's, tested in
test_signing.py); the drive is a folder, as QStorageInfo shows one.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from korat_desktop.messages import render
from korat_desktop.ui.page_stack import Page
from tests.courier.file_keys import P12_PASSWORD
from tests.courier.offices import (
    AGENCY_A,
    AGENCY_B,
    Office,
    courier_hub,
    courier_pki,
    make_office,
    relay_offices,
)
from tests.support.tmpfs import mounted_tmpfs, needs_root
from tests.sync.conftest import keyring_file, make_device
from tests.ui.test_receive import drop_files

__all__ = ["courier_hub", "courier_pki", "keyring_file", "make_device", "make_office"]


def _stick(tmp_path: Path, name: str = "stick") -> Path:
    stick = tmp_path / name
    stick.mkdir(exist_ok=True)
    return stick


def _courier_dialog(qtbot, window, office: Office, ops: int = 1):  # type: ignore[no-untyped-def]
    """Open ส่งทางพนักงานนำสาร from the outbox with its first row chosen, signer filled."""
    window.go_to(Page.OUTBOX)
    outbox = window.outbox_view
    qtbot.waitUntil(lambda: outbox.model.rowCount() == ops, timeout=10_000)
    outbox.table.selectRow(0)
    qtbot.mouseClick(outbox.courier_button, Qt.MouseButton.LeftButton)
    dialog = window.dialogs[-1]
    qtbot.waitUntil(lambda: dialog.letters.count() == ops, timeout=10_000)
    assert dialog.op_ids() == [outbox.selected().op.op_id]  # the chosen row is ticked
    _office_signer(dialog, office)
    return dialog


def _office_signer(dialog, office: Office) -> None:  # type: ignore[no-untyped-def]
    dialog.signer_picker.use_file.setChecked(True)
    dialog.signer_picker.file.setText(str(office.pki.p12(office.agency, office.root)))
    dialog.signer_picker.password.setText(P12_PASSWORD)


def test_the_chosen_letter_goes_onto_the_drive(qtbot, start_desktop, make_office,
                                               tmp_path: Path) -> None:
    a = make_office("a", AGENCY_A)
    make_office("b", AGENCY_B)
    _entry, op_id = a.letter("ขอเชิญประชุมทางพนักงานนำสาร", [AGENCY_B])
    desktop = start_desktop(a.root)
    window = desktop.window
    dialog = _courier_dialog(qtbot, window, a)
    stick = _stick(tmp_path)
    dialog.set_folder(stick)
    assert dialog.export_button.isEnabled()
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as exported:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.signer_picker.password.text() == ""  # cleared the moment it was used
    result = exported.args[0]
    [bundle] = list(stick.iterdir())  # the bundle, and no temp file left beside it
    assert bundle.suffix == ".korat" and result.files == (bundle,)
    assert dialog.files.item(0).text() == bundle.name
    text = dialog.message.text()
    assert text.startswith("เขียนแล้ว 1 ไฟล์ หนังสือ 1 รายการ ขนาด ") and str(stick) in text
    dialog.close()

    outbox = window.outbox_view  # the op stays (a bundle can be lost) and names its bundle
    qtbot.waitUntil(lambda: outbox.model.data(outbox.model.index(0, 4)) == bundle.name,
                    timeout=10_000)
    assert outbox.model.row(0).op.op_id == op_id

    window.go_to(Page.COURIER)
    log = window.courier_log_view
    qtbot.waitUntil(lambda: log.model.rowCount() == 1, timeout=10_000)
    cells = [log.model.data(log.model.index(0, c)) for c in range(log.model.columnCount())]
    assert cells[1:5] == ["ส่งออก", f"ถึง {AGENCY_B}", "1", "0/1"]
    assert cells[6] == bundle.name
    assert "25" in cells[0]  # a Buddhist Era year (25xx)
    assert log.ops_model.data(log.ops_model.index(0, 0)) == \
        "หนังสือ เรื่อง ขอเชิญประชุมทางพนักงานนำสาร"
    assert log.ops_model.data(log.ops_model.index(0, 2)) == "ยังไม่ตอบรับ"


def test_everything_waiting_for_an_agency_goes_and_a_letter_can_come_chosen(
        qtbot, start_desktop, make_office, tmp_path: Path) -> None:
    a = make_office("a", AGENCY_A)
    make_office("b", AGENCY_B)
    a.letter("เรื่องที่หนึ่ง", [AGENCY_B])
    second, second_op = a.letter("เรื่องที่สอง", [AGENCY_B])
    desktop = start_desktop(a.root)
    window = desktop.window
    dialog = window.courier_export(entry_ids=[second])  # as "sign and send by courier" does
    qtbot.waitUntil(lambda: dialog.letters.count() == 2 and dialog.agencies.count() > 0,
                    timeout=10_000)
    assert dialog.op_ids() == [second_op]
    dialog.by_agencies.setChecked(True)
    assert dialog.agency_codes() == [] and not dialog.export_button.isEnabled()
    codes = [dialog.agencies.item(i).data(Qt.ItemDataRole.UserRole)
             for i in range(dialog.agencies.count())]
    assert AGENCY_A not in codes  # not to ourselves
    dialog.agencies.item(codes.index(AGENCY_B)).setCheckState(Qt.CheckState.Checked)
    _office_signer(dialog, a)
    assert dialog.by_agencies.isChecked()  # choosing the signer leaves "what" alone
    dialog.set_folder(_stick(tmp_path))
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as exported:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert exported.args[0].operations == 2
    assert dialog.message.text().startswith("เขียนแล้ว 1 ไฟล์ หนังสือ 2 รายการ")


@contextlib.contextmanager
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may write in: by permissions, or (root may write anywhere) a
    read-only file system mounted on it."""
    if os.geteuid() == 0:
        with mounted_tmpfs(tmp_path / "locked", "64k", read_only=True) as folder:
            yield folder
        return
    folder = _stick(tmp_path, "locked")
    folder.chmod(0o555)
    try:
        yield folder
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_read_only_drive_is_said_before_anyone_signs(qtbot, start_desktop, make_office,
                                                       tmp_path: Path, lang: str) -> None:
    a = make_office("a", AGENCY_A)
    make_office("b", AGENCY_B)
    a.letter("ขอเชิญประชุม", [AGENCY_B])
    desktop = start_desktop(a.root, lang=lang)
    dialog = _courier_dialog(qtbot, desktop.window, a)
    with read_only_folder(tmp_path) as locked:
        dialog.set_folder(locked)
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        said = {render(code, lang, {"path": str(locked)})
                for code in ("file.read_only", "file.no_permission")}
        qtbot.waitUntil(lambda: dialog.message.text() in said, timeout=10_000)
        assert list(locked.iterdir()) == []
    assert dialog.signer_picker.password.text() == P12_PASSWORD  # no login was tried
    assert dialog.export_button.isEnabled()  # another drive can be tried at once
    assert dialog.report is None


@needs_root
def test_a_full_stick_is_said_plainly_and_keeps_no_half_bundle(qtbot, start_desktop,
                                                                make_office,
                                                                tmp_path: Path) -> None:
    a = make_office("a", AGENCY_A)
    make_office("b", AGENCY_B)
    a.letter("ขอเชิญประชุม", [AGENCY_B])
    desktop = start_desktop(a.root)
    dialog = _courier_dialog(qtbot, desktop.window, a)
    with mounted_tmpfs(tmp_path / "small", "8k") as small:
        dialog.set_folder(small)
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog._busy, timeout=60_000)
        assert dialog.message.text().startswith("พื้นที่ดิสก์เต็ม"), dialog.message.text()
        assert list(small.iterdir()) == []  # the temp file went too
    assert dialog.report is None and dialog.files.isHidden()


def test_dropped_bundles_import_each_on_its_own_and_the_log_shows_both_ways(
        qtbot, start_desktop, make_office, tmp_path: Path) -> None:
    a = make_office("a", AGENCY_A)
    b = make_office("b", AGENCY_B)
    a.letter("ขอเชิญประชุมทางพนักงานนำสาร", [AGENCY_B])
    stick = _stick(tmp_path)
    run = a.export(stick, "--to-agency", AGENCY_B)
    assert run.code == 0, run.err
    to_b = Path(run.json["files"][0])
    assert b.import_(to_b).code == 0  # B takes it, registers it, and answers by stick
    item = b.korat("inbox", "--json").json[0]
    assert b.korat("inbox", "register", str(item["id"])).code == 0
    back = b.export(_stick(tmp_path, "back"), "--to-agency", AGENCY_A)
    assert back.code == 0, back.err
    receipt = Path(back.json["files"][0])
    broken = tmp_path / "broken.korat"
    broken.write_bytes(receipt.read_bytes()[: receipt.stat().st_size // 2])

    desktop = start_desktop(a.root)
    window = desktop.window
    drop_files(window, [broken, receipt])
    dialog = window.dialogs[-1]
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)
    lines = [dialog.items.item(i).text() for i in range(dialog.items.count())]
    assert lines[0].startswith("broken.korat: ไม่ได้นำเข้า — ")
    assert lines[1] == f"{receipt.name}: นำเข้าแล้ว เก็บที่นี่ 1 รายการ ส่งต่อระบบกลาง 0 รายการ " \
                       "มีอยู่แล้ว 0 รายการ"
    assert dialog.message.text() == "นำเข้าได้ 1 จาก 2 ชุด"

    window.go_to(Page.COURIER)
    log = window.courier_log_view
    qtbot.waitUntil(lambda: log.model.rowCount() == 2, timeout=10_000)
    rows = [[log.model.data(log.model.index(r, c)) for c in (1, 2, 4)] for r in range(2)]
    assert rows == [["รับเข้า", f"จาก {AGENCY_B}", "1/1"],
                    ["ส่งออก", f"ถึง {AGENCY_B}", "1/1"]]  # B's receipt acknowledged it
    log.table.selectRow(1)
    assert log.ops_model.data(log.ops_model.index(0, 2)) == "ตอบรับแล้ว"


def test_a_dropped_bundle_brings_the_letter_into_the_inbox(qtbot, start_desktop, make_office,
                                                          tmp_path: Path) -> None:
    a = make_office("a", AGENCY_A)
    b = make_office("b", AGENCY_B)
    a.letter("ขอเชิญประชุมทางพนักงานนำสาร", [AGENCY_B])
    run = a.export(_stick(tmp_path), "--to-agency", AGENCY_B)
    assert run.code == 0, run.err
    desktop = start_desktop(b.root)
    window = desktop.window
    drop_files(window, [Path(run.json["files"][0])])
    dialog = window.dialogs[-1]
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)
    assert dialog.report.items[0].ok
    window.go_to(Page.INBOX)
    inbox = window.inbox_view
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 1 and inbox.stack.currentIndex() == 1,
                    timeout=10_000)
    assert inbox.model.row(0).item.subject == "ขอเชิญประชุมทางพนักงานนำสาร"


def test_a_relay_office_carries_what_waits_at_the_hub_for_an_offline_one(
        qtbot, start_desktop, make_office, courier_hub, tmp_path: Path) -> None:
    a, d, b = relay_offices(make_office, courier_hub)  # A never signs in
    b.letter("แจ้งผลการพิจารณางบประมาณ", [AGENCY_A])
    assert b.korat("sync", "--once").code == 0  # it waits at the hub for A
    assert d.korat("sync", "--once").code == 0  # D's directory: D relays for A

    desktop = start_desktop(d.root)
    window = desktop.window
    dialog = window.courier_export()
    qtbot.waitUntil(lambda: dialog.for_relay.isVisibleTo(dialog), timeout=10_000)
    assert [dialog.relayed.itemData(i) for i in range(dialog.relayed.count())] == [AGENCY_A]
    dialog.for_relay.setChecked(True)
    assert dialog.for_agency() == AGENCY_A and dialog.op_ids() == []
    _office_signer(dialog, d)
    dialog.set_folder(_stick(tmp_path))
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as exported:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    [bundle] = exported.args[0].files
    dialog.close()

    [item] = a.import_(bundle).json  # A, offline, gets B's letter from D's stick
    assert item["ok"], item
    assert [i["subject"] for i in a.korat("inbox", "--json").json] == [
        "แจ้งผลการพิจารณางบประมาณ"]
    window.go_to(Page.COURIER)
    log = window.courier_log_view
    qtbot.waitUntil(lambda: log.model.rowCount() == 1, timeout=10_000)
    assert log.model.data(log.model.index(0, 2)) == f"ถึง {AGENCY_A}"
    assert log.ops_model.data(log.ops_model.index(0, 1)) == "จากระบบกลาง (นำส่งแทน)"


def test_a_stick_plugged_in_with_bundles_is_offered_and_imported(
        qtbot, start_desktop, make_office, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from korat_desktop.ui.drives import Drive

    a = make_office("a", AGENCY_A)
    b = make_office("b", AGENCY_B)
    a.letter("ขอเชิญประชุมทางพนักงานนำสาร", [AGENCY_B])
    stick = _stick(tmp_path)
    assert a.export(stick, "--to-agency", AGENCY_B).code == 0
    desktop = start_desktop(b.root)
    window = desktop.window
    mounted: list[Drive] = []
    window.drive_watch.list_drives = lambda: list(mounted)  # the OS's mount table
    window.drive_watch.poll()
    mounted.append(Drive(stick, "KINGSTON", 1000, 2000))
    window.drive_watch.poll()
    prompt = window.bundle_prompt
    assert prompt is not None and prompt.text() == "พบชุดเอกสารจากพนักงานนำสาร 1 ชุด — นำเข้า?"
    qtbot.mouseClick(prompt.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    dialog = window.dialogs[-1]
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)
    assert dialog.message.text() == "นำเข้าได้ 1 จาก 1 ชุด"
    qtbot.waitUntil(lambda: "นำเข้าชุดเอกสารได้ 1 จาก 1 ชุด" in window.message.text(),
                    timeout=10_000)
