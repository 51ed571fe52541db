"""ลับที่สุด never leaves the office; a permanent refusal stops one item, the rest flow."""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import text

from korat_desktop.protocol import LetterSendOp, LetterSendPayload, Secrecy, content_sha256, uuid7
from korat_desktop.store.models import DirectoryAgency
from korat_desktop.sync.outbox import canonical_json
from tests.server.hub_harness import AGENCY_A, AGENCY_B, AGENCY_C, ThreadedHub
from tests.sync.harness import Device
from tests.sync.hub_checks import hub_ops


def test_top_secret_is_refused_with_its_reason(hub: ThreadedHub,
                                               make_device: Callable[..., Device]) -> None:
    a1 = make_device("a1", AGENCY_A)
    a1.login(hub.url, "clerk-a")
    entry = a1.send("เรื่องลับที่สุด", [AGENCY_B], None, "--secrecy", "ลับที่สุด")
    run = a1.korat("queue", str(entry), "--allow-unsigned", "--lang", "th")
    assert run.code == 1
    assert "sync.top_secret" in run.err and "ลับที่สุด" in run.err
    assert a1.korat("outbox", "--json").json == []

    # An operation that reached the outbox some other way is refused by the engine.
    with a1.app() as app, app.database.write() as s:
        sha = s.execute(text("SELECT blob_sha256 FROM document_version LIMIT 1")).scalar()
        op = LetterSendOp(kind="letter.send", blobs=[sha], payload=LetterSendPayload(
            to=[AGENCY_B], number="ที่ นม 0017.1/1", subject="ลับที่สุด", date="2026-11-21",
            secrecy=Secrecy.TOP_SECRET))
        s.execute(text(
            "INSERT INTO outbox_op (op_id, kind, body, content_sha256, urgency_rank, state, "
            "attempts, error_params, created_at) VALUES (:id, 'letter.send', :body, :c, 0, "
            "'queued', 0, '{}', '2026-11-21 00:00:00')"),
            {"id": uuid7(), "body": canonical_json(op), "c": content_sha256(op)})
    run = a1.korat("sync", "--once", "--json")
    assert run.code == 1
    stuck = run.json["report"]["stuck"]
    assert [(s["outcome"], s["issue"]["code"]) for s in stuck] == [("refused", "sync.top_secret")]
    assert not hub_ops(hub.settings.data_dir, "letter.send")
    assert not list((hub.settings.data_dir / "uploads").glob("*.part"))
    listing = a1.korat("outbox", "--lang", "en").out
    assert "refused" in listing and "never sent electronically" in listing


def test_a_permanent_refusal_stops_one_item_and_the_rest_flow(
        hub: ThreadedHub, make_device: Callable[..., Device]) -> None:
    a1 = make_device("a1", AGENCY_A)
    a1.login(hub.url, "clerk-a")
    with a1.app() as app, app.database.write() as s:  # an agency the hub does not know
        s.add(DirectoryAgency(code="ขก 9999.9", name="หน่วยงานที่ยุบแล้ว"))
    good1 = a1.send("หนังสือฉบับที่หนึ่ง", [AGENCY_B])
    bad = a1.send("หนังสือถึงหน่วยงานที่ไม่มี", ["ขก 9999.9"])
    good2 = a1.send("หนังสือฉบับที่สอง", [AGENCY_C], None, "--urgency", "ด่วนมาก")
    run = a1.korat("queue", str(good1), str(bad), str(good2), "--allow-unsigned")
    assert run.code == 0, run.err
    run = a1.korat("sync", "--once", "--json")
    assert run.code == 1  # something failed: exit 1, with the reason
    report = run.json["report"]
    pushed = [i["entry_id"] for i in report["pushed"]]
    assert pushed == [good2, good1]  # ด่วนมาก first
    assert [(i["entry_id"], i["issue"]["code"]) for i in report["stuck"]] == [
        (bad, "op.unknown_agency")]
    text_out = a1.korat("sync", "--once", "--lang", "en").out
    assert "Unknown agency ขก 9999.9" in text_out
    assert len(hub_ops(hub.settings.data_dir, "letter.send")) == 2
    # Operations are immutable: the database itself refuses an edit.
    with a1.app() as app:
        try:
            with app.database.write() as s:
                s.execute(text("UPDATE outbox_op SET body = '{}'"))
        except Exception as e:  # any refusal will do
            assert "immutable" in str(e)
        else:
            raise AssertionError("outbox body was changed")
        ops = app.sync.outbox()
        assert json.loads(ops[0].body)["kind"] == "letter.send"


def test_a_damaged_local_pdf_is_not_sent(hub: ThreadedHub,
                                         make_device: Callable[..., Device]) -> None:
    a1 = make_device("a1", AGENCY_A)
    a1.login(hub.url, "clerk-a")
    good = a1.send("หนังสือปกติ", [AGENCY_B])
    damaged = a1.send("หนังสือที่ไฟล์เสีย", [AGENCY_B])
    assert a1.korat("queue", str(good), str(damaged), "--allow-unsigned").code == 0
    with a1.app() as app:
        sha = app.queries.entry(damaged).pdf_sha256
        assert sha is not None
        path = app.blobs.path(sha)
        path.write_bytes(path.read_bytes()[:-10] + b"0123456789")  # bit rot on disk
    run = a1.korat("sync", "--once", "--json")
    report = run.json["report"]
    assert [i["entry_id"] for i in report["pushed"]] == [good]
    assert [(i["entry_id"], i["issue"]["code"]) for i in report["stuck"]] == [
        (damaged, "sync.local_blob_damaged")]
    assert len(hub_ops(hub.settings.data_dir, "letter.send")) == 1


def test_sync_while_paused_says_so_and_sends_nothing(
        hub: ThreadedHub, make_device: Callable[..., Device]) -> None:
    a1 = make_device("a1", AGENCY_A)
    a1.login(hub.url, "clerk-a")
    entry = a1.send("แจ้งผล", [AGENCY_B])
    assert a1.korat("queue", str(entry), "--allow-unsigned").code == 0
    assert a1.korat("config", "set", "sync.paused", "true").code == 0
    run = a1.korat("sync")
    assert run.code == 0 and "paused" in run.out, run.out + run.err
    assert a1.korat("sync", "--json").json == {"paused": True}
    assert not hub_ops(hub.settings.data_dir)
    assert a1.korat("config", "set", "sync.paused", "false").code == 0
    assert a1.korat("sync", "--once").code == 0
    assert len(hub_ops(hub.settings.data_dir, "letter.send")) == 1
