"""Register numbers from leased blocks: two offline devices of one agency never issue
the same number; a device out of leased numbers refuses; unused numbers are released
or voided on the record, never silently skipped."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable

from sqlalchemy import select, update

from korat_desktop.server.db.schema import leases, number_counters
from korat_desktop.store.models import NumberLease
from tests.server.hub_harness import AGENCY_A, ThreadedHub
from tests.sync.fault_proxy import FaultProxy
from tests.sync.harness import Device, letter_pdf
from tests.sync.hub_checks import hub_ops


def _numbers(device: Device, register: str) -> list[int]:
    run = device.korat("list", "--register", register, "--json")
    assert run.code == 0, run.err
    return [e["number"] for e in run.json if not e["voided"]]


def test_two_offline_devices_never_issue_the_same_number(
        hub: ThreadedHub, make_device: Callable[..., Device]) -> None:
    a1 = make_device("a1", AGENCY_A, **{"sync.lease_block": 6, "sync.lease_reserve": 3})
    a2 = make_device("a2", AGENCY_A, **{"sync.lease_block": 6, "sync.lease_reserve": 3})
    a1.login(hub.url, "clerk-a")
    a2.login(hub.url, "clerk-a2")
    hub.stop()  # both offline from here
    pdf = a1.root / "in.pdf"
    pdf.write_bytes(letter_pdf())
    for device in (a1, a2):
        for i in range(5):
            # the same file on purpose: only the numbers matter here
            run = device.korat("receive", str(pdf), "--subject", f"เรื่อง {i}", "--from", "อำเภอ",
                               "--to", "จังหวัด", "--allow-duplicate")
            assert run.code == 0, run.err
            run = device.korat("send", str(pdf), "--subject", f"แจ้ง {i}", "--to", "อำเภอ")
            assert run.code == 0, run.err
        run = device.korat("sync", "--once")
        assert run.code == 1 and "OFFLINE" in run.out
    hub.start()
    for device in (a1, a2):
        assert device.korat("sync", "--once").code == 0
    for register in ("receive", "send"):
        one, two = _numbers(a1, register), _numbers(a2, register)
        assert len(one) == len(two) == 5
        assert not set(one) & set(two), (register, one, two)
    # Online again, each device leased a fresh reserve beyond what it used.
    status = a1.korat("sync-status", "--json").json
    assert all(r["remaining"] >= 3 for r in status["reserves"])


def test_out_of_leased_numbers_offline_refuses(hub: ThreadedHub,
                                               make_device: Callable[..., Device]) -> None:
    a1 = make_device("a1", AGENCY_A, **{"sync.lease_block": 2, "sync.lease_reserve": 1})
    a1.login(hub.url, "clerk-a")
    hub.stop()
    pdf = a1.root / "out.pdf"
    pdf.write_bytes(letter_pdf())
    for _ in range(2):
        assert a1.korat("send", str(pdf), "--subject", "แจ้ง", "--to", "อำเภอ").code == 0
    run = a1.korat("send", str(pdf), "--subject", "แจ้ง", "--to", "อำเภอ", "--lang", "en")
    assert run.code == 1
    assert "store.no_leased_numbers" in run.err and "no number was issued" in run.err
    assert _numbers(a1, "send") == [1, 2]
    hub.start()


def test_void_and_release_keep_every_number_on_the_record(
        hub: ThreadedHub, make_device: Callable[..., Device]) -> None:
    a1 = make_device("a1", AGENCY_A, **{"sync.lease_block": 5, "sync.lease_reserve": 1})
    a2 = make_device("a2", AGENCY_A, **{"sync.lease_block": 5, "sync.lease_reserve": 1})
    a1.login(hub.url, "clerk-a")  # send 1-5, receive 1-5
    a2.login(hub.url, "clerk-a2")  # send 6-10: a1's tail can no longer go back to the pool
    run = a1.korat("void", "--register", "send", "--reason", "พิมพ์ผิด", "--json")
    assert run.code == 0, run.err
    assert run.json["number"] == 1 and run.json["voided"]
    assert a1.korat("sync", "--once").code == 0
    voids = hub_ops(hub.settings.data_dir, "number.void")
    assert [(v["body"]["payload"]["first"], v["body"]["payload"]["last"]) for v in voids] == [
        (1, 1)]
    # Logging out gives back the unused numbers 2-5: the hub records them as voided
    # (a later block exists), and so does our register.
    run = a1.korat("logout", "--json")
    assert run.code == 0, run.err
    entries = a1.korat("list", "--register", "send", "--json").json
    assert [(e["number"], e["voided"]) for e in entries] == [(n, True) for n in range(1, 6)]
    assert a1.korat("audit", "verify").code == 0
    # Standalone again: the local counter continues after every number issued.
    pdf = a1.root / "x.pdf"
    pdf.write_bytes(letter_pdf())
    run = a1.korat("send", str(pdf), "--subject", "แจ้ง", "--to", "อำเภอ", "--json")
    assert run.code == 0, run.err
    assert run.json["number"] == 6


def _hub_leases(hub: ThreadedHub, register: str) -> list[tuple[str, int, int]]:
    with hub.hub.db.reading() as conn:
        rows = conn.execute(select(leases.c.id, leases.c.first, leases.c.last)
                            .where(leases.c.register == register).order_by(leases.c.first))
        return [(r.id, r.first, r.last) for r in rows]


def test_a_lease_whose_answer_was_lost_is_recovered_not_stranded(
        hub: ThreadedHub, make_device: Callable[..., Device]) -> None:
    proxy = FaultProxy(hub.port, fault_rate=0.0, hold_match=b"POST /leases")
    try:
        a1 = make_device("a1", AGENCY_A, **{"sync.lease_block": 2, "sync.lease_reserve": 1,
                                            "sync.read_timeout_s": 30.0})
        a1.login(proxy.url, "clerk-a")  # send 1-2
        pdf = a1.root / "out.pdf"
        pdf.write_bytes(letter_pdf())
        for _ in range(2):  # uses both: the next sync asks for a new block
            assert a1.korat("send", str(pdf), "--subject", "แจ้ง", "--to", "อำเภอ").code == 0
        proxy.hold_commits = True  # the hub grants 3-4, its answer never arrives...
        proc = a1.spawn("sync", "--once")
        deadline = time.monotonic() + 30
        while len(_hub_leases(hub, "send")) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)  # ... and the app is killed waiting for it
        proc.wait(timeout=10)
        proxy.hold_commits = False
        assert a1.korat("sync", "--once").code == 0
        granted = _hub_leases(hub, "send")
        assert [(f, last) for _, f, last in granted] == [(1, 2), (3, 4)]  # one block, once
        with a1.app() as app, app.database.read() as s:
            local = s.execute(select(NumberLease.lease_id, NumberLease.first, NumberLease.last)
                              .where(NumberLease.register == "send")
                              .order_by(NumberLease.first)).all()
        assert [tuple(r) for r in local] == granted  # the lost grant is ours, by its id
        assert a1.korat("send", str(pdf), "--subject", "แจ้ง", "--to", "อำเภอ", "--json"
                        ).json["number"] == 3
        assert a1.korat("audit", "verify").code == 0
    finally:
        proxy.close()


def test_a_lease_request_the_hub_refuses_is_not_kept(
        hub: ThreadedHub, make_device: Callable[..., Device]) -> None:
    a1 = make_device("a1", AGENCY_A, **{"sync.lease_block": 2, "sync.lease_reserve": 1})
    a1.login(hub.url, "clerk-a")
    with hub.hub.db.writing() as conn:  # this year's send register is all but used up
        conn.execute(update(number_counters).where(number_counters.c.register == "send")
                     .values(next_number=9_999_999))
    pdf = a1.root / "out.pdf"
    pdf.write_bytes(letter_pdf())
    for _ in range(2):
        assert a1.korat("send", str(pdf), "--subject", "แจ้ง", "--to", "อำเภอ").code == 0
    run = a1.korat("sync", "--once", "--json")
    notes = [n["code"] for n in run.json["report"]["notes"]]
    assert "lease.exhausted" in notes, run.out
    with a1.app() as app, app.database.read() as s:
        assert s.scalar(select(NumberLease.lease_id).where(NumberLease.first == 0)) is None
