"""The signing dialog names each letter by its register number and the version signed,
never by its database id (issue 14 item 5: "ฉบับที่ 5: ลงนามแล้ว")."""

from __future__ import annotations

from pathlib import Path

from korat_desktop.domain.registers import RegisterKind
from tests.sync.harness import make_p12


def test_each_result_names_the_register_number_and_the_version(
        qtbot, start_desktop, seeded_dir, tmp_path: Path) -> None:
    from korat_desktop.ui.sign_dialog import SignDialog

    # two received letters first, so the send register's ids and numbers differ
    desktop = start_desktop(seeded_dir(receive=2, send=3))
    operations = desktop.operations
    entries = operations.register_page(RegisterKind.SEND, None, 0, 10)
    qtbot.waitUntil(lambda: entries.done, timeout=10_000)
    entry = next(e for e in entries.result if e.number == 3)
    assert entry.id != entry.number

    p12 = make_p12(tmp_path / "office.p12", "p12-password")
    opened = operations.courier.open_file_signer(p12, "p12-password")
    qtbot.waitUntil(lambda: opened.done, timeout=10_000)
    signing = operations.sign([entry.id], opened.result, None)
    qtbot.waitUntil(lambda: signing.done, timeout=30_000)
    report = signing.result
    assert report is not None and report.all_signed, signing.error

    dialog = SignDialog(operations, [entry.id], desktop.tokens, desktop.window)
    qtbot.addWidget(dialog)
    dialog.show_report(report)
    line = dialog.results.item(0).text()
    assert line.startswith(f"เลขส่ง 3/{entry.year_be} รุ่นที่ 2: ลงนามแล้ว"), line
    assert f"ฉบับที่ {entry.id}" not in line
    operations.close_signer(opened.result)
