"""A secret letter meets a hub that does not announce ``encryption: ["cms"]``: it waits
in the outbox with that reason (queued, not failed), nothing reaches the hub, and it is
never sent in clear; once the hub announces it, the same operation goes."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.secrecy.test_secret_letters import send_secret
from tests.server.hub_harness import AGENCY_A, AGENCY_B, OlderHub
from tests.sync.conftest import started_hub
from tests.sync.harness import Device
from tests.sync.hub_checks import hub_ops


@pytest.fixture
def older_hub(tmp_path: Path) -> Iterator[OlderHub]:
    yield from started_hub(tmp_path, OlderHub)


def _keyed(device: Device, url: str, user: str) -> Device:
    assert device.login(url, user).code == 0
    assert device.korat("keys", "new").code == 0
    with device.app() as app:
        app.keys.publish(())
    return device


def test_a_secret_letter_waits_for_a_hub_that_takes_encryption(
        older_hub: OlderHub, make_device: Callable[..., Device], tmp_path: Path) -> None:
    a = _keyed(make_device("a", AGENCY_A), older_hub.url, "clerk-a")
    _keyed(make_device("b", AGENCY_B), older_hub.url, "clerk-b")
    assert a.korat("sync", "--once").code == 0  # A's directory now has B's certificate
    entry = send_secret(a, tmp_path / "letters")
    queued = a.korat("queue", str(entry), "--allow-unsigned", "--json")
    assert queued.code == 0, queued.err
    op_id = queued.json[0]["op_id"]

    a.korat("sync", "--once")
    [waiting] = [o for o in a.korat("outbox", "--json").json if o["op_id"] == op_id]
    assert waiting["state"] == "queued", waiting
    assert waiting["error"]["code"] == "sync.hub_no_encryption"
    assert hub_ops(older_hub.settings.data_dir, "letter.send") == []
    text = a.korat("outbox", "--lang", "en").out
    assert "does not accept encrypted secret letters" in text

    older_hub.older = False  # the hub is upgraded: the same operation goes, encrypted
    with sqlite3.connect(a.root / "korat.sqlite3") as conn:  # its backoff wait is over
        conn.execute("UPDATE outbox_op SET next_attempt_at = NULL WHERE op_id = ?", (op_id,))
    assert a.korat("sync", "--once").code == 0
    [op] = hub_ops(older_hub.settings.data_dir, "letter.send")
    assert op["op_id"] == op_id and op["body"]["payload"]["encryption"] == "cms"
