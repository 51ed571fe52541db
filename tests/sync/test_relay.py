"""A connected office relays both ways for an offline one, against a real hub.

Inward: the operations of a bundle the office imported (evidence and relay queue as
the courier import leaves them) are forwarded by ``korat sync`` before its own
outbox: letters up with tus, then the signed evidence; each operation once at the
hub, also after a kill -9 in the middle; a changed ``operations.json`` is refused
with nothing stored; a letter whose PDF is missing here stops alone.
Outward: the designated relay fetches the offline agency's signed pages and PDFs; the
offline office verifies and applies them; a relay not designated gets a clear refusal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable

import pytest
from sqlalchemy import select, update

from korat_desktop.courier.relayed_pages import apply_relayed_pages, verify_relayed_pages
from korat_desktop.errors import SyncError
from korat_desktop.protocol.bundle import BundledOperation, BundleManifest
from korat_desktop.protocol.directory import CertificateUse
from korat_desktop.protocol.uuid7 import uuid7
from korat_desktop.server.directory import publish_certificate
from korat_desktop.server.relay_outward import set_relay
from korat_desktop.store.models import InboxItemRow, RelayCursor, RelayOpRow
from korat_desktop.sync.relay import RelayState, queue_relay
from korat_desktop.sync.relay_outward import fetch_for_agency
from tests.courier.fixed_keys import FixedKeys, asn1
from tests.courier.pki import Identity
from tests.server.courier_hub import (
    CourierPki,
    Evidence,
    bundled,
    relay_evidence,
)
from tests.server.hub_harness import AGENCY_A, AGENCY_B, AGENCY_C, ThreadedHub, letter_op
from tests.sync.conftest import courier_hub, hub_pki
from tests.sync.fault_proxy import FaultProxy
from tests.sync.harness import Device, sized_pdf
from tests.sync.hub_checks import assert_blobs_intact, hub_ops, kill_mid_upload

D_AGENCY = AGENCY_C  # the district office with the link: relay of A
__all__ = ["courier_hub", "hub_pki"]


@pytest.fixture
def pki(hub_pki: CourierPki) -> CourierPki:
    return hub_pki


@pytest.fixture
def relay_hub(courier_hub: ThreadedHub, pki: CourierPki) -> ThreadedHub:
    """The courier hub with A's signing certificate listed and D its relay."""
    with courier_hub.hub.db.writing() as conn:
        publish_certificate(conn, AGENCY_A, asn1(pki.sign_a), CertificateUse.SIGN, "test")
        set_relay(conn, D_AGENCY, [AGENCY_A])
    return courier_hub


def _ops(blobs: dict[str, bytes], to: str = AGENCY_B) -> list[BundledOperation]:
    device = uuid7()
    return [bundled(letter_op([to], [sha], subject=f"หนังสือที่ {n}"), origin_agency=AGENCY_A,
                    origin_device=device) for n, sha in enumerate(blobs)]


def _bundle(pki: CourierPki, pdfs: list[bytes], to: str = AGENCY_B,
            ops: list[BundledOperation] | None = None, signer: Identity | None = None
            ) -> tuple[Evidence, dict[str, bytes]]:
    blobs = {hashlib.sha256(p).hexdigest(): p for p in pdfs}
    carried = ops or _ops(blobs, to)
    return relay_evidence(pki, signer or pki.sign_a, AGENCY_A, carried[0].origin_device,
                          carried, blobs, [to]), blobs


def _imported(device: Device, evidence: Evidence, blobs: dict[str, bytes],
              operations: bytes | None = None) -> None:
    """What ``korat courier import`` leaves behind for relaying."""
    data = operations or evidence.operations
    with device.app() as app:
        app.blobs.put_many(list(blobs.values()))
        with app.database.write() as s:
            queue_relay(s, "test", app.blobs, BundleManifest.model_validate_json(evidence.operations),
                        manifest_xml=evidence.manifest_xml, signature=evidence.signature,
                        operations_json=data)


def _relay_states(device: Device) -> dict[str, tuple[str, str | None]]:
    with device.app() as app, app.database.read() as s:
        return {r.op_id: (r.state, r.error_code) for r in s.scalars(select(RelayOpRow))}


def _sync(device: Device) -> dict[str, object]:
    run = device.korat("sync", "--once", "--json")
    report: dict[str, object] = run.json["report"]
    report["exit"] = run.code
    report["text"] = run.out
    return report


