"""Exactly-once delivery under faults: a proxy that resets, stalls, truncates and
answers 5xx or freezes a connection; the client killed with SIGKILL mid-upload and
mid-commit; the hub restarted mid-upload. Afterwards every operation is on the hub exactly once, every
blob's bytes match their hash, and nothing queued on the client is lost."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from korat_desktop.sync import stall
from tests.server.hub_harness import AGENCY_A, AGENCY_B, HubProcess, ThreadedHub
from tests.sync.fault_proxy import FaultProxy
from tests.sync.harness import AGENCIES, PASSWORDS, Device, sized_pdf
from tests.sync.hub_checks import assert_exactly_once, hub_ops

pytestmark = pytest.mark.slow


@pytest.fixture
def proxy(hub: ThreadedHub) -> Iterator[FaultProxy]:
    p = FaultProxy(hub.port, fault_rate=0.3, seed=7, stall_s=2.5)
    yield p
    p.close()


def _queue_letters(device: Device, n: int, size: int, to: str = AGENCY_B) -> list[int]:
    ids = []
    for i in range(n):
        entry = device.send(f"หนังสือทดสอบ {i}", [to], sized_pdf(size + 997 * i, f"ทดสอบ {i}"))
        ids.append(entry)
    run = device.korat("queue", *map(str, ids), "--allow-unsigned")
    assert run.code == 0, run.err
    return ids


def _sync_until_done(device: Device, budget_s: float = 120.0) -> int:
    """``korat sync --once`` until a pass ends clean; returns how many passes it took."""
    deadline = time.monotonic() + budget_s
    passes = 0
    seen = []
    while time.monotonic() < deadline:
        passes += 1
        started = time.monotonic()
        run = device.korat("sync", "--once", "--json")
        report = run.json["report"] if run.out else {}
        seen.append((run.code, round(time.monotonic() - started, 1), report.get("pending"),
                     report.get("stopped"), [d["issue"]["code"] for d in
                                             report.get("deferred", [])], run.err[-200:]))
        if run.code == 0 and report["pending"] == 0:
            return passes
    raise AssertionError(f"not done after {passes} passes: {seen}")


def test_exactly_once_through_a_faulty_link(hub: ThreadedHub, proxy: FaultProxy,
                                            make_device: Callable[..., Device]) -> None:
    settings = {"sync.read_timeout_s": 1.5, "sync.connect_timeout_s": 1.0,
                "sync.chunk_target_s": 0.05, "sync.bandwidth_cap_kbit": 16000,
                "sync.retry_attempts": 4, "sync.max_backoff_s": 0.2}
    a1 = make_device("a1", AGENCY_A, **settings)
    b1 = make_device("b1", AGENCY_B, **settings)
    proxy.enabled = False
    a1.login(proxy.url, "clerk-a")
    b1.login(proxy.url, "clerk-b")
    _queue_letters(a1, 6, 100_000)
    proxy.enabled = True
    _sync_until_done(a1)
    assert_exactly_once(hub.settings.data_dir, a1.root)
    # B fetches every letter through the same faults (Range-resumed downloads).
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        b1.korat("sync", "--once")
        items = b1.korat("inbox", "--json").json
        if len(items) == 6 and all(i["state"] == "ready" for i in items):
            break
    else:
        raise AssertionError("inbox not complete")
    with b1.app() as app:
        for item in app.sync.inbox():
            assert app.blobs.verify(item.blobs[0])
    injected = sum(n for kind, n in proxy.counts.items() if kind != "pass")
    assert injected >= 5, proxy.counts


def _wait_for(predicate: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def _partial_upload(hub_dir: Path) -> bool:
    return any(p.stat().st_size > 0 for p in (hub_dir / "uploads").glob("*.part"))


def test_kill_9_mid_upload_resumes(hub: ThreadedHub, make_device: Callable[..., Device]
                                   ) -> None:
    a1 = make_device("a1", AGENCY_A, **{"sync.bandwidth_cap_kbit": 800,
                                        "sync.chunk_target_s": 0.5})
    a1.login(hub.url, "clerk-a")
    _queue_letters(a1, 1, 400_000)
    proc = a1.spawn("sync", "--once")
    _wait_for(lambda: _partial_upload(hub.settings.data_dir))
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert not hub_ops(hub.settings.data_dir)
    run = a1.korat("sync", "--once", "--json")
    assert run.code == 0, run.err
    report = run.json["report"]
    assert report["bytes_sent"] < 400_000  # resumed, not sent again from zero
    assert_exactly_once(hub.settings.data_dir, a1.root)


def test_kill_9_after_the_hub_committed(hub: ThreadedHub, make_device: Callable[..., Device]
                                        ) -> None:
    proxy = FaultProxy(hub.port, fault_rate=0.0, hold_commits=True)
    try:
        a1 = make_device("a1", AGENCY_A, **{"sync.read_timeout_s": 30.0})
        proxy.hold_commits = False
        a1.login(proxy.url, "clerk-a")
        _queue_letters(a1, 1, 50_000)
        proxy.hold_commits = True
        proc = a1.spawn("sync", "--once")
        _wait_for(lambda: bool(hub_ops(hub.settings.data_dir, "letter.send")))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        proxy.hold_commits = False
        run = a1.korat("sync", "--once", "--json")
        assert run.code == 0, run.err
        outcomes = [i["outcome"] for i in run.json["report"]["pushed"]]
        assert outcomes == ["replayed"]  # the hub answered with the original receipt
        assert_exactly_once(hub.settings.data_dir, a1.root)
    finally:
        proxy.close()


def test_hub_restart_mid_upload(tmp_path: Path, make_device: Callable[..., Device]) -> None:
    hub = HubProcess(tmp_path / "hubproc", None)
    for code, name in AGENCIES.items():
        assert hub.cli("add-agency", code, name).returncode == 0
    assert hub.cli("add-user", "clerk-a", "--agency", AGENCY_A,
                   stdin=PASSWORDS["clerk-a"] + "\n").returncode == 0
    hub.start()
    try:
        a1 = make_device("a1", AGENCY_A, **{"sync.bandwidth_cap_kbit": 800,
                                            "sync.chunk_target_s": 0.5,
                                            "sync.max_backoff_s": 0.5})
        a1.login(hub.url, "clerk-a")
        _queue_letters(a1, 2, 300_000)
        proc = a1.spawn("sync", "--timeout", "60")
        _wait_for(lambda: _partial_upload(hub.data_dir))
        hub.kill()
        time.sleep(0.5)
        hub.start()
        out, err = proc.communicate(timeout=90)
        assert proc.returncode == 0, out + err
        assert_exactly_once(hub.data_dir, a1.root)
    finally:
        hub.kill()





def test_a_stuck_upload_connection_is_given_up_while_the_link_works(
        hub: ThreadedHub, make_device: Callable[..., Device],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATCH whose connection freezes (nothing acknowledged) while new connections
    get through is abandoned in seconds, not after the 60 s read timeout; the hub lets
    the new PATCH take over the upload from the frozen one at once."""
    monkeypatch.setattr(stall, "STALL_AFTER_S", 1.0)
    monkeypatch.setattr(stall, "LINK_UP_GRACE_S", 0.5)
    proxy = FaultProxy(hub.port, fault_rate=0.0)
    try:
        # The read timeout (600 s) is far beyond the sync's own budget (120 s): the sync
        # can only finish within its budget if the stall watch gave the frozen PATCH up.
        a1 = make_device("a1", AGENCY_A, **{"sync.read_timeout_s": 600.0,
                                            "sync.connect_timeout_s": 5.0})
        a1.login(proxy.url, "clerk-a")
        _queue_letters(a1, 1, 3_000_000)
        proxy.freeze_after = 600_000  # the second PATCH (the first is 64 KiB)
        run = a1.korat("sync", "--once", "--timeout", "120", "--json")
        assert run.code == 0, run.out + run.err
        assert run.json["report"]["pending"] == 0
        assert proxy.counts.get("freeze") == 1
        assert_exactly_once(hub.settings.data_dir, a1.root)
    finally:
        proxy.close()
