"""``korat diagnostics``: the zip a clerk sends IT (see services/diagnostics.py)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from korat_desktop.cli.context import CliContext, Output
from korat_desktop.errors import KoratError

__all__ = ["register"]


def _default_name() -> str:
    return f"korat-diagnostics-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}.zip"


def _diagnostics(ctx: CliContext) -> Output:
    from korat_desktop.app import open_app
    from korat_desktop.cli.outputs import write_output
    from korat_desktop.services.diagnostics import collect_diagnostics

    config = ctx.config
    app = None
    opened_error = None
    try:
        app = open_app(ctx.data_dir)  # read-only: diagnostics never change the store
        ctx.on_close(app.close)
    except KoratError as e:  # the store not opening is the most useful thing to report
        opened_error = e.code
    bundle = collect_diagnostics(config, app)
    target = ctx.args.output or str(Path.cwd() / _default_name())
    on_stdout = write_output(target, bundle.data)
    problems = list(bundle.problems) + ([f"store: {opened_error}"] if opened_error else [])
    data = {"output": target, "bytes": len(bundle.data), "members": list(bundle.members),
            "problems": problems}
    if ctx.lang == "th":
        text = f"บันทึกข้อมูลสำหรับฝ่ายไอทีไว้ที่ {target} ({len(bundle.data):,} ไบต์)"
        if problems:
            text += "\nเก็บบางส่วนไม่ได้: " + "; ".join(problems)
    else:
        text = f"diagnostics for IT saved to {target} ({len(bundle.data):,} bytes)"
        if problems:
            text += "\nparts not collected: " + "; ".join(problems)
    return Output(data, text, stdout_taken=on_stdout)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("diagnostics", parents=[common],
                       help="zip versions, settings, checks, sync state and logs for IT "
                            "(no secrets)")
    p.add_argument("-o", "--output", metavar="FILE.zip",
                   help="where to write it (default: korat-diagnostics-<time>.zip here)")
    p.set_defaults(handler=_diagnostics)
