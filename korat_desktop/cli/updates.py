"""``korat updates check|apply [--from DIR]``: signed updates of the app (TUF).

Without ``--from`` the hub this PC is signed in to is asked (``korat login`` first);
with it, a folder IT copied with ``korat-hub updates export`` (a USB stick).
``apply`` asks before installing unless ``--yes`` or ``update.auto = silent``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from korat_desktop.cli.context import CliContext, Output
from korat_desktop.errors import UpdateError

__all__ = ["register"]


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def _ops(ctx: CliContext) -> Any:
    from korat_desktop.services.updates import UpdateOperations

    return UpdateOperations(ctx.config)


def _from(ctx: CliContext) -> Path | None:
    return Path(ctx.args.from_dir) if ctx.args.from_dir else None


def _progress(ctx: CliContext) -> Any:
    last = {"tenth": -1}

    def on_bytes(done: int, total: int) -> None:
        tenth = done * 10 // total if total else 0
        if tenth != last["tenth"]:
            last["tenth"] = tenth
            ctx.progress(f"{_size(done)} / {_size(total)}")

    return on_bytes


def _check(ctx: CliContext) -> Output:
    ops = _ops(ctx)
    result = ops.check(ops.source(_from(ctx)))
    th = ctx.lang == "th"
    if result.available is None:
        text = (f"ไม่มีรุ่นใหม่: รุ่น {result.installed} เป็นรุ่นล่าสุด ({result.source})" if th
                else f"up to date: {result.installed} is the newest ({result.source})")
    else:
        a = result.available
        text = (f"มีรุ่นใหม่ {a.version} (ติดตั้งอยู่ {result.installed}) {a.file_name} "
                f"{_size(a.length)} ตรวจลายมือชื่อแล้ว" if th else
                f"update available: {a.version} (installed {result.installed}), "
                f"{a.file_name}, {_size(a.length)}, signatures verified")
    return Output(result, text)


def _confirm(ctx: CliContext) -> Any:
    def ask(update: Any) -> bool:
        if not sys.stdin.isatty():
            return False
        question = (f"ติดตั้งรุ่น {update.version} ตอนนี้? [y/N] " if ctx.lang == "th"
                    else f"Install {update.version} now? [y/N] ")
        print(question, end="", file=sys.stderr, flush=True)
        return sys.stdin.readline().strip().lower() in ("y", "yes", "ใช่")

    return ask


def _apply(ctx: CliContext) -> Output:
    ops = _ops(ctx)
    th = ctx.lang == "th"
    source = ops.source(_from(ctx), on_bytes=_progress(ctx))
    try:
        done = ops.apply(source, _confirm(ctx), assume_yes=ctx.args.yes)
    except UpdateError as e:
        if e.code != "update.none_available":
            raise
        return Output({"installed": None, "message": e.message(ctx.lang)}, e.message(ctx.lang))
    text = (f"ติดตั้งรุ่น {done.installed_version} แล้ว (เดิม {done.check.installed}) "
            "เริ่มโปรแกรมใหม่เพื่อใช้รุ่นใหม่" if th else
            f"installed {done.installed_version} (was {done.check.installed}); "
            "restart the app to use it")
    return Output({"installed": done.installed_version, "previous": done.check.installed,
                   "package": done.package, "command": list(done.command),
                   "received_bytes": done.received_bytes}, text)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    updates = sub.add_parser("updates", parents=[common],
                             help="signed updates of the app (ปรับรุ่นโปรแกรม)")
    actions = updates.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = actions.add_parser("check", parents=[common],
                           help="is a newer signed version there? (ตรวจหารุ่นใหม่)")
    p.add_argument("--from", dest="from_dir", metavar="DIR",
                   help="a copy of the update repository (USB); default: the hub")
    p.set_defaults(handler=_check)
    p = actions.add_parser("apply", parents=[common],
                           help="fetch, verify and install the newest version (ติดตั้งรุ่นใหม่)")
    p.add_argument("--from", dest="from_dir", metavar="DIR",
                   help="a copy of the update repository (USB); default: the hub")
    p.add_argument("--yes", action="store_true", help="install without asking")
    p.set_defaults(handler=_apply)
