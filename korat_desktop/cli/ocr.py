"""``korat ocr``: read scanned letters with Thai+English OCR (see services/ocr.py).

``korat receive`` already does it for a scan it registers; this command catches up on
letters left waiting (OCR was not installed, ``ocr.enabled`` was off, the window was
closed mid-way) and reads one again (``--force``). Exit 1 when any letter failed.
"""

from __future__ import annotations

from typing import Any

from korat_desktop.cli.context import CliContext, Output
from korat_desktop.cli.ocr_text import ocr_data, ocr_line

__all__ = ["register"]


def _ocr(ctx: CliContext) -> Output:
    from korat_desktop.cli.registers import open_for
    from korat_desktop.errors import UsageError

    a = ctx.args
    if not a.ids and not a.pending:
        raise UsageError("usage.bad_argument", name="ocr", detail="give ID ... or --pending")
    app = open_for(ctx, write=True)
    ids = list(dict.fromkeys([*a.ids, *(app.ocr.pending() if a.pending else [])]))
    outcomes = [app.ocr.run(i, force=a.force) for i in ids]
    failed = any(not o.ok for o in outcomes)
    text = "\n".join(ocr_line(o, ctx.lang) for o in outcomes) or (
        "ไม่มีภาพสแกนที่รออ่าน" if ctx.lang == "th" else "No scans waiting")
    return Output({"letters": [ocr_data(o) for o in outcomes]}, text, 1 if failed else 0)


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser("ocr", parents=[common],
                       help="read scanned letters with OCR (Thai+English): text layer, search")
    p.add_argument("ids", nargs="*", type=int, metavar="ID", help="register entry id")
    p.add_argument("--pending", action="store_true", help="every scan waiting for OCR")
    p.add_argument("--force", action="store_true", help="read a letter again")
    p.set_defaults(handler=_ocr)
