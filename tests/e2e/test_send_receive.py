"""End to end: agency A sends a signed letter to agency B through a real hub.

Three devices (A1 and A2 of agency A, B1 of agency B), each its own data folder and
``korat`` command line: A1 registers, signs, queues and syncs; B1 syncs, sees the
letter in its inbox and registers it (receive number + receipt stamp, signature kept
valid); A1 and A2 sync and see the delivery receipt with B's receive number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.server.hub_harness import AGENCY_A, AGENCY_B, ThreadedHub
from tests.sync.harness import Device, make_p12
from tests.sync.hub_checks import assert_exactly_once, hub_ops

P12_PASSWORD = "p12-e2e"


@pytest.fixture(scope="module")
def p12_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_p12(tmp_path_factory.mktemp("p12") / "signer.p12", P12_PASSWORD)


def test_a_sends_b_receives_and_the_receipt_comes_back(
        hub: ThreadedHub, make_device: Callable[..., Device], p12_file: Path) -> None:
    a1 = make_device("a1", AGENCY_A)
    a2 = make_device("a2", AGENCY_A)
    b1 = make_device("b1", AGENCY_B)
    a1.login(hub.url, "clerk-a")
    a2.login(hub.url, "clerk-a2")
    b1.login(hub.url, "clerk-b")

    # A1: register (leased number), sign, queue, sync.
    entry = a1.send("ขอเชิญประชุมคณะกรรมการจังหวัด", [AGENCY_B], None, "--urgency", "ด่วนที่สุด")
    run = a1.korat("sign", str(entry), "--pkcs12", str(p12_file), "--pin-stdin",
                   stdin=P12_PASSWORD + "\n")
    assert run.code == 0, run.err
    unsigned = a1.korat("queue", str(entry), "--json")  # signed now: no flag needed
    assert unsigned.code == 0, unsigned.err
    op_id = unsigned.json[0]["op_id"]
    again = a1.korat("queue", str(entry))
    assert again.code == 1 and "sync.already_queued" in again.err  # immutable once queued
    run = a1.korat("sync", "--once", "--json")
    assert run.code == 0, run.err
    assert [i["op_id"] for i in run.json["report"]["pushed"]] == [op_id]
    with a1.app() as app:
        signed = app.queries.show(entry)
    sent_sha = signed.versions[-1].sha256
    assert signed.versions[-1].signature_level == "b-b"

    # B1: the letter arrives, its PDF is fetched; B registers it.
    run = b1.korat("sync", "--once")
    assert run.code == 0, run.err
    items = b1.korat("inbox", "--json").json
    assert len(items) == 1
    item = items[0]
    assert (item["state"], item["sender_code"], item["urgency"]) == ("ready", AGENCY_A,
                                                                     "most_urgent")
    assert item["letter_number"] == f"{AGENCY_A}/{signed.entry.number}"
    run = b1.korat("inbox", "register", str(item["id"]), "--json")
    assert run.code == 0, run.err
    received = run.json
    again = b1.korat("inbox", "register", str(item["id"]))
    assert again.code == 1 and "sync.inbox_registered" in again.err
    with b1.app() as app:
        detail = app.queries.show(received["id"])
        assert detail.versions[0].sha256 == sent_sha  # exactly the bytes A signed
        assert detail.versions[1].role == "receipt_stamped"
        assert detail.entry.letter_number == f"{AGENCY_A}/{signed.entry.number}"
    run = b1.korat("verify", str(received["id"]), "--offline")
    assert "INVALID" not in run.out  # the receipt stamp keeps A's signature intact
    run = b1.korat("sync", "--once", "--json")
    assert run.code == 0, run.err
    assert [i["kind"] for i in run.json["report"]["pushed"]] == ["letter.receipt"]

    # A1 and A2: the delivery receipt, with B's receive number, date and time.
    for device in (a1, a2):
        run = device.korat("sync", "--once", "--json")
        assert run.code == 0, run.err
    shown = a1.korat("show", str(entry), "--json").json
    receipts = shown["receipts"]
    assert len(receipts) == 1
    r = receipts[0]
    assert (r["agency_code"], r["receive_number"], r["receive_year"]) == (
        AGENCY_B, received["number"], received["year_be"])
    assert r["received_time"] and r["received_date"]
    text = a1.korat("show", str(entry), "--lang", "th").out
    assert f"เลขรับ {received['number']}/{received['year_be']}" in text
    receipts_text = a2.korat("receipts", "--lang", "th").out
    assert f"เลขรับ {received['number']}/{received['year_be']}" in receipts_text
    assert re.search(r"เวลา \d\d\.\d\d น\.", receipts_text)  # 10.05 น., not 10:05
    letters = a2.korat("receipts", "--json").json
    assert [(x["op_id"], x["source"]) for x in letters] == [(op_id, "agency")]
    assert letters[0]["receipts"][0]["receive_number"] == received["number"]

    # The hub holds each operation exactly once; the audit chains are intact.
    assert_exactly_once(hub.settings.data_dir, a1.root)
    assert len(hub_ops(hub.settings.data_dir, "letter.receipt")) == 1
    for device in (a1, a2, b1):
        assert device.korat("audit", "verify").code == 0
