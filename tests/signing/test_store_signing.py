"""Signing register entries: ``korat sign | upgrade | verify ID`` and the service behind them.

Real SoftHSM tokens and the live test PKI (tests/support). Each signature or upgrade
must be a new document version with its level and audit records; earlier bytes stay.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from korat_desktop.app import open_app
from korat_desktop.cli.main import main
from korat_desktop.pdf.sample import make_letter_pdf
from korat_desktop.services.signing_ops import DocumentSigning, recorded_level
from korat_desktop.signing import Appearance, SignatureLevel, find_modules, sign_pdf
from korat_desktop.signing.modules import Pkcs11Module
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.models import Blob, DocumentVersion, RegisterEntryRow
from tests.signing.helpers import open_session
from tests.support.env import PIN, SigningEnv
from tests.support.korat_run import KoratRun

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Office:
    data: Path
    env: SigningEnv
    run: Callable[..., KoratRun]
    tmp: Path

    @property
    def dd(self) -> list[str]:
        return ["--data-dir", str(self.data)]

    @property
    def token(self) -> list[str]:
        return ["--pkcs11-module", self.env.module, "--token-label", "KORAT-A",
                "--cert-label", "somchai-rsa"]

    def letter(self, register: str = "receive", pdf: bytes | None = None,
               subject: str = "ขอเชิญประชุม") -> int:
        path = self.tmp / f"in-{hashlib.sha256(os.urandom(8)).hexdigest()[:8]}.pdf"
        path.write_bytes(pdf if pdf is not None else make_letter_pdf(subject, ["เนื้อความ"]))
        extra = (["--from", "อำเภอปากช่อง", "--to", "ผู้ว่าราชการจังหวัด"]
                 if register == "receive" else ["--to", "อำเภอพิมาย"])
        r = self.run(register, str(path), "--subject", subject, *extra, *self.dd, "--json")
        assert r.code == 0, r.err
        return int(r.json["id"])

    def sign(self, *ids: int, pin: str = PIN, extra: tuple[str, ...] = ()) -> KoratRun:
        return self.run("sign", *map(str, ids), *self.token, "--pin-stdin", *self.dd,
                        *extra, stdin=pin + "\n")

    def versions(self, entry_id: int) -> list[DocumentVersion]:
        app = open_app(self.data)
        try:
            with app.database.read() as s:
                doc_id = s.get(RegisterEntryRow, entry_id).document_id  # type: ignore[union-attr]
                return list(s.scalars(select(DocumentVersion).where(
                    DocumentVersion.document_id == doc_id).order_by(DocumentVersion.seq)))
        finally:
            app.close()

    def blob(self, sha256: str) -> bytes:
        app = open_app(self.data)
        try:
            return app.blobs.read(sha256)
        finally:
            app.close()

    def audit_ok(self) -> bool:
        r = self.run("audit", "verify", *self.dd)
        return r.code == 0


@pytest.fixture()
def office(tmp_path: Path, pki_online: SigningEnv, capsys: pytest.CaptureFixture[str],
           monkeypatch: pytest.MonkeyPatch) -> Office:
    """An initialised data dir whose config points at the test TSA and trust root."""

    def run(*args: str, stdin: str | None = None) -> KoratRun:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin or ""))
        code = main(list(args))
        out, err = capsys.readouterr()
        return KoratRun(code, out, err)

    data = tmp_path / "office"
    dd = ["--data-dir", str(data)]
    assert run("init", *dd, "--agency-code", "นม 0017.1",
               "--agency-name", "สำนักงานจังหวัดนครราชสีมา").code == 0
    for key, value in (("signing.tsa_url", pki_online.pki.tsa_url),
                       ("signing.trust_roots", str(pki_online.trust_root_pem)),
                       ("sync.connect_timeout_s", "3")):
        assert run("config", "set", key, value, *dd).code == 0
    return Office(data, pki_online, run, tmp_path)


def test_sign_received_letter_new_version_audit_and_verify(
        office: Office, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    entry = office.letter("receive")
    before = office.versions(entry)
    assert [v.role for v in before] == ["original", "receipt_stamped"]
    old_bytes = {v.seq: office.blob(v.blob_sha256) for v in before}

    r = office.sign(entry, extra=("--reason", "รับทราบ", "--position", "ผู้ว่าราชการจังหวัด"))
    assert r.code == 0, r.err
    assert "นายสมชาย ใจดี" in r.out and "b-b" in r.out

    after = office.versions(entry)
    assert [(v.seq, v.role, v.signature_level) for v in after] == [
        (1, "original", None), (2, "receipt_stamped", None), (3, "signed", "b-b")]
    signed = office.blob(after[2].blob_sha256)
    assert signed.startswith(old_bytes[2])  # incremental: the stamped letter is intact
    for v in before:  # and the old versions are byte-for-byte what they were
        assert office.blob(v.blob_sha256) == old_bytes[v.seq]
        assert hashlib.sha256(old_bytes[v.seq]).hexdigest() == v.blob_sha256
    assert office.audit_ok()
    show = office.run("show", str(entry), *office.dd, "--json").json
    actions = [h["action"] for h in show["history"]]
    assert actions.count("document.sign") == 1
    sign_record = next(h for h in show["history"] if h["action"] == "document.sign")
    assert "somchai" not in sign_record["details"] and "นายสมชาย ใจดี" in sign_record["details"]

    r = office.run("verify", str(entry), *office.dd, "--json")
    report = r.json
    assert r.code == 0, r.out
    assert [s["verdict"] for s in report["signatures"]] == ["VALID"]
    # an integer that is not a file is an entry id; an unknown one fails cleanly
    r = office.run("verify", "999", *office.dd, "--json")
    assert r.code == 1 and json.loads(r.err)["error"]["code"] == "store.entry_not_found"

    everything = r.out + r.err + caplog.text + "".join(
        p.read_bytes().decode("latin-1") for p in office.data.rglob("*") if p.is_file())
    assert PIN not in everything


def test_batch_of_three_on_one_pin(office: Office) -> None:
    ids = [office.letter("send", subject=f"หนังสือที่ {n}") for n in range(3)]
    r = office.sign(*ids, extra=("--json",))  # stdin holds the PIN once, nothing more
    assert r.code == 0, r.err
    report = r.json
    assert [x["status"] for x in report["results"]] == ["signed"] * 3
    assert sorted(report["changes"]["entries"]) == sorted(ids)
    for entry in ids:
        assert [(v.role, v.signature_level) for v in office.versions(entry)] == [
            ("original", None), ("signed", "b-b")]
    assert office.audit_ok()


def test_wrong_pin_stores_nothing(office: Office, signing_env: SigningEnv) -> None:
    entry = office.letter("send")
    count = len(office.versions(entry))
    r = office.run("sign", str(entry), "--pkcs11-module", office.env.module,
                   "--token-label", "KORAT-PIN", "--pin-stdin", *office.dd, "--json",
                   stdin="000000\n")
    assert r.code == 1
    assert json.loads(r.err)["error"]["code"].startswith("signing.wrong_pin")
    assert "000000" not in r.err + r.out
    assert len(office.versions(entry)) == count
    # an unknown id is refused before any PIN is asked for (stdin stays unread)
    r = office.run("sign", str(entry), "4242", *office.token, "--pin-stdin", *office.dd,
                   stdin="")
    assert r.code == 1 and "store.entry_not_found" in r.err
    assert len(office.versions(entry)) == count and office.audit_ok()
    # the right PIN resets the token's failure counter for the other tests
    open_session(find_modules([signing_env.module]), "KORAT-PIN", "pin-ec").close()


def test_sign_in_a_real_process_with_pin_on_stdin(office: Office) -> None:
    entry = office.letter("send")
    proc = subprocess.run(
        [sys.executable, "-m", "korat_desktop.cli.main", "sign", str(entry), *office.token,
         "--pin-stdin", *office.dd, "--json"],
        input=PIN + "\n", capture_output=True, text=True, timeout=60, cwd=REPO,
        env=os.environ.copy())
    assert proc.returncode == 0, proc.stderr
    (result,) = json.loads(proc.stdout)["results"]
    assert (result["status"], result["seq"], result["level"]) == ("signed", 2, "b-b")
    assert PIN not in proc.stdout + proc.stderr


def test_letter_signed_before_receipt_stays_valid(office: Office,
                                                  modules: list[Pkcs11Module]) -> None:
    chain = [office.env.pki.cert("interm")]  # the sender's software embeds its chain
    with open_session(modules, "KORAT-B", "somying-rsa", chain=chain) as session:
        signed = sign_pdf(make_letter_pdf("แจ้งผลการพิจารณา", ["เนื้อความ"]), session,
                          Appearance(position="นายอำเภอ"))
    entry = office.letter("receive", pdf=signed)
    versions = office.versions(entry)
    assert office.blob(versions[0].blob_sha256) == signed  # what arrived is kept as is
    assert recorded_level(office.blob(versions[1].blob_sha256)) == "b-b"

    r = office.run("verify", str(entry), *office.dd, "--json")
    assert r.code == 0, r.out
    (sig,) = r.json["signatures"]
    assert sig["verdict"] == "VALID" and sig["signer_name"] == "นางสาวสมหญิง รักไทย"
    assert sig["modification_level"] == "annotations"  # the receipt stamp, and only it

    # our own signature on top, then the upgrade to B-LT: both stay VALID throughout
    assert office.sign(entry).code == 0
    r = office.run("verify", str(entry), *office.dd, "--json")
    assert r.code == 0, r.out
    assert [s["verdict"] for s in r.json["signatures"]] == ["VALID", "VALID"]
    r = office.run("upgrade", "--once", *office.dd, "--json")
    assert r.code == 0 and r.json["upgraded"][0]["level_after"] == "b-lt", r.out
    r = office.run("verify", str(entry), *office.dd, "--json")
    assert r.code == 0, r.out
    assert [(s["verdict"], s["level"]) for s in r.json["signatures"]] == [
        ("VALID", "b-lt"), ("VALID", "b-lt")]


def test_upgrade_to_b_lt_and_tsa_down_then_up(office: Office) -> None:
    entry = office.letter("send")
    assert office.sign(entry).code == 0
    with office.env.pki.offline():
        r = office.run("upgrade", "--once", *office.dd, "--json")
        assert r.code == 0, r.err  # network trouble is not a failure: it waits
        data = r.json
        assert data["upgraded"] == [] and data["failed"] == []
        (pending,) = data["still_pending"]
        assert pending["entry_id"] == entry and pending["level_after"] == "b-b"
        assert pending["error"]["code"] == "signing.tsa_unreachable" and pending["transient"]
        r = office.run("upgrade", "--once", *office.dd)
        assert "still pending: 1" in r.out and "signing.tsa_unreachable" in r.out
    assert [v.role for v in office.versions(entry)] == ["original", "signed"]

    r = office.run("upgrade", "--once", *office.dd, "--json")
    assert r.code == 0, r.err
    (done,) = r.json["upgraded"]
    assert (done["level_before"], done["level_after"], done["seq"]) == ("b-b", "b-lt", 3)
    assert r.json["still_pending"] == []
    versions = office.versions(entry)
    assert [(v.role, v.signature_level) for v in versions][-1] == ("upgraded", "b-lt")
    assert office.blob(versions[2].blob_sha256).startswith(office.blob(versions[1].blob_sha256))
    assert office.audit_ok()
    r = office.run("upgrade", "--once", *office.dd)
    assert r.code == 0 and "nothing to upgrade" in r.out
    with office.env.pki.offline():  # B-LT carries its own revocation data
        r = office.run("verify", str(entry), *office.dd, "--json")
    assert r.code == 0 and r.json["signatures"][0]["level"] == "b-lt"


def _add_raw_version(data_dir: Path, entry_id: int, payload: bytes) -> None:
    """Store bytes as an entry's next version the way a buggy importer might have."""
    app = open_app(data_dir, write=True)
    try:
        digest = app.blobs.put(payload)
        with app.database.write() as s:
            doc_id = s.get(RegisterEntryRow, entry_id).document_id  # type: ignore[union-attr]
            seq = s.scalar(select(func.max(DocumentVersion.seq)).where(
                DocumentVersion.document_id == doc_id))
            now = dt.datetime.now(dt.UTC)
            s.add(Blob(sha256=digest, size=len(payload), created_at=now))
            version = DocumentVersion(document_id=doc_id, seq=(seq or 0) + 1,
                                      blob_sha256=digest, role="imported",
                                      signature_level=None, created_at=now)
            s.add(version)
            s.flush()
            AuditLog(s, "test").append("document.version", "document_version", version.id,
                                       {"seq": version.seq})
    finally:
        app.close()


