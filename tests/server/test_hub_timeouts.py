"""No hub request waits forever on a client: a silent client mid-PATCH lets go of the
upload's lock (and a new PATCH takes over from it sooner), a request head that never
ends and a download nobody reads are dropped, and a client that is slow but alive is
not cut off."""

from __future__ import annotations

import hashlib
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from korat_desktop.protocol.tus import TUS_VERSION, encode_checksum
from korat_desktop.server.settings import HubSettings
from tests.server.hub_harness import (
    AGENCY_A,
    AGENCY_B,
    Agencies,
    HubClient,
    ThreadedHub,
    letter_op,
)

PEER_TIMEOUT_S = 1.0
BLOB = os.urandom(200_000)


@pytest.fixture
def quick_hub(tmp_path: Path) -> Iterator[tuple[ThreadedHub, HubClient]]:
    """A hub that drops a connection after 1 s without progress from the client."""
    hub = ThreadedHub(HubSettings(data_dir=tmp_path / "hub", peer_timeout_s=PEER_TIMEOUT_S)
                      ).start()
    hub.add_agency(AGENCY_A, "จังหวัด")
    hub.add_agency(AGENCY_B, "สาธารณสุข")
    hub.add_user("clerk", AGENCY_A, "pw")
    client = hub.client()
    assert client.enroll("clerk", "pw").status_code == 201
    yield hub, client
    hub.stop()


def _connect(hub: ThreadedHub) -> socket.socket:
    return socket.create_connection(("127.0.0.1", hub.port), timeout=10)


def _patch_head(client: HubClient, location: str, offset: int, length: int,
                checksum: bytes) -> bytes:
    return (f"PATCH {location} HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer {client.token}\r\n"
            f"Tus-Resumable: {TUS_VERSION}\r\nUpload-Offset: {offset}\r\n"
            f"Upload-Checksum: {encode_checksum(checksum)}\r\n"
            f"Content-Type: application/offset+octet-stream\r\nContent-Length: {length}\r\n\r\n"
            ).encode()


def _closed_by_hub(sock: socket.socket, within_s: float) -> bool:
    """Whether the hub closed ``sock`` (reading whatever it still sends) before ``within_s``
    ran out. ``within_s`` is a generous bound for liveness, never a speed measurement: a hub
    that kept the connection open would make this False."""
    sock.settimeout(within_s)
    try:
        while sock.recv(65536):
            pass
    except ConnectionResetError:
        pass
    except TimeoutError:
        return False
    return True


def test_a_client_gone_silent_mid_patch_releases_the_upload(
        quick_hub: tuple[ThreadedHub, HubClient]) -> None:
    hub, a = quick_hub
    location = a.create_upload(BLOB).headers["Location"]
    with _connect(hub) as dead:
        # Half a checksummed chunk, then nothing: no FIN, no RST (a cut link).
        dead.sendall(_patch_head(a, location, 0, len(BLOB), hashlib.sha256(BLOB).digest())
                     + BLOB[:100_000])
        time.sleep(0.3)
        busy = a.patch(location, 0, BLOB)
        assert busy.status_code == 423 and busy.json()["code"] == "upload.busy"
        assert _closed_by_hub(dead, within_s=20 * PEER_TIMEOUT_S)
    # The cut-off checksummed chunk was dropped whole; the upload is free again.
    assert a.head(location).headers["Upload-Offset"] == "0"
    r = a.patch(location, 0, BLOB)
    assert r.status_code == 204 and r.headers["Upload-Offset"] == str(len(BLOB))
    assert a.commit(letter_op([AGENCY_B], [hashlib.sha256(BLOB).hexdigest()])
                    ).status_code == 201


def test_a_slow_client_that_keeps_sending_is_not_cut_off(
        quick_hub: tuple[ThreadedHub, HubClient]) -> None:
    hub, a = quick_hub
    location = a.create_upload(BLOB).headers["Location"]
    with _connect(hub) as slow:
        slow.sendall(_patch_head(a, location, 0, len(BLOB), hashlib.sha256(BLOB).digest()))
        for start in range(0, len(BLOB), 50_000):  # 4 pieces, 0.6 s apart: 1.8 s in all
            time.sleep(0.6 * PEER_TIMEOUT_S)
            slow.sendall(BLOB[start:start + 50_000])
        answer = slow.recv(65536)
    assert answer.startswith(b"HTTP/1.1 204"), answer[:200]


def test_request_heads_that_never_end_are_dropped(
        quick_hub: tuple[ThreadedHub, HubClient]) -> None:
    hub, _ = quick_hub
    with _connect(hub) as silent, _connect(hub) as partial:
        partial.sendall(b"GET /health HTTP/1.1\r\nHost: hub\r\n")  # no blank line, ever
        assert _closed_by_hub(silent, within_s=20 * PEER_TIMEOUT_S)
        assert _closed_by_hub(partial, within_s=20 * PEER_TIMEOUT_S)
    with _connect(hub) as huge:
        huge.sendall(b"GET /health HTTP/1.1\r\n" + b"X-Padding: " + b"a" * 70_000)
        huge.settimeout(5)
        assert huge.recv(200).startswith(b"HTTP/1.1 431")


def test_a_download_nobody_reads_is_dropped(quick_hub: tuple[ThreadedHub, HubClient]) -> None:
    hub, a = quick_hub
    big = os.urandom(8_000_000)
    sha = a.upload(big, chunk=4_000_000)
    assert a.commit(letter_op([AGENCY_B], [sha])).status_code == 201
    with socket.socket() as reader:
        reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        reader.connect(("127.0.0.1", hub.port))
        reader.sendall(f"GET /blobs/{sha} HTTP/1.1\r\nHost: hub\r\n"
                       f"Authorization: Bearer {a.token}\r\n\r\n".encode())
        time.sleep(3 * PEER_TIMEOUT_S)  # read nothing: the hub's send buffer fills up
        received = 0
        reader.settimeout(5)
        try:
            while chunk := reader.recv(1 << 20):
                received += len(chunk)
        except ConnectionResetError:
            pass
    assert received < len(big)  # cut off, not delivered whole after the pause
    assert hub.client().request("GET", "/health").status_code == 200


def test_a_new_patch_takes_over_from_one_stuck_on_a_dead_connection(
        agencies: Agencies) -> None:
    """The client gave up on a stuck connection and resumes: it need not wait for the
    hub's connection timeout (30 s here) to let go of the upload."""
    a, hub = agencies.a, agencies.hub
    location = a.create_upload(BLOB).headers["Location"]
    with _connect(hub) as stuck:
        stuck.sendall(_patch_head(a, location, 0, len(BLOB), hashlib.sha256(BLOB).digest())
                      + BLOB[:100_000])
        time.sleep(0.3)
        assert a.patch(location, 0, BLOB).status_code == 423  # still moving: not stuck
        time.sleep(hub.settings.takeover_idle_s)
        # Taken over (204), not refused as busy (423) or left waiting for the stuck one.
        r = a.patch(location, 0, BLOB)
        assert r.status_code == 204 and r.headers["Upload-Offset"] == str(len(BLOB))
        stuck.settimeout(5)
        assert b"upload.superseded" in stuck.recv(65536)  # the old request was stopped
    assert a.commit(letter_op([AGENCY_B], [hashlib.sha256(BLOB).hexdigest()])
                    ).status_code == 201
