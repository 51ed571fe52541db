"""A → B ลับมาก through a real hub: sealed on the wire, on the hub and at rest on both
desktops; B reads it after registering; C, the hub and the plain stores never see the
marker printed in the letter or its subject."""

from __future__ import annotations

import io
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from korat_desktop.pdf.sample import make_letter_pdf
from korat_desktop.secrecy.sealed import is_sealed
from tests.server.hub_harness import AGENCY_A, AGENCY_B, AGENCY_C, ThreadedHub
from tests.sync.harness import Device
from tests.sync.hub_checks import hub_ops

OPENSSL = shutil.which("openssl") or "openssl"
SUBJECT_MARK = "ยุทธการพิทักษ์ชายแดนSUBJ4417"
BODY_MARK = "BODYMARK8830"


def secret_pdf() -> bytes:
    """A letter whose marker is also in its bytes as plain text (the info dictionary is
    never compressed), so a grep of a folder finds a clear copy of it."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(
        make_letter_pdf(SUBJECT_MARK, [f"เนื้อความ {BODY_MARK}"]))))
    writer.add_metadata({"/Title": f"secret {BODY_MARK}"})
    out = io.BytesIO()
    writer.write(out)
    assert BODY_MARK.encode() in out.getvalue()
    return out.getvalue()


def send_secret(a: Device, folder: Path, secrecy: str = "ลับมาก", *extra: str) -> int:
    """``korat send`` of the secret letter from a file outside every data folder."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "secret.pdf"
    path.write_bytes(secret_pdf())
    run = a.korat("send", str(path), "--subject", SUBJECT_MARK, "--to-agency", AGENCY_B,
                  "--secrecy", secrecy, "--notes", f"หมายเหตุ {BODY_MARK}", "--json", *extra)
    assert run.code == 0, run.err
    return int(run.json["id"])


