"""``korat print-slip``: the delivery slip (ใบรับหนังสือ) for letters that go by hand.

The same PDF the window prints (pdf/delivery_slip.py); a script can print it with
``lp`` or keep it. ``korat register-report --from/--to`` makes the register of some
days, and ``korat export`` a letter as the window prints it.
"""

from __future__ import annotations

from typing import Any

from korat_desktop.cli.context import CliContext, Output
from korat_desktop.cli.outputs import write_output

__all__ = ["register"]


def _print_slip(ctx: CliContext) -> Output:
    from korat_desktop.cli.registers import open_for

    app = open_for(ctx)
    printout = app.printing.delivery_slip(ctx.args.ids)
    on_stdout = write_output(ctx.args.output, printout.pdf)
    text = (f"ใบรับหนังสือ {len(set(ctx.args.ids))} ฉบับ: {ctx.args.output}" if ctx.lang == "th"
            else f"Delivery slip for {len(set(ctx.args.ids))} letter(s): {ctx.args.output}")
    return Output({"output": ctx.args.output, "bytes": len(printout.pdf),
                   "ids": list(dict.fromkeys(ctx.args.ids))}, text, stdout_taken=on_stdout)


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser("print-slip", parents=[common],
                       help="delivery slip (ใบรับหนังสือ) for letters that go by hand")
    p.add_argument("ids", nargs="+", type=int, metavar="ID", help="register entry id")
    p.add_argument("-o", "--output", metavar="FILE.pdf|-", required=True,
                   help="the file to write, or - for standard output")
    p.set_defaults(handler=_print_slip)
