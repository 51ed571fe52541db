"""Which certificate the sign dialog offers: run in its own process by test_signing.py.

The suite's tokens hold an expired, a not-yet-valid and a non-signing certificate beside
good ones (KORAT-B), a PIN-locked token and several good certificates elsewhere. The
dialog must never offer a certificate that cannot sign, must grey those with the reason
(Buddhist-Era dates), and after a signature must offer the same one first next time.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel

from tests.support.env import PIN
from tests.ui.signing_flow import choose, signing_config, signing_env  # noqa: F401 - fixtures


def _item(combo, text: str):  # type: ignore[no-untyped-def]
    model = combo.model()
    assert isinstance(model, QStandardItemModel)
    return next(model.item(i) for i in range(combo.count()) if text in combo.itemText(i))


def test_no_wrong_default_and_the_last_one_is_remembered(
        qtbot, start_desktop, seeded_dir, signing_config, signing_env) -> None:  # noqa: F811
    desktop = start_desktop(seeded_dir(send=2))
    window = desktop.window
    dialog = window.sign_entries([1])
    qtbot.waitUntil(lambda: dialog.token.count() >= 4, timeout=20_000)
    # several certificates could sign and none was used yet: nobody is picked for the clerk
    first = dialog.signer_picker.listing()
    assert first is not None and first.usable()  # a token that can sign, not KORAT-LOCKED
    assert (dialog.signer_picker.chosen_certificate() is None) == (len(first.usable()) > 1)
    assert dialog.signer_picker.chosen_certificate() is not None or not dialog.sign.isEnabled()

    choose(dialog.token, "KORAT-B")
    # the only certificate on KORAT-B that can sign is the one offered
    assert "somying-rsa" in dialog.certificate.currentText()
    expired = _item(dialog.certificate, "expired-ec")
    future = _item(dialog.certificate, "future-ec")
    nousage = _item(dialog.certificate, "nousage-ec")
    assert not expired.isEnabled() and not future.isEnabled() and not nousage.isEnabled()
    assert "หมดอายุแล้วเมื่อ 01/01/2564" in expired.text()
    assert "ยังใช้ไม่ได้จนถึง 01/01/2633" in future.text()
    assert "ไม่ได้ออกให้ใช้ลงนาม" in nousage.text()
    assert expired.toolTip()

    # even forced onto a greyed one, it cannot be signed with
    dialog.pin.insert(PIN)
    choose(dialog.certificate, "expired-ec")
    assert not dialog.sign.isEnabled()
    choose(dialog.certificate, "somying-rsa")
    assert dialog.sign.isEnabled()
    qtbot.waitUntil(lambda: dialog.document.pageCount() == 1, timeout=10_000)
    with qtbot.waitSignal(dialog.signed, timeout=60_000) as signed:
        qtbot.mouseClick(dialog.sign, Qt.MouseButton.LeftButton)
    assert signed.args[0].all_signed
    assert "นางสาวสมหญิง" in signed.args[0].signer.common_name
    dialog.close()

    # next time: the same token and certificate, without choosing
    again = window.sign_entries([2])
    qtbot.waitUntil(lambda: again.token.count() >= 4 and again.certificate.count() > 0,
                    timeout=20_000)
    qtbot.waitUntil(lambda: "KORAT-B" in again.token.currentText(), timeout=10_000)
    assert "somying-rsa" in again.certificate.currentText()
    assert again.signer_picker.chosen_certificate() is not None
    again.close()
    settings = (Path(desktop.options.data_dir) / "settings.toml").read_text(encoding="utf-8")
    assert signed.args[0].signer.sha256 in settings
