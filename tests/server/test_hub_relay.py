"""Relaying courier bundles through a connected office, over HTTP against a real hub.

Inward: C (connected) imported a real bundle that offline A signed and forwards its
evidence; the hub checks it and commits A's operations once. Outward: C, designated as
A's relay, reads A's feed as hub-signed pages (checked with openssl) and A's blobs.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from korat_desktop.protocol.bundle import BundledOperation
from korat_desktop.protocol.relay import RelayResult, SignedPage
from korat_desktop.protocol.uuid7 import uuid7
from korat_desktop.server.db.schema import blob_access, ops, relay_bundles
from korat_desktop.server.relay_outward import set_relay
from korat_desktop.server.settings import HubSettings
from tests.server.courier_hub import (
    CourierPki,
    Evidence,
    bundled,
    courier_settings,
    relay_evidence,
)
from tests.server.hub_harness import (
    AGENCY_A,
    AGENCY_B,
    AGENCY_C,
    Agencies,
    HubClient,
    letter_op,
    sha256_hex,
)

OPENSSL = shutil.which("openssl")
PDF = b"%PDF-1.7\n" + os.urandom(30_000) + b"\n%%EOF\n"
SHA = sha256_hex(PDF)


@pytest.fixture
def hub_settings(tmp_path: Path, database_url: str | None,
                 courier_pki: CourierPki) -> HubSettings:
    return courier_settings(HubSettings(data_dir=tmp_path / "hub", database_url=database_url),
                            courier_pki)


@pytest.fixture
def listed(agencies: Agencies, courier_pki: CourierPki) -> Agencies:
    """A's clerk certificate published by A's own device, as ``korat keys publish`` does."""
    r = agencies.a.request("POST", "/agencies/me/certificates", json={
        "use": "sign", "der_b64": base64.b64encode(courier_pki.sign_a.cert_der).decode()})
    assert r.status_code == 201, r.text
    return agencies


def _device_id(client: HubClient) -> str:
    device: str = client.request("GET", "/devices/me").json()["device_id"]
    return device


def _letter(agencies: Agencies, subject: str = "ขอเชิญประชุม", **kw: Any) -> BundledOperation:
    return bundled(letter_op([AGENCY_B], [SHA], subject), origin_agency=AGENCY_A,
                   origin_device=kw.pop("origin_device", None) or _device_id(agencies.a), **kw)


def _evidence(pki: CourierPki, ops_: list[BundledOperation], *, signer: Any = None,
              expired: bool = False) -> Evidence:
    """A bundle from A to B with these operations, signed by A's clerk by default."""
    return relay_evidence(pki, signer or pki.sign_a, AGENCY_A, uuid7(), ops_, {SHA: PDF},
                          [AGENCY_B], expired=expired)


def _post(client: HubClient, evidence: Evidence, bundle_id: str | None = None,
          **override: bytes | str) -> Any:
    return client.request("POST", f"/relay/bundles/{bundle_id or evidence.bundle_id}",
                          json=evidence.body(**override))


def _counts(agencies: Agencies) -> tuple[int, int]:
    with agencies.hub.hub.db.reading() as conn:
        return (int(conn.execute(select(func.count()).select_from(ops)).scalar_one()),
                int(conn.execute(select(func.count()).select_from(relay_bundles)).scalar_one()))


def test_relayed_bundle_is_committed_once_as_the_origin(listed: Agencies,
                                                       courier_pki: CourierPki) -> None:
    a, b, c = listed.a, listed.b, listed.c
    op = _letter(listed)
    evidence = _evidence(courier_pki, [op])
    c.upload(PDF)  # the relay uploads the letter as itself
    r = _post(c, evidence)
    assert r.status_code == 200, r.text
    result = RelayResult.model_validate(r.json())
    assert result.sender_agency == AGENCY_A
    [one] = result.results
    assert one.status == "committed" and one.op_id == op.op_id
    assert one.receipt is not None and one.receipt.agency == AGENCY_A
    assert one.receipt.routed_to == [AGENCY_B]

    # B sees A's letter, from A; A's own feed has it too (its outbox is acknowledged)
    [inbox] = b.all_changes()
    assert inbox["op_id"] == op.op_id and inbox["agency"] == AGENCY_A
    assert [ch["op_id"] for ch in a.all_changes()] == [op.op_id]
    assert b.request("GET", f"/blobs/{SHA}").content == PDF
    assert a.request("GET", f"/blobs/{SHA}").status_code == 200  # granted to the origin
    with listed.hub.hub.db.reading() as conn:
        row = conn.execute(select(ops.c.agency_code, ops.c.device_id, ops.c.relayed_bundle)
                           .where(ops.c.op_id == op.op_id)).one()
        kept = conn.execute(select(relay_bundles)).one()
    assert tuple(row) == (AGENCY_A, _device_id(a), evidence.bundle_id)  # A's enrolled device
    assert kept.sender_agency == AGENCY_A and kept.device_id == _device_id(c)
    assert kept.operations_json == evidence.operations
    assert kept.manifest_xml == evidence.manifest_xml and kept.signature == evidence.signature

    # posting again (a retry, or a second relay): replayed, nothing doubled
    again = RelayResult.model_validate(_post(c, evidence).json())
    assert [x.status for x in again.results] == ["replayed"]
    assert again.results[0].receipt == one.receipt
    assert _counts(listed) == (1, 1)
    assert len(b.all_changes()) == 1


