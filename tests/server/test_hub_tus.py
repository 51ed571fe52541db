"""tus 1.0 uploads: creation, resume after drops and restarts, checksums, dedup,
expiration, termination, and the final whole-blob SHA-256 check."""

from __future__ import annotations

import base64
import hashlib
import os
import socket
import time
from pathlib import Path

import pytest

from korat_desktop.protocol.tus import TUS_VERSION, encode_checksum
from korat_desktop.server.settings import HubSettings
from tests.server.hub_harness import (
    AGENCY_A,
    AGENCY_B,
    Agencies,
    HubClient,
    HubProcess,
    ThreadedHub,
    letter_op,
    sha256_hex,
)

BLOB = os.urandom(300_000)


def _wait_for_offset(client: HubClient, location: str, want: int) -> int:
    deadline = time.monotonic() + 10
    offset = -1
    while time.monotonic() < deadline:
        offset = int(client.head(location).headers["Upload-Offset"])
        if offset == want:
            return offset
        time.sleep(0.05)
    return offset


def _patch_until_free(client: HubClient, location: str, offset: int, chunk: bytes) -> int:
    """PATCH, waiting while the hub still holds the dropped request's lock (423)."""
    deadline = time.monotonic() + 10
    while True:
        r = client.patch(location, offset, chunk)
        if r.status_code != 423 or time.monotonic() > deadline:
            assert r.status_code == 204, r.text
            return int(r.headers["Upload-Offset"])
        time.sleep(0.05)


def _raw_patch_and_drop(url: str, token: str, location: str, offset: int, declared: int,
                        sent: bytes, checksum: bytes | None = None) -> None:
    """Send a PATCH whose body stops short of its Content-Length, then cut the socket."""
    host, port = url.removeprefix("http://").split(":")
    head = (f"PATCH {location} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
            f"Tus-Resumable: {TUS_VERSION}\r\nUpload-Offset: {offset}\r\n"
            f"Content-Type: application/offset+octet-stream\r\nContent-Length: {declared}\r\n")
    if checksum is not None:
        head += f"Upload-Checksum: {encode_checksum(checksum)}\r\n"
    with socket.create_connection((host, int(port))) as s:
        s.sendall(head.encode() + b"\r\n" + sent)
        time.sleep(0.2)  # let the hub read what was sent
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")


def test_discovery(hub: ThreadedHub) -> None:
    r = hub.client().request("OPTIONS", "/uploads")
    assert r.status_code == 204
    assert r.headers["Tus-Version"] == "1.0.0"
    assert set(r.headers["Tus-Extension"].split(",")) >= {
        "creation", "checksum", "expiration", "termination"}
    assert "sha256" in r.headers["Tus-Checksum-Algorithm"]


def test_upload_in_chunks_then_commit(agencies: Agencies) -> None:
    a = agencies.a
    r = a.create_upload(BLOB)
    assert r.status_code == 201 and r.headers["Upload-Offset"] == "0"
    assert "Upload-Expires" in r.headers
    sha = a.upload(BLOB, chunk=100_000)
    assert a.commit(letter_op([AGENCY_B], [sha])).status_code == 201
    r = a.request("GET", f"/blobs/{sha}")
    assert r.status_code == 200 and r.content == BLOB


def test_resume_after_dropped_connection_without_checksum(agencies: Agencies) -> None:
    a = agencies.a
    location = a.create_upload(BLOB).headers["Location"]
    assert a.token
    _raw_patch_and_drop(a.url, a.token, location, 0, 200_000, BLOB[:120_000])
    # tus core: bytes that arrived are kept; HEAD says where to resume
    offset = _wait_for_offset(a, location, 120_000)
    assert offset == 120_000
    offset = _patch_until_free(a, location, offset, BLOB[offset:])
    assert offset == len(BLOB)
    assert a.commit(letter_op([AGENCY_B], [sha256_hex(BLOB)])).status_code == 201


def test_resume_after_dropped_checksummed_chunk_discards_it(agencies: Agencies) -> None:
    a = agencies.a
    location = a.create_upload(BLOB).headers["Location"]
    assert a.patch(location, 0, BLOB[:50_000]).status_code == 204
    assert a.token
    chunk = BLOB[50_000:250_000]
    _raw_patch_and_drop(a.url, a.token, location, 50_000, len(chunk), chunk[:100_000],
                        checksum=hashlib.sha256(chunk).digest())
    assert _wait_for_offset(a, location, 50_000) == 50_000
    assert _patch_until_free(a, location, 50_000, BLOB[50_000:]) == len(BLOB)


def test_chunk_checksum_mismatch_is_460_and_not_kept(agencies: Agencies) -> None:
    a = agencies.a
    location = a.create_upload(BLOB).headers["Location"]
    r = a.patch(location, 0, BLOB[:1000], bad_checksum=True)
    assert r.status_code == 460 and r.json()["code"] == "upload.checksum_mismatch"
    assert a.head(location).headers["Upload-Offset"] == "0"
    r = a.request("PATCH", location, data=b"x", headers={
        "Tus-Resumable": TUS_VERSION, "Upload-Offset": "0",
        "Content-Type": "application/offset+octet-stream", "Upload-Checksum": "md5 AAAA"})
    assert r.status_code == 400


