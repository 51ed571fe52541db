"""Three offices and a real hub on loopback: A has no link at all, D (the district
office) relays for it, B is online. A's letter goes A → (stick) → D → (hub) → B; B's
receipt goes B → (hub) → D → (stick) → A and shows on A's send register; the same
letter carried to B by hand as well is stored once."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from korat_desktop.store.models import InboxItemRow, OutboxOpRow, RelayCursor, RelayOpRow
from tests.courier.offices import AGENCY_A, AGENCY_B, relay_offices


def _stick(tmp_path: Path, name: str) -> Path:
    stick = tmp_path / name
    stick.mkdir()
    return stick


def test_a_letter_and_its_receipt_travel_through_the_relay_office(
        make_office, courier_hub, tmp_path):
    a, d, b = relay_offices(make_office, courier_hub)  # A never signs in

    # A → stick → D: sealed to B, A and A's relay D; D cannot keep it (not for D) but
    # has a link, so it queues every operation, with A's signed evidence, for the hub
    entry, op_id = a.letter("ขอรับการสนับสนุนงบประมาณ", [AGENCY_B])
    bundle = Path(a.export(_stick(tmp_path, "to-d"), "--to-agency", AGENCY_B).json["files"][0])
    [item] = d.import_(bundle).json
    assert item["ok"] and (item["applied"], item["relayed"]) == (0, 1), item
    run = d.korat("sync", "--once")
    assert run.code == 0, run.out + run.err
    with d.device.app() as app, app.database.read() as s:
        assert [(r.op_id, r.state) for r in s.scalars(select(RelayOpRow))] == [
            (op_id, "committed")]
        assert s.scalars(select(InboxItemRow)).all() == []  # D never held it as its own

    # hub → B: arrives as A's letter; B registers it and its receipt goes to the hub
    assert b.korat("sync", "--once").code == 0
    [letter] = b.korat("inbox", "--json").json
    assert (letter["op_id"], letter["sender_code"], letter["state"]) == (
        op_id, AGENCY_A, "ready")
    registered = b.korat("inbox", "register", str(letter["id"]), "--json")
    assert registered.code == 0, registered.err
    assert b.korat("sync", "--once").code == 0
    # the same letter also carried to B by hand: stored once
    [again] = b.import_(bundle).json
    assert again["ok"] and (again["applied"], again["already"]) == (0, 1)
    with b.device.app() as app, app.database.read() as s:
        assert len(s.scalars(select(InboxItemRow)).all()) == 1

    # hub → D → stick → A: D carries A's feed as the hub signed it
    run = d.export(_stick(tmp_path, "to-a"), "--for-agency", AGENCY_A)
    assert run.code == 0, run.out + run.err
    back = Path(run.json["files"][0])
    [item] = a.import_(back).json
    assert item["ok"], item
    shown = a.korat("show", str(entry), "--json").json
    [receipt] = shown["receipts"]
    assert (receipt["agency_code"], receipt["receive_number"]) == (
        AGENCY_B, registered.json["number"])
    with a.device.app() as app, app.database.read() as s:  # the hub's commit, relayed
        assert s.scalar(select(OutboxOpRow.state).where(OutboxOpRow.op_id == op_id)) == \
            "committed"
    with a.device.app() as app:
        assert app.courier.pending() == []
    # A's next bundle tells D where A is in its feed: D then carries only what follows
    _, second = a.letter("ขอบคุณ", [AGENCY_B])
    nxt = Path(a.export(_stick(tmp_path, "to-d-2"), "--to-agency", AGENCY_B).json["files"][0])
    with a.device.app() as app, app.database.read() as s:
        acked = s.get(RelayCursor, AGENCY_A).acked
    assert acked
    assert d.import_(nxt).json[0]["relayed"] == 1
    with d.device.app() as app, app.database.read() as s:
        assert s.get(RelayCursor, AGENCY_A).acked == acked
    assert d.korat("sync", "--once").code == 0
    run = d.export(_stick(tmp_path, "to-a-2"), "--for-agency", AGENCY_A)
    assert run.code == 0, run.out + run.err
    log = d.korat("courier", "log", "--json").json
    pages = [o["op_id"] for o in log[0]["operations"] if o["role"] == "page"]
    assert second in pages and op_id not in pages
