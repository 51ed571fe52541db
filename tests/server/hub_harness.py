"""A real hub on loopback for tests, and a small HTTP client that speaks its protocol.

The hub runs under uvicorn in a background thread (or as ``korat-hub serve`` in a
subprocess where a restart must be real), so the tests go through sockets, HTTP
parsing and the ASGI stack exactly like the desktop client will.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
import requests
import uvicorn
from sqlalchemy.engine import make_url

from korat_desktop.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, uuid7
from korat_desktop.protocol.tus import TUS_VERSION, encode_checksum, encode_metadata
from korat_desktop.server.accounts import add_agency, add_user
from korat_desktop.server.app import create_app
from korat_desktop.server.hub import Hub
from korat_desktop.server.serving import uvicorn_options
from korat_desktop.server.settings import HubSettings

__all__ = [
    "AGENCY_A",
    "AGENCY_B",
    "AGENCY_C",
    "PG_URL",
    "REPO",
    "Agencies",
    "HubClient",
    "HubProcess",
    "ThreadedHub",
    "free_port",
    "hub_cli",
    "hub_cli_at",
    "letter_op",
    "postgres_database",
    "sha256_hex",
]

PG_URL = os.environ.get("KORAT_TEST_POSTGRES_URL") or None
REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def hub_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
            hub: ThreadedHub, *args: str, stdin: str = "") -> tuple[int, str, str]:
    """``korat-hub ARGS`` in this process on ``hub``'s database: (exit code, out, err)."""
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return hub_cli_at(capsys, hub.settings.data_dir, hub.settings.database_url, *args)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hub_cli_at(capsys: Any, data_dir: Path, database_url: str | None,
               *args: str) -> tuple[int, str, str]:
    """``korat-hub ARGS`` in this process (same parser and exit codes as the script);
    ``capsys`` is pytest's, whose output it takes."""
    from korat_desktop.server.cli import main

    argv = [*args, "--data-dir", str(data_dir)]
    if database_url:
        argv += ["--database-url", database_url]
    try:
        code = main(argv)
    except SystemExit as e:  # argparse usage errors
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one hub; dropped afterwards."""
    assert PG_URL
    name = "korat_t_" + uuid.uuid4().hex[:12]
    admin = make_url(PG_URL).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class ThreadedHub:
    """``create_app`` served by uvicorn in a daemon thread on a free loopback port."""

    def __init__(self, settings: HubSettings) -> None:
        self.settings = settings
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.app: Any = None

    def start(self) -> ThreadedHub:
        self.app = create_app(self.settings)
        config = uvicorn.Config(self.served(self.app), host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="on", timeout_graceful_shutdown=2,
                                **uvicorn_options(self.settings, in_process=True))
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("hub did not start")
            time.sleep(0.01)
        return self

    def served(self, app: Any) -> Any:
        """The ASGI app uvicorn serves: the hub's own (a test may wrap it)."""
        return app

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=15)
            self._server = None

    @property
    def hub(self) -> Hub:
        hub: Hub = self.app.state.hub
        return hub

    def add_agency(self, code: str, name: str) -> None:
        with self.hub.db.writing() as conn:
            add_agency(conn, code, name)

    def add_user(self, username: str, agency: str, password: str) -> None:
        with self.hub.db.writing() as conn:
            add_user(conn, username, agency, password)

    def client(self, token: str | None = None) -> HubClient:
        return HubClient(self.url, token)


