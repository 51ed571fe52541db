"""``korat demo``: the demo office of ``korat-desktop --demo``, on the command line.

By default it starts the whole demo (a local hub, this office signed in with sample
letters, and a simulated second office that registers what it receives) and keeps
the hub and the peer running until Ctrl-C, printing the commands to try meanwhile in
another terminal. ``--no-hub`` makes only the standalone office with sample letters.
It works in its own data dir (never your real one unless you pass it).
"""

from __future__ import annotations

import argparse
import threading
from pathlib import Path
from typing import Any

import platformdirs

from korat_desktop.app import open_app
from korat_desktop.cli.context import CliContext, Output
from korat_desktop.cli.registers import entry_line
from korat_desktop.demo.letters import DEMO_LETTERS, seed_demo_office
from korat_desktop.domain.registers import RegisterKind

__all__ = ["register", "seed_demo_office", "DEMO_LETTERS"]


def _entries(data_dir: Path) -> list[Any]:
    app = open_app(data_dir)
    try:
        return [e for reg in RegisterKind for e in app.queries.entries(reg)]
    finally:
        app.close()


def _demo(ctx: CliContext) -> Output:
    data_dir = ctx.data_dir or Path(platformdirs.user_data_dir("korat-desktop-demo",
                                                               appauthor=False))
    d = f"--data-dir {data_dir}"
    if ctx.args.no_hub:
        if not (data_dir / "korat.sqlite3").exists():
            seed_demo_office(data_dir)
        session = None
    else:
        from korat_desktop.demo.keyring_file import demo_keyring_env
        from korat_desktop.demo.session import DemoSession, demo_folder

        session = DemoSession.start(data_dir)
    entries = _entries(data_dir)
    lines = ([f"Demo office (นม 0017.1) in {data_dir}:"]
             + ["  " + entry_line(e, ctx.lang) for e in entries]
             + ["", "Try:",
                f"  korat list --register receive {d}",
                f"  korat search เชิญประ {d}",
                f"  korat draft list {d}",
                f"  korat register-report --register receive --format pdf -o register.pdf {d}",
                f"  korat audit verify {d}"])
    if session is None:
        return Output({"data_dir": data_dir, "entries": entries}, "\n".join(lines))
    env = " ".join(f"{k}={v}" for k, v in demo_keyring_env(
        demo_folder(data_dir) / "keyring-office.json").items())
    lines += ["", f"Demo hub at {session.hub.url} (user {session.user}, password "
              f"{session.password}); {session.peer_name} syncs every few seconds and "
              "registers what it receives.",
              "In another terminal (the demo's device token is in a demo keyring file):",
              f"  {env} korat sync --once {d}",
              f"  {env} korat inbox {d}",
              "Ctrl-C stops the hub and the second office."]
    if ctx.json:
        session.stop()
        return Output({"data_dir": data_dir, "entries": entries, "hub": session.hub.url},
                      "")
    print("\n".join(lines), flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        session.stop()
    return Output({"data_dir": data_dir}, "demo stopped")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("demo", parents=[common],
                       help="a demo office with sample letters, a local hub and a second office")
    p.add_argument("--no-hub", action="store_true",
                   help="only the standalone office with sample letters (no hub, no peer)")
    p.set_defaults(handler=_demo)
