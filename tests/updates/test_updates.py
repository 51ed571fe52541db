"""Signed updates end to end: a real TUF repository, the real hub, the real CLI.

N -> N+1 is found and verified from a USB copy and through the hub; a tampered
package, an expired timestamp, a rolled-back and a mixed-up repository are refused
with their reason; a download cut off resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from korat_desktop.config import load_config
from korat_desktop.errors import UpdateError
from korat_desktop.services.updates import UpdateOperations
from korat_desktop.sync.backoff import Backoff, Retrier
from korat_desktop.sync.enrollment import DeviceEnrollment
from korat_desktop.sync.pacing import BandwidthCap
from korat_desktop.updates.client import UpdateClient
from korat_desktop.updates.install import DebInstaller
from korat_desktop.updates.sources import DirectorySource, HubSource
from tests.server.hub_harness import AGENCY_A, ThreadedHub
from tests.sync.fault_proxy import FaultProxy
from tests.sync.harness import Device
from tests.updates.conftest import INSTALLED, NEXT, Recorder, Repo


def _device(make_device: Callable[..., Device], repo: Repo, name: str = "pc",
            **settings: object) -> Device:
    return make_device(name, AGENCY_A, update__root_file=str(repo.root_file), **settings)


def _ops(device: Device, recorder: Recorder) -> UpdateOperations:
    return UpdateOperations(load_config(device.root), DebInstaller(recorder, is_root=True))


def _refused(code: str, step: Callable[[], object]) -> None:
    with pytest.raises(UpdateError) as refused:
        step()
    assert refused.value.code == code


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_usb_copy_offers_n_plus_1_verified_and_installs_it(
        repo: Repo, make_device: Callable[..., Device]):
    repo.publish(INSTALLED)
    published = repo.publish(NEXT)
    usb = repo.export("usb")
    device = _device(make_device, repo, **{"update__auto": "silent"})

    run = device.korat("updates", "check", "--from", str(usb), "--json")
    assert run.code == 0, run.err
    found = json.loads(run.out)
    assert found["installed"] == INSTALLED and found["platform"] == "linux-amd64"
    assert found["available"]["version"] == NEXT
    assert found["available"]["sha256"] == published["sha256"]

    recorder = Recorder()
    ops = _ops(device, recorder)
    done = ops.apply(ops.source(usb))
    package = Path(done.package)
    assert _sha(package) == published["sha256"] == _sha(repo.package_path(NEXT))
    assert recorder.commands == [["apt-get", "install", "-y", "-q", str(package)]]
    assert done.installed_version == NEXT

    text = device.korat("--lang", "en", "updates", "check", "--from", str(usb))
    assert text.code == 0 and f"update available: {NEXT}" in text.out


def test_hub_mirror_serves_signed_in_devices_only_and_the_update_verifies(
        repo: Repo, hub: ThreadedHub, make_device: Callable[..., Device]):
    repo.publish(INSTALLED)
    published = repo.publish(NEXT)
    assert requests.get(hub.url + "/updates/metadata/timestamp.json").status_code == 401
    device = _device(make_device, repo)
    device.login(hub.url, "clerk-a")
    run = device.korat("updates", "check", "--json")
    assert run.code == 0, run.err
    assert json.loads(run.out)["available"]["version"] == NEXT
    assert json.loads(run.out)["source"] == hub.url

    recorder = Recorder()
    ops = _ops(device, recorder)
    done = ops.apply(ops.source(None), confirm=lambda update: update.version == NEXT)
    assert _sha(Path(done.package)) == published["sha256"]
    assert done.received_bytes == published["length"]
    assert len(recorder.commands) == 1


def _hub_source(device: Device, stop: threading.Event | None = None,
                on_bytes: Callable[[int, int], None] | None = None) -> HubSource:
    from korat_desktop.app import open_app

    app = open_app(device.root)
    try:
        _, transport = DeviceEnrollment(app.sync.ctx).transport()
    finally:
        app.close()
    retrier = Retrier(6, Backoff(0.05, 0.2), stop)
    return HubSource(transport, BandwidthCap(0), retrier, stop, on_bytes)


def test_interrupted_download_resumes_from_where_it_stopped(
        repo: Repo, hub: ThreadedHub, make_device: Callable[..., Device]):
    published = repo.publish(NEXT, size=2_000_000)
    device = _device(make_device, repo)
    device.login(hub.url, "clerk-a")
    config = load_config(device.root)

    stop = threading.Event()

    def cut_after_half(done: int, total: int) -> None:
        if done >= total // 2:
            stop.set()

    first = UpdateClient(config, _hub_source(device, stop, cut_after_half))
    update = first.check().available
    assert update is not None
    with pytest.raises(UpdateError) as cut:
        first.fetch(update)
    assert cut.value.code == "update.unreachable"
    part = device.root / "updates" / "downloads" / f"{published['sha256']}.part"
    kept = part.stat().st_size
    assert published["length"] // 2 <= kept < published["length"]

    source = _hub_source(device)
    package = UpdateClient(config, source).fetch(update)
    assert _sha(package) == published["sha256"]
    assert source.received == published["length"] - kept  # only the rest came (Range)
    assert not part.exists()


def test_a_lossy_link_still_brings_the_update(
        repo: Repo, hub: ThreadedHub, make_device: Callable[..., Device]):
    published = repo.publish(NEXT, size=1_000_000)
    proxy = FaultProxy(hub.port, fault_rate=0.4, seed=5,
                       faults=("reset_request", "reset_response", "truncate", "status"))
    try:
        device = _device(make_device, repo)
        proxy.enabled = False
        device.login(proxy.url, "clerk-a")
        proxy.enabled = True
        recorder = Recorder()
        ops = _ops(device, recorder)
        done = ops.apply(ops.source(None), assume_yes=True)
        assert _sha(Path(done.package)) == published["sha256"]
        assert sum(n for kind, n in proxy.counts.items() if kind != "pass") > 0
    finally:
        proxy.close()


def test_tampered_package_is_refused_and_nothing_installed(
        repo: Repo, hub: ThreadedHub, make_device: Callable[..., Device]):
    published = repo.publish(NEXT)
    stored = (repo.repository.targets_dir / "linux-amd64" /
              f"{published['sha256']}.korat-desktop_{NEXT}_amd64.deb")
    data = bytearray(stored.read_bytes())
    data[1000] ^= 0x01  # same length, one bit changed on the hub's disk
    stored.write_bytes(bytes(data))
    device = _device(make_device, repo)
    device.login(hub.url, "clerk-a")
    recorder = Recorder()
    ops = _ops(device, recorder)
    with pytest.raises(UpdateError) as refused:
        ops.apply(ops.source(None), assume_yes=True)
    assert refused.value.code == "update.tampered"
    assert "ไม่ตรงกับที่ฝ่ายไอทีลงนามไว้" in refused.value.message("th")
    assert "keeps running" in refused.value.message("en")
    assert recorder.commands == []
    assert not list((device.root / "updates" / "packages").glob("*.deb"))

    run = device.korat("--lang", "en", "updates", "apply", "--yes")
    assert run.code == 1 and "[update.tampered]" in run.err


def test_expired_timestamp_is_refused(repo: Repo, make_device: Callable[..., Device]):
    repo.publish(NEXT)
    repo.repository.refresh_timestamp(days=1, now=datetime.now(UTC) - timedelta(days=3))
    usb = repo.export("stale-usb")
    device = _device(make_device, repo)
    run = device.korat("--lang", "en", "--json", "updates", "check", "--from", str(usb))
    assert run.code == 1
    error = json.loads(run.err)["error"]
    assert error["code"] == "update.expired" and error["params"]["role"] == "timestamp"
    th = device.korat("--lang", "th", "updates", "check", "--from", str(usb))
    assert "หมดอายุ" in th.err and "รุ่นเดิมยังใช้งานได้" in th.err

    repo.hub_cli("refresh-timestamp")  # IT re-signs: the next export works again
    fresh = repo.export("fresh-usb")
    assert device.korat("updates", "check", "--from", str(fresh)).code == 0


def test_rolled_back_repository_is_refused(repo: Repo, make_device: Callable[..., Device]):
    repo.publish(INSTALLED)
    old = repo.export("old-usb")
    repo.publish(NEXT)
    new = repo.export("new-usb")
    device = _device(make_device, repo)
    assert device.korat("updates", "check", "--from", str(new)).code == 0
    run = device.korat("--json", "updates", "check", "--from", str(old))
    assert run.code == 1
    error = json.loads(run.err)["error"]
    assert error["code"] == "update.rollback" and error["params"]["role"] == "timestamp"
    assert device.korat("updates", "check", "--from", str(new)).code == 0  # still trusts N+1


def test_mixed_up_metadata_is_refused(repo: Repo, make_device: Callable[..., Device]):
    repo.publish(INSTALLED)
    repo.publish(NEXT)
    usb = repo.export("usb")
    snapshots = sorted((usb / "metadata").glob("*.snapshot.json"))
    current = snapshots[-1]
    older = repo.repository.metadata_dir / f"{int(current.name.split('.')[0]) - 1}.snapshot.json"
    current.write_bytes(older.read_bytes())  # a valid, signed, older snapshot in its place
    device = _device(make_device, repo)
    run = device.korat("--json", "updates", "check", "--from", str(usb))
    assert run.code == 1
    assert json.loads(run.err)["error"]["code"] == "update.mixed"


def test_wrong_root_refuses_the_repository(repo: Repo, make_device: Callable[..., Device],
                                           make_repo: Callable[[Path], Repo], tmp_path: Path):
    repo.publish(NEXT)
    usb = repo.export("usb")
    other = Repo(tmp_path / "other-hub", tmp_path / "other-keys", repo.work)
    other.hub_cli("init", "--keys", str(other.keys))
    device = make_device("pc", AGENCY_A, update__root_file=str(other.root_file))
    run = device.korat("--json", "updates", "check", "--from", str(usb))
    assert run.code == 1
    assert json.loads(run.err)["error"]["code"] == "update.bad_signature"


def test_auto_update_setting_governs_apply(repo: Repo, make_device: Callable[..., Device]):
    repo.publish(NEXT)
    usb = repo.export("usb")
    recorder = Recorder()
    off = _device(make_device, repo, "off", **{"update__auto": "off"})
    _refused("update.disabled",
             lambda: _ops(off, recorder).apply(DirectorySource(usb), assume_yes=True))
    ask = _device(make_device, repo, "ask")
    _refused("update.declined", lambda: _ops(ask, recorder).apply(
        DirectorySource(usb), confirm=lambda update: False))
    assert recorder.commands == []
    _ops(ask, recorder).apply(DirectorySource(usb), confirm=lambda update: True)
    assert len(recorder.commands) == 1


def test_publishing_twice_and_with_the_wrong_key_is_refused(repo: Repo, tmp_path: Path):
    repo.publish(NEXT)
    _refused("update.already_published", lambda: repo.repository.publish(
        repo.keys, repo.package(NEXT), NEXT, "linux-amd64"))
    stranger = Repo(tmp_path / "stranger-hub", tmp_path / "stranger-keys", repo.work)
    stranger.hub_cli("init", "--keys", str(stranger.keys))
    _refused("update.wrong_key", lambda: repo.repository.publish(
        stranger.keys, repo.package("0.2.0"), "0.2.0", "linux-amd64"))
    _refused("update.bad_version", lambda: repo.repository.publish(
        repo.keys, repo.package("x"), "not a version", "linux-amd64"))
