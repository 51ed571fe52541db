"""End to end, three offices and a real hub: a letter by courier A → D → hub → B, and
B's receipt back hub → D → A, every step a real ``korat`` process.

A (no link: enrolled once to publish its certificates, then never syncs) signs a
letter to B and exports it on a stick; D (district office, online, the hub's relay
for A) imports it and relays it with ``korat sync`` (killed with SIGKILL in the middle
once, then run again: the hub holds it once); B syncs, registers it, and its receipt
goes to the hub by network; D exports what waits at the hub for A
(``--for-agency``), and A imports it: A's send register shows B's receive number and
A's outbox operation is acknowledged. Then: a letter that goes both by network (A
back online) and by courier is stored once at B; a relay that changed a bundle's
``operations.json`` is refused by the hub with nothing stored.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from tests.courier.pki import Identity, make_identity
from tests.server.courier_hub import CourierPki
from tests.server.hub_harness import AGENCY_A, AGENCY_B, AGENCY_C, REPO, ThreadedHub
from tests.sync.harness import Device, KoratRun, sized_pdf
from tests.sync.hub_checks import hub_ops, kill_mid_upload

AGENCY_D = AGENCY_C  # the district office with a link
P12_PASSWORD = "e2e-courier"


def korat(device: Device, *args: str, stdin: str | None = None,
          timeout: float = 120) -> KoratRun:
    """``korat`` as its own process on the device's data folder and keyring."""
    proc = subprocess.run([sys.executable, "-m", "korat_desktop.cli.main", *args,
                           "--data-dir", str(device.root)], cwd=REPO, env=device.env(),
                          input=stdin, capture_output=True, text=True, timeout=timeout,
                          check=False)
    return KoratRun(proc.returncode, proc.stdout, proc.stderr)


def ok(run: KoratRun) -> KoratRun:
    assert run.code == 0, run.out + run.err
    return run


def _p12(identity: Identity, ca: Identity, path: Path) -> Path:
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"signer", identity.key, identity.cert, [ca.cert],
        serialization.BestAvailableEncryption(P12_PASSWORD.encode())))
    return path


class Office:
    """One office: a device of the agency with its signing identity (a PKCS#12 issued by
    the province CA) and its encryption key in the keyring (``korat keys new``)."""

    def __init__(self, device: Device, pki: CourierPki, user: str) -> None:
        self.device = device
        self.user = user
        signer = make_identity(pki.ca, f"สารบรรณ {device.agency}", encryption=False)
        self.p12 = _p12(signer, pki.ca, device.root / "signer.p12")
        # signs with its PKCS#12: no card modules (SoftHSM must not load in this process)
        device.configure(signing__trust_roots=[str(pki.ca_file)], signing__pkcs11_modules=[])
        ok(device.korat("keys", "new"))

    def run(self, *args: str, stdin: str | None = None, process: bool = False) -> KoratRun:
        """``korat`` here: its own process for the steps under test, in this process
        (the same parser and code, faster) for setting up and looking."""
        if process:
            return korat(self.device, *args, stdin=stdin)
        return self.device.korat(*args, stdin=stdin)

    def signed(self, *args: str, process: bool = False) -> KoratRun:
        """A command that signs: with our PKCS#12, PIN on stdin."""
        return self.run(*args, "--pkcs12", str(self.p12), "--pin-stdin",
                        stdin=P12_PASSWORD + "\n", process=process)

    def enroll(self, hub: ThreadedHub) -> None:
        self.device.login(hub.url, self.user)
        ok(self.signed("keys", "publish"))

    def letter(self, subject: str, to: str, size: int = 40_000) -> tuple[int, str]:
        """A signed letter to ``to``, queued: (entry id, op id)."""
        entry = self.device.send(subject, [to], sized_pdf(size, subject))
        ok(self.signed("sign", str(entry)))
        queued = ok(self.run("queue", str(entry), "--json")).json
        return entry, queued[0]["op_id"]

    def export(self, stick: Path, *args: str, process: bool = True) -> Path:
        run = ok(self.signed("courier", "export", *args, "-o", str(stick), "--json",
                             process=process))
        [path] = run.json["files"]
        return Path(path)

    def import_(self, bundle: Path, process: bool = True) -> dict[str, object]:
        run = ok(self.run("courier", "import", str(bundle), "--json", process=process))
        [item] = run.json
        assert item["ok"], item
        result: dict[str, object] = item
        return result

    def sync(self, process: bool = True) -> dict[str, object]:
        run = self.run("sync", "--once", "--json", process=process)
        report: dict[str, object] = run.json["report"]
        assert run.code == 0, run.out + run.err
        return report

    def outbox_state(self, op_id: str) -> str:
        rows = ok(self.run("outbox", "--all", "--json")).json
        return str(next(r["state"] for r in rows if r["op_id"] == op_id))


