"""Secret letters on the hub: it announces ``cms``, refuses encrypted fields it does not
understand (storing nothing), routes encrypted letters unchanged, and nothing readable
of them reaches its data dir, database or logs.

The envelopes are made and opened by ``openssl cms`` (AES-256-GCM AuthEnvelopedData),
independently of Korat's own sealer."""

from __future__ import annotations

import base64
import json
import subprocess
import uuid
from pathlib import Path

import pytest

from korat_desktop.errors import SyncError
from korat_desktop.protocol import OPERATION_ADAPTER, SEALED_PLACEHOLDER, uuid7
from korat_desktop.protocol.capabilities import HubHealth
from korat_desktop.sync.capabilities import check_hub_accepts, hub_supports_cms
from korat_desktop.sync.failures import is_transient
from korat_desktop.sync.transport import HubTransport, TransportSettings
from tests.courier.pki import make_ca, make_identity
from tests.server.hub_harness import (
    AGENCY_A,
    AGENCY_B,
    AGENCY_C,
    HubClient,
    HubProcess,
    OlderHub,
    ThreadedHub,
    letter_op,
)


def _openssl_seal(data: bytes, recipients: list[Path], folder: Path) -> bytes:
    src, out = folder / f"{uuid.uuid4().hex}.in", folder / f"{uuid.uuid4().hex}.der"
    src.write_bytes(data)
    subprocess.run(["openssl", "cms", "-encrypt", "-binary", "-aes-256-gcm", "-outform", "DER",
                    "-in", str(src), "-out", str(out),
                    *[str(r) for r in recipients]], check=True, capture_output=True)
    src.unlink()
    return out.read_bytes()


def _openssl_open(der: bytes, cert: Path, key: Path, folder: Path) -> bytes:
    src = folder / f"{uuid.uuid4().hex}.der"
    src.write_bytes(der)
    done = subprocess.run(["openssl", "cms", "-decrypt", "-binary", "-inform", "DER",
                           "-in", str(src), "-recip", str(cert), "-inkey", str(key)],
                          check=True, capture_output=True)
    return done.stdout


def _files_containing(root: Path, needles: list[bytes]) -> list[str]:
    hits = []
    for f in sorted(p for p in root.rglob("*") if p.is_file()):
        data = f.read_bytes()
        hits += [f"{f.relative_to(root)}: {n!r}" for n in needles if n in data]
    return hits


def _enrolled(hub: HubProcess, code: str, user: str) -> HubClient:
    client = HubClient(hub.url)
    assert client.enroll(user, f"pw-{user}").status_code == 201
    return client


