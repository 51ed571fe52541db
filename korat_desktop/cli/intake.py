"""``korat intake FILE.pdf``: the fields a letter proposes, and any letter it repeats.

Read-only: it registers nothing. A clerk (or a script, with ``--json``) sees what
``korat receive FILE.pdf`` without ``--subject`` would use, where each value was read
and how sure the reading is, before anything enters the register.
"""

from __future__ import annotations

from typing import Any

from korat_desktop.cli.context import CliContext, Output, to_jsonable
from korat_desktop.cli.intake_text import proposals_text

__all__ = ["register"]


def _intake(ctx: CliContext) -> Output:
    from korat_desktop.cli.registers import open_for, read_input_file

    pdf = read_input_file(ctx.args.file)
    app = open_for(ctx)
    result = app.intake.propose(pdf)
    data = {
        "file": ctx.args.file,
        "sha256": result.sha256,
        "text_chars": result.proposals.text_chars,
        "fields": {p.field.value: {
            "value": to_jsonable(p.value), "label": p.field.label(ctx.lang),
            "confidence": p.confidence, "rule": p.rule,
            "source": {"text": p.span.text, "line": p.span.line,
                       "start": p.span.start, "end": p.span.end}}
            for p in result.proposals.proposed()},
        "missing": [f.value for f in result.proposals.missing()],
        "duplicates": [{"reason": d.reason.value, "message": d.message(ctx.lang),
                        "entry": to_jsonable(d.entry)} for d in result.duplicates],
    }
    return Output(data, proposals_text(result, ctx.lang))


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser("intake", parents=[common],
                       help="propose a letter's fields from its text; warn of duplicates")
    p.add_argument("file", metavar="FILE.pdf")
    p.set_defaults(handler=_intake)
