"""Sync commands: login, logout, sync, sync-status, outbox, inbox, queue, agencies,
receipts.

``korat sync`` pushes the outbox, pulls the change feed and fetches the PDFs of
arrived letters; it prints what was pushed and pulled, what is still pending and
what failed with the reason. Exit 0 when the run finished with nothing failed or
left waiting on a transient problem, 1 otherwise (offline, hub refusals, ...).
While staff have paused sync (``sync.paused``, the pause button of the desktop app)
it says so and leaves the network alone, exit 0: a timer or script running ``korat
sync`` must not undo a pause someone chose, nor report it as a failure.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from korat_desktop.cli.context import CliContext, Output, to_jsonable
from korat_desktop.cli.receipts import receipt_line
from korat_desktop.cli.registers import open_for
from korat_desktop.domain.letters import Secrecy, Urgency
from korat_desktop.domain.thai_dates import format_thai_date, format_thai_time
from korat_desktop.errors import UsageError
from korat_desktop.sync.inbox import InboxItem, InboxState
from korat_desktop.sync.outbox import OutboxOperation, OutboxState, SyncIssue
from korat_desktop.sync.report import ItemResult, SyncProgress

__all__ = ["PAUSED_TEXT", "register"]


def _issue(issue: SyncIssue | None, lang: str) -> str:
    return f"{issue.message(lang)} [{issue.code}]" if issue is not None else ""


# -- login / logout ---------------------------------------------------------------------
def _password(ctx: CliContext) -> str:
    new = ctx.args.setup_code is not None
    if ctx.args.password_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
    else:
        line = getpass.getpass("New password: " if new else "Password: ")
        if new and line != getpass.getpass("Again: "):
            raise UsageError("usage.bad_argument", name="password", detail="did not match")
    if not line:
        raise UsageError("usage.bad_argument", name="password", detail="empty")
    return line


def _login(ctx: CliContext) -> Output:
    a = ctx.args
    app = open_for(ctx, write=True)
    info = app.sync.login(a.hub, a.user, _password(ctx), a.device_name,
                          setup_code=a.setup_code).info
    status = app.sync.status()
    reserve = ", ".join(f"{r.register.value} {r.year_be}: {r.remaining}" for r in status.reserves)
    text = (f"signed in to {info.hub_url} as {info.username} ({info.agency_code} "
            f"{info.agency_name}); device {info.hub_device_id}; leased numbers: {reserve}")
    return Output({"enrollment": info, "reserves": status.reserves}, text)


def _logout(ctx: CliContext) -> Output:
    app = open_for(ctx, write=True)
    info = app.sync.logout(force=ctx.args.force).info
    return Output({"logged_out": info}, f"signed out of {info.hub_url}")


def _status(ctx: CliContext) -> Output:
    app = open_for(ctx)
    st = app.sync.status()
    if st.enrollment is None:
        lines = ["not enrolled (standalone: numbers from the local counter)"]
    else:
        e = st.enrollment
        lines = [f"hub: {e.hub_url}  user: {e.username}  agency: {e.agency_code}",
                 f"last sync: {e.last_sync_at or '-'}"]
        lines += [f"leased {r.register.value} {r.year_be}: {r.remaining} left"
                  for r in st.reserves]
    lines.append(f"outbox: {st.queued} queued, {st.failed} failed; inbox: {st.inbox_waiting} "
                 "waiting")
    return Output(st, "\n".join(lines))


# -- sync -------------------------------------------------------------------------------
def _item_line(item: ItemResult, lang: str) -> str:
    entry = f" entry {item.entry_id}" if item.entry_id is not None else ""
    why = _issue(item.issue, lang)
    return f"  {item.kind}{entry} {item.op_id} {item.outcome}" + (f": {why}" if why else "")


PAUSED_TEXT = ("sync is paused (sync.paused): nothing sent or fetched; "
               "`korat config set sync.paused false` resumes it")


def _sync(ctx: CliContext) -> Output:
    a = ctx.args
    app = open_for(ctx, write=True)
    if app.sync.paused:
        return Output({"paused": True}, PAUSED_TEXT)
    last = {"phase": ""}

    def progress(p: SyncProgress) -> None:
        if p.phase != last["phase"] or (p.total and p.done == p.total):
            last["phase"] = p.phase
            size = f" {p.done}/{p.total} B" if p.total else ""
            ctx.progress(f"{p.phase}{' ' + p.op_id if p.op_id else ''}{size}")

    result = app.sync.sync(once=a.once, timeout_s=a.timeout, progress=progress,
                           upgrade=not a.no_upgrade)
    r = result.report
    lines = [f"{'online' if r.online else 'OFFLINE'}; pushed: {len(r.pushed)}, pulled: "
             f"{r.pulled} (new inbox {r.new_inbox}, receipts {r.new_receipts}, downloaded "
             f"{r.downloaded}), pending: {r.pending}, failed: {len(r.stuck)}",
             f"bytes sent {r.bytes_sent}, received {r.bytes_received}, "
             f"already on the hub {r.blobs_deduplicated}; passes {r.passes}, "
             f"{r.duration_s:.1f} s"]
    if r.relayed or r.relay_deferred or r.relay_pending:
        lines.append(f"relayed from courier bundles: {len(r.relayed)}, still to relay: "
                     f"{r.relay_pending}")
        lines += [_item_line(i, ctx.lang) for i in (*r.relayed, *r.relay_deferred)]
    lines += [_item_line(i, ctx.lang) for i in r.pushed]
    lines += [_item_line(i, ctx.lang) for i in r.deferred]
    if r.stuck:
        lines.append("failed:")
        lines += [_item_line(i, ctx.lang) for i in r.stuck]
    lines += [f"  leases: {c.action} {c.register} {c.year_be} {c.first}-{c.last}"
              for c in r.leases]
    lines += [f"  note: {_issue(n, ctx.lang)}" for n in r.notes]
    if r.stopped is not None:
        lines.append(f"stopped: {_issue(r.stopped, ctx.lang)}")
    if result.upgrades.upgraded or result.upgrades.still_pending:
        lines.append(f"signatures upgraded: {result.upgrades.upgraded}, still waiting: "
                     f"{result.upgrades.still_pending}")
    ok = (r.stopped is None and not r.stuck and not r.deferred and not r.relay_deferred
          and all(i.outcome != "refused" for i in r.relayed))
    return Output(result, "\n".join(lines), 0 if ok else 1)


# -- outbox / queue ---------------------------------------------------------------------
def _op_line(op: OutboxOperation, lang: str) -> str:
    entry = f" entry {op.entry_id}" if op.entry_id is not None else ""
    why = _issue(op.error, lang)
    tries = f" (tries {op.attempts})" if op.attempts else ""
    return (f"{op.op_id}  {op.state.value:<9} {op.kind}{entry}{tries}"
            + (f": {why}" if why else ""))


def _outbox(ctx: CliContext) -> Output:
    a = ctx.args
    app = open_for(ctx, write=bool(a.retry))
    if a.retry:
        op = app.sync.retry(a.retry).op
        return Output(op, _op_line(op, ctx.lang))
    states = None if a.all else (OutboxState.QUEUED, OutboxState.FAILED, OutboxState.REFUSED)
    ops = app.sync.outbox(states)
    carried = app.courier.carried()
    lines = []
    for o in ops:
        line = _op_line(o, ctx.lang)
        if o.op_id in carried:
            line += ("  ชุดเอกสาร: " if ctx.lang == "th" else "  bundles: ") + ", ".join(
                carried[o.op_id])
        lines.append(line)
    data = [{**to_jsonable(o), "bundles": list(carried.get(o.op_id, ()))} for o in ops]
    return Output(data, "\n".join(lines) or "outbox is empty")


def _queue(ctx: CliContext) -> Output:
    from korat_desktop.cli.secret_text import queued_secrecy_line

    app = open_for(ctx, write=True)
    results = [app.sync.queue(entry_id, allow_unsigned=ctx.args.allow_unsigned)
               for entry_id in ctx.args.ids]
    lines = []
    for r in results:
        lines.append(_op_line(r.op, ctx.lang))
        note = queued_secrecy_line(r, ctx.lang)
        if note:
            lines.append(note)
    data = [{**to_jsonable(r.op), "sealed_to": list(r.sealed_to),
             "clear_by_policy": r.clear_by_policy} for r in results]
    return Output(data, "\n".join(lines))


# -- inbox ------------------------------------------------------------------------------
def _inbox_line(item: InboxItem, lang: str) -> str:
    try:
        urgency = Urgency.of(item.urgency)
        flag = f" [{urgency.label(lang)}]" if urgency.is_urgent else ""
    except KeyError:  # a level this version does not know: say it as it came
        flag = f" [{item.urgency}]"
    state = item.state.value + (f" {item.registered_elsewhere}" if item.registered_elsewhere
                                else f" entry {item.entry_id}" if item.entry_id else "")
    if item.encryption is not None:
        flag += f" [{Secrecy.of(item.secrecy).label(lang)}, {'เข้ารหัส' if lang == 'th' else 'sealed'}]"
    return (f"{item.id:>5}  {state:<16} {item.sender_code}  ที่ {item.letter_number}  "
            f"{item.subject}{flag}")


def _inbox(ctx: CliContext) -> Output:
    app = open_for(ctx)
    states = None if ctx.args.all else (InboxState.ARRIVED, InboxState.READY)
    from korat_desktop.services.secret_receiving import inbox_waiting_reason

    items = app.sync.inbox(states)
    lines, data = [], []
    for item in items:
        lines.append(_inbox_line(item, ctx.lang))
        reason = inbox_waiting_reason(app, item)
        if reason is not None and item.state in (InboxState.ARRIVED, InboxState.READY):
            lines.append(f"       ! {reason.message(ctx.lang)}")
        data.append({**to_jsonable(item),
                     "waiting_reason": reason.as_dict(ctx.lang) if reason else None})
    return Output(data, "\n".join(lines) or "inbox is empty")


def _inbox_register(ctx: CliContext) -> Output:
    a = ctx.args
    app = open_for(ctx, write=True)
    result = app.sync.register_inbox(a.item, subject=a.subject, action=a.action or "",
                                     remarks=a.remarks or "", notes=a.notes or "")
    e = result.entry
    text = (f"เลขรับ {e.number}/{e.year_be} (id {e.id}) "
            f"{format_thai_date(e.registered_at, 'abbr', lang=ctx.lang)} "
            f"{format_thai_time(e.registered_at)}; receipt queued for the sender")
    return Output(e, text)


# -- directory and receipts -------------------------------------------------------------
def _agencies(ctx: CliContext) -> Output:
    app = open_for(ctx)
    agencies = app.sync.agencies()
    return Output([a.model_dump() for a in agencies],
                  "\n".join(f"{a.code}\t{a.name}" for a in agencies) or "no directory cached")


def _receipts(ctx: CliContext) -> Output:
    app = open_for(ctx)
    letters = app.sync.sent_letters()
    lines = []
    for letter in letters:
        entry = f" (entry {letter.entry_id})" if letter.entry_id else " (another device)"
        lines.append(f"ที่ {letter.letter_number}{entry} {letter.subject} → "
                     f"{', '.join(letter.recipients)}")
        lines += [f"    {receipt_line(r, ctx.lang)}" for r in letter.receipts]
    return Output(letters, "\n".join(lines) or "no letters sent through the hub")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("login", parents=[common], help="enroll this device at the hub")
    p.add_argument("--hub", metavar="URL", help="hub URL (default: sync.hub_url)")
    p.add_argument("--user", required=True, metavar="USER")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from one line of stdin")
    p.add_argument("--setup-code", metavar="CODE",
                   help="first sign-in of an account IT imported (รหัสตั้งค่าครั้งแรก): the code "
                        "IT handed out; the password read is then the new one (8+ characters)")
    p.add_argument("--device-name", metavar="NAME", help="default: this computer's name")
    p.set_defaults(handler=_login)

    p = sub.add_parser("logout", parents=[common],
                       help="release leased numbers, revoke and forget the device token")
    p.add_argument("--force", action="store_true",
                   help="sign out even offline or with operations still queued")
    p.set_defaults(handler=_logout)

    p = sub.add_parser("sync", parents=[common], help="send the outbox, fetch the inbox")
    p.add_argument("--once", action="store_true",
                   help="one pass; otherwise retry until everything is through")
    p.add_argument("--timeout", type=float, metavar="S", help="give up after S seconds")
    p.add_argument("--no-upgrade", action="store_true", help="skip signature upgrades")
    p.set_defaults(handler=_sync)

    p = sub.add_parser("sync-status", parents=[common], help="enrollment, queue and reserves")
    p.set_defaults(handler=_status)

    p = sub.add_parser("outbox", parents=[common], help="operations waiting or failed")
    p.add_argument("--all", action="store_true", help="include committed operations")
    p.add_argument("--retry", metavar="OP_ID", help="queue a failed operation again")
    p.set_defaults(handler=_outbox)

    p = sub.add_parser("queue", parents=[common],
                       help="queue signed outgoing letters for sending (immutable afterwards)")
    p.add_argument("ids", metavar="ID", type=int, nargs="+", help="send register entry ids")
    p.add_argument("--allow-unsigned", action="store_true",
                   help="send without a signature (e.g. stamped letters)")
    p.set_defaults(handler=_queue)

    p = sub.add_parser("inbox", parents=[common], help="letters sent to us through the hub")
    p.add_argument("--all", action="store_true", help="include registered letters")
    p.set_defaults(handler=_inbox)
    inbox_sub = p.add_subparsers(dest="inbox_command", metavar="ACTION")
    r = inbox_sub.add_parser("register", parents=[common],
                             help="register an arrived letter (receive number + stamp)")
    r.add_argument("item", type=int, metavar="ITEM")
    r.add_argument("--subject", help="เรื่อง (default: as sent)")
    r.add_argument("--action", help="การปฏิบัติ")
    r.add_argument("--remarks", help="หมายเหตุ")
    r.add_argument("--notes", help="notes (searchable)")
    r.set_defaults(handler=_inbox_register)

    p = sub.add_parser("agencies", parents=[common], help="the cached agency directory")
    p.set_defaults(handler=_agencies)

    p = sub.add_parser("receipts", parents=[common],
                       help="letters our agency sent through the hub, with delivery receipts")
    p.set_defaults(handler=_receipts)
