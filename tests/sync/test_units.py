"""The engine's small parts: chunk sizes, backoff, the bandwidth cap, error classes,
the stall watch, the migration, and where the device token is (not) kept."""

from __future__ import annotations

import contextlib
import random
import socket
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import requests

from korat_desktop.config import load_config
from korat_desktop.errors import SyncError
from korat_desktop.store.db import Database
from korat_desktop.store.migrations import SCHEMA_HEAD
from korat_desktop.sync import stall
from korat_desktop.sync.backoff import Backoff, Retrier
from korat_desktop.sync.chunks import MAX_CHUNK, MIN_CHUNK, TARGET_S, ChunkSizer
from korat_desktop.sync.failures import from_response, is_transient
from korat_desktop.sync.pacing import BandwidthCap
from tests.server.hub_harness import AGENCY_A, ThreadedHub
from tests.sync.harness import Device


def test_chunks_aim_at_the_target_time_within_bounds() -> None:
    sizer = ChunkSizer(target_s=30.0)
    assert sizer.next_size(10**9) == 64 * 1024  # first chunk measures the link
    sizer.record(64 * 1024, 2.0)  # 32 KiB/s, about 256 kbit/s
    assert sizer.next_size(10**9) == 32 * 1024 * 30
    sizer.interrupted()
    assert sizer.next_size(10**9) == 32 * 1024 * 15  # drops make chunks smaller
    assert sizer.next_size(1000) == 1000
    sizer.record(10**9, 0.01)
    assert sizer.next_size(10**10) == MAX_CHUNK
    slow = ChunkSizer(target_s=30.0)
    slow.record(100, 10.0)
    assert slow.next_size(10**9) == MIN_CHUNK


def test_default_chunks_risk_at_most_ten_seconds_of_sending_to_a_cut(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch
                                                                    ) -> None:
    """A cut longer than the hub's peer timeout loses the chunk in flight: with the
    settings a user gets, a chunk is at most ~10 s of sending at the measured rate."""
    monkeypatch.setenv("KORAT_MACHINE_CONFIG_DIR", str(tmp_path / "machine"))
    target = float(load_config(tmp_path / "data")["sync.chunk_target_s"])
    assert target == TARGET_S
    sizer = ChunkSizer(target_s=target)
    sizer.record(8 * 1024, 1.0)  # 8 KiB/s, a 64 kbit/s line
    assert sizer.next_size(10**9) <= 8 * 1024 * 10


def test_backoff_grows_with_jitter_and_is_capped() -> None:
    b = Backoff(0.5, 8.0, random.Random(1))
    delays = [b.next_delay() for _ in range(10)]
    assert 0.25 <= delays[0] <= 0.5
    assert all(4.0 <= d <= 8.0 for d in delays[5:])
    assert len(set(delays)) == len(delays)  # jitter: no two clients in lockstep
    assert b.next_delay(at_least_s=20) == 20  # the hub's Retry-After wins


def test_retrier_gives_up_after_attempts_without_progress() -> None:
    waits: list[float] = []
    r = Retrier(3, Backoff(0.5, 1.0), sleep=lambda s, _stop: waits.append(s))
    calls = 0

    def flaky() -> int:
        nonlocal calls
        calls += 1
        raise SyncError("sync.connection_lost")

    try:
        r.call(flaky)
    except SyncError as e:
        assert e.code == "sync.connection_lost"
    assert calls == 3 and len(waits) == 2
    permanent = Retrier(3, Backoff(), sleep=lambda s, _stop: waits.append(s))
    try:
        permanent.call(lambda: (_ for _ in ()).throw(SyncError("op.conflict", status=409)))
    except SyncError as e:
        assert e.code == "op.conflict"
    assert len(waits) == 2  # a permanent error is not retried