class OlderHub(ThreadedHub):
    """This hub answering ``/health`` as hubs before secret letters did (no
    ``encryption`` capability) while ``older`` is true; everything else is the real hub."""

    older = True

    def served(self, app: Any) -> Any:
        async def maybe_older(scope: Any, receive: Any, send: Any) -> None:
            if self.older and scope["type"] == "http" and scope["path"] == "/health":
                body = json.dumps({"status": "ok", "protocol": PROTOCOL_VERSION}).encode()
                await send({"type": "http.response.start", "status": 200, "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
            await app(scope, receive, send)
        return maybe_older


class HubClient:
    """Just enough of the sync protocol to drive the hub from tests."""

    def __init__(self, url: str, token: str | None = None) -> None:
        self.url = url
        self.session = requests.Session()
        self.session.headers[PROTOCOL_HEADER] = PROTOCOL_VERSION
        self.token = token
        self.agency = ""

    def request(self, method: str, path: str, **kw: Any) -> requests.Response:
        headers = dict(kw.pop("headers", {}) or {})
        if self.token and "Authorization" not in headers:
            headers["Authorization"] = f"Bearer {self.token}"
        kw.setdefault("timeout", 30)
        return self.session.request(method, self.url + path, headers=headers, **kw)

    def enroll(self, username: str, password: str, device: str = "pc-1") -> requests.Response:
        r = self.request("POST", "/enroll", json={"username": username, "password": password,
                                                  "device_name": device})
        if r.status_code == 201:
            self.token = r.json()["token"]
            self.agency = r.json()["agency"]["code"]
        return r

    # tus ---------------------------------------------------------------------
    def create_upload(self, data: bytes, sha256: str | None = None) -> requests.Response:
        return self.request("POST", "/uploads", headers={
            "Tus-Resumable": TUS_VERSION, "Upload-Length": str(len(data)),
            "Upload-Metadata": encode_metadata({"sha256": sha256 or sha256_hex(data),
                                                "filename": "letter.pdf"})})

    def patch(self, location: str, offset: int, chunk: bytes,
              checksum: bool = True, bad_checksum: bool = False) -> requests.Response:
        headers = {"Tus-Resumable": TUS_VERSION, "Upload-Offset": str(offset),
                   "Content-Type": "application/offset+octet-stream"}
        if checksum:
            digest = hashlib.sha256(b"x" + chunk if bad_checksum else chunk).digest()
            headers["Upload-Checksum"] = encode_checksum(digest)
        return self.request("PATCH", location, headers=headers, data=chunk)

    def head(self, location: str) -> requests.Response:
        return self.request("HEAD", location, headers={"Tus-Resumable": TUS_VERSION})

    @staticmethod
    def held(r: requests.Response) -> bool:
        """A creation answer saying the agency holds the blob already (tus-compatible)."""
        return (r.status_code == 201 and r.headers.get("Korat-Blob-Exists") == "1"
                and r.headers.get("Upload-Offset") == r.headers.get("Upload-Length"))

    def upload(self, data: bytes, chunk: int = 64 * 1024) -> str:
        """Upload a whole blob (or learn the hub has it); returns its SHA-256."""
        r = self.create_upload(data)
        assert r.status_code == 201, r.text
        location = r.headers["Location"]
        # A blob the agency holds comes back as an upload already complete (dedup).
        offset = int(r.headers.get("Upload-Offset", "0"))
        while offset < len(data):
            r = self.patch(location, offset, data[offset:offset + chunk])
            assert r.status_code == 204, r.text
            offset = int(r.headers["Upload-Offset"])
        return sha256_hex(data)

    # ops ---------------------------------------------------------------------
    def commit(self, op: dict[str, Any], op_id: str | None = None) -> requests.Response:
        return self.request("POST", f"/ops/{op_id or uuid7()}/commit", json=op)

    def changes(self, since: str | None = None, limit: int = 100) -> requests.Response:
        params: dict[str, Any] = {"limit": limit}
        if since is not None:
            params["since"] = since
        return self.request("GET", "/changes", params=params)

    def all_changes(self, limit: int = 100) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        since = None
        while True:
            page = self.changes(since, limit).json()
            out.extend(page["changes"])
            since = page["next_cursor"]
            if not page["has_more"]:
                return out


def letter_op(to: list[str], blobs: list[str], subject: str = "ขอเชิญประชุม",
              **payload: Any) -> dict[str, Any]:
    body = {"to": to, "number": "ที่ นม 0017.1/1234", "subject": subject,
            "date": "2025-03-01", "urgency": "urgent", **payload}
    return {"kind": "letter.send", "payload": body, "blobs": blobs}


class HubProcess:
    """``korat-hub serve`` as a real subprocess: for restart tests."""

    def __init__(self, data_dir: Path, database_url: str | None) -> None:
        self.data_dir = data_dir
        self.database_url = database_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def cli(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "korat_desktop.server.cli", *args,
               "--data-dir", str(self.data_dir)]
        if self.database_url:
            cmd += ["--database-url", self.database_url]
        return subprocess.run(cmd, input=stdin, capture_output=True, text=True, cwd=REPO,
                              timeout=60, check=False)

    def start(self, log: Path | None = None, log_level: str = "warning") -> None:
        """Serve; with ``log``, its stdout and stderr go to that file (appended)."""
        cmd = [sys.executable, "-m", "korat_desktop.server.cli", "serve", "--data-dir",
               str(self.data_dir), "--port", str(self.port), "--log-level", log_level]
        if self.database_url:
            cmd += ["--database-url", self.database_url]
        if log is None:
            self.proc = subprocess.Popen(cmd, cwd=REPO)
        else:
            with log.open("ab") as out:
                self.proc = subprocess.Popen(cmd, cwd=REPO, stdout=out,
                                             stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/health", timeout=1).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("korat-hub serve did not come up")

    def kill(self) -> None:
        """SIGKILL: no graceful shutdown, as in a power cut of the process."""
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(timeout=10)
            self.proc = None


AGENCY_A, AGENCY_B, AGENCY_C = "นม 0017.1", "นม 0023.4", "ชย 0017.2"


@dataclass
class Agencies:
    """Three agencies with one enrolled device each: A sends, B receives, C watches."""

    hub: ThreadedHub
    a: HubClient
    b: HubClient
    c: HubClient
