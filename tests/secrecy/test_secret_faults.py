"""Secret letters that cannot go or cannot be opened: refused with the reason, nothing
stored half-way, the letter still waiting; and the policy that turns sealing off."""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import keyring
import pytest

from korat_desktop.courier.office_keys import KEYRING_SERVICE
from korat_desktop.store.models import InboxItemRow, RegisterEntryRow
from tests.secrecy.test_secret_letters import SUBJECT_MARK, send_secret
from tests.server.hub_harness import AGENCY_A, AGENCY_B, AGENCY_C, ThreadedHub
from tests.sync.harness import Device
from tests.sync.hub_checks import hub_ops


def _arrived(keyed_office: Callable[..., Device], tmp_path: Path) -> tuple[Device, Device, int]:
    """A sent B a ลับ letter through the hub; B has it ready in its inbox (item id)."""
    a = keyed_office("a", AGENCY_A, "clerk-a")
    b = keyed_office("b", AGENCY_B, "clerk-b")
    assert a.korat("sync", "--once").code == 0
    entry = send_secret(a, tmp_path / "letters", "ลับ")
    assert a.korat("queue", str(entry), "--allow-unsigned").code == 0
    assert a.korat("sync", "--once").code == 0
    assert b.korat("sync", "--once").code == 0
    [item] = b.korat("inbox", "--json").json
    assert item["state"] == "ready" and item["secrecy"] == "confidential"
    return a, b, int(item["id"])


def _still_waiting(b: Device, item_id: int) -> None:
    with b.app() as app, app.database.read() as s:
        row = s.get(InboxItemRow, item_id)
        assert row is not None and row.state == "ready" and row.entry_id is None
        assert s.query(RegisterEntryRow).count() == 0
    assert [i["state"] for i in b.korat("inbox", "--json").json] == ["ready"]


def _refusal(b: Device, item_id: int, code: str) -> str:
    run = b.korat("inbox", "register", str(item_id), "--lang", "th")
    assert run.code == 1 and code in run.err, run.err
    _still_waiting(b, item_id)
    return run.err


def _office_key_entries(b: Device) -> list[str]:
    with sqlite3.connect(b.root / "korat.sqlite3") as conn:
        [(device_id,)] = conn.execute("SELECT device_id FROM office")
    data = json.loads(b.keyring_file.read_text("utf-8"))
    return [k.split("\x1f", 1)[1] for k in data
            if k.startswith(f"{KEYRING_SERVICE}\x1f{device_id}/office-key/")]


def test_the_office_key_missing_from_the_keyring_leaves_the_letter_waiting(
        hub: ThreadedHub, keyed_office: Callable[..., Device], tmp_path: Path) -> None:
    _, b, item = _arrived(keyed_office, tmp_path)
    for account in _office_key_entries(b):
        keyring.delete_password(KEYRING_SERVICE, account)
    err = _refusal(b, item, "secrecy.key_missing")
    assert "ไม่พบกุญแจถอดรหัสของหน่วยงาน" in err


def test_a_letter_sealed_to_an_older_key_we_no_longer_hold_is_not_for_us(
        hub: ThreadedHub, keyed_office: Callable[..., Device], tmp_path: Path) -> None:
    _, b, item = _arrived(keyed_office, tmp_path)
    old = _office_key_entries(b)
    assert b.korat("keys", "new", "--force").code == 0  # a new key; the old one retired
    for account in old:  # ... and then lost from this computer's keyring
        keyring.delete_password(KEYRING_SERVICE, account)
    err = _refusal(b, item, "secrecy.not_for_us")
    assert "ไม่ได้เข้ารหัสถึงหน่วยงานนี้" in err


def test_a_tampered_envelope_is_refused_and_nothing_is_stored(
        hub: ThreadedHub, keyed_office: Callable[..., Device], tmp_path: Path) -> None:
    _, b, item = _arrived(keyed_office, tmp_path)
    with b.app() as app, app.database.write() as s:
        row = s.get(InboxItemRow, item)
        assert row is not None
        body = json.loads(row.body)
        der = bytearray(base64.b64decode(body["payload"]["sealed"]))
        der[-30] ^= 0x01  # a ciphertext byte: the GCM tag no longer matches
        body["payload"]["sealed"] = base64.b64encode(bytes(der)).decode()
        row.body = json.dumps(body, ensure_ascii=False)
    blobs_before = sorted(p.name for p in (b.root / "blobs").rglob("*") if p.is_file())
    err = _refusal(b, item, "secrecy.tampered")
    assert "ไม่ได้บันทึกสิ่งใด" in err
    assert sorted(p.name for p in (b.root / "blobs").rglob("*") if p.is_file()) == blobs_before


