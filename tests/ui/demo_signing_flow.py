"""The demo's signing, as a newcomer meets it: only the demo's own token is offered,
already chosen as the status bar says, and a fresh signature goes B-B → B-LT with the
demo's live TSA/OCSP and then reads as confirmed. Run in its own process by
test_demo_ui.py (SoftHSM reads its configuration once per process); not collected by
the main run (no test_ prefix).
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.demo_flow import demo_desktop  # noqa: F401 - the fixture


def test_demo_offers_its_token_and_the_signature_reaches_b_lt(qtbot, demo_desktop) -> None:  # noqa: F811
    desktop = demo_desktop
    window = desktop.window
    token = desktop.demo_token
    assert token.tsa_url and f"{token.label}" in window.demo_note.text()
    assert token.certificate in window.demo_note.text()

    dialog = window.sign_entries([4])  # the sample letter we send (ขออนุมัติงบประมาณ…)
    qtbot.waitUntil(lambda: dialog.token.count() > 0 and dialog.certificate.count() > 0,
                    timeout=30_000)
    # the demo's token only (not the suite's PIN-pad, locked or pulled-out ones), and the
    # certificate the status bar names already chosen
    labels = [dialog.token.itemText(i) for i in range(dialog.token.count())]
    assert len(labels) == 1 and token.label in labels[0], labels
    assert token.certificate in dialog.certificate.currentText()
    assert dialog.signer_picker.chosen_certificate() is not None
    qtbot.waitUntil(lambda: dialog.document.pageCount() >= 1, timeout=20_000)
    dialog.pin.insert(token.pin)
    with qtbot.waitSignal(dialog.signed, timeout=60_000) as signed:
        qtbot.mouseClick(dialog.sign, Qt.MouseButton.LeftButton)
    assert signed.args[0].all_signed
    dialog.close()

    levels: list[str | None] = []

    def confirmed() -> bool:
        job = desktop.operations.detail(4)
        qtbot.waitUntil(lambda: job.done, timeout=10_000)
        levels.append(job.result.entry.signature_level if job.result else None)
        if levels[-1] == "b-lt":
            return True
        if not desktop.sync.syncing:
            desktop.sync.sync_now()  # the next sync upgrades with the demo's TSA/OCSP
        return False

    qtbot.waitUntil(confirmed, timeout=120_000)
    assert levels[0] == "b-b" or "b-b" not in levels[1:]  # first B-B, then B-LT

    document = window.open_entry(4)
    tree = document.signatures.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() >= 1
                    and tree.topLevelItem(0).text(0) == "ถูกต้อง", timeout=60_000)
    top = tree.topLevelItem(0).text(1)
    assert "สมชาย" in top and "ตรวจได้ระยะยาว" in top and "B-LT" not in top
    signer = next(tree.topLevelItem(0).child(i) for i in range(tree.topLevelItem(0).childCount())
                  if tree.topLevelItem(0).child(i).text(0) == "ผู้ลงนาม")
    assert "CN=" not in signer.text(1) and "สำนักงานจังหวัดนครราชสีมา" in signer.text(1)
    assert "CN=" in signer.toolTip(1)  # the raw name stays there for IT
    document.close()