def test_bandwidth_cap_paces_bytes() -> None:
    now = [0.0]
    cap = BandwidthCap(64, clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    for _ in range(20):
        cap.take(16 * 1024)
    assert 36 <= now[0] <= 42  # 320 KiB at 8 KB/s, less the initial burst
    free = BandwidthCap(0)
    assert free.unlimited


def _response(status: int, body: bytes, headers: dict[str, str] | None = None
              ) -> requests.Response:
    r = requests.Response()
    r.status_code = status
    r._content = body
    r.headers.update(headers or {})
    return r


def test_errors_are_classified_transient_or_permanent() -> None:
    busy = from_response(_response(503, b"<html>bad gateway</html>", {"Retry-After": "7"}))
    assert busy.code == "sync.hub_unavailable" and is_transient(busy)
    assert busy.params["retry_after"] == "7"
    refused = from_response(_response(
        422, b'{"code":"op.unknown_agency","message":"x","params":{"agency":"X"}}'))
    assert refused.code == "op.unknown_agency" and not is_transient(refused)
    assert "X" in refused.message("th")
    assert is_transient(SyncError("sync.timeout"))
    assert not is_transient(SyncError("sync.tls", detail="self signed"))


def test_a_database_from_the_previous_version_opens(tmp_path: Path) -> None:
    path = tmp_path / "korat.sqlite3"
    db = Database(path)
    db.close()
    with sqlite3.connect(path) as conn:  # pretend it is a 0001 database
        for table in ("sealed_fields",  # 0007's
                      "office_key",  # 0006's
                      "relay_cursor", "relay_op", "relay_evidence", "courier_bundle_op",
                      "courier_bundle", "directory_source", "directory_certificate",  # 0005's
                      "draft", "number_lease", "delivery_receipt", "sent_letter", "inbox_item",
                      "upload_session", "outbox_op", "letter_recipient", "directory_agency",
                      "sync_enrollment"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DROP INDEX IF EXISTS ix_document_urgency")  # 0003's, with drafts
        conn.execute("ALTER TABLE document DROP COLUMN active_content")  # 0004's
        conn.execute("ALTER TABLE document DROP COLUMN ocr")  # 0008's
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    db = Database(path)
    assert db.schema_revision() == SCHEMA_HEAD
    db.close()


def test_the_token_is_in_the_keyring_only(hub: ThreadedHub, keyring_file: Path,
                                          make_device: Callable[..., Device]) -> None:
    a1 = make_device("a1", AGENCY_A)
    a1.login(hub.url, "clerk-a")
    import json

    tokens = list(json.loads(keyring_file.read_text()).values())
    assert len(tokens) == 1 and len(tokens[0]) > 20
    for path in a1.root.rglob("*"):
        if path.is_file():
            assert tokens[0].encode() not in path.read_bytes(), path
    assert a1.korat("logout").code == 0
    assert json.loads(keyring_file.read_text()) == {}
    run = a1.korat("sync", "--once")
    assert run.code == 1 and "sync.not_enrolled" in run.err


def test_signature_upgrades_run_as_part_of_sync(hub: ThreadedHub, tmp_path: Path,
                                                make_device: Callable[..., Device]) -> None:
    """With the TSA unreachable the signed letter stays pending (a transient reason);
    the sync itself still succeeds and reports it."""
    from tests.sync.harness import make_p12

    p12 = make_p12(tmp_path / "s.p12", "pw")
    a1 = make_device("a1", AGENCY_A, **{"signing.tsa_url": "http://127.0.0.1:9/tsa"})
    a1.login(hub.url, "clerk-a")
    entry = a1.send("หนังสือลงนาม", [AGENCY_A.replace("0017.1", "0023.4")])
    assert a1.korat("sign", str(entry), "--pkcs12", str(p12), "--pin-stdin",
                    stdin="pw\n").code == 0
    run = a1.korat("sync", "--once", "--json")
    assert run.code == 0, run.err
    assert run.json["upgrades"] == {"upgraded": 0, "still_pending": 1, "failed": 0}
    assert "signatures upgraded: 0, still waiting: 1" in a1.korat("sync", "--once").out


def test_a_stalled_connection_is_cut_only_once_the_link_is_up() -> None:
    """While probes fail (the link is down) a stuck connection is left to TCP; once a
    probe gets through and it is still stuck after the grace, it is shut down."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        client = socket.create_connection(server.getsockname())
        peer, _ = server.accept()  # never reads: the client's bytes stop being acknowledged
        link_up = threading.Event()
        client.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            while True:
                client.send(b"x" * 65536)
        assert stall.kernel_progress(client) is not None
        assert stall.kernel_progress(client).waiting  # type: ignore[union-attr]
        probes_while_down: list[bool] = []
        probed_thrice = threading.Event()

        def probe(*_: object) -> bool:
            if not link_up.is_set():
                probes_while_down.append(False)
                if len(probes_while_down) >= 3:
                    probed_thrice.set()
            return link_up.is_set()

        watch = stall.StallWatch(lambda: client, 1 << 30, stall_after_s=0.5, grace_s=0.5,
                                 probe=probe)
        with watch:
            # The watch saw the stall (it probes) but, the link being down, leaves it to TCP.
            assert probed_thrice.wait(30)
            assert not watch.fired
            link_up.set()
            deadline = time.monotonic() + 5
            while not watch.fired and time.monotonic() < deadline:
                time.sleep(0.1)
        assert watch.fired
        with pytest.raises(OSError):
            client.send(b"x")
        client.close()
        peer.close()


def test_a_connection_resuming_within_three_retransmissions_is_not_cut(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """With the default grace, a stuck connection whose first two retransmissions after
    the link is back get lost (2 s each, TCP's capped backoff) is left to resume: the
    watch sees it move 5 s after the probe got through and never cuts it."""
    monkeypatch.setattr(stall, "_TICK_S", 0.01)
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        client = socket.create_connection(server.getsockname())
        peer, _ = server.accept()
        client.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            while True:
                client.send(b"x" * 65536)
        probed_at: list[float] = []
        now = [0.0]
        finished = threading.Event()

        def probe(*_: object) -> bool:
            probed_at.append(now[0])
            return True

        def clock() -> float:  # half a second of the watch's time per look
            now[0] += 0.5
            if probed_at and now[0] == probed_at[0] + 5.0:  # TCP resumes: the peer reads
                before = stall.kernel_progress(client).bytes_acked  # type: ignore[union-attr]
                peer.setblocking(False)
                deadline = time.monotonic() + 10
                while (stall.kernel_progress(client).bytes_acked  # type: ignore[union-attr]
                       == before and time.monotonic() < deadline):
                    with contextlib.suppress(BlockingIOError):
                        peer.recv(1 << 20)
            if probed_at and now[0] >= probed_at[0] + 10.0:
                finished.set()
            return now[0]

        watch = stall.StallWatch(lambda: client, 1 << 30, probe=probe, clock=clock)
        with watch:
            deadline = time.monotonic() + 30
            while not (finished.is_set() or watch.fired) and time.monotonic() < deadline:
                time.sleep(0.01)
        assert probed_at  # the link was probed: the connection did look stuck
        assert not watch.fired
        assert finished.is_set()
        client.close()
        peer.close()
