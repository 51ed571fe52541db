"""The fleet view on the hub: device reports, ``korat-hub devices`` and the admin page
(its sign-in, cookies and refusals; the page in a real browser: tests/sync/test_fleet.py)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import requests
from alembic import command
from sqlalchemy import inspect, text, update

from korat_desktop.demo.hub import DEMO_ADMIN, DEMO_USERS, add_accounts
from korat_desktop.server.admins import SignIn, add_admin, sign_in
from korat_desktop.server.db.engine import Database
from korat_desktop.server.db.migrate import alembic_config, upgrade_to_head
from korat_desktop.server.db.schema import device_reports
from korat_desktop.server.fleet import fleet_devices, parse_age, version_key
from korat_desktop.server.hub import open_hub
from korat_desktop.server.settings import HubSettings
from tests.server.hub_harness import AGENCY_A, AGENCY_B, Agencies, HubClient, ThreadedHub, hub_cli

REPORT = {"app_version": "0.9.0", "os": "Linux-6.1-x86_64-with-glibc2.36",
          "last_sync_at": "2026-12-01T02:00:00+00:00", "pending_ops": 3, "failed_ops": 1,
          "oldest_pending_s": 7200, "last_error": "sync.offline",
          "free_disk_bytes": 12_000_000_000, "token_middleware": ["opensc-pkcs11.so"]}


def _report(client: HubClient, **changes: Any) -> requests.Response:
    return client.request("PUT", "/devices/me/report", json={**REPORT, **changes})


def _set_back(hub: ThreadedHub, device_id: str, days: float) -> None:
    with hub.hub.db.writing() as conn:
        conn.execute(update(device_reports).where(device_reports.c.device_id == device_id)
                     .values(reported_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=days)))


def _device_id(client: HubClient) -> str:
    return str(client.request("GET", "/devices/me").json()["device_id"])


def test_a_report_needs_the_device_token_and_is_kept_once_per_device(
        agencies: Agencies) -> None:
    a = agencies.a
    assert HubClient(agencies.hub.url).request(
        "PUT", "/devices/me/report", json=REPORT).status_code == 401
    before = dt.datetime.now(dt.UTC)
    r = _report(a)
    assert r.status_code == 200, r.text
    assert r.json()["device_id"] == _device_id(a)
    assert dt.datetime.fromisoformat(r.json()["received_at"]) >= before - dt.timedelta(seconds=1)
    assert _report(a, pending_ops=0, last_error=None).status_code == 200
    with agencies.hub.hub.db.reading() as conn:
        rows = conn.execute(device_reports.select()).all()
    assert len(rows) == 1
    assert rows[0].pending_ops == 0 and rows[0].last_error is None
    assert rows[0].reported_at >= before - dt.timedelta(seconds=1)  # the hub's clock


@pytest.mark.parametrize("changes", [
    {"last_error": "the PIN was 1234"},        # free text could carry a secret: codes only
    {"pending_ops": -1}, {"pending_ops": "3"}, {"pending_ops": True},
    {"os": "x" * 201}, {"os": "line\nbreak"}, {"app_version": "1.0 beta"},
    {"token_middleware": ["m"] * 17}, {"subject": "ขอเชิญประชุม"},
    {"last_sync_at": "2026-12-01T02:00:00"},  # no zone: whose clock?
])
def test_a_bad_report_is_refused_and_nothing_is_kept(agencies: Agencies,
                                                     changes: dict[str, Any]) -> None:
    r = _report(agencies.a, **changes)
    assert r.status_code == 422 and r.json()["code"] == "request.invalid"
    with agencies.hub.hub.db.reading() as conn:
        assert conn.execute(device_reports.select()).all() == []


def test_devices_lists_filters_and_dates_in_buddhist_era(
        agencies: Agencies, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    hub = agencies.hub
    assert _report(agencies.a, app_version="0.9.0").status_code == 200
    assert _report(agencies.b, app_version="0.10.1", last_error=None).status_code == 200
    # agencies.c never reports: it counts from its enrolment
    stale_id = _device_id(agencies.a)
    _set_back(hub, stale_id, 10)

    def devices(*args: str) -> list[dict[str, Any]]:
        code, out, err = hub_cli(capsys, monkeypatch, hub, "devices", "--json", *args)
        assert code == 0, err
        return list(json.loads(out))

    everything = devices()
    assert len(everything) == 3
    assert {d["agency"] for d in everything} >= {AGENCY_A, AGENCY_B}
    assert [d["device_id"] for d in devices("--stale", "7d")] == [stale_id]
    assert devices("--stale", "11d") == []
    assert [d["device_id"] for d in devices("--version-below", "0.10.0")] == [stale_id]
    assert [d["agency"] for d in devices("--agency", AGENCY_B)] == [AGENCY_B]
    stale = devices("--stale", "7")[0]
    assert stale["last_error"] == "sync.offline" and stale["pending_ops"] == 3
    assert 9.9 < stale["silent_days"] < 10.1

    code, out, _ = hub_cli(capsys, monkeypatch, hub, "devices", "--stale", "7d")
    assert code == 0
    header, row = out.strip().splitlines()
    assert header.split()[:2] == ["หน่วยงาน", "เครื่อง"] and AGENCY_A in row
    ten_days_ago = dt.datetime.now(dt.UTC) + dt.timedelta(hours=7) - dt.timedelta(days=10)
    assert f"{ten_days_ago.year + 543}" in row and "น." in row and "sync.offline" in row
    code, out, _ = hub_cli(capsys, monkeypatch, hub, "devices", "--stale", "7d", "--lang", "en")
    assert out.startswith("Agency") and " BE " in out
    code, out, _ = hub_cli(capsys, monkeypatch, hub, "devices", "--stale", "30d")
    assert code == 0 and out.strip() == "ไม่มีเครื่องตามที่ระบุ"
    code, _, err = hub_cli(capsys, monkeypatch, hub, "devices", "--stale", "a week")
    assert code == 2 and "--stale" in err


def test_age_and_version_rules() -> None:
    assert parse_age("7d") == dt.timedelta(days=7) == parse_age("7")
    assert parse_age("12h") == dt.timedelta(hours=12)
    assert parse_age("30m") == dt.timedelta(minutes=30)
    assert version_key("0.10.0") > version_key("0.9.9")
    assert version_key("1.0rc1") < version_key("1.0") < version_key("1.0.1")


# --- the page -----------------------------------------------------------------------------

def _cookie(response: requests.Response, name: str) -> str:
    """The Set-Cookie line for ``name``: the test reads the flags as a browser would."""
    for line in response.raw.headers.getlist("set-cookie"):
        if line.startswith(f"{name}="):
            return str(line)
    raise AssertionError(f"no {name} cookie in {response.headers}")


def _value(line: str) -> str:
    return line.split(";", 1)[0].split("=", 1)[1]


class _Browser:
    """Just enough of a browser for the sign-in rules: cookies by hand, since requests
    (rightly) never sends a Secure cookie over plain http; Chromium does to loopback."""

    def __init__(self, hub: ThreadedHub) -> None:
        self.url = hub.url
        self.cookies: dict[str, str] = {}

    def get(self, path: str) -> requests.Response:
        return requests.get(self.url + path, headers=self._headers(), allow_redirects=False,
                            timeout=30)

    def post(self, path: str, data: dict[str, str], origin: str | None = None
             ) -> requests.Response:
        headers = self._headers()
        headers["Origin"] = origin or self.url
        return requests.post(self.url + path, data=data, headers=headers,
                             allow_redirects=False, timeout=30)

    def _headers(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} \
            if self.cookies else {}

    def signin_form(self) -> str:
        r = self.get("/fleet/signin")
        assert r.status_code == 200
        self.cookies["korat_fleet_signin"] = _value(_cookie(r, "korat_fleet_signin"))
        match = re.search(r'name="csrf" value="([^"]+)"', r.text)
        assert match
        return match.group(1)

    def sign_in(self, user: str, password: str) -> requests.Response:
        csrf = self.signin_form()
        return self.post("/fleet/signin", {"username": user, "password": password,
                                           "csrf": csrf, "lang": "th"})


@pytest.fixture
def admin(agencies: Agencies) -> Agencies:
    with agencies.hub.hub.db.writing() as conn:
        add_admin(conn, "it-admin", "it-pw")
    for client in (agencies.a, agencies.b):
        assert _report(client).status_code == 200
    return agencies


def test_an_admin_signs_in_with_safe_cookies_and_reads_the_page(admin: Agencies) -> None:
    browser = _Browser(admin.hub)
    r = browser.get("/fleet")
    assert r.status_code == 303 and r.headers["location"].startswith("/fleet/signin")
    r = browser.sign_in("it-admin", "it-pw")
    assert r.status_code == 303 and r.headers["location"] == "/fleet?lang=th"
    line = _cookie(r, "korat_fleet_session").lower()
    for flag in ("httponly", "secure", "samesite=strict", "path=/fleet"):
        assert flag in line
    token = _value(_cookie(r, "korat_fleet_session"))
    browser.cookies = {"korat_fleet_session": token}
    page = browser.get("/fleet")
    assert page.status_code == 200
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"
    assert page.text.index("ภาพรวมเครื่องในจังหวัด") >= 0 and '<html lang="th">' in page.text
    assert "<script" not in page.text
    for device in (admin.a, admin.b, admin.c):
        assert _device_id(device) in page.text
    assert "sync.offline" in page.text and "ข้อผิดพลาดที่พบบ่อย" in page.text
    for secret in (admin.a.token, admin.b.token, token, "it-pw", "scrypt", "127.0.0.1"):
        assert secret and secret not in page.text
    english = browser.get("/fleet?lang=en")
    assert '<html lang="en">' in english.text and "Most common errors" in english.text

    csrf = re.search(r'action="/fleet/signout">.*?name="csrf" value="([^"]+)"', page.text)
    assert csrf
    assert browser.post("/fleet/signout", {"csrf": "forged"}).status_code == 403
    assert browser.get("/fleet").status_code == 200  # a forged sign-out did nothing
    assert browser.post("/fleet/signout", {"csrf": csrf.group(1)}).status_code == 303
    assert browser.get("/fleet").status_code == 303  # the session is gone on the hub


def test_an_agency_user_is_refused_and_sees_no_device(admin: Agencies) -> None:
    browser = _Browser(admin.hub)
    r = browser.sign_in("user0", "pw-0")  # a clerk's right password
    assert r.status_code == 403 and "ไม่มีสิทธิ์" in r.text
    assert "korat_fleet_session" not in r.headers.get("set-cookie", "")
    for device in (admin.a, admin.b):
        assert _device_id(device) not in r.text
    assert browser.sign_in("it-admin", "wrong").status_code == 401
    assert browser.sign_in("nobody", "it-pw").status_code == 401
    # an admin is no staff account: it cannot enroll a device
    assert HubClient(admin.hub.url).enroll("it-admin", "it-pw").status_code == 401


def test_sign_in_without_its_csrf_token_or_from_another_site_is_refused(
        admin: Agencies) -> None:
    browser = _Browser(admin.hub)
    csrf = browser.signin_form()
    form = {"username": "it-admin", "password": "it-pw", "csrf": csrf}
    assert browser.post("/fleet/signin", {**form, "csrf": "x" + csrf}).status_code == 403
    assert browser.post("/fleet/signin", form, origin="https://evil.example").status_code == 403
    no_cookie = _Browser(admin.hub)
    assert no_cookie.post("/fleet/signin", form).status_code == 403
    r = browser.post("/fleet/signin", form)
    assert r.status_code == 303  # the same form, from the page itself


def test_guessing_an_admin_password_is_throttled(admin: Agencies) -> None:
    browser = _Browser(admin.hub)
    answers = [browser.sign_in("it-admin", f"guess-{i}").status_code for i in range(6)]
    assert answers[:4] == [401] * 4 and answers[-1] == 429
    locked = browser.sign_in("it-admin", "it-pw")  # even the right password, while locked
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0
    assert "korat_fleet_session" not in locked.headers.get("set-cookie", "")


def test_add_admin_command(hub: ThreadedHub, capsys: pytest.CaptureFixture[str],
                           monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    code, out, err = hub_cli(capsys, monkeypatch, hub, "add-admin", "it", "--json",
                              stdin="secret\n")
    assert code == 0 and json.loads(out) == {"username": "it", "admin": True}, err
    assert hub_cli(capsys, monkeypatch, hub, "add-admin", "it", stdin="x\n")[0] == 2
    assert hub_cli(capsys, monkeypatch, hub, "add-admin", "it2", stdin="")[0] == 2
    assert _Browser(hub).sign_in("it", "secret").status_code == 303


def test_0006_adds_the_fleet_tables_and_downgrades(tmp_path: Path,
                                                    database_url: str | None) -> None:
    """A device enrolled before 0006 is in the fleet, never reported; the downgrade
    drops exactly the three fleet tables and keeps the device."""
    db = Database(database_url or f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    fleet = {"device_reports", "admin_accounts", "admin_sessions"}
    try:
        command.upgrade(alembic_config(db.write_engine), "0005")
        with db.write_engine.begin() as conn:
            for statement in (
                    "INSERT INTO agencies (code, name, change_seq, created_at) "
                    "VALUES ('A', 'อำเภอ', 0, '2026-01-01 00:00:00')",
                    "INSERT INTO users (id, username, agency_code, password_hash, created_at) "
                    "VALUES (1, 'u', 'A', 'x', '2026-01-01 00:00:00')",
                    "INSERT INTO devices (id, user_id, agency_code, name, token_sha256, "
                    "created_at, enrolled_from) VALUES ('d1', 1, 'A', 'pc', 't', "
                    "'2026-01-01 00:00:00', '')"):
                conn.execute(text(statement))
        upgrade_to_head(db.write_engine)
        now = dt.datetime.now(dt.UTC)
        with db.write_engine.connect() as conn:
            [device] = fleet_devices(conn, now)
        assert (device.device_id, device.reported_at, device.app_version) == ("d1", None, None)
        assert device.silent_for(now) > dt.timedelta(days=300)  # counted from enrolment
        command.downgrade(alembic_config(db.write_engine), "0005")
        names = set(inspect(db.write_engine).get_table_names())
        assert not fleet & names and {"devices", "users", "agencies"} <= names
        upgrade_to_head(db.write_engine)
        assert fleet <= set(inspect(db.write_engine).get_table_names())
    finally:
        db.dispose()


def test_the_demo_hub_has_an_it_admin_for_the_page(tmp_path: Path) -> None:
    add_accounts(tmp_path / "hub")
    hub = open_hub(HubSettings(data_dir=tmp_path / "hub"))
    try:
        admin = sign_in(hub.db, hub.throttle, *DEMO_ADMIN, "127.0.0.1")
        clerk = sign_in(hub.db, hub.throttle, "somchai", DEMO_USERS["somchai"][1], "127.0.0.1")
    finally:
        hub.close()
    assert admin.outcome is SignIn.ADMIN and admin.token
    assert clerk.outcome is SignIn.AGENCY_USER and clerk.token is None
