"""The sign-in dialog's first sign-in of an account IT imported: the one-time setup code
and a new password, against a real hub on loopback; the code works once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt

from korat_desktop.config import dump_toml
from korat_desktop.server.provisioning import import_users
from tests.server.hub_harness import AGENCY_A, ThreadedHub
from tests.sync.conftest import hub, keyring_file
from tests.sync.harness import FAST_SETTINGS

__all__ = ["hub", "keyring_file"]  # the sync tests' fixtures, used here


def test_first_sign_in_with_a_setup_code(qtbot, start_desktop, hub: ThreadedHub,
                                         keyring_file: Path, tmp_path: Path) -> None:
    with hub.hub.db.writing() as conn:
        report = import_users(conn, f"username,full_name,agency_code\nnew.clerk,เสมียนใหม่,"
                              f"{AGENCY_A}\n".encode(), dry_run=False, valid_days=14,
                              now=dt.datetime.now(dt.UTC))
    code = report.codes[0].code.text
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.toml").write_text(dump_toml(FAST_SETTINGS), encoding="utf-8")
    window = start_desktop(data).window
    window.hub_url = hub.url
    dialog = window.sign_in()
    dialog.username.setText("new.clerk")
    dialog.setup_code.setText(code.lower())
    assert dialog.password_label.text() == "ตั้งรหัสผ่านใหม่"
    dialog.password.setText("short")
    assert not dialog.sign_in.isEnabled()  # a new password needs 8 characters
    dialog.password.setText("รหัสใหม่ของฉัน")
    assert dialog.sign_in.isEnabled()
    with qtbot.waitSignal(dialog.signed_in, timeout=30_000) as signed:
        qtbot.mouseClick(dialog.sign_in, Qt.MouseButton.LeftButton)
    assert dialog.password.text() == "" and dialog.setup_code.text() == ""
    assert signed.args[0].agency_code == AGENCY_A
    again = hub.client().request("POST", "/enroll", json={
        "username": "new.clerk", "password": "other-password", "device_name": "pc-2",
        "setup_code": code})
    assert again.status_code == 401 and again.json()["code"] == "auth.setup_code_invalid"
    assert hub.client().enroll("new.clerk", "รหัสใหม่ของฉัน").status_code == 201
