"""Commits: idempotency, conflicts, missing blobs, routing to inboxes and receipts."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

from korat_desktop.protocol import ChangePage, OpReceipt, uuid7
from tests.server.hub_harness import AGENCY_A, AGENCY_B, AGENCY_C, Agencies, letter_op


def _receipt_op(letter_op_id: str, number: int = 7) -> dict[str, object]:
    return {"kind": "letter.receipt", "payload": {
        "letter_op_id": letter_op_id, "receive": {"year": 2568, "number": number},
        "received_date": "2025-03-02", "received_time": "09:15"}}


def test_commit_is_idempotent_and_conflicts_on_other_content(agencies: Agencies) -> None:
    a = agencies.a
    sha = a.upload(os.urandom(5000))
    op_id = uuid7()
    first = a.commit(letter_op([AGENCY_B], [sha]), op_id)
    assert first.status_code == 201
    receipt = OpReceipt.model_validate(first.json())
    assert receipt.routed_to == [AGENCY_B]
    again = a.commit(letter_op([AGENCY_B], [sha]), op_id)
    assert again.status_code == 200 and again.json() == first.json()
    other = a.commit(letter_op([AGENCY_B], [sha], subject="แก้ไข"), op_id)
    assert other.status_code == 409 and other.json()["code"] == "op.conflict"


def test_concurrent_replays_of_one_op_store_it_once(agencies: Agencies) -> None:
    a = agencies.a
    sha = a.upload(os.urandom(5000))
    op_id = uuid7()
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: a.commit(letter_op([AGENCY_B], [sha]), op_id),
                                range(16)))
    assert sorted(r.status_code for r in results) == [200] * 15 + [201]
    assert len({r.text for r in results}) == 1
    inbox = [c for c in agencies.b.all_changes() if c["op_id"] == op_id]
    assert len(inbox) == 1


def test_commit_with_blobs_not_uploaded_is_424_then_succeeds(agencies: Agencies) -> None:
    a = agencies.a
    data = os.urandom(3000)
    sha = __import__("hashlib").sha256(data).hexdigest()
    op_id = uuid7()
    r = a.commit(letter_op([AGENCY_B], [sha]), op_id)
    assert r.status_code == 424
    assert r.json()["code"] == "op.blobs_missing" and r.json()["params"]["missing"] == sha
    a.upload(data)
    assert a.commit(letter_op([AGENCY_B], [sha]), op_id).status_code == 201


def test_letter_reaches_inbox_and_receipt_reaches_sender(agencies: Agencies) -> None:
    a, b, c = agencies.a, agencies.b, agencies.c
    data = os.urandom(10_000)
    sha = a.upload(data)
    letter_id = uuid7()
    assert a.commit(letter_op([AGENCY_B], [sha], secrecy="confidential"),
                    letter_id).status_code == 201
    inbox = ChangePage.model_validate(b.changes().json()).changes
    assert [(ch.kind, ch.op_id, ch.agency) for ch in inbox] == [("inbox", letter_id, AGENCY_A)]
    assert b.request("GET", f"/blobs/{sha}").content == data
    assert c.changes().json()["changes"] == []

    receipt_id = uuid7()
    assert b.commit(_receipt_op(letter_id), receipt_id).status_code == 201
    kinds = [(ch["kind"], ch["op_id"]) for ch in a.all_changes()]
    assert kinds == [("own", letter_id), ("delivery_receipt", receipt_id)]
    assert [ch["kind"] for ch in b.all_changes()] == ["inbox", "own"]


def test_receipt_for_a_letter_not_sent_to_me_is_refused(agencies: Agencies) -> None:
    a, c = agencies.a, agencies.c
    letter_id = uuid7()
    a.commit(letter_op([AGENCY_B], [a.upload(b"pdf")]), letter_id)
    r = c.commit(_receipt_op(letter_id))
    assert r.status_code == 422 and r.json()["code"] == "op.letter_not_found"
    r = c.commit(_receipt_op(uuid7()))
    assert r.status_code == 422


def test_invalid_letters_are_refused(agencies: Agencies) -> None:
    a = agencies.a
    sha = a.upload(b"pdf bytes")
    cases = [
        (letter_op([AGENCY_B], [sha], secrecy="top_secret"), "op.top_secret"),
        (letter_op(["ไม่มี 9999"], [sha]), "op.unknown_agency"),
        (letter_op([AGENCY_A], [sha]), "op.invalid"),
        (letter_op([AGENCY_B, AGENCY_C, AGENCY_B], [sha]), "request.invalid"),
        (letter_op([AGENCY_B], []), "request.invalid"),
    ]
    for op, code in cases:
        r = a.commit(op)
        assert r.status_code == 422 and r.json()["code"] == code, (op, r.text)
    r = a.request("POST", "/ops/not-a-uuid/commit", json=letter_op([AGENCY_B], [sha]))
    assert r.status_code == 422 and r.json()["code"] == "op.bad_id"
    r = a.request("POST", f"/ops/{uuid7()}/commit", json={"kind": "letter.burn"})
    assert r.status_code == 422


def test_a_replay_keeps_its_receipt_after_the_hub_moved_on(agencies: Agencies) -> None:
    """A void committed while its numbers were leased is answered with its receipt on
    replay even after those numbers went back to the pool (its checks would now fail);
    another agency reusing the id still gets a conflict."""
    a = agencies.a
    lease = a.request("POST", "/leases", json={"register": "send", "year": 2568,
                                               "size": 10}).json()
    void = {"kind": "number.void", "payload": {"register": "send", "year": 2568,
                                              "first": 5, "last": 10, "reason": "เสีย"}}
    op_id = uuid7()
    first = a.commit(void, op_id)
    assert first.status_code == 201
    released = a.request("POST", f"/leases/{lease['lease_id']}/release",
                         json={"next_unused": 5}).json()
    assert released["returned"] == {"first": 5, "last": 10}
    assert a.commit(void, uuid7()).status_code == 422  # a new void of them: not leased
    again = a.commit(void, op_id)
    assert again.status_code == 200 and again.json() == first.json()
    stolen = agencies.b.commit(void, op_id)
    assert stolen.status_code == 409 and stolen.json()["code"] == "op.conflict"