def test_the_relay_forwards_each_operation_once_and_b_receives_it(
        relay_hub: ThreadedHub, make_device: Callable[..., Device],
        pki: CourierPki) -> None:
    d = make_device("d", D_AGENCY)
    b = make_device("b", AGENCY_B)
    d.login(relay_hub.url, "clerk-c")
    b.login(relay_hub.url, "clerk-b")
    evidence, blobs = _bundle(pki, [sized_pdf(120_000, "ก"), sized_pdf(80_000, "ข")])
    _imported(d, evidence, blobs)
    _imported(d, evidence, blobs)  # imported twice: queued once

    report = _sync(d)
    assert report["exit"] == 0, report["text"]
    relayed = report["relayed"]
    assert sorted(i["outcome"] for i in relayed) == ["committed", "committed"]  # type: ignore[union-attr]
    assert report["relay_pending"] == 0
    assert int(report["bytes_sent"]) >= 200_000  # type: ignore[call-overload]
    ops = hub_ops(relay_hub.settings.data_dir, "letter.send")
    assert sorted(o["op_id"] for o in ops) == sorted(_relay_states(d))
    assert {o["agency"] for o in ops} == {AGENCY_A}  # A's operations, not D's
    assert set(_relay_states(d).values()) == {(RelayState.COMMITTED.value, None)}

    # Forwarded again (a second relay, or our answer lost): replayed, nothing re-sent.
    with d.app() as app, app.database.write() as s:
        s.execute(update(RelayOpRow).values(state=RelayState.PENDING.value))
    again = _sync(d)
    assert sorted(i["outcome"] for i in again["relayed"]) == ["replayed", "replayed"]  # type: ignore[union-attr]
    assert int(again["bytes_sent"]) < 10_000  # type: ignore[call-overload]
    assert again["blobs_deduplicated"] == 2
    assert len(hub_ops(relay_hub.settings.data_dir, "letter.send")) == 2

    assert _sync(b)["exit"] == 0
    items = b.korat("inbox", "--json").json
    assert sorted((i["sender_code"], i["state"]) for i in items) == [(AGENCY_A, "ready")] * 2
    assert d.korat("audit", "verify").code == 0


def test_a_changed_operations_json_is_refused_with_nothing_stored(
        relay_hub: ThreadedHub, make_device: Callable[..., Device],
        pki: CourierPki) -> None:
    d = make_device("d", D_AGENCY)
    d.login(relay_hub.url, "clerk-c")
    evidence, blobs = _bundle(pki, [sized_pdf(30_000, "ก")])
    changed = evidence.operations.replace("หนังสือที่ 0".encode(), "หนังสือที่ 9".encode())
    assert changed != evidence.operations
    _imported(d, evidence, blobs, operations=changed)
    report = _sync(d)
    assert report["exit"] == 1
    assert [(i["outcome"], i["issue"]["code"]) for i in report["relayed"]] == [  # type: ignore[index, union-attr]
        ("refused", "relay.digest_mismatch")]
    assert "relay.digest_mismatch" in str(report["text"])
    assert hub_ops(relay_hub.settings.data_dir) == []
    assert set(_relay_states(d).values()) == {("refused", "relay.digest_mismatch")}
    assert _sync(d)["relayed"] == []  # stopped: not sent again and again


def test_a_letter_whose_pdf_is_missing_here_stops_alone(
        relay_hub: ThreadedHub, make_device: Callable[..., Device],
        pki: CourierPki) -> None:
    d = make_device("d", D_AGENCY)
    d.login(relay_hub.url, "clerk-c")
    evidence, blobs = _bundle(pki, [sized_pdf(30_000, "ก"), sized_pdf(30_000, "ข")])
    lost = next(iter(blobs))
    _imported(d, evidence, {k: v for k, v in blobs.items() if k != lost})
    report = _sync(d)
    outcomes = {i["outcome"]: i["issue"] for i in report["relayed"]}  # type: ignore[union-attr]
    assert outcomes["committed"] is None
    assert outcomes["refused"]["code"] == "store.blob_missing"
    assert len(hub_ops(relay_hub.settings.data_dir)) == 1

    # The next bundle from A carries it again, with its PDF: tried again, and through.
    ops = [bundled(json.loads(o.body), origin_agency=AGENCY_A, origin_device=o.origin_device,
                   op_id=o.op_id) for o in BundleManifest.model_validate_json(
                       evidence.operations).operations]
    again, _ = _bundle(pki, list(blobs.values()), ops=ops)
    _imported(d, again, blobs)
    assert sorted(i["outcome"] for i in _sync(d)["relayed"]) == [  # type: ignore[union-attr]
        "committed"]
    assert len(hub_ops(relay_hub.settings.data_dir)) == 2


