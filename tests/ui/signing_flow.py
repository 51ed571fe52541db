"""The sign dialog against SoftHSM tokens: run in its own process by test_signing.py.

SoftHSM reads its configuration once per process, and the signing tests build their own
tokens in the pytest worker; running this flow in a child process keeps the two apart.
The file name does not start with ``test_`` so the main run does not collect it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.support.env import PIN, SigningEnv, build_signing_env
from tests.support.softhsm import find_softhsm_module


@pytest.fixture(scope="module")
def signing_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SigningEnv]:
    if find_softhsm_module() is None:
        pytest.skip("SoftHSM2 is not installed (apt install softhsm2)")
    env = build_signing_env(tmp_path_factory.mktemp("signing-env"), serve=False)
    yield env


@pytest.fixture
def signing_config(machine_config: Path, signing_env: SigningEnv) -> Path:
    machine_config.write_text(
        '[agency]\ncode = "นม 0017.1"\nname = "สำนักงานจังหวัดนครราชสีมา"\n'
        f'[signing]\npkcs11_modules = ["{signing_env.module}"]\n'
        f'trust_roots = ["{signing_env.trust_root_pem}"]\nonline_revocation = false\n',
        encoding="utf-8")
    return machine_config


def choose(combo, text: str) -> None:  # type: ignore[no-untyped-def]
    index = next(i for i in range(combo.count()) if text in combo.itemText(i))
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def sign_in_the_open_dialog(qtbot, window):  # type: ignore[no-untyped-def]
    """The sign dialog the window just opened: KORAT-A, somchai-rsa, the PIN, sign."""
    from korat_desktop.ui.sign_dialog import SignDialog

    sign = next(d for d in window.findChildren(SignDialog) if d.isVisible())
    qtbot.waitUntil(lambda: sign.token.count() >= 4, timeout=20_000)
    choose(sign.token, "KORAT-A")
    choose(sign.certificate, "somchai-rsa")
    qtbot.waitUntil(lambda: sign.document.pageCount() == 1, timeout=10_000)
    sign.pin.insert(PIN)
    with qtbot.waitSignal(sign.signed, timeout=60_000):
        qtbot.mouseClick(sign.sign, Qt.MouseButton.LeftButton)
    return sign


def test_sign_with_wrong_pin_then_right_pin(qtbot, start_desktop, seeded_dir, signing_config,
                                            signing_env, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    data = seeded_dir(send=2)
    desktop = start_desktop(data)
    window = desktop.window
    dialog = window.sign_entries([1, 2])
    qtbot.waitUntil(lambda: dialog.token.count() >= 4, timeout=20_000)
    choose(dialog.token, "KORAT-A")
    choose(dialog.certificate, "somchai-rsa")
    qtbot.waitUntil(lambda: dialog.document.pageCount() == 1, timeout=10_000)
    assert dialog.placement.box is not None
    assert not dialog.sign.isEnabled()  # no PIN yet

    dialog.pin.insert("000000")
    assert dialog.sign.isEnabled()
    qtbot.mouseClick(dialog.sign, Qt.MouseButton.LeftButton)
    assert dialog.pin.text() == ""  # cleared the moment it was used
    qtbot.waitUntil(lambda: "ไม่ถูกต้อง" in dialog.message.text(), timeout=20_000)
    assert "KORAT-A" in dialog.message.text()
    assert dialog.report is None

    dialog.pin.insert(PIN)
    with qtbot.waitSignal(dialog.signed, timeout=60_000) as signed:
        qtbot.mouseClick(dialog.sign, Qt.MouseButton.LeftButton)
    report = signed.args[0]
    assert report.all_signed and len(report.results) == 2
    assert dialog.pin.text() == ""
    assert "2" in dialog.message.text()

    model = window.send_view.model
    qtbot.waitUntil(lambda: model.rowCount() == 2 and all(
        model.entry(r).signature_level == "b-b" for r in range(2)), timeout=10_000)

    document = window.open_entry(1)
    qtbot.waitUntil(lambda: document.signatures.tree.topLevelItemCount() == 1,
                    timeout=30_000)
    assert "สมชาย" in document.signatures.tree.topLevelItem(0).text(1)
    document.close()
    dialog.close()

    # the PIN never reached a log or the log file
    assert PIN not in caplog.text
    log_file = data / "logs" / "desktop.log"
    assert not log_file.exists() or PIN not in log_file.read_text(encoding="utf-8")


def test_token_list_follows_a_card_pulled_out(qtbot, start_desktop, seeded_dir,
                                             signing_config, signing_env) -> None:
    desktop = start_desktop(seeded_dir(send=1))
    watcher = desktop.tokens
    dialog = desktop.window.sign_entries([1])  # the watcher polls while a sign dialog is open
    qtbot.waitUntil(lambda: any(t.token.label == "KORAT-GONE" for t in watcher.listings),
                    timeout=20_000)
    labels = [dialog.token.itemText(i) for i in range(dialog.token.count())]
    assert any("KORAT-GONE" in label for label in labels)
    locked = next(t for t in watcher.listings if t.token.label == "KORAT-LOCKED")
    assert locked.token.flags.pin_locked

    signing_env.hsm.remove_token(signing_env.serials["KORAT-GONE"])

    def gone() -> bool:
        labels = [dialog.token.itemText(i) for i in range(dialog.token.count())]
        return bool(labels) and not any("KORAT-GONE" in label for label in labels)

    qtbot.waitUntil(gone, timeout=20_000)  # the watcher polls by itself
    dialog.close()