def test_an_op_that_came_by_network_first_is_replayed(listed: Agencies,
                                                     courier_pki: CourierPki) -> None:
    a, c = listed.a, listed.c
    op = _letter(listed)
    a.upload(PDF)
    assert a.commit(json.loads(op.body), op.op_id).status_code == 201
    result = RelayResult.model_validate(_post(c, _evidence(courier_pki, [op])).json())
    assert [x.status for x in result.results] == ["replayed"]
    assert _counts(listed) == (1, 1)
    assert len(listed.b.all_changes()) == 1


def test_unknown_origin_device_is_recorded_as_the_relay_device(
        listed: Agencies, courier_pki: CourierPki) -> None:
    """A device of A the hub never enrolled (A is offline): the relay's device stands in."""
    c = listed.c
    c.upload(PDF)
    op = _letter(listed, origin_device=uuid7())
    assert _post(c, _evidence(courier_pki, [op])).json()["results"][0]["status"] == "committed"
    with listed.hub.hub.db.reading() as conn:
        device = conn.execute(select(ops.c.device_id).where(ops.c.op_id == op.op_id)).scalar()
    assert device == _device_id(c)


def test_expired_bundle_is_still_accepted(listed: Agencies, courier_pki: CourierPki) -> None:
    listed.c.upload(PDF)
    evidence = _evidence(courier_pki, [_letter(listed)], expired=True)
    assert _post(listed.c, evidence).json()["results"][0]["status"] == "committed"


def test_blobs_missing_then_committed_after_upload(listed: Agencies,
                                                  courier_pki: CourierPki) -> None:
    c = listed.c
    evidence = _evidence(courier_pki, [_letter(listed)])
    [first] = _post(c, evidence).json()["results"]
    assert first["status"] == "blobs_missing" and first["missing"] == [SHA]
    assert _counts(listed) == (0, 1)  # the evidence is kept (once); the op waits
    c.upload(PDF)
    [second] = _post(c, evidence).json()["results"]
    assert second["status"] == "committed"
    assert _counts(listed) == (1, 1)
    assert listed.b.request("GET", f"/blobs/{SHA}").content == PDF
    # the relay uploaded it but may not read it: it was not a party to the letter
    assert c.request("GET", f"/blobs/{SHA}").status_code == 404
    with listed.hub.hub.db.reading() as conn:
        holders = dict(conn.execute(select(blob_access.c.agency_code, blob_access.c.readable)
                                    .where(blob_access.c.sha256 == SHA)).all())
    assert holders == {AGENCY_A: True, AGENCY_B: True, AGENCY_C: False}


def test_each_op_is_answered_on_its_own(listed: Agencies, courier_pki: CourierPki) -> None:
    """One op of another agency (not A's to forward), one whose id A already used for
    other content, one ลับที่สุด: refused each, while the good one is committed."""
    a, c = listed.a, listed.c
    c.upload(PDF)
    a.upload(PDF)
    good = _letter(listed)
    not_origin = bundled(letter_op([AGENCY_C], [SHA]), origin_agency=AGENCY_B,
                         origin_device=uuid7())
    taken = uuid7()
    assert a.commit(letter_op([AGENCY_B], [SHA], "เรื่องอื่น"), taken).status_code == 201
    conflict = _letter(listed, op_id=taken)
    secret = bundled(letter_op([AGENCY_B], [SHA], secrecy="top_secret"), origin_agency=AGENCY_A,
                     origin_device=uuid7())
    result = _post(c, _evidence(courier_pki, [good, not_origin, conflict, secret])).json()
    answers = {x["op_id"]: (x["status"], x["code"]) for x in result["results"]}
    assert answers == {good.op_id: ("committed", None),
                       not_origin.op_id: ("refused", "relay.not_origin"),
                       conflict.op_id: ("refused", "op.conflict"),
                       secret.op_id: ("refused", "op.top_secret")}
    assert _counts(listed) == (2, 1)