def test_a_signer_the_hub_does_not_list_yet_waits_then_goes(
        relay_hub: ThreadedHub, make_device: Callable[..., Device],
        pki: CourierPki) -> None:
    d = make_device("d", D_AGENCY)
    d.login(relay_hub.url, "clerk-c")
    evidence, blobs = _bundle(pki, [sized_pdf(30_000, "ก")], signer=pki.sign_a2)
    _imported(d, evidence, blobs)
    report = _sync(d)
    assert report["exit"] == 1 and report["relayed"] == []
    assert [(i["outcome"], i["issue"]["code"], i["issue"]["transient"])  # type: ignore[index]
            for i in report["relay_deferred"]] == [  # type: ignore[union-attr]
        ("deferred", "relay.signer_not_listed", False)]
    assert set(_relay_states(d).values()) == {("pending", "relay.signer_not_listed")}
    text = d.korat("sync", "--once", "--lang", "th")
    assert text.code == 1 and "still to relay: 1" in text.out
    assert "deferred: " in text.out and "[relay.signer_not_listed]" in text.out
    with relay_hub.hub.db.writing() as conn:  # the hub's administrator adds A's handout
        publish_certificate(conn, AGENCY_A, asn1(pki.sign_a2), CertificateUse.SIGN, "admin")
    report = _sync(d)
    assert [i["outcome"] for i in report["relayed"]] == ["committed"]  # type: ignore[union-attr]
    assert report["exit"] == 0


def test_kill_9_while_relaying_then_sync_again_commits_once(
        relay_hub: ThreadedHub, make_device: Callable[..., Device],
        pki: CourierPki) -> None:
    d = make_device("d", D_AGENCY, sync__bandwidth_cap_kbit=4000)  # ~0.5 MB/s
    d.login(relay_hub.url, "clerk-c")
    evidence, blobs = _bundle(pki, [sized_pdf(3_000_000, "ใหญ่")])
    _imported(d, evidence, blobs)
    kill_mid_upload(d.spawn("sync", "--once"), relay_hub.settings.upload_dir, 100_000)
    assert hub_ops(relay_hub.settings.data_dir) == []
    d.configure(sync__bandwidth_cap_kbit=0)
    report = _sync(d)
    assert report["exit"] == 0, report["text"]
    assert [i["outcome"] for i in report["relayed"]] == ["committed"]  # type: ignore[union-attr]
    assert int(report["bytes_sent"]) < 3_000_000  # type: ignore[call-overload]  # resumed
    assert len(hub_ops(relay_hub.settings.data_dir)) == 1


def test_the_designated_relay_carries_pages_and_pdfs_out(
        relay_hub: ThreadedHub, make_device: Callable[..., Device],
        pki: CourierPki) -> None:
    d = make_device("d", D_AGENCY)
    b = make_device("b", AGENCY_B)
    a = make_device("a", AGENCY_A)  # never connects
    d.login(relay_hub.url, "clerk-c")
    b.login(relay_hub.url, "clerk-b")
    pdf = sized_pdf(150_000, "ถึง ก")
    entry = b.send("หนังสือถึงสำนักงานที่ไม่มีสัญญาณ", [AGENCY_A], pdf)
    assert b.korat("queue", str(entry), "--allow-unsigned").code == 0
    assert _sync(b)["exit"] == 0

    with b.app() as app, pytest.raises(SyncError) as refused:
        app.sync.relay_outward(AGENCY_A)
    assert refused.value.code == "sync.relay_not_designated"
    assert "korat-hub relay set" in refused.value.message("en")

    with d.app() as app:
        carried = app.sync.relay_outward(AGENCY_A)
        sha = hashlib.sha256(pdf).hexdigest()
        assert carried.blobs == (sha,) and app.blobs.verify(sha)
        assert carried.changes == 1 and len(carried.pages) == 1 and carried.since is None
        assert carried.bytes_received >= len(pdf)

    keys = FixedKeys(AGENCY_A, [asn1(pki.ca)], hub=asn1(pki.hub))
    pages = verify_relayed_pages(keys, carried.pages)
    with a.app() as app:
        app.blobs.put(pdf)  # the bundle carries the PDF
        with app.database.write() as s:
            applied = apply_relayed_pages(s, "test", AGENCY_A, app.blobs, pages)
        with app.database.read() as s:
            item = s.scalars(select(InboxItemRow)).one()
    assert (applied.new_inbox, applied.ready, item.state) == (1, 1, "ready")
    assert applied.acked == carried.next_cursor

    # A's next bundle acknowledges; D's next fetch carries only what came after.
    with d.app() as app:
        with app.database.write() as s:
            s.add(RelayCursor(agency_code=AGENCY_A, acked=applied.acked,
                              updated_at=dt.datetime.now(dt.UTC)))
        later = app.sync.relay_outward(AGENCY_A)
    assert (later.pages, later.blobs, later.since) == ((), (), applied.acked)
    assert later.changes == 0


