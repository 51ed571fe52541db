"""The change feed: paging, opaque monotonic cursors, nothing lost under concurrency."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from korat_desktop.protocol import uuid7
from tests.server.hub_harness import AGENCY_B, Agencies, letter_op


def test_paging_walks_every_change_once_in_order(agencies: Agencies) -> None:
    a, b = agencies.a, agencies.b
    sha = a.upload(b"%PDF-1.7 letter")
    ids = [uuid7() for _ in range(23)]
    for op_id in ids:
        assert a.commit(letter_op([AGENCY_B], [sha]), op_id).status_code == 201
    seen, cursors, since = [], [], None
    while True:
        page = b.changes(since, limit=5).json()
        seen += [c["op_id"] for c in page["changes"]]
        cursors += [c["cursor"] for c in page["changes"]]
        since = page["next_cursor"]
        if not page["has_more"]:
            break
    assert seen == ids
    assert len(set(cursors)) == len(cursors)
    empty = b.changes(since).json()
    assert empty == {"changes": [], "next_cursor": since, "has_more": False}


def test_bad_cursor_and_limits_are_client_errors(agencies: Agencies) -> None:
    b = agencies.b
    for since in ("garbage!", "a2F4", "azEuLTE"):  # not base64 / wrong prefix / negative
        r = b.changes(since)
        assert r.status_code == 400 and r.json()["code"] == "changes.bad_cursor", since
    assert b.changes(limit=0).status_code == 422
    assert b.changes(limit=10_000).status_code == 422


def test_concurrent_commits_from_many_agencies_leave_no_gaps(agencies: Agencies) -> None:
    a, c, b = agencies.a, agencies.c, agencies.b
    sha_a, sha_c = a.upload(b"from A"), c.upload(b"from C")
    since = b.changes().json()["next_cursor"]
    jobs = [(a, sha_a)] * 30 + [(c, sha_c)] * 30

    def send(job: tuple[object, str]) -> str:
        client, sha = job
        op_id = uuid7()
        assert client.commit(letter_op([AGENCY_B], [sha]), op_id).status_code == 201  # type: ignore[attr-defined]
        return op_id

    # Read the feed while commits land: a reader must never skip a late commit.
    got: list[str] = []
    with ThreadPoolExecutor(10) as pool:
        futures = [pool.submit(send, job) for job in jobs]
        while not all(f.done() for f in futures):
            page = b.changes(since, limit=7).json()
            got += [ch["op_id"] for ch in page["changes"]]
            since = page["next_cursor"]
        sent = {f.result() for f in futures}
    while True:
        page = b.changes(since, limit=50).json()
        got += [ch["op_id"] for ch in page["changes"]]
        since = page["next_cursor"]
        if not page["has_more"]:
            break
    assert len(got) == len(set(got)) == 60
    assert set(got) == sent
