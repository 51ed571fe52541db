"""The newcomer's demo: a local hub, this office signed in, and a peer office that
registers what it receives, so a letter sent from here gets its receipt back."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from korat_desktop.app import open_app
from korat_desktop.demo.letters import PEER_AGENCY
from korat_desktop.demo.session import DemoSession
from korat_desktop.domain.registers import RegisterKind
from korat_desktop.pdf.sample import make_letter_pdf
from korat_desktop.services.registration import LetterIntake


def _until(check, timeout: float = 60.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError("the demo did not get there in time")


@pytest.mark.slow
def test_demo_office_hub_and_peer(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    session = DemoSession.start(data, peer_interval_s=1.0)
    try:
        assert session.created and session.peer is not None
        hub, peer = session.hub.process, session.peer
        app = open_app(data, write=True)
        try:
            assert app.sync.enrollment() is not None
            assert app.queries.count(RegisterKind.RECEIVE) == 3  # the sample letters

            def arrived():  # type: ignore[no-untyped-def]
                app.sync.sync(once=True, upgrade=False)
                return [i for i in app.sync.inbox() if i.state == "ready"]

            items = _until(arrived)
            assert {i.sender_code for i in items} == {PEER_AGENCY[0]}
            assert any(i.urgency == "most_urgent" for i in items)

            pdf = make_letter_pdf("แจ้งผลการประชุม", ["จึงเรียนมาเพื่อทราบ"])
            entry = app.sync.send(pdf, LetterIntake(subject="แจ้งผลการประชุม"),
                                  [PEER_AGENCY[0]]).entry
            # the send register's การส่ง column follows the letter (names, not codes)
            [summary] = app.sync.delivery_summaries([entry.id]).values()
            assert summary.state == "not_queued" and summary.recipients == (PEER_AGENCY[1],)
            assert summary.text("th") == "ยังไม่ได้ส่ง"
            app.sync.queue(entry.id, allow_unsigned=True)
            assert app.sync.delivery_summaries([entry.id])[entry.id].state == "waiting"
            line = next(li for li in app.sync.outbox_lines() or [] if li.op.entry_id == entry.id)
            assert line.recipient_names == (PEER_AGENCY[1],)

            def receipted():  # type: ignore[no-untyped-def]
                app.sync.sync(once=True, upgrade=False)
                return app.sync.receipts_for_entry(entry.id)

            receipts = _until(receipted, 90)
            assert receipts[0].agency_code == PEER_AGENCY[0] and receipts[0].receive_number
            summary = app.sync.delivery_summaries([entry.id])[entry.id]
            number = f"{receipts[0].receive_number}/{receipts[0].receive_year}"
            assert summary.state == "received" and summary.receipts == ((PEER_AGENCY[1], number),)
            assert summary.text("th") == f"ลงรับครบแล้ว (เลขรับ {number})"
            assert f"{PEER_AGENCY[1]}: receive no. {number}" in summary.details("en")
        finally:
            app.close()
    finally:
        session.stop()
    assert hub is not None and hub.poll() is not None  # both stopped with the session
    assert peer.poll() is not None

    again = DemoSession.start(data, peer=False)  # a second start finds its office and hub
    try:
        assert not again.created
    finally:
        again.stop()
