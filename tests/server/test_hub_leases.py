"""Number-block leases never overlap, releases return or void the tail, voids are checked."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor

import requests

from korat_desktop.protocol import uuid7
from tests.server.hub_harness import AGENCY_A, Agencies, HubClient


def _lease(client: HubClient, size: int, register: str = "receive",
           year: int = 2568) -> dict[str, int | str]:
    r = client.request("POST", "/leases", json={"register": register, "year": year,
                                                "size": size})
    assert r.status_code == 201, r.text
    body: dict[str, int | str] = r.json()
    return body


def test_concurrent_leases_never_overlap(agencies: Agencies) -> None:
    hub = agencies.hub
    devices = [agencies.a]
    for i in range(3):  # more devices of agency A
        hub.add_user(f"clerk{i}", AGENCY_A, "pw")
        client = hub.client()
        assert client.enroll(f"clerk{i}", "pw", device=f"pc-{i}").status_code == 201
        devices.append(client)
    sizes = [1 + (i % 7) for i in range(120)]
    with ThreadPoolExecutor(16) as pool:
        grants = list(pool.map(lambda i: _lease(devices[i % 4], sizes[i]), range(120)))
    ranges = sorted((int(g["first"]), int(g["last"])) for g in grants)
    assert ranges[0][0] == 1
    for (_f1, l1), (f2, _l2) in itertools.pairwise(ranges):
        assert f2 == l1 + 1  # no overlap and no hole
    assert ranges[-1][1] == sum(sizes)
    # registers and years are separate sequences; other agencies have their own
    assert _lease(agencies.a, 5, register="send")["first"] == 1
    assert _lease(agencies.a, 5, year=2569)["first"] == 1
    assert _lease(agencies.b, 5)["first"] == 1


def test_release_returns_the_tail_only_when_nothing_was_leased_after(
        agencies: Agencies) -> None:
    a = agencies.a
    first = _lease(a, 10)  # 1..10
    r = a.request("POST", f"/leases/{first['lease_id']}/release", json={"next_unused": 4})
    assert r.json()["returned"] == {"first": 4, "last": 10} and r.json()["voided"] is None
    second = _lease(a, 10)
    assert second["first"] == 4  # the tail went back to the pool
    third = _lease(a, 5)
    r = a.request("POST", f"/leases/{second['lease_id']}/release", json={"next_unused": 8})
    assert r.json()["voided"] == {"first": 8, "last": 13} and r.json()["returned"] is None
    assert third["first"] == 14
    again = a.request("POST", f"/leases/{second['lease_id']}/release", json={"next_unused": 8})
    assert again.json() == r.json()  # replay-safe
    bad = a.request("POST", f"/leases/{third['lease_id']}/release", json={"next_unused": 99})
    assert bad.status_code == 422 and bad.json()["code"] == "lease.bad_release"


def test_void_op_must_cover_leased_numbers(agencies: Agencies) -> None:
    a = agencies.a
    grant = _lease(a, 10, register="send")

    def void(first: int, last: int) -> int:
        return a.commit({"kind": "number.void", "payload": {
            "register": "send", "year": 2568, "first": first, "last": last,
            "reason": "กระดาษเสีย"}}).status_code

    assert void(int(grant["first"]), int(grant["first"]) + 2) == 201
    assert void(5, 40) == 422
    assert agencies.b.commit({"kind": "number.void", "payload": {
        "register": "send", "year": 2568, "first": 1, "last": 1}}).status_code == 422


def _keyed_lease(client: HubClient, key: str, size: int = 10,
                 register: str = "receive") -> requests.Response:
    return client.request("POST", "/leases", headers={"Idempotency-Key": key},
                          json={"register": register, "year": 2568, "size": size})


def test_a_lease_request_with_a_key_is_granted_once(agencies: Agencies) -> None:
    a, hub = agencies.a, agencies.hub
    key = uuid7()
    first = _keyed_lease(a, key)
    assert first.status_code == 201
    with ThreadPoolExecutor(8) as pool:  # the answer was lost: asked again, even at once
        replays = list(pool.map(lambda _: _keyed_lease(a, key), range(8)))
    assert {r.status_code for r in replays} == {200}
    assert all(r.json() == first.json() for r in replays)
    assert _lease(a, 5)["first"] == 11  # nothing was carved for the replays
    conflict = _keyed_lease(a, key, size=20)
    assert conflict.status_code == 409 and conflict.json()["code"] == "lease.request_conflict"
    assert _keyed_lease(a, key, register="send").status_code == 409
    # Keys are per device: another device's request with the same key is its own.
    hub.add_user("clerk-x", AGENCY_A, "pw")
    other = hub.client()
    assert other.enroll("clerk-x", "pw", device="pc-x").status_code == 201
    theirs = _keyed_lease(other, key)
    assert theirs.status_code == 201 and theirs.json()["first"] == 16
    assert _keyed_lease(a, "not a key!").status_code == 400


def test_concurrent_first_requests_with_one_key_carve_one_block(agencies: Agencies) -> None:
    a = agencies.a
    key = uuid7()
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: _keyed_lease(a, key, register="send"), range(8)))
    assert sorted(r.status_code for r in answers) == [200] * 7 + [201]
    assert len({r.json()["lease_id"] for r in answers}) == 1
    assert _lease(a, 1, register="send")["first"] == 11
