"""Register commands: init, receive, send, list, show, search, export, void, annotate,
register-report, audit verify, check."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from korat_desktop.app import KoratApp, open_app
from korat_desktop.cli.context import CliContext, Output
from korat_desktop.cli.outputs import write_output
from korat_desktop.domain.letters import LetterKind, Secrecy, Urgency, parse_enum
from korat_desktop.domain.registers import RegisterEntry, RegisterKind
from korat_desktop.domain.thai_dates import (
    be_year,
    format_thai_date,
    format_thai_time,
    to_thai_time,
)
from korat_desktop.errors import KoratError, UsageError

__all__ = ["register", "open_for", "read_input_file", "entry_line"]


def open_for(ctx: CliContext, *, write: bool = False, create: bool = False) -> KoratApp:
    app = open_app(ctx.data_dir, write=write, create=create, purpose="korat " + ctx.args.command)
    ctx.on_close(app.close)
    return app


def read_input_file(path: str) -> bytes:
    p = Path(path)
    if not p.is_file():
        raise UsageError("usage.file_not_found", path=path)
    try:
        return p.read_bytes()
    except OSError as e:
        raise UsageError("usage.file_not_found", path=path) from e


def _date(text: str, name: str = "--letter-date") -> dt.date:
    """DD/MM/YYYY as the app writes it (Buddhist Era; Thai digits welcome), a Thai date
    (``25 พ.ย. 2569``) or YYYY-MM-DD (CE, or BE when the year is above 2400)."""
    from korat_desktop.domain.thai_dates import parse_date
    from korat_desktop.errors import DomainError

    try:
        return parse_date(text)
    except DomainError as e:
        raise UsageError("usage.bad_argument", name=name,
                         detail=f"{text} (DD/MM/YYYY BE, YYYY-MM-DD)") from e


def _enum(enum_type: Any, text: str | None, default: Any) -> Any:
    if text is None:
        return default
    try:
        return parse_enum(enum_type, text)
    except Exception as e:
        raise UsageError("usage.bad_argument", name=enum_type.__name__.lower(),
                         detail=f"{text} ({', '.join(m.value for m in enum_type)})") from e


def _when(moment: dt.datetime, lang: str) -> str:
    """A stored (UTC) moment as the clerk reads it: Thai local time, Buddhist Era
    (``2 ธ.ค. 2569 07.47 น.``; ``2 Dec 2569 BE 07:47`` in English)."""
    clock = format_thai_time(moment) if lang == "th" else f"{to_thai_time(moment):%H:%M}"
    return f"{format_thai_date(moment, 'abbr', lang=lang)} {clock}"


def entry_line(e: RegisterEntry, lang: str = "th") -> str:
    when = _when(e.registered_at, lang)
    flag = ""
    if e.urgency is not Urgency.NORMAL:
        flag += f" [{e.urgency.label(lang)}]"
    if e.secrecy is not Secrecy.NONE:
        flag += f" [{e.secrecy.label(lang)}{', เข้ารหัส' if lang == 'th' else ', sealed'}]" \
            if e.sealed else f" [{e.secrecy.label(lang)}]"
    if e.voided:
        return f"{e.id:>6}  {e.number:>5}/{e.year_be}  {when}  ยกเลิกเลข: {e.void_reason}"
    return (f"{e.id:>6}  {e.number:>5}/{e.year_be}  {when}  {e.letter_number}  "
            f"{e.subject}{flag}")


def _intake(args: argparse.Namespace) -> Any:
    from korat_desktop.services.registration import LetterIntake

    return LetterIntake(
        subject=args.subject or "",
        sender=getattr(args, "sender", None) or "",
        recipient=getattr(args, "recipient", None) or "",
        letter_number=_strip_thi(getattr(args, "letter_number", None) or ""),
        letter_date=_date(args.letter_date) if args.letter_date else None,
        kind=_enum(LetterKind, args.kind, LetterKind.EXTERNAL),
        urgency=_enum(Urgency, args.urgency, Urgency.NORMAL),
        secrecy=_enum(Secrecy, args.secrecy, Secrecy.NONE),
        notes=args.notes or "",
        action=args.action or "",
        remarks=args.remarks or "",
        retention_years=args.retention_years,
    )


def _strip_thi(text: str) -> str:
    text = text.strip()
    return text[3:].strip() if text.startswith("ที่ ") else text


# -- handlers ---------------------------------------------------------------------------
def _init(ctx: CliContext) -> Output:
    a = ctx.args
    code = a.agency_code or ctx.config["agency.code"]
    name = a.agency_name or ctx.config["agency.name"]
    app = open_for(ctx, write=True, create=True)
    result = app.office.init(code, name)
    info = result.office
    text = (f"ตั้งค่าหน่วยงาน {info.agency_code} {info.agency_name} แล้ว ({app.data_dir})"
            if ctx.lang == "th" else
            f"Set up {info.agency_code} {info.agency_name} in {app.data_dir}")
    return Output({"office": info, "data_dir": app.data_dir, "created": not result.changes.empty}, text)


def _register_letter(ctx: CliContext, register: RegisterKind) -> Output:
    a = ctx.args
    pdf = read_input_file(a.file)
    intake = _intake(a)
    app = open_for(ctx, write=True)
    if register is RegisterKind.RECEIVE:
        return _receive_letter(ctx, app, pdf, intake)
    if a.to_agency:
        result = app.sync.send(pdf, intake, a.to_agency, circular=a.circular)
        text = (f"เลขส่ง {result.entry.number}/{result.entry.year_be} ที่ "
                f"{result.entry.letter_number} (id {result.entry.id}) ถึง "
                f"{', '.join(a.to_agency)}")
    else:
        result = app.registration.send(pdf, intake, circular=a.circular)
        text = (f"เลขส่ง {result.entry.number}/{result.entry.year_be} ที่ "
                f"{result.entry.letter_number} (id {result.entry.id})")
    return Output(result.entry, text)


def _receive_letter(ctx: CliContext, app: KoratApp, pdf: bytes, intake: Any) -> Output:
    """Receive, with smart intake: without ``--subject`` every field not given is taken
    from what the letter prints (and the output says which); a letter already in the
    register is refused unless ``--allow-duplicate``, since a clerk registering the same
    letter twice is almost always a slip that gives it two receive numbers."""
    from korat_desktop.cli.intake_text import duplicate_error, used_fields_line
    from korat_desktop.domain.intake import IntakeField

    a = ctx.args
    proposed = app.intake.propose(pdf)
    used: tuple[IntakeField, ...] = ()
    if a.subject is None:
        given = {IntakeField.SENDER: a.sender, IntakeField.RECIPIENT: a.recipient,
                 IntakeField.LETTER_NUMBER: a.letter_number,
                 IntakeField.LETTER_DATE: a.letter_date, IntakeField.URGENCY: a.urgency,
                 IntakeField.SECRECY: a.secrecy, IntakeField.KIND: a.kind}
        intake, used = proposed.fill(intake, frozenset(
            f for f in IntakeField if given.get(f) is None))
        if not intake.subject.strip():
            raise UsageError("usage.no_subject", path=a.file)
    duplicates = app.intake.duplicates(proposed.sha256, intake.letter_number,
                                       intake.letter_date)
    if duplicates and not a.allow_duplicate:
        raise duplicate_error(duplicates[0])
    result = app.registration.receive(pdf, intake)
    e = result.entry
    lines = [f"เลขรับ {e.number}/{e.year_be} (id {e.id})" if ctx.lang == "th" else
             f"Receive no. {e.number}/{e.year_be} (id {e.id})"]
    if used:
        lines.append(used_fields_line(used, ctx.lang))
    lines += [f"! {d.message(ctx.lang)}" for d in duplicates]
    from korat_desktop.cli.context import to_jsonable

    data = {**to_jsonable(e), "proposed_fields": [f.value for f in used],
            "duplicates": to_jsonable(duplicates)}
    if not a.no_ocr and app.ocr.enabled and e.id in app.ocr.pending():
        data["ocr"] = _ocr_after_receive(ctx, app, e.id, lines)
    return Output(data, "\n".join(lines))


def _ocr_after_receive(ctx: CliContext, app: KoratApp, entry_id: int,
                       lines: list[str]) -> dict[str, Any] | None:
    """A scan just received is read at once; the letter is registered whatever OCR
    does (a failure is said, and ``korat ocr`` tries again)."""
    from korat_desktop.cli.ocr_text import ocr_data, ocr_line

    try:
        outcome = app.ocr.run(entry_id)
    except KoratError as e:
        lines.append(f"! {e.message(ctx.lang)}")
        return None
    lines.append(ocr_line(outcome, ctx.lang))
    return ocr_data(outcome)


def _receive(ctx: CliContext) -> Output:
    return _register_letter(ctx, RegisterKind.RECEIVE)


def _send(ctx: CliContext) -> Output:
    if not ctx.args.recipient and not ctx.args.to_agency:
        raise UsageError("usage.bad_argument", name="--to", detail="give --to or --to-agency")
    return _register_letter(ctx, RegisterKind.SEND)


def _list(ctx: CliContext) -> Output:
    a = ctx.args
    app = open_for(ctx)
    register = RegisterKind(a.register)
    entries = app.queries.entries(register, a.year, offset=a.offset, limit=a.limit)
    return Output(entries, "\n".join(entry_line(e, ctx.lang) for e in entries))


def _show(ctx: CliContext) -> Output:
    import dataclasses

    from korat_desktop.cli.secret_text import locked_line

    unlock = ctx.args.unlock
    app = open_for(ctx, write=unlock)
    d = app.queries.show(ctx.args.id)
    if d.entry.sealed and unlock:  # read with the office key, and audited
        opened = app.secrets.open_letter(d.entry.id, "view")
        d = dataclasses.replace(d, entry=opened.entry, notes=opened.fields.notes)
    e = d.entry
    th = ctx.lang == "th"
    lines = [entry_line(e, ctx.lang),
             f"  {'จาก' if th else 'From'}: {e.sender}", f"  {'ถึง' if th else 'To'}: {e.recipient}",
             f"  {'ลงวันที่' if th else 'Letter date'}: "
             f"{format_thai_date(e.letter_date, lang=ctx.lang) if e.letter_date else '-'}",
             f"  {'ชั้นความเร็ว' if th else 'Urgency'}: {e.urgency.label(ctx.lang)}  "
             f"{'ชั้นความลับ' if th else 'Secrecy'}: {e.secrecy.label(ctx.lang)}"]
    if e.sealed and not unlock:
        lines.insert(1, locked_line(e, ctx.lang))
    if d.active_content:
        from korat_desktop.pdf.active_content import active_content_warning

        lines.insert(1, f"  ! {active_content_warning(d.active_content, ctx.lang)}")
    from korat_desktop.document_words import history_text, version_role_label

    lines += [f"  รุ่นที่ {v.seq} {version_role_label(v.role, 'th')} {v.sha256[:12]} {v.size} ไบต์"
              if th else f"  v{v.seq} {v.role} {v.sha256[:12]} {v.size} B" for v in d.versions]
    # history in the clerk's calendar and clock: Thai local time, Buddhist Era
    lines += [f"  #{h.seq} {_when(h.at, ctx.lang)} {h.actor} "
              f"{history_text(h.action, h.params, ctx.lang)}" for h in d.history]
    if d.receipts:
        from korat_desktop.cli.receipts import receipt_line

        lines += [f"  {receipt_line(r, ctx.lang)}" for r in d.receipts]
    from korat_desktop.cli.context import to_jsonable

    return Output({**to_jsonable(d), "locked": e.sealed and not unlock,
                   "needs_unlock": ["subject", "letter_number", "parties", "notes", "pdf"]
                   if e.sealed and not unlock else []}, "\n".join(lines))


def _search(ctx: CliContext) -> Output:
    from korat_desktop.domain.letters import Secrecy, Urgency, parse_enum
    from korat_desktop.domain.thai_dates import parse_date
    from korat_desktop.services.queries import SearchFilters

    a = ctx.args
    filters = SearchFilters(
        register=RegisterKind(a.register) if a.register else None,
        registered_from=parse_date(a.date_from) if a.date_from else None,
        registered_to=parse_date(a.date_to) if a.date_to else None,
        party=a.party or "",
        urgency=parse_enum(Urgency, a.urgency) if a.urgency else None,  # type: ignore[arg-type]
        secrecy=parse_enum(Secrecy, a.secrecy) if a.secrecy else None)  # type: ignore[arg-type]
    if not a.query.strip() and filters.empty:
        raise UsageError("usage.bad_argument", name="search",
                         detail="give words to look for, or a filter")
    app = open_for(ctx)
    hits = app.queries.search(a.query, limit=a.limit, filters=filters)
    return Output(hits, "\n".join(entry_line(e, ctx.lang) for e in hits))


def _export(ctx: CliContext) -> Output:
    """A sealed letter is written as its envelope (CMS) unless ``--clear``, which opens
    it with the office key and is written to the audit log."""
    from korat_desktop.cli.secret_text import exported_sealed_line

    a = ctx.args
    app = open_for(ctx, write=a.clear)
    entry = app.queries.entry(a.id)
    sealed = entry.sealed and not a.clear
    data = (app.secrets.open_letter(a.id, "export", a.version).pdf if entry.sealed and a.clear
            else app.queries.pdf(a.id, a.version))
    on_stdout = write_output(a.output, data)
    text = exported_sealed_line(a.output, ctx.lang) if sealed else a.output
    return Output({"id": a.id, "output": a.output, "bytes": len(data), "sealed": sealed},
                  text, stdout_taken=on_stdout)


def _void(ctx: CliContext) -> Output:
    a = ctx.args
    app = open_for(ctx, write=True)
    if a.id is not None:
        result = app.registration.void_entry(a.id, a.reason)
    elif a.register:
        result = app.registration.void_number(RegisterKind(a.register), a.reason)
    else:
        raise UsageError("usage.bad_argument", name="void", detail="give ID or --register")
    return Output(result.entry, entry_line(result.entry, ctx.lang))


def _annotate(ctx: CliContext) -> Output:
    a = ctx.args
    if a.action is None and a.remarks is None:
        raise UsageError("usage.bad_argument", name="annotate", detail="give --action or --remarks")
    app = open_for(ctx, write=True)
    result = app.registration.annotate(a.id, action=a.action, remarks=a.remarks)
    return Output(result.entry, entry_line(result.entry, ctx.lang))


def _report(ctx: CliContext) -> Output:
    a = ctx.args
    app = open_for(ctx)
    if a.first or a.last:  # some days (the day's register): both ends default to the other
        first = _date(a.first or a.last, "--from")
        last = _date(a.last or a.first, "--to")
        data = app.reports.render_period(RegisterKind(a.register), first, last, a.format)
    else:
        data = app.reports.render(RegisterKind(a.register), a.year, a.format)
    on_stdout = write_output(a.output, data)
    return Output({"output": a.output, "bytes": len(data), "format": a.format}, a.output,
                  stdout_taken=on_stdout)


def _audit_verify(ctx: CliContext) -> Output:
    app = open_for(ctx)
    report = app.queries.verify_audit()
    if report.ok:
        text = f"audit log OK: {report.records} records"
    else:
        text = "\n".join([f"audit log BROKEN: {len(report.problems)} problem(s)"] +
                         [f"  {p.kind} at {p.seq}: {p.detail}" for p in report.problems])
    return Output(report, text, exit_code=0 if report.ok else 1)


def _check(ctx: CliContext) -> Output:
    """Integrity check for IT: blobs present and intact, audit chain, SQLite integrity."""
    from korat_desktop.services.integrity import check_integrity

    app = open_for(ctx, write=ctx.args.repair)
    report = check_integrity(app)
    data = {"ok": report.ok, "sqlite": report.sqlite, "blobs": report.blobs,
            "missing_blobs": list(report.missing_blobs),
            "damaged_blobs": list(report.damaged_blobs),
            "orphan_blobs": list(report.orphan_blobs), "audit_ok": report.audit_ok,
            "recovered": app.recovery}
    return Output(data, report.summary(), exit_code=0 if report.ok else 1)


# -- parser -----------------------------------------------------------------------------
def _letter_options(p: argparse.ArgumentParser, *, send: bool) -> None:
    p.add_argument("file", metavar="FILE.pdf")
    p.add_argument("--subject", required=send,
                   help="เรื่อง" if send else "เรื่อง (default: read from the letter, with every "
                   "field not given; see korat intake)")
    if send:
        p.add_argument("--to", dest="recipient", help="ถึง (required without --to-agency)")
        p.add_argument("--to-agency", action="append", default=[], metavar="CODE",
                       help="recipient agency code, for sending through the hub (repeatable)")
        p.add_argument("--from", dest="sender", help="จาก (default: this agency)")
        p.add_argument("--circular", action="store_true", help="หนังสือเวียน: ว before the number")
    else:
        p.add_argument("--from", dest="sender", help="จาก")
        p.add_argument("--to", dest="recipient", help="ถึง")
        p.add_argument("--letter-number", help='ที่ of the letter, e.g. "ที่ มท 0201.2/ว 1590"')
        p.add_argument("--allow-duplicate", action="store_true",
                       help="register even if the same file, or the same ที่ and ลงวันที่, "
                       "is already in the register")
        p.add_argument("--no-ocr", action="store_true",
                       help="a scan: leave OCR for later (korat ocr --pending)")
    p.add_argument("--letter-date", help="ลงวันที่ DD/MM/YYYY (BE), e.g. 25/11/2569, or "
                   "YYYY-MM-DD (CE, or BE if the year > 2400)")
    p.add_argument("--kind", help="external|internal|stamped|directive|notice|evidence")
    p.add_argument("--urgency", help="normal|urgent|very_urgent|most_urgent (or ด่วน ...)")
    p.add_argument("--secrecy", help="none|confidential|secret|top_secret (or ลับ ...)")
    p.add_argument("--notes", help="notes (searchable)")
    p.add_argument("--action", help="การปฏิบัติ")
    p.add_argument("--remarks", help="หมายเหตุ")
    p.add_argument("--retention-years", type=int, help="keep for N years (0 = permanently)")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help="set up this office's agency")
    p.add_argument("--agency-code", help='letter code, e.g. "นม 0017.1"')
    p.add_argument("--agency-name", help="agency name")
    p.set_defaults(handler=_init)

    p = sub.add_parser("receive", parents=[common], help="register an incoming letter")
    _letter_options(p, send=False)
    p.set_defaults(handler=_receive)

    p = sub.add_parser("send", parents=[common], help="register an outgoing letter")
    _letter_options(p, send=True)
    p.set_defaults(handler=_send)

    p = sub.add_parser("list", parents=[common], help="list a register")
    p.add_argument("--register", choices=("receive", "send"), required=True)
    p.add_argument("--year", type=int, help="Buddhist Era year (default: this year)")
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--limit", type=int)
    p.set_defaults(handler=_list)

    p = sub.add_parser("show", parents=[common], help="show one entry")
    p.add_argument("id", type=int)
    p.add_argument("--unlock", action="store_true",
                   help="a secret letter: open its fields with the office key (audited) / "
                        "หนังสือลับ: เปิดด้วยกุญแจของหน่วยงาน (บันทึกในประวัติ)")
    p.set_defaults(handler=_show)

    p = sub.add_parser("search", parents=[common], help="full-text search (Thai substrings)")
    p.add_argument("query", nargs="?", default="",
                   help="words to look for (may be left out when a filter is given)")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--register", choices=("receive", "send"), help="only this register")
    p.add_argument("--from", dest="date_from", metavar="DATE",
                   help="registered on or after this day (25/11/2569, BE)")
    p.add_argument("--to", dest="date_to", metavar="DATE",
                   help="registered on or before this day (BE)")
    p.add_argument("--party", metavar="TEXT", help="sender or recipient contains TEXT")
    p.add_argument("--urgency", help="only this urgency: normal|urgent|very_urgent|most_urgent "
                   "(or ด่วน ...)")
    p.add_argument("--secrecy", help="only this secrecy: none|confidential|secret|top_secret "
                   "(or ลับ ...)")
    p.set_defaults(handler=_search)

    p = sub.add_parser("export", parents=[common], help="write an entry's PDF")
    p.add_argument("id", type=int)
    p.add_argument("-o", "--output", metavar="OUT.pdf|-", required=True,
                   help="the file to write, or - for standard output")
    p.add_argument("--version", type=int, help="version number (default: latest)")
    p.add_argument("--clear", action="store_true",
                   help="a secret letter: write the decrypted PDF, not its sealed form "
                        "(audited) / หนังสือลับ: ส่งออกแบบถอดรหัส (บันทึกในประวัติ)")
    p.set_defaults(handler=_export)

    p = sub.add_parser("void", parents=[common], help="void a number (recorded, never reused)")
    p.add_argument("id", type=int, nargs="?", help="entry to void")
    p.add_argument("--register", choices=("receive", "send"),
                   help="void the next number of this register")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=_void)

    p = sub.add_parser("annotate", parents=[common],
                       help="fill in the action taken (การปฏิบัติ) and remarks of an entry")
    p.add_argument("id", type=int)
    p.add_argument("--action", help="การปฏิบัติ (empty text clears it)")
    p.add_argument("--remarks", help="หมายเหตุ (empty text clears it)")
    p.set_defaults(handler=_annotate)

    p = sub.add_parser("register-report", parents=[common], help="print a register")
    p.add_argument("--register", choices=("receive", "send"), required=True)
    p.add_argument("--year", type=int, default=be_year(dt.date.today()))
    p.add_argument("--from", dest="first", metavar="DATE",
                   help="first day registered, DD/MM/YYYY (BE), e.g. 2/12/2569 (instead of --year)")
    p.add_argument("--to", dest="last", metavar="DATE", help="last day (default: --from)")
    p.add_argument("--format", choices=("csv", "pdf"), required=True)
    p.add_argument("-o", "--output", metavar="FILE|-", required=True,
                   help="the file to write, or - for standard output")
    p.set_defaults(handler=_report)

    p = sub.add_parser("audit", parents=[common], help="audit log")
    audit_sub = p.add_subparsers(dest="audit_command", metavar="ACTION")
    audit_sub.required = True
    v = audit_sub.add_parser("verify", parents=[common], help="verify the hash chain")
    v.set_defaults(handler=_audit_verify)

    p = sub.add_parser("check", parents=[common], help="check data integrity")
    p.add_argument("--repair", action="store_true",
                   help="also remove leftovers of interrupted writes")
    p.set_defaults(handler=_check)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(1)
