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
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update

from korat_desktop.courier.relayed_pages import apply_relayed_pages, verify_relayed_pages
from korat_desktop.errors import SyncError
from korat_desktop.protocol.bundle import BundleManifest
from korat_desktop.protocol.directory import CertificateUse
from korat_desktop.protocol.uuid7 import uuid7
from korat_desktop.server.directory import publish_certificate
from korat_desktop.server.relay_outward import set_relay
from korat_desktop.server.settings import HubSettings
from korat_desktop.store.models import InboxItemRow, RelayCursor, RelayOpRow
from korat_desktop.sync.relay import RelayState, queue_relay
from tests.courier.fixed_keys import FixedKeys, asn1
from tests.server.courier_hub import (
    CourierPki,
    Evidence,
    bundled,
    courier_settings,
    make_courier_pki,
    relay_evidence,
)
from tests.server.hub_harness import AGENCY_A, AGENCY_B, AGENCY_C, ThreadedHub, letter_op
from tests.sync.conftest import add_accounts
from tests.sync.harness import Device, sized_pdf
from tests.sync.hub_checks import hub_ops

D_AGENCY = AGENCY_C  # the district office with the link: relay of A


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> CourierPki:
    return make_courier_pki(tmp_path_factory.mktemp("relay-pki"))


@pytest.fixture
def courier_hub(tmp_path: Path, pki: CourierPki) -> Iterator[ThreadedHub]:
    settings = courier_settings(HubSettings(data_dir=tmp_path / "hub", signin_window_s=60,
                                            signin_lockout_s=60), pki)
    server = ThreadedHub(settings).start()
    add_accounts(server)
    with server.hub.db.writing() as conn:
        publish_certificate(conn, AGENCY_A, asn1(pki.sign_a), CertificateUse.SIGN, "test")
        set_relay(conn, D_AGENCY, [AGENCY_A])
    yield server
    server.stop()


def _bundle(pki: CourierPki, pdfs: list[bytes], to: str = AGENCY_B
            ) -> tuple[Evidence, dict[str, bytes]]:
    blobs = {hashlib.sha256(p).hexdigest(): p for p in pdfs}
    device = uuid7()
    ops = [bundled(letter_op([to], [sha], subject=f"หนังสือที่ {n}"), origin_agency=AGENCY_A,
                   origin_device=device) for n, sha in enumerate(blobs)]
    return relay_evidence(pki, pki.sign_a, AGENCY_A, device, ops, blobs, [to]), blobs


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
        courier_hub: ThreadedHub, make_device: Callable[..., Device],
        pki: CourierPki) -> None:
    d = make_device("d", D_AGENCY)
    b = make_device("b", AGENCY_B)
    d.login(courier_hub.url, "clerk-c")
    b.login(courier_hub.url, "clerk-b")
    evidence, blobs = _bundle(pki, [sized_pdf(120_000, "ก"), sized_pdf(80_000, "ข")])
    _imported(d, evidence, blobs)
    _imported(d, evidence, blobs)  # imported twice: queued once

    report = _sync(d)
    assert report["exit"] == 0, report["text"]
    relayed = report["relayed"]
    assert sorted(i["outcome"] for i in relayed) == ["committed", "committed"]  # type: ignore[union-attr]
    assert report["relay_pending"] == 0
    assert int(report["bytes_sent"]) >= 200_000  # type: ignore[call-overload]
    ops = hub_ops(courier_hub.settings.data_dir, "letter.send")
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
    assert len(hub_ops(courier_hub.settings.data_dir, "letter.send")) == 2

    assert _sync(b)["exit"] == 0
    items = b.korat("inbox", "--json").json
    assert sorted((i["sender_code"], i["state"]) for i in items) == [(AGENCY_A, "ready")] * 2
    assert d.korat("audit", "verify").code == 0


def test_a_changed_operations_json_is_refused_with_nothing_stored(
        courier_hub: ThreadedHub, make_device: Callable[..., Device],
        pki: CourierPki) -> None:
    d = make_device("d", D_AGENCY)
    d.login(courier_hub.url, "clerk-c")
    evidence, blobs = _bundle(pki, [sized_pdf(30_000, "ก")])
    changed = evidence.operations.replace("หนังสือที่ 0".encode(), "หนังสือที่ 9".encode())
    assert changed != evidence.operations
    _imported(d, evidence, blobs, operations=changed)
    report = _sync(d)
    assert report["exit"] == 1
    assert [(i["outcome"], i["issue"]["code"]) for i in report["relayed"]] == [  # type: ignore[index, union-attr]
        ("refused", "relay.digest_mismatch")]
    assert "relay.digest_mismatch" in str(report["text"])
    assert hub_ops(courier_hub.settings.data_dir) == []
    assert set(_relay_states(d).values()) == {("refused", "relay.digest_mismatch")}
    assert _sync(d)["relayed"] == []  # stopped: not sent again and again


def test_a_letter_whose_pdf_is_missing_here_stops_alone(
        courier_hub: ThreadedHub, make_device: Callable[..., Device],
        pki: CourierPki) -> None:
    d = make_device("d", D_AGENCY)
    d.login(courier_hub.url, "clerk-c")
    evidence, blobs = _bundle(pki, [sized_pdf(30_000, "ก"), sized_pdf(30_000, "ข")])
    lost = next(iter(blobs))
    _imported(d, evidence, {k: v for k, v in blobs.items() if k != lost})
    report = _sync(d)
    outcomes = {i["outcome"]: i["issue"] for i in report["relayed"]}  # type: ignore[union-attr]
    assert outcomes["committed"] is None
    assert outcomes["refused"]["code"] == "store.blob_missing"
    assert len(hub_ops(courier_hub.settings.data_dir)) == 1


def test_kill_9_while_relaying_then_sync_again_commits_once(
        courier_hub: ThreadedHub, make_device: Callable[..., Device],
        pki: CourierPki) -> None:
    d = make_device("d", D_AGENCY, sync__bandwidth_cap_kbit=4000)  # ~0.5 MB/s
    d.login(courier_hub.url, "clerk-c")
    evidence, blobs = _bundle(pki, [sized_pdf(3_000_000, "ใหญ่")])
    _imported(d, evidence, blobs)
    proc = d.spawn("sync", "--once")
    uploads = courier_hub.settings.upload_dir
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if any(p.stat().st_size > 100_000 for p in uploads.glob("**/*") if p.is_file()):
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the relaying sync ended before it could be cut"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert hub_ops(courier_hub.settings.data_dir) == []
    d.configure(sync__bandwidth_cap_kbit=0)
    report = _sync(d)
    assert report["exit"] == 0, report["text"]
    assert [i["outcome"] for i in report["relayed"]] == ["committed"]  # type: ignore[union-attr]
    assert int(report["bytes_sent"]) < 3_000_000  # type: ignore[call-overload]  # resumed
    assert len(hub_ops(courier_hub.settings.data_dir)) == 1


def test_the_designated_relay_carries_pages_and_pdfs_out(
        courier_hub: ThreadedHub, make_device: Callable[..., Device],
        pki: CourierPki) -> None:
    d = make_device("d", D_AGENCY)
    b = make_device("b", AGENCY_B)
    a = make_device("a", AGENCY_A)  # never connects
    d.login(courier_hub.url, "clerk-c")
    b.login(courier_hub.url, "clerk-b")
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
