"""Test harness for sync: a hub with agencies and users, and desktop devices on it.

A :class:`Device` is one data folder (one desktop install): ``korat`` runs on it
in-process (fast) or as a real subprocess (for kill -9), with short timeouts so
faults are noticed in seconds, not minutes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from korat_desktop.app import KoratApp, open_app
from korat_desktop.cli import main as korat_main
from korat_desktop.config import dump_toml
from korat_desktop.pdf.sample import make_letter_pdf
from tests.server.hub_harness import AGENCY_A, AGENCY_B, AGENCY_C, REPO
from tests.support.korat_run import KoratRun
from tests.sync.file_keyring import keyring_env

__all__ = ["AGENCIES", "REPO", "Device", "KoratRun", "PASSWORDS", "letter_pdf", "make_p12",
           "sized_pdf"]

AGENCIES = {AGENCY_A: "สำนักงานจังหวัดนครราชสีมา", AGENCY_B: "สำนักงานสาธารณสุขจังหวัด",
            AGENCY_C: "อำเภอชัยภูมิ"}
PASSWORDS = {"clerk-a": "pw-a", "clerk-a2": "pw-a", "clerk-b": "pw-b", "clerk-c": "pw-c"}

FAST_SETTINGS: dict[str, Any] = {
    "sync.connect_timeout_s": 2.0,
    "sync.read_timeout_s": 4.0,
    "sync.retry_attempts": 6,
    "sync.max_backoff_s": 0.5,
    "sync.lease_block": 20,
    "sync.lease_reserve": 5,
}


def letter_pdf(subject: str = "ขอเชิญประชุม") -> bytes:
    return make_letter_pdf(subject, ["เนื้อความของหนังสือ"])


def sized_pdf(size: int, subject: str = "เอกสารแนบ") -> bytes:
    """A valid PDF of about ``size`` bytes (random bytes in an embedded file)."""
    import io

    from pypdf import PdfReader, PdfWriter

    base = letter_pdf(subject)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(base)))
    pad = max(0, size - len(base) - 400)
    if pad:
        writer.add_attachment("padding.bin", os.urandom(pad))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_p12(path: Path, password: str) -> Path:
    """A self-signed signing certificate in a PKCS#12 file (signing is not under test)."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "สมชาย ใจดี"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "จังหวัดนครราชสีมา")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False,
                                         False), critical=True)
            .sign(key, hashes.SHA256()))
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"signer", key, cert, None, serialization.BestAvailableEncryption(password.encode())))
    return path


@dataclass
class Device:
    """One desktop install (data folder) of ``agency``."""

    root: Path
    agency: str
    keyring_file: Path
    settings: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.configure(**{**FAST_SETTINGS, **self.settings})
        run = self.korat("init", "--agency-code", self.agency,
                         "--agency-name", AGENCIES[self.agency])
        assert run.code == 0, run.err

    def configure(self, **values: Any) -> None:
        path = self.root / "settings.toml"
        current: dict[str, Any] = {}
        if path.exists():
            import tomllib

            for section, table in tomllib.loads(path.read_text("utf-8")).items():
                current.update({f"{section}.{k}": v for k, v in table.items()})
        current.update({k.replace("__", "."): v for k, v in values.items()})
        path.write_text(dump_toml(current), encoding="utf-8")

    def korat(self, *args: str, stdin: str | None = None) -> KoratRun:
        """``korat`` in this process (same parser, same exit codes as the script)."""
        import contextlib
        import io

        out, err = io.StringIO(), io.StringIO()
        old_stdin = sys.stdin
        try:
            if stdin is not None:
                sys.stdin = io.StringIO(stdin)
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = korat_main([*args, "--data-dir", str(self.root)])
                except SystemExit as e:
                    code = int(e.code or 0)
        finally:
            sys.stdin = old_stdin
        return KoratRun(code, out.getvalue(), err.getvalue())

    def env(self) -> dict[str, str]:
        return {**os.environ, **keyring_env(self.keyring_file)}

    def spawn(self, *args: str) -> subprocess.Popen[str]:
        """``korat`` as a real process (to kill -9 it)."""
        return subprocess.Popen(
            [sys.executable, "-m", "korat_desktop.cli.main", *args, "--data-dir",
             str(self.root)], cwd=REPO, env=self.env(), stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)

    def korat_process(self, *args: str, timeout: float = 90) -> KoratRun:
        proc = self.spawn(*args)
        out, err = proc.communicate(timeout=timeout)
        return KoratRun(proc.returncode, out, err)

    def login(self, hub_url: str, user: str) -> KoratRun:
        run = self.korat("login", "--hub", hub_url, "--user", user, "--password-stdin",
                         "--device-name", self.root.name, stdin=PASSWORDS[user] + "\n")
        assert run.code == 0, run.err
        return run

    @contextmanager
    def app(self) -> Iterator[KoratApp]:
        app = open_app(self.root, write=True)
        try:
            yield app
        finally:
            app.close()

    def send(self, subject: str, to: list[str], pdf: bytes | None = None,
             *extra: str) -> int:
        """Register an outgoing letter addressed to agencies; returns its entry id."""
        path = self.root / f"out-{abs(hash(subject))}.pdf"
        path.write_bytes(pdf if pdf is not None else letter_pdf(subject))
        args = ["send", str(path), "--subject", subject, "--json", *extra]
        for code in to:
            args += ["--to-agency", code]
        run = self.korat(*args)
        assert run.code == 0, run.err
        return int(run.json["id"])
