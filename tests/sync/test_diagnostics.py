"""``korat diagnostics``: what IT needs in one zip, and no secret in it (issue 12)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

from korat_desktop.logs import configure_logging, scrub
from korat_desktop.pdf.sample import make_letter_pdf
from tests.diagnostics_checks import (
    CORE_MEMBERS,
    LETTER_MARKER,
    PASSWORD,
    PIN,
    SUBJECT_MARKER,
    assert_no_secret,
)
from tests.diagnostics_checks import zip_members as _members
from tests.server.hub_harness import AGENCY_A, AGENCY_B, ThreadedHub
from tests.support.env import SigningEnv
from tests.sync.harness import Device, make_p12


def test_diagnostics_hold_what_it_needs_and_no_secret(
        hub: ThreadedHub, tmp_path: Path, keyring_file: Path,
        make_device: Callable[..., Device], signing_env: SigningEnv) -> None:
    hub.add_user("clerk-planted", AGENCY_A, PASSWORD)
    a1 = make_device("a1", AGENCY_A, **{"signing.tsa_url": "http://127.0.0.1:9/tsa",
                                        "sync.proxy": "",
                                        "signing.pkcs11_modules": [signing_env.module]})
    run = a1.korat("login", "--hub", hub.url, "--user", "clerk-planted", "--password-stdin",
                   "--device-name", "a1", stdin=PASSWORD + "\n")
    assert run.code == 0, run.err
    device_token = next(iter(json.loads(keyring_file.read_text()).values()))
    pdf = make_letter_pdf(SUBJECT_MARKER, [f"เนื้อความ {LETTER_MARKER} ของหนังสือ"])
    entry = a1.send(SUBJECT_MARKER, [AGENCY_B], pdf)
    p12 = make_p12(tmp_path / "s.p12", PIN)
    assert a1.korat("sign", str(entry), "--pkcs12", str(p12), "--pin-stdin",
                    stdin=PIN + "\n").code == 0
    assert a1.korat("sync", "--once").code == 0
    # A second letter waits in the outbox (its subject is in the queued body).
    waiting = a1.send(SUBJECT_MARKER, [AGENCY_B], pdf)
    assert a1.korat("queue", str(waiting), "--allow-unsigned").code == 0
    # A wrong PIN: it must not reach the logs either.
    assert a1.korat("sign", str(entry), "--pkcs12", str(p12), "--pin-stdin",
                    stdin="wrong-" + PIN + "\n").code == 1

    out = tmp_path / "diag.zip"
    run = a1.korat("diagnostics", "-o", str(out), "--json")
    assert run.code == 0, run.err
    assert run.json["output"] == str(out) and run.json["problems"] == []
    members = _members(out)
    assert CORE_MEMBERS | {"logs/korat.log"} <= set(members)

    # What IT needs is there.
    summary = json.loads(members["summary.json"])
    assert summary["korat_desktop"] and summary["python"] and summary["disk"]["free_bytes"] > 0
    assert summary["libraries"]["pyHanko"] and summary["libraries"]["SQLAlchemy"]
    config = {c["key"]: c for c in json.loads(members["config.json"])}
    assert config["signing.tsa_url"]["value"] == "http://127.0.0.1:9/tsa"
    assert config["sync.read_timeout_s"]["source"] == "user"
    assert config["ui.language"]["source"] == "default"
    check = json.loads(members["check.json"])
    assert check["ok"] is True and check["audit_ok"] is True and check["blobs"] >= 1
    sync = json.loads(members["sync.json"])
    assert sync["enrolled"] and sync["username"] == "clerk-planted"
    assert sync["last_sync_at"] and sync["hub_url"] == hub.url
    assert sync["queued"] == 1 and [i["kind"] for i in sync["items"]] == ["letter.send"]
    assert "korat sync: exit 0" in members["logs/korat.log"].decode()
    assert "KORAT-A" in members["pkcs11.json"].decode()  # the tokens seen (no PIN asked)

    # No secret and no letter content anywhere in it (raw zip bytes and every member).
    assert_no_secret(out, (PASSWORD, PIN, device_token, LETTER_MARKER, SUBJECT_MARKER,
                           "SUBJECTMARKER"))
    # ... nor in the log files themselves.
    for log in (a1.root / "logs").glob("*.log*"):
        text = log.read_bytes()
        for secret in (PASSWORD, PIN, device_token, SUBJECT_MARKER):
            assert secret.encode() not in text, (log, secret)


def test_a_store_that_does_not_open_is_reported_not_fatal(tmp_path: Path) -> None:
    from korat_desktop.cli.main import main

    data = tmp_path / "office"
    data.mkdir()
    (data / "korat.sqlite3").write_bytes(b"this is not a database" * 100)
    out = tmp_path / "d.zip"
    assert main(["diagnostics", "-o", str(out), "--data-dir", str(data)]) == 0
    members = _members(out)
    assert "summary.json" in members and "check.json" not in members


def test_scrub_hides_secret_shapes_and_keeps_blob_names() -> None:
    sha = "ab" * 32
    line = (f"PATCH /uploads/x Authorization: Bearer abcdEFGH1234abcdEFGH1234 password=hunter2 "
            f"pin: 123456 token=Zm9vYmFyYmF6cXV4cXV1eHh4eHl5eXl6enp6MTIzNDU2Nzg5 blob {sha}")
    cleaned = scrub(line)
    for secret in ("abcdEFGH1234abcdEFGH1234", "hunter2", "123456",
                   "Zm9vYmFyYmF6cXV4cXV1eHh4eHl5eXl6enp6MTIzNDU2Nzg5"):
        assert secret not in cleaned
    assert f"blob {sha}" in cleaned


def test_logs_rotate_at_their_cap_and_drop_subjects(tmp_path: Path) -> None:
    path = configure_logging(tmp_path / "logs", "t", max_kb=16, keep=2)
    assert path is not None
    log = logging.getLogger("korat_desktop.test")
    for i in range(2000):
        log.warning("registered letter %d", i, extra={"subject": SUBJECT_MARKER})
    files = sorted((tmp_path / "logs").glob("t.log*"))
    assert [f.name for f in files] == ["t.log", "t.log.1", "t.log.2"]
    assert all(f.stat().st_size <= 16 * 1024 + 200 for f in files)
    assert all(SUBJECT_MARKER.encode() not in f.read_bytes() for f in files)
    configure_logging(tmp_path / "logs", "t", max_kb=16, keep=2, subjects=True)
    log.warning("registered", extra={"subject": SUBJECT_MARKER})
    assert SUBJECT_MARKER in (tmp_path / "logs" / "t.log").read_text("utf-8")
    logging.getLogger().handlers[:] = [h for h in logging.getLogger().handlers
                                       if not getattr(h, "_korat", False)]
