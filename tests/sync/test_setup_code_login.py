"""``korat login --setup-code``: the first sign-in of an account IT imported sets its
password through the real hub, once; the code cannot enroll a second device."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from korat_desktop.server.provisioning import import_users
from tests.server.hub_harness import AGENCY_A, ThreadedHub
from tests.sync.harness import Device


def test_first_sign_in_with_setup_code(hub: ThreadedHub,
                                       make_device: Callable[..., Device]) -> None:
    with hub.hub.db.writing() as conn:
        report = import_users(conn, f"username,full_name,agency_code\nnew.clerk,เสมียนใหม่,"
                              f"{AGENCY_A}\n".encode(), dry_run=False, valid_days=14,
                              now=dt.datetime.now(dt.UTC))
    code = report.codes[0].code.text
    first = make_device("pc-1", AGENCY_A)
    short = first.korat("login", "--hub", hub.url, "--user", "new.clerk", "--setup-code", code,
                        "--password-stdin", stdin="short\n")
    assert short.code == 1 and "8" in short.err  # refused before anything is sent
    run = first.korat("login", "--hub", hub.url, "--user", "new.clerk", "--setup-code", code,
                      "--password-stdin", "--device-name", "pc-1", stdin="ตั้งรหัสใหม่-2569\n")
    assert run.code == 0, run.err
    assert "new.clerk" in run.out
    second = make_device("pc-2", AGENCY_A)
    again = second.korat("login", "--hub", hub.url, "--user", "new.clerk", "--setup-code", code,
                         "--password-stdin", "--lang", "th", stdin="another-password\n")
    assert again.code == 1
    assert "รหัสตั้งค่าครั้งแรกใช้ไม่ได้" in again.err
    ok = second.korat("login", "--hub", hub.url, "--user", "new.clerk", "--password-stdin",
                      stdin="ตั้งรหัสใหม่-2569\n")
    assert ok.code == 0, ok.err
