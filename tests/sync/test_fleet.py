"""The fleet view end to end: three devices of two agencies report through the real
sync engine to the real hub; one goes quiet; ``korat-hub devices --stale 7d --json``
(the real command, its own process) lists exactly it, and an admin reads it off the
fleet page in headless Chromium, where an agency user is refused."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait
from sqlalchemy import select, update

from korat_desktop import __version__
from korat_desktop.server.db.schema import device_reports, devices
from korat_desktop.server.settings import HubSettings
from tests.server.hub_harness import AGENCY_A, AGENCY_B, REPO, ThreadedHub
from tests.support.browser import chromium, save_whole_page
from tests.sync.conftest import add_accounts
from tests.sync.harness import Device


def hub_cli(hub: ThreadedHub, *args: str, stdin: str | None = None
            ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "korat_desktop.server.cli", *args,
                           "--data-dir", str(hub.settings.data_dir)], input=stdin,
                          capture_output=True, text=True, cwd=REPO, timeout=120, check=False)


def _send_and_sync(device: Device, subject: str, to: str) -> dict[str, Any]:
    entry = device.send(subject, [to])
    assert device.korat("queue", str(entry), "--allow-unsigned").code == 0
    run = device.korat("sync", "--once", "--json")
    assert run.code == 0, run.err
    return dict(run.json["report"])


def _ids(hub: ThreadedHub) -> dict[str, str]:
    with hub.hub.db.reading() as conn:
        return {r.name: r.id for r in conn.execute(select(devices.c.name, devices.c.id))}


def test_three_devices_report_one_goes_stale_and_it_is_listed_and_shown(
        hub: ThreadedHub, make_device: Callable[..., Device], tmp_path: Path) -> None:
    a1, a2 = make_device("a-pc1", AGENCY_A), make_device("a-pc2", AGENCY_A)
    b1 = make_device("b-pc1", AGENCY_B)
    for device, user in ((a1, "clerk-a"), (a2, "clerk-a2"), (b1, "clerk-b")):
        device.login(hub.url, user)
    assert _send_and_sync(a1, "ขอเชิญประชุม", AGENCY_B)["pushed"]
    entry = a2.send("รายงานผล", [AGENCY_B])
    assert a2.korat("queue", str(entry), "--allow-unsigned").code == 0
    for blob in (a2.root / "blobs").rglob("*"):  # its PDF lost on this PC: that item fails
        if blob.is_file():
            blob.unlink()
    failed = a2.korat("sync", "--once", "--json")
    assert failed.code == 1 and failed.json["report"]["failed"], failed.out
    error_code = failed.json["report"]["failed"][0]["issue"]["code"]
    run = b1.korat("sync", "--once", "--json")
    assert run.code == 0 and run.json["report"]["new_inbox"] == 1, run.err

    ids = _ids(hub)
    with hub.hub.db.reading() as conn:
        reports = {r.device_id: r for r in conn.execute(device_reports.select())}
    assert set(reports) == {ids["a-pc1"], ids["a-pc2"], ids["b-pc1"]}
    for report in reports.values():
        assert report.app_version == __version__ and report.os
        assert report.free_disk_bytes and report.free_disk_bytes > 0
    assert reports[ids["a-pc1"]].pending_ops == 0
    assert reports[ids["a-pc1"]].last_sync_at is None  # its first sync: none before it
    assert reports[ids["a-pc2"]].last_error == error_code
    assert reports[ids["a-pc2"]].failed_ops == 1

    # b-pc1 goes quiet: its last report ten days ago, by the hub's clock
    with hub.hub.db.writing() as conn:
        conn.execute(update(device_reports).where(device_reports.c.device_id == ids["b-pc1"])
                     .values(reported_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=10)))
    listed = hub_cli(hub, "devices", "--stale", "7d", "--json")
    assert listed.returncode == 0, listed.stderr
    stale = json.loads(listed.stdout)
    assert [(d["device_id"], d["name"], d["agency"]) for d in stale] == [
        (ids["b-pc1"], "b-pc1", AGENCY_B)]
    assert hub_cli(hub, "add-admin", "it-korat", stdin="it-secret\n").returncode == 0

    with chromium() as browser:
        browser.get(hub.url + "/fleet")
        assert "/fleet/signin" in browser.current_url
        browser.find_element(By.ID, "username").send_keys("clerk-a")
        browser.find_element(By.ID, "password").send_keys("pw-a")
        browser.find_element(By.ID, "submit").click()
        refused = WebDriverWait(browser, 30).until(
            lambda b: b.find_element(By.ID, "refused")).text
        assert "ไม่มีสิทธิ์" in refused
        assert "a-pc1" not in browser.page_source and "b-pc1" not in browser.page_source
        browser.get(hub.url + "/fleet")  # no session came of it
        assert "/fleet/signin" in browser.current_url

        browser.find_element(By.ID, "username").send_keys("it-korat")
        browser.find_element(By.ID, "password").send_keys("it-secret")
        browser.find_element(By.ID, "submit").click()
        # the sign-in answers 303 to the page: wait for the browser to get there
        WebDriverWait(browser, 30).until(lambda b: b.current_url.endswith("/fleet?lang=th"))
        stale_rows = browser.find_elements(By.CSS_SELECTOR, "#stale tr[data-device]")
        assert [r.get_attribute("data-device") for r in stale_rows] == [ids["b-pc1"]]
        row = stale_rows[0].text
        assert "b-pc1" in row and AGENCY_B in row and "clerk-b" in row
        assert str(dt.datetime.now(dt.UTC).year + 543) in row  # Buddhist Era, for people
        offices = browser.find_element(By.ID, "offices").text
        assert all(name in offices for name in ("a-pc1", "a-pc2", "b-pc1", "อำเภอชัยภูมิ"))
        assert error_code in browser.find_element(By.ID, "errors").text
        assert "it-secret" not in browser.page_source
        shot = os.environ.get("KORAT_FLEET_SCREENSHOT")
        save_whole_page(browser, shot or str(tmp_path / "fleet.png"))
        browser.find_element(By.LINK_TEXT, "English").click()
        assert "Not synced for 7 days (1)" in browser.find_element(By.TAG_NAME, "body").text


class _WatchedReports(ThreadedHub):
    """A hub that counts device reports and, when ``refuse`` is set, fails them (500)."""

    refuse = False
    reports_tried = 0

    def served(self, app: Any) -> Any:
        async def watch(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] == "http" and scope["path"] == "/devices/me/report":
                self.reports_tried += 1
                if self.refuse:
                    await send({"type": "http.response.start", "status": 500, "headers": []})
                    await send({"type": "http.response.body", "body": b"boom"})
                    return
            await app(scope, receive, send)

        return watch


def test_a_failing_report_never_fails_the_sync(
        tmp_path: Path, make_device: Callable[..., Device]) -> None:
    hub = _WatchedReports(HubSettings(data_dir=tmp_path / "hub2"))
    hub.refuse = True
    hub.start()
    try:
        add_accounts(hub)
        a1 = make_device("a-pc1", AGENCY_A)
        a1.login(hub.url, "clerk-a")
        report = _send_and_sync(a1, "ขอเชิญประชุม", AGENCY_B)
        assert [p["outcome"] for p in report["pushed"]] == ["committed"]
        assert report["pending"] == 0 and not report.get("stopped")
        assert hub.reports_tried == 1  # tried once, after the letter; no retries
        with hub.hub.db.reading() as conn:
            assert conn.execute(device_reports.select()).all() == []
    finally:
        hub.stop()


def test_a_report_with_nothing_new_waits_and_a_change_goes_at_once(
        tmp_path: Path, make_device: Callable[..., Device]) -> None:
    hub = _WatchedReports(HubSettings(data_dir=tmp_path / "hub3")).start()
    try:
        add_accounts(hub)
        a1 = make_device("a-pc1", AGENCY_A)
        a1.login(hub.url, "clerk-a")
        assert a1.korat("sync", "--once").code == 0
        assert a1.korat("sync", "--once").code == 0
        assert hub.reports_tried == 1  # the same state again: not worth a hub write
        entry = a1.send("รายงานผล", [AGENCY_B])
        assert a1.korat("queue", str(entry), "--allow-unsigned").code == 0
        for blob in (a1.root / "blobs").rglob("*"):
            if blob.is_file():
                blob.unlink()
        assert a1.korat("sync", "--once").code == 1  # that letter fails: IT should know
        assert hub.reports_tried == 2
        with hub.hub.db.reading() as conn:
            [row] = conn.execute(device_reports.select()).all()
        assert row.failed_ops == 1 and row.last_error
    finally:
        hub.stop()
