"""The simulated second office of the demo (อำเภอปากช่อง), in its own process.

It is a real office of its own: its own data folder, signed in to the demo hub as
``malee``. At its first start it sends this office two letters (one ด่วนที่สุด, so the
inbox and the urgent notification have something to show); then, every few seconds,
it syncs and registers whatever arrived, so a letter sent from the desktop gets its
delivery receipt back within a minute, as it would from a diligent clerk.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from korat_desktop.demo.hub import DEMO_USERS, end_with_parent
from korat_desktop.demo.keyring_file import use_demo_keyring
from korat_desktop.demo.letters import DEMO_AGENCY, PEER_AGENCY
from korat_desktop.domain.letters import Urgency
from korat_desktop.errors import KoratError

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp

__all__ = ["FAST_SYNC_SETTINGS", "enroll", "main", "run_peer"]

log = logging.getLogger("korat.demo.peer")

FAST_SYNC_SETTINGS = {"sync.connect_timeout_s": 3.0, "sync.read_timeout_s": 10.0,
                      "sync.retry_attempts": 2, "sync.max_backoff_s": 2.0}

WELCOME_LETTERS = (
    ("ขอเชิญประชุมเตรียมความพร้อมรับมืออุทกภัย", Urgency.MOST_URGENT),
    ("ขอส่งรายงานผลการดำเนินงานประจำไตรมาส", Urgency.NORMAL),
)


def enroll(app: KoratApp, hub_url: str, user: str) -> None:
    """Signed in to ``hub_url`` as ``user`` (again, if the demo hub moved to a new port)."""
    current = app.sync.enrollment()
    if current is not None and current.hub_url == hub_url:
        return
    if current is not None:
        app.sync.logout(force=True)
    app.sync.login(hub_url, user, DEMO_USERS[user][1], f"demo-{user}")


def _send_welcome(app: KoratApp) -> None:
    from korat_desktop.pdf.sample import make_letter_pdf
    from korat_desktop.services.registration import LetterIntake

    for subject, urgency in WELCOME_LETTERS:
        pdf = make_letter_pdf(subject, [f"เรื่อง {subject}", "จึงเรียนมาเพื่อโปรดทราบ"])
        entry = app.sync.send(pdf, LetterIntake(subject=subject, urgency=urgency),
                              [DEMO_AGENCY[0]]).entry
        app.sync.queue(entry.id, allow_unsigned=True)


def _register_arrivals(app: KoratApp) -> int:
    from korat_desktop.sync.inbox import InboxState

    done = 0
    for item in app.sync.inbox((InboxState.READY,)):
        app.sync.register_inbox(item.id, action="เสนอนายอำเภอ")
        done += 1
    return done


def run_peer(root: Path, hub_url: str, interval_s: float, stop: threading.Event) -> None:
    from korat_desktop.app import open_app

    data = root / "office"
    app = open_app(data, exclusive=True, create=True, purpose="korat demo peer")
    try:
        try:
            app.office.info()
        except KoratError:
            app.office.init(*PEER_AGENCY)
            for key, value in FAST_SYNC_SETTINGS.items():
                app.config.set_user(key, value)
        enroll(app, hub_url, "malee")
        flag = root / "welcome-sent"
        if not flag.exists():
            _send_welcome(app)
            flag.write_text("yes", encoding="utf-8")
        while not stop.is_set():
            try:
                app.sync.sync(once=True, upgrade=False)
                if _register_arrivals(app):
                    app.sync.sync(once=True, upgrade=False)  # the receipts go back now
            except KoratError as e:
                log.warning("demo peer: %s", e)
            stop.wait(interval_s)
    finally:
        app.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="korat-demo-peer",
                                     description="the demo's simulated second office")
    parser.add_argument("root", type=Path)
    parser.add_argument("hub_url")
    parser.add_argument("--interval", type=float, default=3.0)
    parser.add_argument("--parent", type=int, help="exit when this process is gone")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.parent:
        end_with_parent(args.parent)
    use_demo_keyring(args.root / "keyring.json")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with contextlib.suppress(KeyboardInterrupt):
        run_peer(args.root, args.hub_url, args.interval, stop)
    return 0


if __name__ == "__main__":
    sys.exit(main())
