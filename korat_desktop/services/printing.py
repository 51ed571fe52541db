"""What the clerk prints: a letter as the app shows it, the register for some days, a
delivery slip. Each is a PDF (the window hands it to Qt's print dialog, which renders
its pages at the printer's resolution; the command line writes the same PDF).

A letter prints as its latest version, with every stamp and signature appearance in
it. A sealed ลับ/ลับมาก letter is opened with the office key (``app.secrets``, which
unlocks on first use and audits the print); one kept in clear (the rule turned off by
policy) is audited here: SARABAN.md asks that access to secret letters be controlled
and recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from korat_desktop.domain.letters import Secrecy
from korat_desktop.domain.registers import RegisterKind
from korat_desktop.domain.thai_dates import format_thai_date
from korat_desktop.errors import StoreError
from korat_desktop.services.actor import current_actor
from korat_desktop.store.audit import AuditLog

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp

__all__ = ["Printout", "Printing"]


@dataclass(frozen=True)
class Printout:
    """A PDF to print and the print job's name."""

    pdf: bytes = field(repr=False)
    title: str
    secret: bool = False


class Printing:
    def __init__(self, app: KoratApp) -> None:
        self.app = app

    def letter(self, entry_id: int) -> Printout:
        """The letter's latest version (``store.entry_not_found`` for a voided number
        without a letter)."""
        entry = self.app.queries.entry(entry_id)
        if entry.document_id is None:
            raise StoreError("store.entry_not_found", id=entry_id)
        secret = entry.secrecy is not Secrecy.NONE
        book = "เลขรับ" if entry.register is RegisterKind.RECEIVE else "เลขส่ง"
        title = f"{book} {entry.number}-{entry.year_be}"
        if entry.sealed:  # stored sealed: opened with the office key, audited as a print
            return Printout(self.app.secrets.open_letter(entry_id, "print").pdf, title, True)
        pdf = self.app.queries.pdf(entry_id)
        if secret:  # a secret letter kept in clear (the rule off by policy): still audited
            with self.app.database.write() as s:
                AuditLog(s, current_actor(self.app, s)).append(
                    "document.print", "document", entry.document_id,
                    {"entry_id": entry.id, "secrecy": entry.secrecy.value,
                     "sha256": entry.pdf_sha256 or ""})
        return Printout(pdf, title, secret)

    def register(self, register: RegisterKind, first: dt.date, last: dt.date) -> Printout:
        pdf = self.app.reports.render_period(register, first, last, "pdf")
        span = format_thai_date(first, "abbr")
        if last != first:
            span += f" - {format_thai_date(last, 'abbr')}"
        return Printout(pdf, f"{register.thai} {span}")

    def delivery_slip(self, entry_ids: Sequence[int]) -> Printout:
        return Printout(self.app.reports.delivery_slip(entry_ids), "ใบรับหนังสือ")
