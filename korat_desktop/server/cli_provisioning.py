"""``korat-hub import-agencies|import-users|export-users|new-setup-codes``: bulk
provisioning from CSV files (columns in README "Bulk provisioning").

Exit status: 0 imported (or a clean dry run), 1 the file has problems (every one is
listed, with its line; nothing imported), 2 bad usage. The setup codes of imported
accounts go to ``--codes-out`` (mode 0600, UTF-8 with a byte order mark so Excel shows
the Thai names), written before the import commits: if the file cannot be written,
nothing is imported.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from korat_desktop.domain.thai_dates import format_thai_date, format_thai_time
from korat_desktop.errors import UsageError
from korat_desktop.files import write_file
from korat_desktop.server.errors import HubAdminError
from korat_desktop.server.hub import Hub
from korat_desktop.server.provisioning import (
    ImportReport,
    IssuedCode,
    export_users,
    import_agencies,
    import_users,
    issue_codes,
)
from korat_desktop.server.setup_codes import DEFAULT_VALID_DAYS

__all__ = ["COMMANDS", "ImportRefused", "add_parsers", "run"]

COMMANDS = ("import-agencies", "import-users", "export-users", "new-setup-codes")
_BOM = "\ufeff"
_FILE_HELP = ("UTF-8, as Excel's \"CSV UTF-8\" saves it; headers in Thai or English "
              "(README: Bulk provisioning)")


class ImportRefused(HubAdminError):
    """A file with problems: the report is printed (stdout) before the refusal."""

    def __init__(self, value: Any, text: str, count: int) -> None:
        super().__init__("provision.refused", count=count)
        self.value = value
        self.text = text


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("import-agencies", parents=[common],
                       help="add agencies from a CSV file (นำเข้าหน่วยงาน): code, name, relay")
    p.add_argument("file", metavar="FILE.csv", help=_FILE_HELP)
    p.add_argument("--dry-run", action="store_true", help="check only; list every bad row")
    p = sub.add_parser("import-users", parents=[common],
                       help="add staff accounts from a CSV file (นำเข้าผู้ใช้): username, "
                            "full_name, agency_code, role, email")
    p.add_argument("file", metavar="FILE.csv", help=_FILE_HELP)
    p.add_argument("--dry-run", action="store_true", help="check only; list every bad row")
    _codes_options(p, required=False)
    p = sub.add_parser("export-users", parents=[common],
                       help="write every account as CSV (ส่งออกผู้ใช้; no passwords)")
    p.add_argument("-o", "--output", metavar="FILE.csv", help="default: stdout")
    p = sub.add_parser("new-setup-codes", parents=[common],
                       help="new one-time setup codes for accounts (a lost or expired one)")
    p.add_argument("usernames", metavar="USER", nargs="+")
    _codes_options(p, required=True)


def _codes_options(p: argparse.ArgumentParser, required: bool) -> None:
    p.add_argument("--codes-out", metavar="CODES.csv", required=required,
                   help="where the one-time setup codes go, to hand out (required unless "
                        "--dry-run)")
    p.add_argument("--code-days", type=int, default=DEFAULT_VALID_DAYS, metavar="N",
                   help=f"days a setup code stays valid (default {DEFAULT_VALID_DAYS})")


def _read(path: str) -> bytes:
    file = Path(path)
    if not file.is_file():
        raise UsageError("usage.file_not_found", path=path)
    return file.read_bytes()


def _codes_csv(codes: Sequence[IssuedCode]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["username", "full_name", "agency_code", "setup_code", "expires_at",
                     "หมดอายุ"])
    for c in codes:
        moment = c.code.expires_at
        writer.writerow([c.username, c.full_name, c.agency_code, c.code.text,
                         moment.isoformat(timespec="seconds"),
                         f"{format_thai_date(moment)} {format_thai_time(moment)}"])
    return (_BOM + out.getvalue()).encode("utf-8")


def _report(report: ImportReport, source: str) -> tuple[Any, str]:
    value = report.as_dict() | {"file": source}
    lines = [f"บรรทัด {p.line}: {p.message('th')}  (line {p.line}: {p.message('en')})"
             for p in report.problems]
    if report.problems:
        lines.append(f"{source}: {report.rows} rows, {len(report.problems)} problem(s); "
                     "nothing imported")
        raise ImportRefused(value, "\n".join(lines), len(report.problems))
    if report.dry_run:
        return value, f"{source}: {report.rows} rows, no problems (dry run: nothing imported)"
    return value, f"{source}: imported {report.imported} {report.kind}"


def _valid_days(args: argparse.Namespace) -> int:
    if not 1 <= args.code_days <= 366:
        raise UsageError("usage.bad_argument", name="--code-days", detail="1 to 366")
    return int(args.code_days)


def _transaction(hub: Hub, dry_run: bool) -> AbstractContextManager[Connection]:
    """A dry run only reads (and so never holds SQLite's write lock)."""
    return hub.db.reading() if dry_run else hub.db.writing()


def run(args: argparse.Namespace, hub: Hub) -> tuple[Any, str]:
    now = dt.datetime.now(dt.UTC)
    if args.command == "import-agencies":
        data = _read(args.file)
        with _transaction(hub, args.dry_run) as conn:
            report = import_agencies(conn, data, dry_run=args.dry_run, now=now)
        return _report(report, args.file)
    if args.command == "import-users":
        if not args.dry_run and not args.codes_out:
            raise UsageError("usage.bad_argument", name="--codes-out",
                             detail="required: where the one-time setup codes go")
        days, data = _valid_days(args), _read(args.file)
        with _transaction(hub, args.dry_run) as conn:
            report = import_users(conn, data, dry_run=args.dry_run, now=now, valid_days=days)
            value, text = _report(report, args.file)
            if report.codes:  # inside the transaction: no file, no import
                write_file(args.codes_out, _codes_csv(report.codes), mode=0o600)
                value["codes_out"] = args.codes_out
                text += f"; one-time setup codes in {args.codes_out}"
        return value, text
    if args.command == "new-setup-codes":
        days = _valid_days(args)
        with hub.db.writing() as conn:
            codes, missing = issue_codes(conn, args.usernames, now=now, valid_days=days)
            if missing:
                raise HubAdminError("provision.no_such_user", username=", ".join(missing))
            write_file(args.codes_out, _codes_csv(codes), mode=0o600)
        return ({"usernames": args.usernames, "codes_out": args.codes_out},
                f"{len(codes)} new setup code(s) in {args.codes_out}")
    with hub.db.reading() as conn:
        records = export_users(conn, now)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["username", "full_name", "agency_code", "role", "email", "status"])
    writer.writerows([r.username, r.full_name, r.agency_code, r.role, r.email, r.status]
                     for r in records)
    rows = [vars(r) for r in records]
    if args.output:
        write_file(args.output, (_BOM + out.getvalue()).encode("utf-8"))
        return ({"users": len(records), "output": args.output},
                f"{len(records)} users written to {args.output}")
    return rows, out.getvalue().rstrip("\r\n")