def test_wrong_final_hash_is_rejected_deleted_and_never_committable(
        agencies: Agencies) -> None:
    a = agencies.a
    claimed = sha256_hex(b"something else")
    r = a.create_upload(BLOB, sha256=claimed)
    location = r.headers["Location"]
    assert a.patch(location, 0, BLOB[:200_000]).status_code == 204
    r = a.patch(location, 200_000, BLOB[200_000:])
    assert r.status_code == 422 and r.json()["code"] == "upload.hash_mismatch"
    assert a.head(location).status_code == 404
    r = a.commit(letter_op([AGENCY_B], [claimed]))
    assert r.status_code == 424 and claimed in r.json()["params"]["missing"]
    assert not list((agencies.hub.settings.upload_dir).glob("*.part"))


def test_dedup_within_agency_but_proof_of_possession_across_agencies(
        agencies: Agencies) -> None:
    a, b = agencies.a, agencies.b
    sha = a.upload(BLOB)
    r = a.create_upload(BLOB)
    assert a.held(r) and r.headers["Upload-Offset"] == str(len(BLOB))
    # Another agency that only knows the hash must still send the bytes.
    r = b.create_upload(BLOB)
    assert r.status_code == 201
    assert b.upload(BLOB) == sha
    assert b.held(b.create_upload(BLOB))


def test_overflowing_the_declared_length_is_refused(agencies: Agencies) -> None:
    a = agencies.a
    location = a.create_upload(b"12345").headers["Location"]
    r = a.patch(location, 0, b"123456")
    assert r.status_code == 413
    assert a.head(location).headers["Upload-Offset"] == "0"


def test_offset_mismatch_is_409(agencies: Agencies) -> None:
    a = agencies.a
    location = a.create_upload(BLOB).headers["Location"]
    r = a.patch(location, 10, BLOB[10:20])
    assert r.status_code == 409 and r.headers["Upload-Offset"] == "0"


def test_termination(agencies: Agencies) -> None:
    a = agencies.a
    location = a.create_upload(BLOB).headers["Location"]
    a.patch(location, 0, BLOB[:1000])
    r = a.request("DELETE", location, headers={"Tus-Resumable": TUS_VERSION})
    assert r.status_code == 204
    assert a.head(location).status_code == 404
    assert not list(agencies.hub.settings.upload_dir.glob("*.part"))


def test_tus_resumable_header_is_required(agencies: Agencies) -> None:
    r = agencies.a.request("POST", "/uploads", headers={"Upload-Length": "3"})
    assert r.status_code == 412 and r.headers["Tus-Version"] == "1.0.0"


def test_creation_needs_sha256_metadata_and_a_sane_length(agencies: Agencies) -> None:
    a = agencies.a
    for headers in ({"Upload-Length": "10"},
                    {"Upload-Length": "10", "Upload-Metadata": "sha256 bm90aGV4"},
                    {"Upload-Length": "-1", "Upload-Metadata": "sha256 " + "0" * 8},
                    {"Upload-Length": "\u00b2", "Upload-Metadata": "sha256 " + "0" * 8}):
        r = a.request("POST", "/uploads", headers={"Tus-Resumable": TUS_VERSION, **headers})
        assert r.status_code == 400, headers
    r = a.request("POST", "/uploads", headers={
        "Tus-Resumable": TUS_VERSION, "Upload-Length": str(10**12),
        "Upload-Metadata": "sha256 " + "0" * 8})
    assert r.status_code == 413


def test_expired_uploads_are_gone_and_swept(tmp_path: Path, database_url: str | None) -> None:
    settings = HubSettings(data_dir=tmp_path / "hub", database_url=database_url,
                           upload_expiry_s=0.5)
    server = ThreadedHub(settings).start()
    try:
        server.add_agency(AGENCY_A, "A")
        server.add_user("u", AGENCY_A, "p")
        a = server.client()
        a.enroll("u", "p")
        r = a.create_upload(BLOB)
        location = r.headers["Location"]
        assert a.patch(location, 0, BLOB[:1000]).status_code == 204
        other = a.create_upload(BLOB).headers["Location"]
        time.sleep(0.7)
        assert a.head(location).status_code == 410
        assert a.head(location).status_code == 404  # and it is forgotten
        assert server.hub.uploads.sweep() >= 1  # `other` expired silently: swept
        assert a.head(other).status_code == 404
        assert not list(settings.upload_dir.glob("*.part"))
    finally:
        server.stop()


