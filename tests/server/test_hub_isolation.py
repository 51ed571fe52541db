"""Agencies cannot read, list or guess each other's blobs, uploads, ops, leases, changes."""

from __future__ import annotations

import os

from korat_desktop.protocol import uuid7
from korat_desktop.protocol.tus import TUS_VERSION
from tests.server.hub_harness import AGENCY_B, Agencies, letter_op, sha256_hex


def test_a_bystander_agency_sees_nothing(agencies: Agencies) -> None:
    a, b, c = agencies.a, agencies.b, agencies.c
    data = os.urandom(20_000)
    sha = a.upload(data)
    letter_id = uuid7()
    op = letter_op([AGENCY_B], [sha])
    assert a.commit(op, letter_id).status_code == 201

    # blobs: readable by sender and recipient only; unknown and forbidden look the same
    assert a.request("GET", f"/blobs/{sha}").status_code == 200
    assert b.request("GET", f"/blobs/{sha}").status_code == 200
    forbidden = c.request("GET", f"/blobs/{sha}")
    absent = c.request("GET", f"/blobs/{sha256_hex(b'nothing')}")
    assert forbidden.status_code == absent.status_code == 404
    assert forbidden.json() == absent.json()
    assert c.request("HEAD", f"/blobs/{sha}").status_code == 404
    # knowing the hash is not enough to claim the blob
    r = c.commit(letter_op([AGENCY_B], [sha]))
    assert r.status_code == 424
    # changes: nothing of A→B in C's feed
    assert c.all_changes() == []
    # ops: C cannot reuse A's op id (and does not get A's receipt)
    r = c.commit(op, letter_id)
    assert r.status_code == 409 and "routed_to" not in r.text


def test_uploads_and_leases_are_private(agencies: Agencies) -> None:
    a, c = agencies.a, agencies.c
    location = a.create_upload(os.urandom(1000)).headers["Location"]
    assert c.head(location).status_code == 404
    assert c.patch(location, 0, b"x").status_code == 404
    assert c.request("DELETE", location, headers={"Tus-Resumable": TUS_VERSION}
                     ).status_code == 404
    assert a.head(location).status_code == 200
    lease = a.request("POST", "/leases", json={"register": "send", "year": 2568, "size": 3})
    r = c.request("POST", f"/leases/{lease.json()['lease_id']}/release",
                  json={"next_unused": 1})
    assert r.status_code == 404


def test_blob_download_supports_ranges(agencies: Agencies) -> None:
    a = agencies.a
    data = os.urandom(100_000)
    sha = a.upload(data)
    a.commit(letter_op([AGENCY_B], [sha]))
    r = a.request("GET", f"/blobs/{sha}", headers={"Range": "bytes=60000-"})
    assert r.status_code == 206 and r.content == data[60000:]
    assert r.headers["Content-Range"] == f"bytes 60000-99999/{len(data)}"
    r = a.request("GET", f"/blobs/{sha}", headers={"Range": "bytes=-10"})
    assert r.content == data[-10:]
    r = a.request("GET", f"/blobs/{sha}", headers={"Range": "bytes=10-19"})
    assert r.content == data[10:20]
    r = a.request("GET", f"/blobs/{sha}", headers={"Range": "bytes=200000-"})
    assert r.status_code == 416 and r.headers["Content-Range"] == f"bytes */{len(data)}"
    r = a.request("GET", f"/blobs/{sha}", headers={"Range": "bytes=0-1", "If-Range": '"x"'})
    assert r.status_code == 200 and r.content == data
    r = a.request("GET", f"/blobs/{sha}", headers={"Range": "bytes=0-1,5-6"})
    assert r.status_code == 200


def test_agency_directory_is_cached_with_etag(agencies: Agencies) -> None:
    a = agencies.a
    r = a.request("GET", "/agencies")
    assert r.status_code == 200 and len(r.json()["agencies"]) == 3
    again = a.request("GET", "/agencies", headers={"If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304
