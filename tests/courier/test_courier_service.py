"""CourierService (``app.courier``) on real stores: the rules of export (what goes, what
is refused and why), bad destinations, and import's checks before anything is stored;
with a real hub on loopback, a letter that comes by USB and by network is stored once."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select

from korat_desktop.errors import CourierError, FileError, SyncError
from korat_desktop.protocol.ops import (
    LetterSendOp,
    LetterSendPayload,
    NumberVoidOp,
    NumberVoidPayload,
    Secrecy,
    content_sha256,
)
from korat_desktop.protocol.types import Register
from korat_desktop.protocol.uuid7 import uuid7
from korat_desktop.services import courier_export
from korat_desktop.services.courier import CourierService
from korat_desktop.signing.signers import Pkcs12Signer
from korat_desktop.store.models import (
    Blob,
    CourierBundleOp,
    CourierBundleRow,
    InboxItemRow,
    OutboxOpRow,
    RelayEvidenceRow,
    RelayOpRow,
)
from korat_desktop.sync.outbox import Outbox, canonical_json
from tests.courier.file_keys import P12_PASSWORD, FileCourierKeys, keys_for
from tests.courier.offices import AGENCY_A, AGENCY_B, AGENCY_C, Office
from tests.courier.pki import make_identity
from tests.support.tmpfs import mounted_tmpfs, needs_root
from tests.sync.harness import sized_pdf


def _signer(office: Office) -> Pkcs12Signer:
    return Pkcs12Signer(office.pki.p12(office.agency, office.root), P12_PASSWORD)


def _export(office: Office, dest: Path, **kw: object):  # type: ignore[no-untyped-def]
    with office.device.app() as app:
        return app.courier.export(dest, signer=_signer(office), **kw)  # type: ignore[arg-type]


def _import(office: Office, *paths: Path, now: dt.datetime | None = None):  # type: ignore[no-untyped-def]
    with office.device.app() as app:
        return app.courier.import_files(list(paths), now=now)


def _count(office: Office, model: type) -> int:
    with office.device.app() as app, app.database.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _outbox_state(office: Office) -> list[tuple[str, str]]:
    with office.device.app() as app, app.database.read() as s:
        return [(r.op_id, r.state) for r in s.scalars(select(OutboxOpRow).order_by(OutboxOpRow.id))]


def _stick(tmp_path: Path, name: str = "stick") -> Path:
    stick = tmp_path / name
    stick.mkdir(exist_ok=True)
    return stick


def _restored_top_secret(office: Office, to: str) -> str:
    """A ลับที่สุด letter in the outbox as an older version or a restored backup could
    have put it there (queueing refuses it today)."""
    pdf = sized_pdf(2000, "ลับที่สุด")
    with office.device.app() as app, app.database.write() as s:
        sha = app.blobs.put(pdf)
        s.add(Blob(sha256=sha, size=len(pdf), created_at=dt.datetime.now(dt.UTC)))
        op = LetterSendOp(kind="letter.send", blobs=[sha], payload=LetterSendPayload(
            to=[to], number="ที่ นม 0017.1/9", subject="ลับที่สุด", date=dt.date(2026, 12, 1),
            urgency="normal", secrecy=Secrecy.TOP_SECRET, kind="external"))  # type: ignore[arg-type]
        op_id = uuid7()
        s.add(OutboxOpRow(op_id=op_id, kind=op.kind, body=canonical_json(op),
                          content_sha256=content_sha256(op), urgency_rank=3, state="queued",
                          attempts=0, error_params="{}", created_at=dt.datetime.now(dt.UTC)))
    return op_id


def test_top_secret_never_goes_and_the_rest_still_does(make_office, tmp_path):
    a = make_office("a", AGENCY_A)
    secret = _restored_top_secret(a, AGENCY_B)
    _, ordinary = a.letter("หนังสือธรรมดา", [AGENCY_B])
    result = _export(a, _stick(tmp_path), all_pending=True)
    [refusal] = result.refused
    assert refusal.op_ids == (secret,) and refusal.error.code == "courier.top_secret"
    assert "ลับที่สุด" in refusal.error.message("th")
    assert [o.op_id for b in result.bundles for o in b.operations] == [ordinary]
    run = a.export(_stick(tmp_path, "two"), "--all-pending")
    assert run.code == 1 and run.json["refused"][0]["code"] == "courier.top_secret"


def test_secret_letter_to_an_agency_without_a_certificate_is_refused_naming_it(
        make_office, tmp_path):
    a = make_office("a", AGENCY_A, without_encryption=[AGENCY_B])
    # With secrecy.encrypt_secret on, queueing already refuses it (tests/secrecy); with
    # it off by policy the bundle is still encrypted, so export refuses it by name.
    a.device.configure(secrecy__encrypt_secret=False)
    _, secret = a.letter("ลับ ถึง ข", [AGENCY_B], "--secrecy", "confidential")
    _, to_c = a.letter("ถึง ค", [AGENCY_C])
    stick = _stick(tmp_path)
    result = _export(a, stick, all_pending=True)
    [refusal] = result.refused
    assert refusal.op_ids == (secret,) and refusal.recipients == (AGENCY_B,)
    assert refusal.error.code == "courier.no_certificate"
    assert AGENCY_B in refusal.error.message("th") and AGENCY_B in refusal.error.message("en")
    assert [o.op_id for b in result.bundles for o in b.operations] == [to_c]
    assert [p.name for p in stick.iterdir()] == [result.files[0].name]  # nothing in clear


def _nothing_written(office: Office, stick: Path, before: list[tuple[str, str]]) -> None:
    assert [p for p in stick.iterdir() if not p.name.startswith(".")] == []
    assert not any(p.suffix == ".korat" for p in stick.iterdir())
    assert _outbox_state(office) == before
    assert _count(office, CourierBundleRow) == 0 and _count(office, CourierBundleOp) == 0


@needs_root
def test_a_read_only_stick_gets_nothing_and_the_outbox_is_unchanged(make_office, tmp_path):
    a = make_office("a", AGENCY_A)
    a.letter("ไปไม่ได้", [AGENCY_B])
    before = _outbox_state(a)
    with mounted_tmpfs(tmp_path / "ro", "1m") as stick:
        subprocess.run(["mount", "-o", "remount,ro", str(stick)], check=True)
        with pytest.raises(FileError) as e:
            _export(a, stick, all_pending=True)
        assert e.value.code in ("file.read_only", "file.no_permission")
        _nothing_written(a, stick, before)
        run = a.export(stick, "--all-pending")
        assert run.code == 1 and "file.read_only" in run.err


@needs_root
def test_a_full_stick_keeps_nothing_that_looks_complete(make_office, tmp_path):
    a = make_office("a", AGENCY_A)
    entry = a.device.send("ใหญ่เกินที่ว่าง", [AGENCY_B], sized_pdf(600_000))
    assert a.korat("queue", str(entry), "--allow-unsigned").code == 0
    before = _outbox_state(a)
    with mounted_tmpfs(tmp_path / "full", "256k") as stick:
        with pytest.raises(FileError) as e:
            _export(a, stick, all_pending=True)
        assert e.value.code == "file.disk_full"
        assert list(stick.iterdir()) == []  # the temp file went too
        _nothing_written(a, stick, before)


@needs_root
def test_a_stick_that_fills_after_one_bundle_keeps_that_one_and_says_why(make_office,
                                                                        tmp_path):
    a = make_office("a", AGENCY_A)
    _, small = a.letter("ถึง ค เล็ก", [AGENCY_C])  # its set sorts first: it goes first
    entry = a.device.send("ถึง ข ใหญ่", [AGENCY_B], sized_pdf(600_000))
    big = a.korat("queue", str(entry), "--allow-unsigned", "--json").json[0]["op_id"]
    with mounted_tmpfs(tmp_path / "full", "256k") as stick:
        result = _export(a, stick, all_pending=True)
        assert [o.op_id for b in result.bundles for o in b.operations] == [small]
        [refusal] = result.refused
        assert refusal.op_ids == (big,) and refusal.error.code == "file.disk_full"
        assert [p.name for p in stick.iterdir()] == [result.files[0].name]
    assert _count(a, CourierBundleRow) == 1
    assert sorted(state for _, state in _outbox_state(a)) == ["queued", "queued"]


def test_big_exports_split_into_complete_bundles(make_office, tmp_path):
    a = make_office("a", AGENCY_A)
    b = make_office("b", AGENCY_B)
    ops = []
    for n in range(3):
        entry = a.device.send(f"เอกสารแนบ {n}", [AGENCY_B], sized_pdf(120_000, f"แนบ {n}"))
        run = a.korat("queue", str(entry), "--allow-unsigned", "--json")
        ops.append(run.json[0]["op_id"])
    with a.device.app() as app:
        service = CourierService(app, keys_for(app), limit=300_000)
        seen: list[str] = []
        result = service.export(_stick(tmp_path), all_pending=True, signer=_signer(a),
                                progress=lambda p: seen.append(p.phase))
    assert len(result.files) >= 2 and result.operations == 3
    assert seen[0] == "plan" and seen.count("verify") == seen.count("record") == len(
        result.files)
    assert {(v.part, v.parts) for v in result.bundles} == {
        (n, len(result.files)) for n in range(1, len(result.files) + 1)}
    assert all(p.stat().st_size < 300_000 + 50_000 for p in result.files)
    assert sorted(o.op_id for v in result.bundles for o in v.operations) == sorted(ops)
    imported = _import(b, *result.files)
    assert all(i.ok for i in imported.items) and sum(i.applied for i in imported.items) == 3
    with a.device.app() as app:  # one letter bigger than a bundle may be: refused
        small = CourierService(app, keys_for(app), limit=50_000)
        refused = small.export(_stick(tmp_path, "small2"), op_ids=ops[:1], signer=_signer(a))
    assert refused.refused[0].error.code == "courier.too_large" and not refused.files


def test_a_signer_not_listed_for_the_agency_is_refused(make_office, tmp_path, courier_pki):
    a = make_office("a", AGENCY_A)
    b = make_office("b", AGENCY_B)
    rogue = make_identity(courier_pki.ca, "ผู้แอบอ้าง", encryption=False)
    keys = FileCourierKeys.load(a.root)  # A's own copy lists the rogue; B's does not
    keys.sign[AGENCY_A].append(rogue.cert_pem.decode())
    keys.save(a.root)
    a.letter("ปลอมผู้ลงนาม", [AGENCY_B])
    with a.device.app() as app:
        result = app.courier.export(_stick(tmp_path), all_pending=True, signer=Pkcs12Signer(
            courier_pki.p12(AGENCY_A, a.root, rogue), P12_PASSWORD))
    [item] = _import(b, result.files[0]).items
    assert not item.ok and item.error is not None
    assert item.error.code == "courier.signer_not_listed"
    assert AGENCY_A in item.error.message("th")
    assert _count(b, InboxItemRow) == 0 and _count(b, CourierBundleRow) == 0
    assert _count(b, Blob) == 0
    # B's directory lists B's own signer: signing with another is refused before writing
    b.letter("ตอบกลับ", [AGENCY_A])
    with b.device.app() as app, pytest.raises(CourierError) as e:
        app.courier.export(_stick(tmp_path, "stick-b"), all_pending=True, signer=Pkcs12Signer(
            courier_pki.p12(AGENCY_B, b.root, rogue), P12_PASSWORD))
    assert e.value.code == "courier.own_signer_not_listed"
    assert list(_stick(tmp_path, "stick-b").iterdir()) == []


def test_an_expired_bundle_is_refused(make_office, tmp_path):
    a = make_office("a", AGENCY_A)
    b = make_office("b", AGENCY_B)
    a.device.configure(courier__bundle_days=2)
    a.letter("หมดอายุ", [AGENCY_B])
    result = _export(a, _stick(tmp_path), all_pending=True)
    [view] = result.bundles
    assert view.expires_at - view.created_at == dt.timedelta(days=2)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=3)
    [item] = _import(b, result.files[0], now=later).items
    assert not item.ok and item.error is not None and item.error.code == "courier.expired"
    assert _count(b, InboxItemRow) == 0 and _count(b, CourierBundleRow) == 0
    [item] = _import(b, result.files[0]).items  # within its days it goes in
    assert item.ok and item.applied == 1


def test_a_bundle_for_others_without_a_link_is_refused_whole(make_office, tmp_path):
    a = make_office("a", AGENCY_A, relays={AGENCY_A: AGENCY_C})
    d = make_office("d", AGENCY_C)  # A's relay office, but it has no link today
    a.letter("ผ่านอำเภอ", [AGENCY_B])
    result = _export(a, _stick(tmp_path), all_pending=True)
    [item] = _import(d, result.files[0]).items
    assert not item.ok and item.error is not None and item.error.code == "courier.cannot_relay"
    assert AGENCY_B in item.error.message("en")
    for model in (CourierBundleRow, InboxItemRow, Blob, RelayEvidenceRow, RelayOpRow):
        assert _count(d, model) == 0


def test_queue_without_link_or_directory_is_refused(make_office):
    a = make_office("a", AGENCY_A, directory=False)
    entry = a.device.send("ไม่มีทางส่ง", [], None, "--to", "ผู้ว่าราชการจังหวัด")
    with a.device.app() as app, pytest.raises(SyncError) as e:
        app.sync.queue(entry, allow_unsigned=True)
    assert e.value.code == "sync.not_enrolled"


def test_usb_and_network_store_the_letter_once(make_office, courier_hub, tmp_path):
    hub = courier_hub
    a = make_office("a", AGENCY_A)
    b = make_office("b", AGENCY_B)
    a.device.login(hub.url, "clerk-a")
    b.device.login(hub.url, "clerk-b")
    _, first = a.letter("ทางเครือข่ายก่อน", [AGENCY_B])
    bundle = _export(a, _stick(tmp_path), all_pending=True).files[0]
    assert a.korat("sync", "--once").code == 0
    assert b.korat("sync", "--once").code == 0  # by network: arrives, PDF fetched
    [item] = _import(b, bundle).items  # then the stick comes too
    assert item.ok and (item.applied, item.already) == (0, 1)
    _, second = a.letter("ทาง USB ก่อน", [AGENCY_B])
    bundle2 = _export(a, _stick(tmp_path, "two"), op_ids=[second]).files[0]
    [item] = _import(b, bundle2).items
    assert item.ok and item.applied == 1
    assert a.korat("sync", "--once").code == 0
    assert b.korat("sync", "--once").code == 0
    with b.device.app() as app, app.database.read() as s:
        rows = s.scalars(select(InboxItemRow).order_by(InboxItemRow.id)).all()
        assert [(r.op_id, r.state) for r in rows] == [(first, "ready"), (second, "ready")]
        # B has a link: every op of each bundle went to the hub with A's evidence (the
        # hub had both already: A's own sync committed them)
        relay = {r.op_id: (r.state, r.origin_agency) for r in s.scalars(select(RelayOpRow))}
        assert relay == {first: ("replayed", AGENCY_A), second: ("replayed", AGENCY_A)}
        evidence = s.scalars(select(RelayEvidenceRow)).all()
        assert len(evidence) == 2
        assert all(json.loads(e.operations_json)["sender_agency"] == AGENCY_A for e in evidence)
    # A: the hub's commit acknowledges its ops; nothing left to carry
    assert a.korat("courier", "log", "--json").json[0]["operations"][0]["acknowledged"]
    with a.device.app() as app:
        assert app.courier.pending() == []


def test_pending_skips_what_never_travels(make_office, tmp_path):
    a = make_office("a", AGENCY_A)
    _, op_id = a.letter("รอส่ง", [AGENCY_B])
    with a.device.app() as app, app.database.write() as s:  # only the hub cares
        void = Outbox(s, "test").queue(NumberVoidOp(kind="number.void", payload=NumberVoidPayload(
            register_=Register("send"), year=2569, first=7, last=7, reason="ยกเลิก")),
            urgency_rank=-1).op_id
    with a.device.app() as app:
        assert [o.op_id for o in app.courier.pending()] == [op_id]
        with pytest.raises(CourierError) as e:
            app.courier.export(_stick(tmp_path), op_ids=[void], signer=_signer(a))
        assert e.value.code == "courier.op_not_carried"
        assert app.courier.pending([AGENCY_C]) == []
    assert courier_export.BUNDLE_LIMIT < 4 * 1024**3  # FAT32's largest file