def test_service_batch_goes_on_past_a_bad_document(office: Office,
                                                   modules: list[Pkcs11Module]) -> None:
    ids = [office.letter("send", subject=f"เรื่องที่ {n}") for n in range(3)]
    _add_raw_version(office.data, ids[1], b"%PDF-1.7\n% cut off in transit\n")
    app = open_app(office.data, write=True)
    prompts: list[str] = []
    try:
        ops = DocumentSigning(app)
        from korat_desktop.signing import TokenSession, find_token

        def ask(token: Any) -> str:
            prompts.append(token.label)
            return PIN

        with TokenSession.open(find_token(modules, label="KORAT-A"), cert_label="somchai-ec",
                               pin_prompt=ask) as session:
            report = ops.sign(ids, session)
            assert session._session is not None  # still ours: the service did not close it
    finally:
        app.close()
    assert prompts == ["KORAT-A"]
    assert [r.status for r in report.results] == ["signed", "failed", "signed"]
    assert report.results[1].error is not None
    assert report.results[1].error.code == "signing.pdf_corrupt" and report.stopped is None
    assert report.changes.entries == frozenset({ids[0], ids[2]})
    assert [v.role for v in office.versions(ids[1])] == ["original", "imported"]
    assert office.audit_ok()


def test_service_upgrade_retries_with_backoff(office: Office) -> None:
    entry = office.letter("send")
    assert office.sign(entry).code == 0
    pki = office.env.pki
    pki.stop()
    waits: list[float] = []

    def network_returns(seconds: float) -> None:
        waits.append(seconds)
        pki.start()

    app = open_app(office.data, write=True)
    try:
        ops = DocumentSigning(app)
        assert [p.entry_id for p in ops.pending_upgrades()] == [entry]
        report = ops.upgrade(once=False, target=SignatureLevel.B_T, sleep=network_returns,
                             initial_delay_s=1.0)
        assert ops.pending_upgrades(SignatureLevel.B_T) == []
        assert [p.level for p in ops.pending_upgrades()] == ["b-t"]  # config: b-lt
    finally:
        pki.start()
        app.close()
    assert report.passes == 2 and len(waits) == 1 and 0.8 <= waits[0] <= 1.2
    (item,) = report.items
    assert item.stored and item.done and item.error is None
    assert (item.level_before, item.level_after) == ("b-b", "b-t")