def test_a_recipient_without_an_encryption_certificate_refuses_the_queueing(
        hub: ThreadedHub, keyed_office: Callable[..., Device],
        make_device: Callable[..., Device], tmp_path: Path) -> None:
    a = keyed_office("a", AGENCY_A, "clerk-a")
    c = make_device("c", AGENCY_C)
    c.login(hub.url, "clerk-c")  # signed in, but no key published
    path = tmp_path / "to-c.pdf"
    from tests.secrecy.test_secret_letters import secret_pdf

    path.write_bytes(secret_pdf())
    run = a.korat("send", str(path), "--subject", SUBJECT_MARK, "--to-agency", AGENCY_C,
                  "--secrecy", "ลับ", "--json")
    assert run.code == 0, run.err
    queued = a.korat("queue", str(run.json["id"]), "--allow-unsigned", "--lang", "th")
    assert queued.code == 1 and "secrecy.no_certificate" in queued.err
    assert AGENCY_C in queued.err
    assert a.korat("outbox", "--all", "--json").json == []  # never falls back to clear


def test_a_secret_letter_needs_the_office_key_to_be_registered_at_all(
        make_device: Callable[..., Device], tmp_path: Path) -> None:
    office = make_device("solo", AGENCY_A)
    path = tmp_path / "paper.pdf"
    from tests.secrecy.test_secret_letters import secret_pdf

    path.write_bytes(secret_pdf())
    # IT keeps key making to itself: the letter is refused until `korat keys new`
    assert office.korat("config", "set", "secrecy.make_office_key", "false").code == 0
    run = office.korat("receive", str(path), "--subject", SUBJECT_MARK, "--from", "กอ.รมน.",
                       "--secrecy", "ลับมาก", "--lang", "en")
    assert run.code == 1 and "secrecy.no_office_key" in run.err and "korat keys new" in run.err
    assert office.korat("list", "--register", "receive", "--json").json == []
    # by default the first secret letter makes the office's key (a clerk has no CLI)
    assert office.korat("config", "set", "secrecy.make_office_key", "true").code == 0
    run = office.korat("--json", "receive", str(path), "--subject", SUBJECT_MARK,
                       "--from", "กอ.รมน.", "--secrecy", "ลับมาก")
    assert run.code == 0, run.err
    [entry] = office.korat("list", "--register", "receive", "--json").json
    assert entry["subject"] == "หนังสือลับ"
    with sqlite3.connect(office.root / "korat.sqlite3") as conn:  # the key it made
        assert conn.execute("SELECT count(*) FROM office_key").fetchone() == (1,)
    assert _office_key_entries(office)  # its private half: in the keyring only
    assert SUBJECT_MARK.encode() not in (office.root / "korat.sqlite3").read_bytes()


@pytest.fixture
def policy_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    machine = tmp_path / "machine"
    machine.mkdir()
    (machine / "policy.toml").write_text("[secrecy]\nencrypt_secret = false\n", "utf-8")
    monkeypatch.setenv("KORAT_MACHINE_CONFIG_DIR", str(machine))
    return machine / "policy.toml"


def test_with_encryption_locked_off_by_policy_the_old_behaviour_returns_and_says_so(
        hub: ThreadedHub, make_device: Callable[..., Device], policy_off: Path,
        tmp_path: Path) -> None:
    a = make_device("a", AGENCY_A)
    b = make_device("b", AGENCY_B)
    a.login(hub.url, "clerk-a")
    b.login(hub.url, "clerk-b")
    shown = a.korat("config", "show", "--json").json
    setting = next(s for s in shown if s["key"] == "secrecy.encrypt_secret")
    assert setting["value"] is False and setting["locked"] is True
    entry = send_secret(a, tmp_path / "letters")  # no office key needed: nothing is sealed
    queued = a.korat("queue", str(entry), "--allow-unsigned", "--lang", "en")
    assert queued.code == 0, queued.err
    assert "secrecy.encrypt_secret is off (policy)" in queued.out
    assert a.korat("outbox", "--json").json[0]["op_id"]
    as_json = a.korat("queue", str(entry), "--allow-unsigned", "--json")
    assert as_json.code == 1  # queued once only
    assert a.korat("sync", "--once").code == 0
    [op] = hub_ops(hub.settings.data_dir, "letter.send")
    assert "encryption" not in op["body"]["payload"]
    assert op["body"]["payload"]["subject"] == SUBJECT_MARK  # in clear, over TLS, as before
    assert b.korat("sync", "--once").code == 0
    [item] = b.korat("inbox", "--json").json
    assert item["subject"] == SUBJECT_MARK and item["encryption"] is None
    registered = b.korat("inbox", "register", str(item["id"]), "--json")
    assert registered.code == 0 and registered.json["subject"] == SUBJECT_MARK
    assert registered.json["sealed"] is False


