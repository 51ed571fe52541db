"""Quitting the desktop app while a sync is sending letters to a real hub on loopback.

The sync must stop at its next safe point, the network lane must drain, and only then
may the store close (lock released, writer mark cleared). Afterwards the store checks
clean and ``korat sync`` sends the rest, every letter exactly once on the hub.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from korat_desktop.errors import StoreError
from korat_desktop.store.lock import InstanceLock
from tests.server.hub_harness import AGENCY_A, AGENCY_B, ThreadedHub
from tests.sync.conftest import hub, keyring_file, make_device
from tests.sync.harness import Device, sized_pdf
from tests.sync.hub_checks import assert_exactly_once, hub_ops, local_outbox

__all__ = ["hub", "keyring_file", "make_device"]  # the sync tests' fixtures, used here

LETTERS = 12


def _lock_free(data_dir: Path) -> bool:
    """Whether the data folder's instance lock can be taken exclusively right now."""
    try:
        InstanceLock(data_dir / "korat.lock", exclusive=True, purpose="test").acquire().release()
    except StoreError as e:
        assert e.code == "store.already_open", e
        return False
    return True


@pytest.fixture
def desk(hub: ThreadedHub, make_device: Callable[..., Device]) -> Device:
    """Agency A's device with many letters queued and a slow (capped) line to the hub."""
    device = make_device("desk", AGENCY_A, sync__bandwidth_cap_kbit=320,
                         sync__chunk_target_s=0.05)
    device.login(hub.url, "clerk-a")
    ids = [device.send(f"หนังสือที่ {i}", [AGENCY_B], sized_pdf(40_000 + 101 * i, f"ที่ {i}"))
           for i in range(LETTERS)]
    run = device.korat("queue", *map(str, ids), "--allow-unsigned")
    assert run.code == 0, run.err
    return device


def test_quit_in_the_middle_of_a_sync_stops_it_cleanly(qtbot, start_desktop, hub: ThreadedHub,
                                                       desk: Device) -> None:
    from korat_desktop.config import resolve_paths

    assert resolve_paths(desk.root).lock_file == desk.root / "korat.lock"
    desktop = start_desktop(desk.root)
    window = desktop.window
    seen: dict[str, bool] = {}

    def on_progress(_done: int, _total: int, phase: str) -> None:
        seen["committing"] = seen.get("committing", False) or phase == "commit"
        # the next letter's upload begins: the first one is on the hub
        if phase == "upload" and seen["committing"] and "quit" not in seen:
            seen["quit"] = True
            desktop.quit()
            seen["stopping_shown"] = window.message.text() == "กำลังหยุดการซิงก์…"

    desktop.sync.sync_now()
    job = desktop.operations._sync_job
    assert job is not None and job.name == "sync-now"
    job.progress.connect(on_progress)
    # when the sync's work has returned, the store must still be open and locked
    job.finished.connect(lambda: seen.setdefault("lock_free_at_sync_end",
                                                 _lock_free(desk.root)))
    qtbot.waitUntil(lambda: desktop.done, timeout=120_000)

    assert seen["quit"] and seen["stopping_shown"]
    assert seen["lock_free_at_sync_end"] is False
    assert _lock_free(desk.root)  # and released once the app has finished
    assert job.done
    assert not (desk.root / "writers").exists() or not any((desk.root / "writers").iterdir())

    on_hub = hub_ops(hub.settings.data_dir, "letter.send")
    assert 1 <= len(on_hub) < LETTERS, "the sync should have stopped part way"
    states = [o["state"] for o in local_outbox(desk.root) if o["kind"] == "letter.send"]
    assert sorted(set(states)) == ["committed", "queued"], states  # resumable, none failed
    check = desk.korat("check", "--json")
    assert check.code == 0, check.out + check.err

    desk.configure(sync__bandwidth_cap_kbit=0)
    run = desk.korat("sync", "--once", "--json")
    assert run.code == 0, run.err
    assert run.json["report"]["pending"] == 0
    assert len(hub_ops(hub.settings.data_dir, "letter.send")) == LETTERS
    assert_exactly_once(hub.settings.data_dir, desk.root)


@pytest.fixture(autouse=True)
def _quiet_keyring(keyring_file: Path) -> Path:
    return keyring_file
