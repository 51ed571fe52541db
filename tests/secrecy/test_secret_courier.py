"""The same secret letter by courier bundle and by network: stored once, opened once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from korat_desktop.store.models import InboxItemRow, RegisterEntryRow
from tests.courier.file_keys import P12_PASSWORD, CourierPki
from tests.courier.offices import courier_hub, courier_pki
from tests.secrecy.test_secret_letters import SUBJECT_MARK, send_secret
from tests.server.hub_harness import AGENCY_A, AGENCY_B, ThreadedHub
from tests.sync.harness import Device

__all__ = ["courier_hub", "courier_pki"]


@pytest.fixture
def hub(courier_hub: ThreadedHub) -> ThreadedHub:
    """B has a link, so it relays what it imports: the hub must trust A's signer."""
    return courier_hub


def test_a_secret_letter_by_courier_and_by_network_is_stored_once(
        hub: ThreadedHub, keyed_office: Callable[..., Device], courier_pki: CourierPki,
        tmp_path: Path) -> None:
    roots = tmp_path / "roots.crt"
    roots.write_bytes(courier_pki.ca.cert_pem)
    a = keyed_office("a", AGENCY_A, "clerk-a")
    b = keyed_office("b", AGENCY_B, "clerk-b")
    for device in (a, b):
        device.configure(**{"signing.trust_roots": [str(roots)]})
    assert a.korat("sync", "--once").code == 0
    a_p12 = courier_pki.p12(AGENCY_A, tmp_path)
    handout = tmp_path / "a.korat-dir"  # A's signer, for B to accept A's bundles
    run = a.korat("keys", "export", "-o", str(handout), "--pkcs12", str(a_p12), "--pin-stdin",
                  stdin=P12_PASSWORD + "\n")
    assert run.code == 0, run.err
    assert b.korat("keys", "import", str(handout)).code == 0

    entry = send_secret(a, tmp_path / "letters")
    queued = a.korat("queue", str(entry), "--allow-unsigned", "--json")
    assert queued.code == 0 and queued.json[0]["sealed_to"] == [AGENCY_B, AGENCY_A]
    stick = tmp_path / "stick"
    stick.mkdir()
    run = a.korat("courier", "export", "--to-agency", AGENCY_B, "-o", str(stick),
                  "--pkcs12", str(a_p12), "--pin-stdin", "--json", stdin=P12_PASSWORD + "\n")
    assert run.code == 0, run.out + run.err
    bundle = run.json["files"][0]
    assert a.korat("sync", "--once").code == 0  # and by network too

    imported = b.korat("courier", "import", bundle, "--json")
    assert imported.code == 0 and imported.json[0]["applied"] == 1, imported.out + imported.err
    [by_stick] = b.korat("inbox", "--json").json
    assert by_stick["subject"] == "หนังสือลับ" and by_stick["encryption"] == "cms"
    assert by_stick["state"] == "ready"
    assert b.korat("sync", "--once").code == 0
    [by_both] = b.korat("inbox", "--json").json
    assert by_both["op_id"] == by_stick["op_id"] and by_both["id"] == by_stick["id"]

    registered = b.korat("inbox", "register", str(by_both["id"]), "--json")
    assert registered.code == 0, registered.err
    again = b.korat("inbox", "register", str(by_both["id"]))
    assert again.code == 1 and "sync.inbox_registered" in again.err
    assert b.korat("courier", "import", bundle, "--json").json[0]["applied"] == 0
    with b.app() as app, app.database.read() as s:
        assert s.query(InboxItemRow).count() == 1
        assert s.query(RegisterEntryRow).filter_by(register="receive").count() == 1
    opened = b.korat("show", str(registered.json["id"]), "--unlock", "--json")
    assert opened.json["entry"]["subject"] == SUBJECT_MARK