@pytest.mark.slow
def test_encrypted_letters_pass_the_hub_unreadable(tmp_path: Path) -> None:
    pki = tmp_path / "pki"
    ca = make_ca()
    a_cert, _ = make_identity(ca, "A encryption", encryption=True).write(pki, "a")
    b_cert, b_key = make_identity(ca, "B encryption", encryption=True).write(pki, "b")
    token = uuid.uuid4().hex  # appears only inside the envelopes, never in clear
    subject = f"ลับมาก: ย้ายกำลังพลชายแดน {token}"
    fields = json.dumps({"subject": subject, "number": f"ที่ นม 0017.1/{token}"},
                        ensure_ascii=False).encode()
    pdf = b"%PDF-1.7\n1 0 obj (" + subject.encode() + b") endobj\n%%EOF\n"

    hub = HubProcess(tmp_path / "hub", None)
    for i, code in enumerate((AGENCY_A, AGENCY_B, AGENCY_C)):
        assert hub.cli("add-agency", code, f"agency {i}").returncode == 0
        assert hub.cli("add-user", f"u{i}", "--agency", code,
                       stdin=f"pw-u{i}\n").returncode == 0
    log = tmp_path / "hub.log"
    hub.start(log=log, log_level="debug")
    try:
        a, b, c = (_enrolled(hub, code, f"u{i}")
                   for i, code in enumerate((AGENCY_A, AGENCY_B, AGENCY_C)))
        assert HubHealth.model_validate(a.request("GET", "/health").json()).encryption == ["cms"]

        blob = _openssl_seal(pdf, [b_cert, a_cert], tmp_path)
        sha = a.upload(blob)
        sealed = base64.b64encode(_openssl_seal(fields, [b_cert, a_cert], tmp_path)).decode()
        secret = {"number": SEALED_PLACEHOLDER, "subject": SEALED_PLACEHOLDER,
                  "secrecy": "secret", "encryption": "cms", "sealed": sealed}

        # refusals first: each one its own stable code, nothing stored or routed
        clear_fields = base64.b64encode(fields).decode()
        refused = [
            {**secret, "encryption": "pgp"},
            {**secret, "subject": subject},  # the secret subject in clear
            {**secret, "number": f"ที่ นม 0017.1/{token}"},
            {**secret, "secrecy": "none"},
            {**secret, "sealed": clear_fields},  # "sealed" but not an envelope
            {k: v for k, v in secret.items() if k != "encryption"},  # sealed alone
            {k: v for k, v in secret.items() if k != "sealed"},
        ]
        for payload in refused:
            r = a.commit(letter_op([AGENCY_B], [sha], **payload))
            assert r.status_code == 422, payload
            assert r.json()["code"] == "op.encryption_unsupported", r.json()
            assert token not in r.text
        assert b.all_changes() == [] and a.all_changes() == []

        op_id = uuid7()
        op = letter_op([AGENCY_B], [sha], **secret)
        r = a.commit(op, op_id)
        assert r.status_code == 201, r.text
        assert a.commit(op, op_id).status_code == 200  # idempotent, same fingerprint

        inbox = b.all_changes()
        assert [(ch["kind"], ch["op_id"]) for ch in inbox] == [("inbox", op_id)]
        assert inbox[0]["op"]["payload"] == {**op["payload"], "kind": "external",
                                             "secrecy": "secret", "deadline": None,
                                             "send_register": None}
        assert c.all_changes() == []
        # control: a letter that is not secret is stored in clear, and the grep sees it
        control = uuid.uuid4().hex
        assert a.commit(letter_op([AGENCY_B], [a.upload(b"%PDF-1.7 clear")],
                                  subject=f"ขอเชิญประชุม {control}")).status_code == 201
        stored = b.request("GET", f"/blobs/{sha}").content
        assert stored == blob
        # what B receives opens with B's key (so the token did travel, sealed)
        assert _openssl_open(stored, b_cert, b_key, tmp_path) == pdf
        assert token in _openssl_open(base64.b64decode(inbox[0]["op"]["payload"]["sealed"]),
                                      b_cert, b_key, tmp_path).decode()
    finally:
        hub.kill()  # SIGKILL: the SQLite WAL and any half-written file stay to be read

    needles = [token.encode(), token.encode("utf-16-le"), subject.encode()]
    assert _files_containing(hub.data_dir, needles) == []
    assert _files_containing(hub.data_dir, [control.encode()]) != []
    assert log.stat().st_size > 0
    assert token.encode() not in log.read_bytes()
    assert b"/ops/" in log.read_bytes()  # the log did record the commits


def test_the_client_reads_the_capability_and_holds_encrypted_letters_for_older_hubs(
        hub: ThreadedHub, tmp_path: Path) -> None:
    settings = TransportSettings(connect_timeout_s=5, read_timeout_s=10)
    transport = HubTransport(hub.url, None, settings)
    try:
        assert hub_supports_cms(transport)  # probes once when the pass has not
        assert transport.healthy() and transport.health is not None
        assert transport.health.encryption == ["cms"]
    finally:
        transport.close()

    cert, _ = make_identity(make_ca(), "B encryption", encryption=True).write(tmp_path, "b")
    sealed = base64.b64encode(_openssl_seal(b"{}", [cert], tmp_path)).decode()
    encrypted = OPERATION_ADAPTER.validate_python(letter_op(
        [AGENCY_B], ["a" * 64], number=SEALED_PLACEHOLDER, subject=SEALED_PLACEHOLDER,
        secrecy="confidential", encryption="cms", sealed=sealed))
    clear = OPERATION_ADAPTER.validate_python(letter_op([AGENCY_B], ["a" * 64]))
    older = OlderHub(hub.settings).start()
    transport = HubTransport(older.url, None, settings)
    try:
        assert transport.healthy() and not hub_supports_cms(transport)
        with pytest.raises(SyncError) as caught:
            check_hub_accepts(transport, encrypted)
        assert caught.value.code == "sync.hub_no_encryption" and is_transient(caught.value)
        check_hub_accepts(transport, clear)  # a letter without encryption goes as before
    finally:
        transport.close()
        older.stop()
