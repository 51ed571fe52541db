""""Sign and send by courier" from the send dialog, signed on a SoftHSM token: run in its
own process by test_courier_send_ui.py (SoftHSM reads its configuration once per process).

Office A never connects: it has a directory and courier keys (tests/courier/offices.py).
The clerk addresses a letter to B, issues its number, signs it on the token, and the
courier dialog opens with the letter ticked; the bundle is signed on the same token
(the directory lists that certificate as a signer for A), written to the "stick", and
B imports it with the CLI. Not collected by the main run (no test_).
"""

from __future__ import annotations

from pathlib import Path

from asn1crypto import pem
from PySide6.QtCore import Qt

from tests.courier.file_keys import FileCourierKeys
from tests.courier.offices import AGENCY_A, AGENCY_B, courier_pki, make_office
from tests.support.env import PIN, SigningEnv
from tests.sync.conftest import keyring_file, make_device
from tests.ui.signing_flow import choose, sign_in_the_open_dialog, signing_config, signing_env

__all__ = ["courier_pki", "keyring_file", "make_device", "make_office", "signing_config",
           "signing_env"]


def test_sign_and_send_by_courier_on_a_token(qtbot, start_desktop, letter_files, make_office,
                                             signing_config: Path, signing_env: SigningEnv,
                                             tmp_path: Path) -> None:
    from korat_desktop.ui.courier_dialog import CourierExportDialog

    a = make_office("a", AGENCY_A)
    b = make_office("b", AGENCY_B)
    desktop = start_desktop(a.root)
    window = desktop.window
    [path] = letter_files(1)

    dialog = window.send_letter(path)
    picker = dialog.recipients
    qtbot.waitUntil(lambda: picker.list.count() == 2, timeout=10_000)  # the directory, not us
    item = next(picker.list.item(i) for i in range(2) if AGENCY_B in picker.list.item(i).text())
    item.setCheckState(Qt.CheckState.Checked)
    dialog.form.subject.setText("ขอเชิญประชุมทางพนักงานนำสาร")
    dialog.form.changed.emit()
    qtbot.mouseClick(dialog.issue, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.issued is not None, timeout=20_000)
    assert dialog.sign_and_courier.isVisible()
    qtbot.mouseClick(dialog.sign_and_courier, Qt.MouseButton.LeftButton)

    sign_in_the_open_dialog(qtbot, window).close()

    # queued, then ส่งทางพนักงานนำสาร opens with the letter ticked
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(CourierExportDialog)),
                    timeout=20_000)
    courier = next(d for d in window.findChildren(CourierExportDialog) if d.isVisible())
    qtbot.waitUntil(lambda: len(courier.op_ids()) == 1, timeout=10_000)
    assert "ขอเชิญประชุมทางพนักงานนำสาร" in courier.letters.item(0).text()
    chooser = courier.signer_picker
    qtbot.waitUntil(lambda: chooser.token.count() >= 4, timeout=20_000)
    choose(chooser.token, "KORAT-A")
    choose(chooser.certificate, "somchai-rsa")
    listing = chooser.listing()
    assert listing is not None
    token_cert = next(c for c in listing.certificates if c.label == "somchai-rsa").certificate()
    card = pem.armor("CERTIFICATE", token_cert.dump()).decode()
    for office in (a, b):  # the directory lists the clerk's card as a signer for A
        keys = FileCourierKeys.load(office.root)
        keys.sign[AGENCY_A].append(card)
        keys.roots.append(signing_env.trust_root_pem.read_text())
        keys.save(office.root)
    stick = tmp_path / "stick"
    stick.mkdir()
    courier.set_folder(stick)
    chooser.pin.insert(PIN)
    assert courier.export_button.isEnabled(), courier.message.text()
    qtbot.mouseClick(courier.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not courier._busy, timeout=60_000)
    assert chooser.pin.text() == "", courier.message.text()
    assert courier.report is not None, courier.message.text()
    [bundle] = courier.report.files
    assert bundle.parent == stick and "หนังสือ 1 รายการ" in courier.message.text()
    courier.close()

    run = b.import_(bundle)  # signed on the card, and B trusts that signer for A
    assert run.code == 0 and run.json[0]["ok"], run.out + run.err
    items = b.korat("inbox", "--json").json
    assert [i["subject"] for i in items] == ["ขอเชิญประชุมทางพนักงานนำสาร"]
