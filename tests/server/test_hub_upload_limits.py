"""Upload limits per device and per agency, and the sweep of uploaded-but-uncommitted
blobs, against the real hub over HTTP. The sweep is called with an explicit ``now``
one expiry ahead: no sleeping."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from korat_desktop.server.db.schema import blob_access, blobs, uploads
from korat_desktop.server.settings import HubSettings
from korat_desktop.sync.failures import from_response, is_transient, retry_after_s
from tests.server.hub_harness import AGENCY_A, AGENCY_B, Agencies, HubClient, letter_op

LIMITS = {"upload_max_open_per_device": 3, "upload_max_open_per_agency": 5,
          "upload_max_bytes_per_device": 10_000, "upload_max_bytes_per_agency": 20_000}


@pytest.fixture
def hub_settings(tmp_path: Path, database_url: str | None) -> HubSettings:
    return HubSettings(data_dir=tmp_path / "hub", database_url=database_url, **LIMITS)


def _limited(r: requests.Response, limit: str) -> None:
    assert r.status_code == 429, r.text
    assert r.json()["code"] == "upload.limit_reached"
    assert r.json()["params"]["limit"] == limit
    assert r.headers["Retry-After"] == "60"
    error = from_response(r)  # what the desktop client makes of it: wait, then go on
    assert error.code == "upload.limit_reached"
    assert is_transient(error) and retry_after_s(error) == 60


def _second_device(agencies: Agencies) -> HubClient:
    client = agencies.hub.client()
    assert client.enroll("user0", "pw-0", device="pc-2").status_code == 201
    assert client.agency == AGENCY_A
    return client


def test_open_uploads_are_limited_per_device_and_agency(agencies: Agencies) -> None:
    a, a2 = agencies.a, _second_device(agencies)
    opened = [a.create_upload(os.urandom(100)) for _ in range(3)]
    assert [r.status_code for r in opened] == [201, 201, 201]
    _limited(a.create_upload(os.urandom(100)), "device_uploads")
    assert a2.create_upload(os.urandom(100)).status_code == 201  # its own device budget
    assert a2.create_upload(os.urandom(100)).status_code == 201
    _limited(a2.create_upload(os.urandom(100)), "agency_uploads")  # 5 open in agency A
    assert agencies.b.create_upload(os.urandom(100)).status_code == 201  # B is not A
    # finishing (or ending) an upload frees its slot: the waiting client goes on
    terminated = a.request("DELETE", opened[0].headers["Location"],
                           headers={"Tus-Resumable": "1.0.0"})
    assert terminated.status_code == 204
    a.upload(os.urandom(100))  # a new upload, finished: no longer open
    assert a.create_upload(os.urandom(100)).status_code == 201
    with agencies.hub.hub.db.reading() as conn:  # A: 3 open, A's second device: 2, B: 1,
        # and the finished one, kept until it expires so its URL still answers HEAD
        assert len(conn.execute(select(uploads.c.id)).all()) == 7


def test_declared_bytes_are_limited_counting_uncommitted_blobs(agencies: Agencies) -> None:
    a, a2 = agencies.a, _second_device(agencies)
    assert a.create_upload(os.urandom(6_000)).status_code == 201
    _limited(a.create_upload(os.urandom(5_000)), "device_bytes")
    assert a.create_upload(os.urandom(4_000)).status_code == 201  # exactly 10,000
    sha = a2.upload(finished := os.urandom(9_000))  # finished, not committed yet
    _limited(a2.create_upload(os.urandom(2_000)), "agency_bytes")  # 10,000 + 9,000 + 2,000
    r = a2.commit(letter_op([AGENCY_B], [sha]))
    assert r.status_code == 201, r.text
    assert a2.create_upload(os.urandom(2_000)).status_code == 201  # committed: not counted
    assert len(finished) == 9_000


def _held(agencies: Agencies, sha256: str) -> set[tuple[str, bool]]:
    with agencies.hub.hub.db.reading() as conn:
        return {(r.agency_code, r.readable) for r in conn.execute(
            select(blob_access.c.agency_code, blob_access.c.readable)
            .where(blob_access.c.sha256 == sha256))}


def _blob_row(agencies: Agencies, sha256: str) -> bool:
    with agencies.hub.hub.db.reading() as conn:
        return conn.execute(select(blobs.c.sha256).where(blobs.c.sha256 == sha256)
                            ).first() is not None


def test_sweep_removes_uploaded_but_uncommitted_blobs_only(agencies: Agencies) -> None:
    hub = agencies.hub.hub
    a, b = agencies.a, agencies.b
    files = hub.settings.blob_dir
    never = a.upload(os.urandom(5_000))  # uploaded, never committed
    sent = a.upload(os.urandom(5_000))  # uploaded and committed to B
    assert a.commit(letter_op([AGENCY_B], [sent])).status_code == 201
    shared = a.upload(shared_bytes := os.urandom(3_000))  # A commits it; B's copy never
    assert a.commit(letter_op([AGENCY_B], [shared], subject="อีกฉบับ")).status_code == 201
    assert b.held(b.create_upload(shared_bytes))  # B holds it now (readable)
    partial = a.create_upload(os.urandom(4_000)).headers["Location"]
    before = {p.name for p in files.rglob("*") if p.is_file()}
    assert any(never in name for name in before)

    expiry = dt.timedelta(seconds=hub.settings.upload_expiry_s)
    soon = dt.datetime.now(dt.UTC) + expiry - dt.timedelta(minutes=5)
    assert hub.uploads.sweep(now=soon) == 0  # not yet expired: nothing goes
    assert _blob_row(agencies, never)

    later = dt.datetime.now(dt.UTC) + expiry + dt.timedelta(minutes=5)
    assert hub.uploads.sweep(now=later) == 2  # the uncommitted blob, the partial upload
    assert not _blob_row(agencies, never) and _held(agencies, never) == set()
    after = {p.name for p in files.rglob("*") if p.is_file()}
    assert not any(never in name for name in after)  # its file is gone
    assert before - after == {n for n in before if never in n}
    # committed blobs stay, readable, with their bytes
    assert _held(agencies, sent) == {(AGENCY_A, True), (AGENCY_B, True)}
    assert b.request("GET", f"/blobs/{sent}").status_code == 200
    assert _held(agencies, shared) == {(AGENCY_A, True), (AGENCY_B, True)}
    # the expired partial upload went with its part file
    assert a.head(partial).status_code == 404  # its row is gone
    assert not list(hub.settings.upload_dir.glob("*.part"))
    # committing the swept blob now asks for it again, as for any lost upload
    r = a.commit(letter_op([AGENCY_B], [never], subject="ช้าไป"))
    assert r.status_code == 424 and r.json()["code"] == "op.blobs_missing"


def test_announcing_a_held_blob_again_keeps_it_one_more_expiry(agencies: Agencies) -> None:
    hub = agencies.hub.hub
    a = agencies.a
    data = os.urandom(2_000)
    sha = a.upload(data)
    with hub.db.writing() as conn:  # uploaded long ago...
        conn.execute(blob_access.update().where(blob_access.c.sha256 == sha).values(
            held_since=dt.datetime.now(dt.UTC) - dt.timedelta(days=30)))
    assert a.held(a.create_upload(data))  # ...but the client is about to commit
    expiry = dt.timedelta(seconds=hub.settings.upload_expiry_s)
    assert hub.uploads.sweep(now=dt.datetime.now(dt.UTC) + expiry / 2) == 0
    assert _blob_row(agencies, sha)
    assert a.commit(letter_op([AGENCY_B], [sha])).status_code == 201