def _relay_set(hub: ThreadedHub, relay: str, offline: str) -> None:
    ok(KoratRun(*_hub_cli(hub, "relay", "set", relay, "--for", offline)))


def _hub_cli(hub: ThreadedHub, *args: str) -> tuple[int, str, str]:
    proc = subprocess.run([sys.executable, "-m", "korat_desktop.server.cli", *args,
                           "--data-dir", str(hub.settings.data_dir)], cwd=REPO,
                          capture_output=True, text=True, timeout=60, check=False)
    return proc.returncode, proc.stdout, proc.stderr


def _hub_letters(hub: ThreadedHub, op_id: str) -> list[dict[str, object]]:
    return [o for o in hub_ops(hub.settings.data_dir) if o["op_id"] == op_id]


def _inbox(office: Office) -> list[dict[str, object]]:
    items: list[dict[str, object]] = ok(office.run("inbox", "--all", "--json")).json
    return items


def _kill_while_relaying(d: Office, hub: ThreadedHub) -> None:
    """``korat sync`` at D, SIGKILLed while the letter is on its way up."""
    d.device.configure(sync__bandwidth_cap_kbit=2000)  # ~250 KB/s: seconds for the PDF
    kill_mid_upload(d.device.spawn("sync", "--once"), hub.settings.upload_dir, 64_000)
    d.device.configure(sync__bandwidth_cap_kbit=0)


