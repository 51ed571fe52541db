"""Starting and stopping the whole demo: hub, this office signed in, the peer office.

:meth:`DemoSession.start` is slow work (a hub process starts, two devices sign in),
so the desktop runs it on a background lane before it opens the store; the CLI runs it
in the foreground. :meth:`DemoSession.stop` ends the peer and the hub; the desktop
calls it when it quits, the CLI on Ctrl-C.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from korat_desktop.demo.hub import DEMO_USERS, LocalHub
from korat_desktop.demo.keyring_file import demo_keyring_env, use_demo_keyring
from korat_desktop.demo.letters import DEMO_AGENCY, PEER_AGENCY, add_sample_letters
from korat_desktop.demo.peer import FAST_SYNC_SETTINGS, enroll
from korat_desktop.errors import KoratError

__all__ = ["DemoSession", "demo_folder"]


def demo_folder(data_dir: Path) -> Path:
    """Where the demo keeps its hub, its peer office and its keyring files."""
    return data_dir / "demo"


@dataclass
class DemoSession:
    data_dir: Path
    hub: LocalHub
    peer: subprocess.Popen[bytes] | None = None
    user: str = "somchai"
    created: bool = False  # a fresh demo office (the sample letters were just added)
    log: list[str] = field(default_factory=list)

    @property
    def password(self) -> str:
        return DEMO_USERS[self.user][1]

    @property
    def peer_name(self) -> str:
        return PEER_AGENCY[1]

    @classmethod
    def start(cls, data_dir: Path, *, peer: bool = True, peer_interval_s: float = 3.0,
              sync_interval_s: int = 10) -> DemoSession:
        from korat_desktop.app import open_app

        folder = demo_folder(data_dir)
        use_demo_keyring(folder / "keyring-office.json")
        hub = LocalHub(folder / "hub").start()
        session = cls(data_dir, hub)
        try:
            app = open_app(data_dir, write=True, create=True, purpose="korat demo")
            try:
                try:
                    app.office.info()
                except KoratError:
                    app.office.init(*DEMO_AGENCY)
                    session.created = True
                settings = {**FAST_SYNC_SETTINGS, "sync.hub_url": hub.url,
                            "sync.interval_s": sync_interval_s}
                for key, value in settings.items():
                    app.config.set_user(key, value)
                enroll(app, hub.url, session.user)
                if session.created:  # after enrolling: numbers come from the hub's lease
                    add_sample_letters(app)
                    # ลับ/ลับมาก are kept sealed to the office's encryption key: the demo
                    # office has one (in the demo keyring) and publishes it to its hub
                    app.keys.new_key()
                    with contextlib.suppress(KoratError):  # else the peer's ลับ letters wait
                        app.keys.publish(())
            finally:
                app.close()
            if peer:
                session.start_peer(peer_interval_s)
        except BaseException:
            session.stop()
            raise
        return session

    def start_peer(self, interval_s: float) -> None:
        folder = demo_folder(self.data_dir) / "peer"
        folder.mkdir(parents=True, exist_ok=True)
        log = open(folder / "peer.log", "ab")  # noqa: SIM115 - handed to the child
        self.peer = subprocess.Popen(
            [sys.executable, "-m", "korat_desktop.demo.peer", str(folder), self.hub.url,
             "--interval", str(interval_s), "--parent", str(os.getpid())],
            stdout=log, stderr=log, stdin=subprocess.DEVNULL,
            env={**os.environ, **demo_keyring_env(folder / "keyring.json")})
        log.close()

    def stop(self) -> None:
        peer, self.peer = self.peer, None
        if peer is not None and peer.poll() is None:
            peer.terminate()
            try:
                peer.wait(timeout=15)
            except subprocess.TimeoutExpired:
                peer.kill()
                peer.wait(timeout=5)
        self.hub.stop()
