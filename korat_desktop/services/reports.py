"""The printed register (ทะเบียนหนังสือรับ/ส่ง) as CSV or PDF.

CSV is for spreadsheets: one row per number, with a registration-date column in
place of the printed date headings, UTF-8 with a BOM so Excel shows Thai correctly.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from korat_desktop.domain.digits import to_thai_digits
from korat_desktop.domain.registers import REGISTER_COLUMNS, RegisterEntry, RegisterKind
from korat_desktop.domain.thai_dates import (
    be_year,
    format_thai_date,
    format_thai_time,
    to_thai_time,
)
from korat_desktop.errors import UsageError

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp

__all__ = ["RegisterReport", "register_csv"]


def register_csv(entries: Sequence[RegisterEntry], register: RegisterKind,
                 thai_digits: bool = False) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    columns = REGISTER_COLUMNS[register]
    writer.writerow(["วันที่ลงทะเบียน", "เวลา"] + [thai for _, thai, _ in columns])

    def digits(text: str) -> str:
        return to_thai_digits(text) if thai_digits else text

    for e in entries:
        cells: list[str] = [
            format_thai_date(e.registered_at, "abbr", thai_digits),
            format_thai_time(e.registered_at, thai_digits),
        ]
        for key, _, _ in columns:
            if key == "number":
                cells.append(digits(str(e.number)))
            elif key == "letter_date":
                cells.append(format_thai_date(e.letter_date, "abbr", thai_digits)
                             if e.letter_date else "")
            elif key == "remarks" and e.voided:
                cells.append(f"ยกเลิกเลข: {e.void_reason}".strip())
            else:
                cells.append(digits(str(getattr(e, key))))
        writer.writerow(cells)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


class RegisterReport:
    def __init__(self, app: KoratApp) -> None:
        self.app = app

    def render(self, register: RegisterKind, year_be: int, fmt: str) -> bytes:
        entries = self.app.queries.entries(register, year_be)
        thai_digits = bool(self.app.config["display.thai_digits"])
        if fmt == "csv":
            return register_csv(entries, register, thai_digits)
        if fmt == "pdf":
            from korat_desktop.pdf.register_report import render_register_pdf

            office = self.app.office.info()
            return render_register_pdf(entries, register, year_be, office.agency_name,
                                       thai_digits=thai_digits)
        raise UsageError("usage.bad_argument", name="--format", detail=fmt)

    def render_period(self, register: RegisterKind, first: dt.date, last: dt.date,
                      fmt: str = "pdf") -> bytes:
        """The register for the days ``first`` to ``last`` (Thai local dates, as the
        clerk picks them), e.g. the day's register to print at closing time."""
        if last < first:
            raise UsageError("usage.bad_argument", name="--to", detail="before --from")
        entries = [e for year in range(be_year(first), be_year(last) + 1)
                   for e in self.app.queries.entries(register, year)
                   if first <= to_thai_time(e.registered_at).date() <= last]
        thai_digits = bool(self.app.config["display.thai_digits"])
        if fmt == "csv":
            return register_csv(entries, register, thai_digits)
        if fmt == "pdf":
            from korat_desktop.pdf.register_report import render_register_pdf

            office = self.app.office.info()
            return render_register_pdf(entries, register, be_year(first), office.agency_name,
                                       thai_digits=thai_digits, period=(first, last))
        raise UsageError("usage.bad_argument", name="--format", detail=fmt)

    def delivery_slip(self, entry_ids: Sequence[int]) -> bytes:
        """ใบรับหนังสือ for these entries (pdf/delivery_slip.py), in the order given."""
        from korat_desktop.pdf.delivery_slip import render_delivery_slip

        if not entry_ids:
            raise UsageError("usage.bad_argument", name="ID", detail="no letters")
        entries = [self.app.queries.entry(i) for i in dict.fromkeys(entry_ids)]
        office = self.app.office.info()
        return render_delivery_slip(entries, office.agency_name,
                                    bool(self.app.config["display.thai_digits"]))