def _add_text_note(data: bytes) -> bytes:
    """Append a sticky note on page 1: an annotation that is not our receipt stamp."""
    from io import BytesIO

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(data))
    page_ref, _ = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    note = writer.add_object(generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/Text"),
        generic.NameObject("/Rect"): generic.ArrayObject(map(generic.FloatObject,
                                                             (50, 50, 70, 70))),
        generic.NameObject("/Contents"): generic.TextStringObject("PAID"),
    }))
    annots = page.get("/Annots", generic.ArrayObject())
    page[generic.NameObject("/Annots")] = generic.ArrayObject([*annots, note])
    writer.update_container(page)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def test_only_the_receipt_stamp_is_excused(modules: list[Pkcs11Module], settings: Any,
                                           signing_env: SigningEnv) -> None:
    from korat_desktop.pdf.receipt_stamp import ReceiptStamp, stamp_receipt
    from korat_desktop.signing import Verdict, validate_pdf

    chain = [signing_env.pki.cert("interm")]
    with open_session(modules, "KORAT-B", "somying-rsa", chain=chain) as session:
        signed = sign_pdf(make_letter_pdf("ทดสอบ", ["เนื้อความ"]), session)
    stamped = stamp_receipt(signed, ReceiptStamp("สำนักงาน", 7, 2569, dt.datetime.now(dt.UTC)))
    signing_env.pki.start()
    (sig,) = validate_pdf(stamped, settings).signatures
    assert sig.verdict is Verdict.VALID and sig.modification_level == "annotations"
    (sig,) = validate_pdf(_add_text_note(stamped), settings).signatures
    assert sig.verdict is Verdict.INVALID and sig.modification_level == "other"