def _files_holding(folder: Path, *marks: str) -> list[str]:
    """Every file under ``folder`` whose bytes hold one of ``marks`` (UTF-8)."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path} ({m})" for m in marks if m.encode("utf-8") in data]
    return found


def _search_index_text(device: Device) -> str:
    with sqlite3.connect(device.root / "korat.sqlite3") as conn:
        rows = conn.execute("SELECT number, subject, parties, notes, body FROM search_index")
        return " ".join(" ".join(r) for r in rows)


def _export_key(device: Device, folder: Path) -> tuple[Path, Path]:
    """The office key out of the (test) keyring, as an auditor would hand it to openssl."""
    with device.app() as app:
        key = app.secrets.key()
        current = key.keys[0]  # type: ignore[attr-defined]
        cert = current.certificate.dump()
        pem = current.private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "b.crt").write_bytes(cert)
    (folder / "b.key").write_bytes(pem)
    return folder / "b.crt", folder / "b.key"


def test_a_secret_letter_travels_and_rests_sealed_and_b_reads_it_after_registering(
        hub: ThreadedHub, keyed_office: Callable[..., Device], tmp_path: Path) -> None:
    a = keyed_office("a", AGENCY_A, "clerk-a")
    b = keyed_office("b", AGENCY_B, "clerk-b")
    c = keyed_office("c", AGENCY_C, "clerk-c")
    assert a.korat("sync", "--once").code == 0  # A's directory now has B's certificate
    entry = send_secret(a, tmp_path / "letters")
    shown = a.korat("show", str(entry), "--json")
    assert shown.json["locked"] is True and shown.json["entry"]["subject"] == "หนังสือลับ"
    queued = a.korat("queue", str(entry), "--allow-unsigned", "--json")
    assert queued.code == 0, queued.err
    assert queued.json[0]["sealed_to"] == [AGENCY_B, AGENCY_A]
    assert a.korat("sync", "--once").code == 0

    [op] = hub_ops(hub.settings.data_dir, "letter.send")
    payload = op["body"]["payload"]
    assert payload["encryption"] == "cms"
    assert payload["subject"] == payload["number"] == "หนังสือลับ"
    assert payload["secrecy"] == "secret" and payload["to"] == [AGENCY_B]

    assert b.korat("sync", "--once").code == 0
    [item] = b.korat("inbox", "--json").json
    assert item["subject"] == "หนังสือลับ" and item["encryption"] == "cms"
    assert item["state"] == "ready" and item["waiting_reason"] is None
    registered = b.korat("inbox", "register", str(item["id"]), "--json")
    assert registered.code == 0, registered.err
    b_entry = registered.json["id"]
    assert registered.json["sealed"] is True and registered.json["subject"] == "หนังสือลับ"

    locked = b.korat("show", str(b_entry), "--lang", "en")
    assert SUBJECT_MARK not in locked.out and "--unlock" in locked.out
    opened = b.korat("show", str(b_entry), "--unlock", "--json")
    assert opened.code == 0, opened.err
    assert opened.json["entry"]["subject"] == SUBJECT_MARK
    assert opened.json["entry"]["letter_number"].startswith(AGENCY_A)
    assert opened.json["entry"]["secrecy"] == "secret" and opened.json["locked"] is False

    sealed_out, clear_out = tmp_path / "sealed.der", tmp_path / "clear.pdf"
    assert b.korat("export", str(b_entry), "-o", str(sealed_out)).code == 0
    exported = b.korat("export", str(b_entry), "-o", str(clear_out), "--clear", "--json")
    assert exported.code == 0 and exported.json["sealed"] is False
    assert is_sealed(sealed_out.read_bytes()) and BODY_MARK.encode() not in sealed_out.read_bytes()
    clear = clear_out.read_bytes()
    assert clear.startswith(b"%PDF") and BODY_MARK.encode() in clear  # the grep finds clear
    history = b.korat("show", str(b_entry), "--json").json["history"]
    actions = [h["action"] for h in history]
    assert "secrecy.view" in actions and "secrecy.export" in actions

    # openssl, with B's key taken out of the keyring, opens the stored (stamped) blob
    with b.app() as app:
        stored = app.queries.entry(b_entry).pdf_sha256
    assert stored is not None
    blob = b.root / "blobs" / stored[:2] / stored[2:4] / stored
    cert, key = _export_key(b, tmp_path / "b-key")
    out = tmp_path / "openssl.pdf"
    subprocess.run([OPENSSL, "cms", "-decrypt", "-inform", "DER", "-binary", "-in", str(blob),
                    "-recip", str(cert), "-inkey", str(key), "-out", str(out)], check=True)
    assert out.read_bytes() == clear

    # the receipt went back as usual; A sees B's receive number
    assert b.korat("sync", "--once").code == 0
    assert a.korat("sync", "--once").code == 0
    receipts = a.korat("receipts", "--json").json
    assert receipts and receipts[0]["receipts"][0]["agency_code"] == AGENCY_B

    # C got nothing; nothing readable anywhere but inside envelopes
    assert c.korat("sync", "--once").code == 0
    assert c.korat("inbox", "--all", "--json").json == []
    for folder in (hub.settings.data_dir, a.root, b.root, c.root):
        assert _files_holding(folder, SUBJECT_MARK, BODY_MARK) == []
    for device in (a, b):
        index = _search_index_text(device)
        assert SUBJECT_MARK not in index and BODY_MARK not in index
        assert device.korat("search", "SUBJ4417", "--json").json == []


def test_signing_a_sealed_letter_keeps_every_version_sealed_and_b_verifies_it(
        hub: ThreadedHub, keyed_office: Callable[..., Device], tmp_path: Path) -> None:
    from tests.sync.harness import make_p12

    p12 = make_p12(tmp_path / "signer.p12", "pw")
    a = keyed_office("a", AGENCY_A, "clerk-a")
    b = keyed_office("b", AGENCY_B, "clerk-b")
    assert a.korat("sync", "--once").code == 0
    entry = send_secret(a, tmp_path / "letters", "ลับ")
    signed = a.korat("sign", str(entry), "--pkcs12", str(p12), "--pin-stdin", stdin="pw\n")
    assert signed.code == 0, signed.out + signed.err
    with a.app() as app:
        versions = app.queries.show(entry).versions
        assert [v.role for v in versions] == ["original", "signed"]
        assert all(is_sealed(app.blobs.read(v.sha256)) for v in versions)
        assert app.queries.entry(entry).signature_level == "b-b"
    assert a.korat("queue", str(entry), "--json").code == 0  # signed: no --allow-unsigned
    assert a.korat("sync", "--once").code == 0
    assert b.korat("sync", "--once").code == 0
    [item] = b.korat("inbox", "--json").json
    received = b.korat("inbox", "register", str(item["id"]), "--json")
    assert received.code == 0, received.err
    with b.app() as app:
        versions = app.queries.show(received.json["id"]).versions
        assert [v.role for v in versions] == ["original", "receipt_stamped"]
        assert all(is_sealed(app.blobs.read(v.sha256)) for v in versions)
    verified = b.korat("verify", str(received.json["id"]), "--offline", "--json")
    [signature] = verified.json["signatures"]  # A's signature, read inside B's envelope
    assert signature["intact"] and signature["crypto_valid"]  # (the test signer is untrusted)
    for folder in (hub.settings.data_dir, a.root, b.root):
        assert _files_holding(folder, SUBJECT_MARK, BODY_MARK) == []
