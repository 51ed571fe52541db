"""``korat courier export|import|log`` between two offices with no link: real SQLite
stores, the real CLI, real certificates; the letter goes A → B on a stick, B's
receipt comes back B → A, and A's send register shows the delivery."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

from korat_desktop.store.models import CourierBundleRow, InboxItemRow, StampPositionRow
from tests.courier.file_keys import P12_PASSWORD
from tests.courier.offices import (
    AGENCY_A,
    AGENCY_B,
    AGENCY_C,
    courier_pki,
    make_office,
)
from tests.sync.conftest import keyring_file, make_device

__all__ = ["courier_pki", "keyring_file", "make_device", "make_office"]

OPENSSL = shutil.which("openssl")


def _stick(tmp_path: Path) -> Path:
    stick = tmp_path / "stick"
    stick.mkdir(exist_ok=True)
    return stick


def test_letter_by_stick_and_receipt_back(make_office, tmp_path):
    a = make_office("a", AGENCY_A)
    b = make_office("b", AGENCY_B)
    entry, op_id = a.letter("ขอเชิญประชุมทางพนักงานนำสาร", [AGENCY_B])
    stick = _stick(tmp_path)

    run = a.export(stick, "--to-agency", AGENCY_B)
    assert run.code == 0, run.err
    out = run.json
    assert out["operations"] == 1 and len(out["files"]) == 1
    bundle = Path(out["files"][0])
    assert bundle.parent == stick and bundle.suffix == ".korat"
    assert [p.name for p in stick.iterdir()] == [bundle.name]  # no temp file left
    assert out["bundles"][0]["operations"] == [op_id]
    # the op stays queued (a bundle can be lost) and the outbox names its bundle
    line = next(o for o in a.outbox() if o["op_id"] == op_id)
    assert line["state"] == "queued" and line["bundles"] == [bundle.name]

    run = b.import_(bundle)
    assert run.code == 0, run.err
    assert run.json[0] | {"file": ""} == {"file": "", "ok": True, "bundle_id":
                                          out["bundles"][0]["bundle_id"], "applied": 1,
                                          "relayed": 0, "already": 0, "error": None}
    again = b.import_(bundle)  # the same stick twice: stored once
    assert again.code == 0 and again.json[0]["already"] == 1 and again.json[0]["applied"] == 0
    items = b.korat("inbox", "--json").json
    assert [(i["op_id"], i["state"], i["sender_code"]) for i in items] == [
        (op_id, "ready", AGENCY_A)]
    file_sha256 = hashlib.sha256(bundle.read_bytes()).hexdigest()
    for office in (a, b):  # the log keeps the file's digest on both sides
        with office.device.app() as app, app.database.read() as s:
            [row] = s.query(CourierBundleRow).all()
            assert (row.file_sha256, row.size) == (file_sha256, bundle.stat().st_size)
    with b.device.app() as app, app.database.read() as s:
        assert s.query(InboxItemRow).count() == 1

    # B registers it; the receipt goes back on B's next bundle to A
    # (with the clerk's place for the receipt stamp: kept under A's agency code)
    registered = b.korat("inbox", "register", str(items[0]["id"]), "--stamp-at", "20,240",
                         "--json")
    assert registered.code == 0, registered.err
    with b.device.app() as app, app.database.read() as s:
        [place] = s.query(StampPositionRow).all()
        assert (place.sender_key, place.x_mm, place.y_mm) == (f"code:{AGENCY_A}", 20, 240)
    back = b.export(stick, "--to-agency", AGENCY_A)
    assert back.code == 0, back.err
    assert back.json["operations"] == 1
    run = a.import_(Path(back.json["files"][0]))
    assert run.code == 0 and run.json[0]["applied"] == 1, run.out + run.err
    shown = a.korat("show", str(entry), "--json").json
    [receipt] = shown["receipts"]
    assert (receipt["agency_code"], receipt["receive_number"]) == (
        AGENCY_B, registered.json["number"])

    # the courier log: out and in on each side, A's letter acknowledged by the receipt
    log = a.korat("courier", "log", "--json").json
    assert [v["direction"] for v in log] == ["in", "out"]
    carried = log[1]["operations"][0]
    assert (carried["op_id"], carried["role"], carried["acknowledged"]) == (
        op_id, "carried", True)
    assert log[0]["operations"][0]["role"] == "applied"
    text = a.korat("courier", "log", "--lang", "th").out
    assert "ออก" in text and "เข้า" in text
    # acknowledged: nothing left for B
    nothing = a.export(stick, "--to-agency", AGENCY_B)
    assert nothing.code == 1 and "courier.nothing_pending" in nothing.err


def test_an_auditor_opens_the_written_bundle_with_openssl(make_office, tmp_path, courier_pki):
    assert OPENSSL, "scripts/setup installs openssl for the tests"
    a = make_office("a", AGENCY_A)
    make_office("b", AGENCY_B)
    a.letter("ตรวจสอบด้วย openssl", [AGENCY_B])
    run = a.export(_stick(tmp_path), "--all-pending")
    assert run.code == 0, run.err
    bundle = Path(run.json["files"][0])
    cert, key = courier_pki.enc(AGENCY_B).write(tmp_path / "pki", "b")
    plain = tmp_path / "bundle.asice"
    subprocess.run([OPENSSL, "cms", "-decrypt", "-inform", "DER", "-in", str(bundle),
                    "-inkey", str(key), "-recip", str(cert), "-out", str(plain)], check=True)
    import zipfile

    with zipfile.ZipFile(plain) as z:
        names = z.namelist()
        assert names[0] == "mimetype"
        assert z.read("mimetype") == b"application/vnd.etsi.asic-e+zip"
        (tmp_path / "m.xml").write_bytes(z.read("META-INF/ASiCManifest.xml"))
        (tmp_path / "s.p7s").write_bytes(z.read("META-INF/signature.p7s"))
    ca = tmp_path / "pki" / "ca.crt"
    ca.write_bytes(courier_pki.ca.cert_pem)
    subprocess.run([OPENSSL, "cms", "-verify", "-binary", "-inform", "DER", "-in",
                    str(tmp_path / "s.p7s"), "-content", str(tmp_path / "m.xml"),
                    "-CAfile", str(ca), "-purpose", "any", "-out", "/dev/null"], check=True)


def test_one_bundle_per_recipient_set(make_office, tmp_path):
    a = make_office("a", AGENCY_A)
    _, to_b = a.letter("ถึง ข", [AGENCY_B])
    _, to_bc = a.letter("ถึง ข และ ค", [AGENCY_B, AGENCY_C])
    _, to_c = a.letter("ถึง ค", [AGENCY_C])
    run = a.export(_stick(tmp_path), "--to-agency", AGENCY_B)
    assert run.code == 0, run.err
    sets = {tuple(b["recipients"]): b["operations"] for b in run.json["bundles"]}
    assert sets == {(AGENCY_B,): [to_b], tuple(sorted([AGENCY_B, AGENCY_C])): [to_bc]}
    assert to_c not in {op for ops in sets.values() for op in ops}


def test_bad_files_fail_alone_with_their_reason(make_office, tmp_path):
    a = make_office("a", AGENCY_A)
    b = make_office("b", AGENCY_B)
    a.letter("หนังสือดี", [AGENCY_B])
    good = Path(a.export(_stick(tmp_path), "--all-pending").json["files"][0])
    flipped = tmp_path / "flipped.korat"
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0x01
    flipped.write_bytes(bytes(data))
    truncated = tmp_path / "truncated.korat"
    truncated.write_bytes(good.read_bytes()[: len(data) - 100])
    missing = tmp_path / "gone.korat"
    folder = tmp_path / "folder.korat"
    folder.mkdir()
    run = b.import_(flipped, truncated, missing, folder, good)
    assert run.code == 1
    by_name = {Path(i["file"]).name: i for i in run.json}
    assert by_name[good.name]["ok"] and by_name[good.name]["applied"] == 1
    for name in ("flipped.korat", "truncated.korat", "gone.korat", "folder.korat"):
        assert not by_name[name]["ok"]
        assert by_name[name]["error"]["code"].split(".")[0] in ("courier", "file")
    assert by_name["flipped.korat"]["error"]["code"] in ("courier.tampered",
                                                         "courier.envelope_damaged")
    with b.device.app() as app, app.database.read() as s:
        assert s.query(InboxItemRow).count() == 1
    th = b.korat("courier", "import", str(truncated), "--lang", "th")
    assert th.code == 1 and "ชุดเอกสาร" in th.out + th.err


def test_with_the_offices_own_keys_from_handouts(make_device, courier_pki, tmp_path):
    """No test keys: each office makes its key (``korat keys new``), hands its public
    certificates to the other (``korat keys export|import``), and the courier runs on
    the directory and the OS keyring (DirectoryKeys), as in an office."""
    roots = tmp_path / "roots.crt"
    roots.write_bytes(courier_pki.ca.cert_pem)
    devices = {}
    for code in (AGENCY_A, AGENCY_B):
        device = make_device(code.replace(" ", "_"), code)
        device.configure(**{"signing.trust_roots": [str(roots)]})
        assert device.korat("keys", "new").code == 0
        p12 = courier_pki.p12(code, device.root)
        handout = tmp_path / f"{code.replace(' ', '_')}.korat-dir"
        run = device.korat("keys", "export", "-o", str(handout), "--pkcs12", str(p12),
                           "--pin-stdin", stdin=P12_PASSWORD + "\n")
        assert run.code == 0, run.err
        devices[code] = (device, p12, handout)
    (a, a_p12, a_card), (b, _, b_card) = devices[AGENCY_A], devices[AGENCY_B]
    assert b.korat("keys", "import", str(a_card)).code == 0
    assert a.korat("keys", "import", str(b_card)).code == 0

    entry = a.send("ด้วยกุญแจของสำนักงานเอง", [AGENCY_B])
    assert a.korat("queue", str(entry), "--allow-unsigned").code == 0
    run = a.korat("courier", "export", "--to-agency", AGENCY_B, "-o", str(_stick(tmp_path)),
                  "--pkcs12", str(a_p12), "--pin-stdin", "--json", stdin=P12_PASSWORD + "\n")
    assert run.code == 0, run.out + run.err
    run = b.korat("courier", "import", run.json["files"][0], "--json")
    assert run.code == 0 and run.json[0]["applied"] == 1, run.out + run.err
    assert [i["state"] for i in b.korat("inbox", "--json").json] == ["ready"]


def test_export_to_a_file_name(make_office, tmp_path):
    a = make_office("a", AGENCY_A)
    a.letter("ถึง ข", [AGENCY_B])
    a.letter("ถึง ค", [AGENCY_C])
    named = _stick(tmp_path) / "วันนี้.korat"
    run = a.export(named, "--all-pending")
    assert run.code == 0, run.err
    assert [Path(f).name for f in run.json["files"]] == ["วันนี้.korat", "วันนี้-2.korat"]
    again = a.export(named, "--all-pending")  # never over a bundle already there
    assert again.code == 1 and "file.exists" in again.err
    assert sorted(p.name for p in named.parent.iterdir()) == ["วันนี้-2.korat", "วันนี้.korat"]
