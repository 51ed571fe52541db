"""The history names the person: the OS account only until someone is named, then the
``user.name`` set with ``korat config set``, and once this PC signs in to the hub, the
hub user (real hub on loopback, real store, the ``korat`` CLI). Records already written
keep what they say."""

from __future__ import annotations

import getpass
from collections.abc import Callable

from tests.server.hub_harness import AGENCY_A, ThreadedHub
from tests.sync.harness import Device, letter_pdf


def _receive(device: Device, subject: str) -> int:
    path = device.root / f"in-{abs(hash(subject))}.pdf"
    path.write_bytes(letter_pdf(subject))
    run = device.korat("receive", str(path), "--subject", subject, "--from", "อำเภอปากช่อง",
                       "--json")
    assert run.code == 0, run.err
    return int(run.json["id"])


def _actors(device: Device, entry_id: int) -> set[str]:
    run = device.korat("show", str(entry_id), "--json")
    assert run.code == 0, run.err
    return {h["actor"] for h in run.json["history"]}


def test_history_names_the_os_account_then_the_name_then_the_hub_user(
        hub: ThreadedHub, make_device: Callable[..., Device]) -> None:
    device = make_device("a", AGENCY_A)
    first = _receive(device, "ก่อนตั้งชื่อ")
    assert _actors(device, first) == {getpass.getuser()}

    assert device.korat("config", "set", "user.name", "นางสาวสมใจ ใจดี").code == 0
    named = _receive(device, "หลังตั้งชื่อ")
    assert _actors(device, named) == {"นางสาวสมใจ ใจดี"}

    device.login(hub.url, "clerk-a")
    signed_in = _receive(device, "หลังเข้าระบบกลาง")
    assert _actors(device, signed_in) == {"clerk-a"}
    # nothing already written changed
    assert _actors(device, first) == {getpass.getuser()}
    assert _actors(device, named) == {"นางสาวสมใจ ใจดี"}