def _tampered(evidence: Evidence, name: str) -> dict[str, bytes]:
    data = bytearray(getattr(evidence, name))
    where = {"operations": bytes(data).index(b'"subject') + 3 if b'"subject' in data
             else len(data) // 2, "signature": len(data) - 40}.get(name, len(data) // 2)
    data[where] ^= 0x01
    return {name: bytes(data)}


@pytest.mark.parametrize(("case", "status", "code"), [
    ("operations tampered", 422, "relay.digest_mismatch"),
    ("signature tampered", 422, "relay.signature_invalid"),
    ("signature garbage", 422, "relay.signature_invalid"),
    ("manifest tampered", 422, "relay.signature_invalid"),
    ("signer not listed", 403, "relay.signer_not_listed"),
    ("signer untrusted", 422, "relay.signer_untrusted"),
    ("wrong bundle id", 422, "relay.bundle_id_mismatch"),
    ("bad base64", 400, "relay.bad_evidence"),
    ("manifest not xml", 400, "relay.bad_evidence"),
])
def test_bad_evidence_is_refused_and_nothing_stored(listed: Agencies, courier_pki: CourierPki,
                                                    case: str, status: int, code: str) -> None:
    c = listed.c
    c.upload(PDF)
    signer = {"signer not listed": courier_pki.sign_a2,
              "signer untrusted": courier_pki.stranger}.get(case)
    evidence = _evidence(courier_pki, [_letter(listed)], signer=signer)
    override: dict[str, bytes | str] = {
        "operations tampered": _tampered(evidence, "operations"),
        "signature tampered": _tampered(evidence, "signature"),
        "signature garbage": {"signature": b"\x30\x03\x02\x01\x00"},
        "manifest tampered": {"manifest_xml": evidence.manifest_xml.replace(
            b"<asic:ASiCManifest", b"<asic:ASiCManifest ", 1)},
        "bad base64": {"operations": "abcde"},
        "manifest not xml": {"manifest_xml": b"not xml at all"},
    }.get(case, {})  # type: ignore[assignment]
    r = _post(c, evidence, uuid7() if case == "wrong bundle id" else None, **override)
    assert r.status_code == status, r.text
    assert r.json()["code"] == code and r.json()["message"]
    assert _counts(listed) == (0, 0)
    assert listed.b.all_changes() == []


def test_the_same_bundle_id_with_other_content_is_a_conflict(
        listed: Agencies, courier_pki: CourierPki) -> None:
    c = listed.c
    c.upload(PDF)
    evidence = _evidence(courier_pki, [_letter(listed)])
    assert _post(c, evidence).status_code == 200
    # a second, validly signed bundle that claims the first one's id
    twin = relay_evidence(courier_pki, courier_pki.sign_a, AGENCY_A, uuid7(),
                          [_letter(listed, subject="อีกเรื่อง")], {SHA: PDF}, [AGENCY_B],
                          bundle_id=evidence.bundle_id)
    r = _post(c, twin)
    assert r.status_code == 409 and r.json()["code"] == "relay.bundle_conflict"
    assert _counts(listed) == (1, 1)


# --- outward -----------------------------------------------------------------------------

def _designate(agencies: Agencies, relay: str, offline: str) -> None:
    with agencies.hub.hub.db.writing() as conn:
        set_relay(conn, relay, [offline])


def test_only_the_designated_relay_reads_an_agency_feed(agencies: Agencies) -> None:
    a, b, c = agencies.a, agencies.b, agencies.c
    for client in (b, c):
        r = client.request("GET", f"/relay/agencies/{AGENCY_A}/changes")
        assert r.status_code == 403 and r.json()["code"] == "relay.not_designated"
    r = c.request("GET", "/relay/agencies/nobody/changes")
    assert r.status_code == 403 and r.json()["code"] == "relay.not_designated"
    _designate(agencies, AGENCY_C, AGENCY_A)
    assert c.request("GET", f"/relay/agencies/{AGENCY_A}/changes").status_code == 200
    assert b.request("GET", f"/relay/agencies/{AGENCY_A}/changes").status_code == 403
    assert a.request("GET", f"/relay/agencies/{AGENCY_C}/changes").status_code == 403


def test_relayed_pages_are_signed_and_equal_what_the_agency_pulls(
        agencies: Agencies, courier_pki: CourierPki, tmp_path: Path) -> None:
    assert OPENSSL, "openssl is installed by scripts/setup"
    a, b, c = agencies.a, agencies.b, agencies.c
    sent = []
    for n in range(3):  # B writes to A (offline): A's inbox waits at the hub
        blob = PDF + bytes([n])
        b.upload(blob)
        op_id = uuid7()
        assert b.commit(letter_op([AGENCY_A], [sha256_hex(blob)], f"เรื่องที่ {n}"),
                        op_id).status_code == 201
        sent.append(op_id)
    _designate(agencies, AGENCY_C, AGENCY_A)
    since = None
    pages = []
    while True:
        params = {"limit": 2, **({"since": since} if since else {})}
        r = c.request("GET", f"/relay/agencies/{AGENCY_A}/changes", params=params)
        assert r.status_code == 200, r.text
        signed = SignedPage.model_validate(r.json())
        assert signed.agency == AGENCY_A
        page_bytes = base64.b64decode(signed.page)
        content, sig = tmp_path / "page.json", tmp_path / "page.p7s"
        content.write_bytes(page_bytes)
        sig.write_bytes(base64.b64decode(signed.signature))
        check = subprocess.run([OPENSSL, "cms", "-verify", "-binary", "-inform", "DER", "-in",
                                str(sig), "-content", str(content), "-CAfile",
                                str(courier_pki.ca_file), "-purpose", "any", "-out",
                                os.devnull], capture_output=True, check=False)
        assert check.returncode == 0, check.stderr.decode()
        page = json.loads(page_bytes)
        assert page.pop("agency") == AGENCY_A  # inside the signed bytes
        # exactly what A itself would pull with the same cursor
        own = a.changes(since, 2).json()
        assert page == own
        pages.append(page)
        since = page["next_cursor"]
        if not page["has_more"]:
            break
    assert [ch["op_id"] for p in pages for ch in p["changes"]] == sent
    # one flipped byte of the page and the hub's signature no longer holds
    content.write_bytes(page_bytes.replace(b"\\u0e40", b"\\u0e41", 1) if b"\\u0e40" in
                        page_bytes else page_bytes[:-1] + b" ")
    bad = subprocess.run([OPENSSL, "cms", "-verify", "-binary", "-inform", "DER", "-in",
                          str(sig), "-content", str(content), "-CAfile",
                          str(courier_pki.ca_file), "-purpose", "any", "-out", os.devnull],
                         capture_output=True, check=False)
    assert bad.returncode != 0


def test_relay_downloads_the_blobs_the_agency_may_read(agencies: Agencies) -> None:
    a, b, c = agencies.a, agencies.b, agencies.c
    b.upload(PDF)
    assert b.commit(letter_op([AGENCY_A], [SHA])).status_code == 201
    other = PDF + b"other"
    b.upload(other)
    assert b.commit(letter_op([AGENCY_C], [sha256_hex(other)])).status_code == 201
    path = f"/relay/agencies/{AGENCY_A}/blobs/{SHA}"
    assert c.request("GET", path).json()["code"] == "relay.not_designated"
    _designate(agencies, AGENCY_C, AGENCY_A)
    whole = c.request("GET", path)
    assert whole.status_code == 200 and whole.content == PDF
    assert whole.headers["ETag"] == f'"{SHA}"'
    part = c.request("GET", path, headers={"Range": "bytes=1000-"})
    assert part.status_code == 206 and part.content == PDF[1000:]
    assert part.headers["Content-Range"] == f"bytes 1000-{len(PDF) - 1}/{len(PDF)}"
    head = c.request("HEAD", path)
    assert head.status_code == 200 and head.headers["Content-Length"] == str(len(PDF))
    # a blob A may not read (sent to C only) is not A's to carry: 404 as for A itself
    not_a = f"/relay/agencies/{AGENCY_A}/blobs/{sha256_hex(other)}"
    assert c.request("GET", not_a).status_code == 404
    assert a.request("GET", f"/blobs/{sha256_hex(other)}").status_code == 404
