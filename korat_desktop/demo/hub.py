"""The demo's own hub: ``korat-hub serve`` on a free loopback port, with its accounts.

It runs as a child process with its own data folder, exactly like a real hub, so the
desktop app talks to it over HTTP the way it would talk to the province's e-Office.
The port is remembered, so a restarted demo finds its hub where its devices were
enrolled; if that port is taken, another is used and the devices sign in again.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from korat_desktop.demo.letters import DEMO_AGENCY, PEER_AGENCY

__all__ = ["DEMO_ADMIN", "DEMO_USERS", "LocalHub", "free_port", "end_with_parent"]

# user -> (agency code, password): test accounts of a loopback hub, shown on purpose
DEMO_USERS = {"somchai": (DEMO_AGENCY[0], "demo-somchai"),
              "malee": (PEER_AGENCY[0], "demo-malee")}
DEMO_ADMIN = ("it-demo", "demo-it")
"""The province IT's account for the demo hub's fleet page (``<hub>/fleet``)."""


def free_port(preferred: int | None = None) -> int:
    if preferred:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", preferred))
                return preferred
            except OSError:
                pass
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def end_with_parent(parent_pid: int) -> None:
    """Exit when the process that started us is gone (killed, crashed): a demo hub or
    peer must never outlive the app it serves."""
    import threading

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent_pid:
                os._exit(0)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def add_accounts(data_dir: Path) -> None:
    """The two agencies, their clerks and an IT admin (once; run in the hub's process)."""
    from sqlalchemy import select

    from korat_desktop.server.accounts import add_agency, add_user
    from korat_desktop.server.admins import add_admin
    from korat_desktop.server.db.schema import agencies
    from korat_desktop.server.hub import open_hub
    from korat_desktop.server.settings import HubSettings

    hub = open_hub(HubSettings(data_dir=data_dir), migrate=True)
    try:
        with hub.db.writing() as conn:
            if conn.execute(select(agencies.c.code)).first() is not None:
                return
            for code, name in (DEMO_AGENCY, PEER_AGENCY):
                add_agency(conn, code, name)
            for user, (code, password) in DEMO_USERS.items():
                add_user(conn, user, code, password)
            add_admin(conn, *DEMO_ADMIN)
    finally:
        hub.close()


@dataclass
class LocalHub:
    root: Path  # the hub's data folder
    port: int = 0
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout_s: float = 30.0) -> LocalHub:
        self.root.mkdir(parents=True, exist_ok=True)
        state = self.root / "demo-hub.json"
        previous = None
        if state.exists():
            previous = int(json.loads(state.read_text(encoding="utf-8")).get("port", 0))
        self.port = free_port(previous)
        state.write_text(json.dumps({"port": self.port}), encoding="utf-8")
        log = open(self.root / "hub.log", "ab")  # noqa: SIM115 - handed to the child
        self.process = subprocess.Popen(
            [sys.executable, "-m", "korat_desktop.demo.hub", str(self.root), str(self.port),
             str(os.getpid())],
            stdout=log, stderr=log, stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
        log.close()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the demo hub stopped; see {self.root / 'hub.log'}")
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=1):
                    return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the demo hub did not start; see {self.root / 'hub.log'}")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def main(argv: list[str] | None = None) -> int:
    """``python -m korat_desktop.demo.hub DIR PORT [PARENT_PID]``: accounts, then serve."""
    from korat_desktop.server.cli import main as hub_main

    args = argv or sys.argv[1:]
    root, port = args[:2]
    if len(args) > 2:
        end_with_parent(int(args[2]))
    add_accounts(Path(root))
    return hub_main(["serve", "--data-dir", root, "--port", port, "--log-level", "warning"])


if __name__ == "__main__":
    sys.exit(main())