@pytest.mark.slow
def test_hub_restart_mid_upload_then_resume(tmp_path: Path, database_url: str | None) -> None:
    proc = HubProcess(tmp_path / "hub", database_url)
    assert proc.cli("add-agency", AGENCY_A, "A").returncode == 0
    assert proc.cli("add-agency", AGENCY_B, "B").returncode == 0
    assert proc.cli("add-user", "u", "--agency", AGENCY_A, stdin="pw\n").returncode == 0
    proc.start()
    try:
        a = HubClient(proc.url)
        assert a.enroll("u", "pw").status_code == 201
        location = a.create_upload(BLOB).headers["Location"]
        assert a.patch(location, 0, BLOB[:150_000]).status_code == 204
        proc.kill()
        proc.start()
        assert a.head(location).headers["Upload-Offset"] == "150000"
        assert a.patch(location, 150_000, BLOB[150_000:]).status_code == 204
        assert a.commit(letter_op([AGENCY_B], [sha256_hex(BLOB)])).status_code == 201
    finally:
        proc.kill()


def test_a_plain_tus_client_survives_dedup_and_finished_uploads(agencies: Agencies) -> None:
    """tus 1.0 as the spec has it (POST, HEAD, PATCH) with nothing of ours: dedup is a
    created upload that is already complete, and a finished upload's URL keeps answering
    HEAD with offset == length until it expires (issue 13.11)."""
    a = agencies.a
    tus = {"Tus-Resumable": "1.0.0"}
    data = os.urandom(150_000)
    meta = "sha256 " + base64.b64encode(sha256_hex(data).encode()).decode()

    def plain_upload() -> tuple[str, int]:
        r = a.request("POST", "/uploads", headers={**tus, "Upload-Length": str(len(data)),
                                                   "Upload-Metadata": meta})
        assert r.status_code == 201 and "Location" in r.headers, r.text
        location = r.headers["Location"]
        patches = 0
        while True:
            head = a.request("HEAD", location, headers=tus)
            assert head.status_code == 200 and head.headers["Tus-Resumable"] == "1.0.0"
            offset = int(head.headers["Upload-Offset"])
            if offset == int(head.headers["Upload-Length"]):
                return location, patches
            r = a.request("PATCH", location, data=data[offset:offset + 64_000], headers={
                **tus, "Upload-Offset": str(offset),
                "Content-Type": "application/offset+octet-stream"})
            assert r.status_code == 204, r.text
            patches += 1

    first, patches = plain_upload()
    assert patches == 3
    again = a.request("HEAD", first, headers=tus)  # finished: still answers, complete
    assert again.headers["Upload-Offset"] == again.headers["Upload-Length"] == str(len(data))
    second, patches = plain_upload()  # the agency holds it: nothing is sent again
    assert patches == 0 and second != first
    late = a.request("PATCH", second, data=b"x", headers={
        **tus, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"})
    assert late.status_code == 409 and late.headers["Upload-Offset"] == str(len(data))
    assert a.request("DELETE", first, headers=tus).status_code == 204
    assert a.commit(letter_op([AGENCY_B], [sha256_hex(data)])).status_code == 201


def test_tus_core_answers_for_stock_clients(agencies: Agencies) -> None:
    """X-HTTP-Method-Override is honoured; Tus-Resumable is on every answer but OPTIONS,
    errors too; a 405 lists every allowed method (issue 13.12)."""
    a = agencies.a
    data = os.urandom(20_000)
    location = a.create_upload(data).headers["Location"]
    r = a.request("POST", location, data=data, headers={
        "Tus-Resumable": TUS_VERSION, "X-HTTP-Method-Override": "PATCH",
        "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"})
    assert r.status_code == 204 and r.headers["Upload-Offset"] == str(len(data))
    r = a.request("POST", location, headers={"Tus-Resumable": TUS_VERSION,
                                             "X-HTTP-Method-Override": "HEAD"})
    assert r.status_code == 200 and r.headers["Upload-Offset"] == str(len(data))
    errors = [
        agencies.hub.client().request("HEAD", location, headers={"Tus-Resumable": TUS_VERSION}),
        a.request("HEAD", "/uploads/" + "0" * 32, headers={"Tus-Resumable": TUS_VERSION}),
        a.request("HEAD", location),  # no Tus-Resumable: 412
        a.request("POST", "/uploads", headers={"Tus-Resumable": TUS_VERSION,
                                              "Upload-Length": "x"}),
    ]
    assert [r.status_code for r in errors] == [401, 404, 412, 400]
    assert all(r.headers.get("Tus-Resumable") == TUS_VERSION for r in errors)
    r = a.request("PUT", "/uploads", headers={"Tus-Resumable": TUS_VERSION})
    assert r.status_code == 405
    assert {m.strip() for m in r.headers["Allow"].split(",")} == {"OPTIONS", "POST"}
    r = a.request("GET", location, headers={"Tus-Resumable": TUS_VERSION})
    assert r.status_code == 405
    assert {m.strip() for m in r.headers["Allow"].split(",")} == {"HEAD", "PATCH", "DELETE"}
