"""``korat draft``: letters being written (ร่าง), kept until their number is issued.

    korat draft new FILE.pdf --subject S [--to T] [--to-agency CODE ...]
    korat draft list
    korat draft update ID [FILE.pdf] [--subject S] [--to T] [--to-agency CODE ...]
    korat draft issue ID        # send-register number; the draft is gone afterwards
    korat draft delete ID
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any

from korat_desktop.cli.context import CliContext, Output
from korat_desktop.cli.registers import _date, _enum, open_for, read_input_file
from korat_desktop.domain.letters import LetterKind, Secrecy, Urgency
from korat_desktop.errors import UsageError
from korat_desktop.services.drafts import DraftFields, DraftInfo

__all__ = ["draft_line", "register"]


def draft_line(d: DraftInfo, lang: str = "th") -> str:
    to = ", ".join(x for x in (d.fields.recipient, *d.fields.recipient_codes) if x) or "-"
    flag = f" [{d.fields.urgency.label(lang)}]" if d.fields.urgency.is_urgent else ""
    prefix = "ถึง" if lang == "th" else "to"
    return f"{d.id:>6}  {d.subject}{flag}  {prefix} {to}"


def _fields(a: argparse.Namespace, base: DraftFields | None = None) -> DraftFields:
    base = base or DraftFields(subject="")
    return dataclasses.replace(
        base,
        subject=a.subject if a.subject is not None else base.subject,
        recipient=a.recipient if a.recipient is not None else base.recipient,
        recipient_codes=tuple(a.to_agency) if a.to_agency else base.recipient_codes,
        letter_date=_date(a.letter_date) if a.letter_date else base.letter_date,
        kind=_enum(LetterKind, a.kind, base.kind),
        urgency=_enum(Urgency, a.urgency, base.urgency),
        secrecy=_enum(Secrecy, a.secrecy, base.secrecy),
        circular=a.circular or base.circular,
        notes=a.notes if a.notes is not None else base.notes)


def _new(ctx: CliContext) -> Output:
    a = ctx.args
    if not a.subject:
        raise UsageError("usage.bad_argument", name="--subject", detail="required")
    pdf = read_input_file(a.file)
    app = open_for(ctx, write=True)
    result = app.drafts.create(pdf, _fields(a), Path(a.file).name)
    text = (f"บันทึกร่างแล้ว (ร่างเลขที่ {result.draft.id}) ยังไม่ได้ออกเลข"
            if ctx.lang == "th" else
            f"Draft {result.draft.id} saved (no number issued yet)")
    return Output(result.draft, text)


def _update(ctx: CliContext) -> Output:
    a = ctx.args
    pdf = read_input_file(a.file) if a.file else None
    app = open_for(ctx, write=True)
    drafts = app.drafts
    current = drafts.get(a.id)
    result = drafts.update(a.id, _fields(a, current.fields), pdf,
                           Path(a.file).name if a.file else None)
    return Output(result.draft, draft_line(result.draft, ctx.lang))


def _list(ctx: CliContext) -> Output:
    app = open_for(ctx)
    drafts = app.drafts.list()
    empty = "ไม่มีร่างหนังสือ" if ctx.lang == "th" else "no drafts"
    return Output(drafts, "\n".join(draft_line(d, ctx.lang) for d in drafts) or empty)


def _issue(ctx: CliContext) -> Output:
    app = open_for(ctx, write=True)
    result = app.drafts.issue(ctx.args.id)
    e = result.entry
    text = (f"ออกเลขแล้ว: เลขส่ง {e.number}/{e.year_be} ที่ {e.letter_number} (id {e.id})"
            if ctx.lang == "th" else
            f"Issued send no. {e.number}/{e.year_be}, {e.letter_number} (id {e.id})")
    return Output(e, text)


def _delete(ctx: CliContext) -> Output:
    app = open_for(ctx, write=True)
    result = app.drafts.delete(ctx.args.id)
    text = (f"ลบร่างเลขที่ {result.draft.id} แล้ว" if ctx.lang == "th"
            else f"Draft {result.draft.id} deleted")
    return Output({"deleted": result.draft}, text)


def _letter_options(p: argparse.ArgumentParser, *, new: bool) -> None:
    p.add_argument("--subject", required=new, help="เรื่อง")
    p.add_argument("--to", dest="recipient", help="ถึง (free text)")
    p.add_argument("--to-agency", action="append", default=[], metavar="CODE",
                   help="an agency of the hub's directory (repeat for several)")
    p.add_argument("--letter-date", help="ลงวันที่ YYYY-MM-DD (CE, or BE if the year > 2400)")
    p.add_argument("--kind", help="external|internal|stamped|directive|notice|evidence")
    p.add_argument("--urgency", help="normal|urgent|very_urgent|most_urgent (or ด่วน ...)")
    p.add_argument("--secrecy", help="none|confidential|secret|top_secret (or ลับ ...)")
    p.add_argument("--circular", action="store_true", help="หนังสือเวียน: ว before the number")
    p.add_argument("--notes", help="notes")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("draft", parents=[common], help="drafts (ร่าง): letters before a number")
    drafts = p.add_subparsers(dest="draft_command", metavar="ACTION", parser_class=type(p))
    drafts.required = True
    q = drafts.add_parser("new", parents=[common], help="keep a PDF as a draft")
    q.add_argument("file", metavar="FILE.pdf")
    _letter_options(q, new=True)
    q.set_defaults(handler=_new)
    q = drafts.add_parser("update", parents=[common], help="change a draft")
    q.add_argument("id", type=int)
    q.add_argument("file", metavar="FILE.pdf", nargs="?", help="a new PDF for it")
    _letter_options(q, new=False)
    q.set_defaults(handler=_update)
    q = drafts.add_parser("list", parents=[common], help="list drafts, most urgent first")
    q.set_defaults(handler=_list)
    q = drafts.add_parser("issue", parents=[common],
                          help="issue the send-register number (the draft becomes an entry)")
    q.add_argument("id", type=int)
    q.set_defaults(handler=_issue)
    q = drafts.add_parser("delete", parents=[common], help="throw a draft away")
    q.add_argument("id", type=int)
    q.set_defaults(handler=_delete)
