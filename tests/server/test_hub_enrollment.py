"""Device enrollment, bearer auth, revocation and sign-in throttling."""

from __future__ import annotations

from korat_desktop.server.devices import list_devices, revoke
from tests.server.hub_harness import AGENCY_A, ThreadedHub


def _one_user(hub: ThreadedHub) -> None:
    hub.add_agency(AGENCY_A, "สำนักงานจังหวัด")
    hub.add_user("somchai", AGENCY_A, "correct horse")


def test_enroll_issues_a_token_that_identifies_the_device(hub: ThreadedHub) -> None:
    _one_user(hub)
    client = hub.client()
    r = client.enroll("somchai", "correct horse", device="สารบรรณ-01")
    assert r.status_code == 201
    assert r.headers["Korat-Protocol"] == "1"
    me = client.request("GET", "/devices/me").json()
    assert me["agency"]["code"] == AGENCY_A
    assert me["device_name"] == "สารบรรณ-01"
    with hub.hub.db.reading() as conn:
        stored = list_devices(conn)
    assert len(stored) == 1
    # only a digest of the token is kept
    with hub.hub.db.reading() as conn:
        raw = conn.exec_driver_sql("SELECT token_sha256 FROM devices").scalar()
    assert client.token and client.token not in str(raw)


def test_requests_without_or_with_a_bad_token_are_refused(hub: ThreadedHub) -> None:
    r = hub.client().request("GET", "/changes")
    assert r.status_code == 401 and r.json()["code"] == "auth.required"
    r = hub.client("kdt_nope").request("GET", "/changes")
    assert r.status_code == 401 and r.json()["code"] == "auth.invalid_token"


def test_revoked_device_is_refused_at_once(hub: ThreadedHub) -> None:
    _one_user(hub)
    client = hub.client()
    device_id = client.enroll("somchai", "correct horse").json()["device_id"]
    assert client.request("GET", "/changes").status_code == 200
    with hub.hub.db.writing() as conn:
        assert revoke(conn, device_id)
    r = client.request("GET", "/changes")
    assert r.status_code == 401 and r.json()["code"] == "auth.revoked"


def test_device_can_sign_itself_out(hub: ThreadedHub) -> None:
    _one_user(hub)
    client = hub.client()
    client.enroll("somchai", "correct horse")
    assert client.request("DELETE", "/devices/me").status_code == 204
    assert client.request("GET", "/devices/me").status_code == 401


def test_failed_sign_ins_are_rate_limited_per_user(hub: ThreadedHub) -> None:
    _one_user(hub)
    client = hub.client()
    for _ in range(5):
        r = client.enroll("somchai", "wrong")
        assert r.status_code == 401 and r.json()["code"] == "auth.bad_credentials"
    r = client.enroll("somchai", "correct horse")  # even the right password waits now
    assert r.status_code == 429
    assert r.json()["code"] == "auth.rate_limited"
    assert 0 < int(r.headers["Retry-After"]) <= 60


def test_malformed_enrollment_is_a_json_422(hub: ThreadedHub) -> None:
    r = hub.client().request("POST", "/enroll", data=b"{not json",
                             headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and r.json()["code"] == "request.invalid"
    r = hub.client().request("POST", "/enroll", json={"username": "x"})
    assert r.status_code == 422 and set(r.json()) == {"code", "message", "params"}


def test_unsupported_protocol_version_is_refused(hub: ThreadedHub) -> None:
    r = hub.client().request("GET", "/health", headers={"Korat-Protocol": "99"})
    assert r.status_code == 400 and r.json()["code"] == "protocol.unsupported_version"