def test_a_device_without_the_office_key_shows_the_letter_waiting_with_the_reason(
        hub: ThreadedHub, keyed_office: Callable[..., Device],
        make_device: Callable[..., Device], tmp_path: Path) -> None:
    """B's second computer, signed in but without B's key: the letter waits, says why."""
    _, _, _ = _arrived(keyed_office, tmp_path)
    b2 = make_device("b2", AGENCY_B)
    b2.login(hub.url, "clerk-b")
    assert b2.korat("sync", "--once").code == 0
    [item] = b2.korat("inbox", "--json").json
    assert item["subject"] == "หนังสือลับ" and item["state"] == "ready"
    assert item["waiting_reason"]["code"] == "secrecy.no_office_key"
    listing = b2.korat("inbox", "--lang", "th").out
    assert "ลับ, เข้ารหัส" in listing and "ยังไม่มีกุญแจเข้ารหัส" in listing
    _refusal(b2, int(item["id"]), "secrecy.key_missing")


def test_in_a_batch_only_the_secret_letter_fails_without_the_office_key(
        make_device: Callable[..., Device]) -> None:
    from korat_desktop.domain.letters import Secrecy
    from korat_desktop.services.registration import LetterIntake
    from tests.secrecy.test_secret_letters import secret_pdf
    from tests.sync.harness import letter_pdf

    office = make_device("batch", AGENCY_A)
    assert office.korat("config", "set", "secrecy.make_office_key", "false").code == 0
    with office.app() as app:
        result = app.registration.receive_many([
            (letter_pdf("หนังสือธรรมดา"), LetterIntake(subject="หนังสือธรรมดา")),
            (secret_pdf(), LetterIntake(subject=SUBJECT_MARK, secrecy=Secrecy.SECRET)),
            (letter_pdf("อีกฉบับ"), LetterIntake(subject="อีกฉบับ"))])
    assert [e.subject for e in result.entries] == ["หนังสือธรรมดา", "อีกฉบับ"]
    assert [e.number for e in result.entries] == [1, 2]  # consecutive, none skipped
    [failure] = result.failures
    assert (failure.index, failure.code) == (1, "secrecy.no_office_key")
    assert "korat keys new" in failure.message("en")
    assert SUBJECT_MARK.encode() not in (office.root / "korat.sqlite3").read_bytes()


def test_a_secret_letter_cannot_be_kept_as_a_clear_draft(
        make_device: Callable[..., Device], tmp_path: Path) -> None:
    from tests.secrecy.test_secret_letters import secret_pdf

    office = make_device("drafts", AGENCY_A)
    path = tmp_path / "draft.pdf"
    path.write_bytes(secret_pdf())
    run = office.korat("draft", "new", str(path), "--subject", SUBJECT_MARK,
                       "--secrecy", "ลับ", "--lang", "th")
    assert run.code == 1 and "secrecy.no_secret_drafts" in run.err
    assert "เก็บเป็นร่างไม่ได้" in run.err
    assert office.korat("draft", "list", "--json").json == []
    assert SUBJECT_MARK.encode() not in (office.root / "korat.sqlite3").read_bytes()
    assert not (office.root / "blobs").exists() or not any(
        p.is_file() for p in (office.root / "blobs").rglob("*"))


def test_a_version_stored_while_the_letter_is_sealed_stops_the_queueing(
        hub: ThreadedHub, keyed_office: Callable[..., Device], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    import korat_desktop.services.sync_ops as sync_ops
    from korat_desktop.errors import SecrecyError
    from korat_desktop.store.models import Blob, DocumentVersion

    a = keyed_office("a", AGENCY_A, "clerk-a")
    keyed_office("b", AGENCY_B, "clerk-b")
    assert a.korat("sync", "--once").code == 0
    entry = send_secret(a, tmp_path / "letters")
    sealing = sync_ops.seal_for_sending

    def sealed_then_signed_elsewhere(app, found, codes):  # type: ignore[no-untyped-def]
        made = sealing(app, found, codes)
        with app.blob_write() as s:  # another writer stores a new version meanwhile
            sha = app.blobs.put(made.pdf)
            s.add(Blob(sha256=sha, size=len(made.pdf), created_at=dt.datetime.now(dt.UTC)))
            s.add(DocumentVersion(document_id=found.document_id, seq=2, blob_sha256=sha,
                                  role="signed", signature_level="b-b",
                                  created_at=dt.datetime.now(dt.UTC)))
        return made

    monkeypatch.setattr(sync_ops, "seal_for_sending", sealed_then_signed_elsewhere)
    with a.app() as app:
        with pytest.raises(SecrecyError) as caught:
            app.sync.queue(entry, allow_unsigned=True)
        assert caught.value.code == "secrecy.letter_changed"
        assert app.sync.outbox() == []