def test_relaying_through_a_faulty_link_sends_each_letter_once(
        relay_hub: ThreadedHub, make_device: Callable[..., Device], pki: CourierPki) -> None:
    settings = {"sync.read_timeout_s": 1.5, "sync.connect_timeout_s": 1.0,
                "sync.chunk_target_s": 0.05, "sync.bandwidth_cap_kbit": 16000,
                "sync.retry_attempts": 4, "sync.max_backoff_s": 0.2}
    proxy = FaultProxy(relay_hub.port, fault_rate=0.3, seed=11, stall_s=2.5)
    try:
        d = make_device("d", D_AGENCY, **settings)
        proxy.enabled = False
        d.login(proxy.url, "clerk-c")
        pdfs = [sized_pdf(150_000 + 991 * n, f"ทางไกล {n}") for n in range(3)]
        evidence, blobs = _bundle(pki, pdfs)
        _imported(d, evidence, blobs)
        proxy.enabled = True
        sent, passes = 0, 0
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            passes += 1
            run = d.korat("sync", "--once", "--json")
            report = run.json["report"] if run.out else {}
            sent += int(report.get("bytes_sent", 0))
            if run.code == 0 and report["relay_pending"] == 0:
                break
        else:
            raise AssertionError(f"still relaying after {passes} passes")
        injected = sum(n for kind, n in proxy.counts.items() if kind != "pass")
    finally:
        proxy.close()
    ops = hub_ops(relay_hub.settings.data_dir)
    assert sorted(o["op_id"] for o in ops) == sorted(_relay_states(d))
    assert set(_relay_states(d).values()) <= {("committed", None), ("replayed", None)}
    assert_blobs_intact(relay_hub.settings.data_dir, list(blobs))
    total = sum(len(p) for p in pdfs)
    assert sent < 2 * total, (sent, total)  # resumed by the chunk, never the whole bundle
    assert injected >= 3, proxy.counts


def test_outward_reads_page_by_page_and_resumes_a_cut_download(
        relay_hub: ThreadedHub, make_device: Callable[..., Device], pki: CourierPki) -> None:
    d = make_device("d", D_AGENCY)
    b = make_device("b", AGENCY_B)
    a = make_device("a", AGENCY_A)
    d.login(relay_hub.url, "clerk-c")
    b.login(relay_hub.url, "clerk-b")
    pdfs = [sized_pdf(200_000 + n, f"ถึง ก {n}") for n in range(2)]
    for n, pdf in enumerate(pdfs):
        entry = b.send(f"หนังสือถึง ก ฉบับที่ {n}", [AGENCY_A], pdf)
        assert b.korat("queue", str(entry), "--allow-unsigned").code == 0
    assert _sync(b)["exit"] == 0
    first = hashlib.sha256(pdfs[0]).hexdigest()
    with d.app() as app:
        part = app.sync.ctx.downloads_dir / f"{first}.part"
        part.parent.mkdir(parents=True, exist_ok=True)
        part.write_bytes(pdfs[0][:120_000])  # a download cut off earlier
        carried = fetch_for_agency(app.sync.ctx, AGENCY_A, page_size=1)
        assert all(app.blobs.verify(hashlib.sha256(p).hexdigest()) for p in pdfs)
    assert (len(carried.pages), carried.changes) == (2, 2)
    assert sum(map(len, pdfs)) - 120_000 <= carried.bytes_received < sum(map(len, pdfs))
    pages = verify_relayed_pages(FixedKeys(AGENCY_A, [asn1(pki.ca)], hub=asn1(pki.hub)),
                                 carried.pages)
    with a.app() as app:
        app.blobs.put_many(pdfs)
        with app.database.write() as s:
            applied = apply_relayed_pages(s, "test", AGENCY_A, app.blobs, pages)
    assert (applied.pages, applied.new_inbox, applied.ready) == (2, 2, 2)