def test_a_letter_by_courier_through_a_relay_and_its_receipt_back(
        courier_hub: ThreadedHub, make_device: Callable[..., Device], hub_pki: CourierPki,
        tmp_path: Path) -> None:
    hub = courier_hub
    a = Office(make_device("a", AGENCY_A), hub_pki, "clerk-a")
    b = Office(make_device("b", AGENCY_B), hub_pki, "clerk-b")
    d = Office(make_device("d", AGENCY_D), hub_pki, "clerk-c")
    _relay_set(hub, AGENCY_D, AGENCY_A)
    for office in (a, b, d):  # A: this once, then no link (it never syncs until the end)
        office.enroll(hub)
    for office in (a, b, d):
        office.sync(process=False)  # the directory: certificates, A's relay, hub certificate
    stick = tmp_path / "stick"
    stick.mkdir()

    # A → stick: a signed letter to B, sealed to B, to A and to A's relay D.
    entry, op_id = a.letter("ขอเชิญประชุมทางพนักงานนำสาร", AGENCY_B, size=1_500_000)
    bundle = a.export(stick, "--to-agency", AGENCY_B)

    # D imports it and relays it; the first sync is killed mid-upload.
    imported = d.import_(bundle)
    assert (imported["applied"], imported["relayed"]) == (0, 1)
    _kill_while_relaying(d, hub)
    assert _hub_letters(hub, op_id) == []
    relayed = d.sync()
    assert [(i["op_id"], i["outcome"]) for i in relayed["relayed"]] == [  # type: ignore[union-attr]
        (op_id, "committed")]
    assert int(relayed["bytes_sent"]) < 1_500_000  # type: ignore[call-overload]  # resumed
    assert [o["agency"] for o in _hub_letters(hub, op_id)] == [AGENCY_A]  # A's, once
    assert d.sync(process=False)["relayed"] == []

    # B: the letter arrives by network, B registers it; the receipt goes to the hub.
    b.sync()
    [item] = _inbox(b)
    assert (item["op_id"], item["state"], item["sender_code"]) == (op_id, "ready", AGENCY_A)
    registered = ok(b.run("inbox", "register", str(item["id"]), "--json")).json
    assert [i["kind"] for i in b.sync()["pushed"]] == ["letter.receipt"]  # type: ignore[union-attr]

    # D carries out what waits at the hub for A; A imports it. (B may not: not its relay.)
    assert a.outbox_state(op_id) == "queued"
    not_ours = b.signed("courier", "export", "--for-agency", AGENCY_A, "-o", str(stick))
    assert not_ours.code == 1 and "sync.relay_not_designated" in not_ours.out + not_ours.err
    back = d.export(stick, "--for-agency", AGENCY_A)
    got = a.import_(back)
    assert got["ok"]
    shown = ok(a.run("show", str(entry), "--json")).json
    [receipt] = shown["receipts"]
    assert (receipt["agency_code"], receipt["receive_number"], receipt["receive_year"]) == (
        AGENCY_B, registered["number"], registered["year_be"])
    assert a.outbox_state(op_id) == "committed"  # acknowledged through the relay
    assert a.import_(back, process=False)["ok"]  # the same stick twice: nothing changes
    assert len(ok(a.run("show", str(entry), "--json")).json["receipts"]) == 1

    # A's next bundle acknowledges what it applied: D's next one for A carries nothing.
    _, op2 = a.letter("หนังสือฉบับที่สองถึง ข", AGENCY_B)
    second = a.export(stick, "--to-agency", AGENCY_B, process=False)
    d.import_(second, process=False)
    empty = d.signed("courier", "export", "--for-agency", AGENCY_A, "-o", str(stick))
    assert empty.code == 1 and "courier.nothing_pending" in empty.out + empty.err

    # A back online: the second letter goes by network too; B stores it once.
    assert [i["op_id"] for i in a.sync(process=False)["pushed"]] == [op2]  # type: ignore[union-attr]
    again = d.sync(process=False)
    assert [(i["op_id"], i["outcome"]) for i in again["relayed"]] == [  # type: ignore[union-attr]
        (op2, "replayed")]
    b.sync(process=False)
    assert sorted(str(i["op_id"]) for i in _inbox(b)) == sorted([op_id, op2])
    assert len(_hub_letters(hub, op2)) == 1
    # (A's network pull brought the pages it had by courier again: nothing twice)
    assert len(ok(a.run("show", str(entry), "--json")).json["receipts"]) == 1

    # A relay that changed a bundle's operations.json: the hub refuses, stores nothing.
    _, op3 = a.letter("หนังสือฉบับที่สาม", AGENCY_B)
    third = a.export(stick, "--to-agency", AGENCY_B, process=False)
    d.import_(third, process=False)
    with sqlite3.connect(d.device.root / "korat.sqlite3") as conn:
        conn.execute("UPDATE relay_evidence SET operations_json = "
                     "CAST(REPLACE(CAST(operations_json AS TEXT), ?, ?) AS BLOB) "
                     "WHERE bundle_id = (SELECT bundle_id FROM relay_op WHERE op_id = ?)",
                     ("ฉบับที่สาม", "ฉบับที่สี่", op3))
    run = d.run("sync", "--once", "--json")
    assert run.code == 1
    refused = [(i["op_id"], i["outcome"], i["issue"]["code"])
               for i in run.json["report"]["relayed"]]
    assert (op3, "refused", "relay.digest_mismatch") in refused
    assert _hub_letters(hub, op3) == []
    for office in (a, b, d):
        assert office.run("audit", "verify").code == 0
