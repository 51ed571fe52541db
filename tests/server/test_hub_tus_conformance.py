"""tus 1.0 as another vendor's client sees the hub: a plain client written from the
spec (POST, HEAD, PATCH, nothing Korat-specific beyond the required ``sha256``
metadata) survives dedup, and numeric headers are bounded (400, never a 5xx)."""

from __future__ import annotations

import os

import requests

from korat_desktop.protocol.tus import TUS_VERSION, encode_metadata
from tests.server.hub_harness import Agencies, HubClient, sha256_hex

BLOB = os.urandom(150_000)
_TUS = {"Tus-Resumable": TUS_VERSION}


class PlainTusClient:
    """tus 1.0 core + creation, as the spec reads: create, PATCH from offset 0; on 409
    ask HEAD where to resume. It knows nothing of ``Korat-Blob-Exists``."""

    def __init__(self, url: str, token: str) -> None:
        self.url = url
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"
        self.patches = 0

    def upload(self, data: bytes, chunk: int = 64 * 1024) -> str:
        r = self.session.post(self.url + "/uploads", timeout=30, headers={
            **_TUS, "Upload-Length": str(len(data)),
            "Upload-Metadata": encode_metadata({"sha256": sha256_hex(data)})})
        assert r.status_code == 201, r.text
        location = r.headers["Location"]
        offset = 0
        for _ in range(100):
            if offset == len(data):
                return location
            r = self.session.patch(self.url + location, data=data[offset:offset + chunk],
                                   timeout=30, headers={
                                       **_TUS, "Upload-Offset": str(offset),
                                       "Content-Type": "application/offset+octet-stream"})
            self.patches += 1
            if r.status_code == 409:
                offset = self.offset(location)
                continue
            assert r.status_code == 204, r.text
            offset = int(r.headers["Upload-Offset"])
        raise AssertionError("upload did not finish")

    def offset(self, location: str) -> int:
        r = self.session.head(self.url + location, headers=_TUS, timeout=30)
        assert r.status_code == 200 and r.headers["Tus-Resumable"] == TUS_VERSION
        assert r.headers["Upload-Length"] != ""
        return int(r.headers["Upload-Offset"])


def _plain(client: HubClient) -> PlainTusClient:
    assert client.token
    return PlainTusClient(client.url, client.token)


def test_plain_tus_client_survives_dedup(agencies: Agencies) -> None:
    plain = _plain(agencies.a)
    first = plain.upload(BLOB)
    assert plain.offset(first) == len(BLOB)  # a finished upload still answers HEAD
    sent = plain.patches
    second = plain.upload(BLOB)  # the hub holds it: born finished, nothing re-sent
    assert second.startswith("/uploads/") and second != first
    assert plain.offset(second) == len(BLOB)
    assert plain.patches - sent <= 1  # at most the PATCH at 0 answered 409


def test_dedup_answer_is_a_finished_upload(agencies: Agencies) -> None:
    a = agencies.a
    a.upload(BLOB)
    r = a.create_upload(BLOB)
    assert r.status_code == 201 and r.headers["Korat-Blob-Exists"] == "1"
    location = r.headers["Location"]
    head = a.head(location)
    assert head.status_code == 200
    assert head.headers["Upload-Offset"] == head.headers["Upload-Length"] == str(len(BLOB))
    r = a.patch(location, 0, BLOB[:10])
    assert r.status_code == 409 and r.headers["Upload-Offset"] == str(len(BLOB))
    assert a.patch(location, len(BLOB), b"x").status_code in (409, 413)  # nothing more
    assert a.patch(location, len(BLOB), b"").status_code == 204
    assert a.request("DELETE", location, headers=_TUS).status_code == 204
    assert a.create_upload(BLOB).headers["Korat-Blob-Exists"] == "1"  # the blob stays


def test_empty_blob_is_a_finished_upload(agencies: Agencies) -> None:
    r = agencies.a.create_upload(b"")
    assert r.status_code == 201 and r.headers["Upload-Offset"] == "0"
    assert agencies.a.head(r.headers["Location"]).headers["Upload-Length"] == "0"


def test_huge_numeric_headers_are_400_not_500(agencies: Agencies) -> None:
    a = agencies.a
    location = a.create_upload(BLOB).headers["Location"]
    for offset in ("9" * 5000, "1" + "0" * 19):
        r = a.request("PATCH", location, data=b"x", headers={
            **_TUS, "Upload-Offset": offset,
            "Content-Type": "application/offset+octet-stream"})
        assert r.status_code == 400 and r.json()["code"] == "upload.offset_mismatch", r.text
    assert a.head(location).headers["Upload-Offset"] == "0"
