"""Keeping leased blocks of register numbers: a reserve ahead, unused tails given back.

While online, each register of the current Buddhist-Era year (and of the next one
in the last two weeks of December, for offices that stay offline over New Year)
keeps at least ``sync.lease_reserve`` unused numbers, leasing ``sync.lease_block``
more when it runs low. Blocks of past years are released: the hub returns an
unused tail to the pool when nothing was leased after it, or records it as voided;
voided numbers are then also entered in our register as voided, so the printed
register shows every number.

Known gap: ``POST /leases`` has no client-made id, so if the answer to a grant is
lost the hub keeps a block this device never learns of. Those numbers are not
issued twice (nobody else gets them), but only the hub's record shows them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from korat_desktop.domain.registers import RegisterKind
from korat_desktop.domain.thai_dates import be_year, to_thai_time
from korat_desktop.protocol.leases import LeaseGrant, LeaseReleaseResult
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.models import NumberLease, RegisterEntryRow
from korat_desktop.store.numbering import RegisterNumbers
from korat_desktop.sync.backoff import Retrier
from korat_desktop.sync.context import SyncContext, utc_now
from korat_desktop.sync.transport import HubTransport

__all__ = ["LeaseChange", "LeaseKeeper", "lease_years"]

_RELEASED_REASON = "เลขที่จองไว้แต่ไม่ได้ใช้ ระบบกลางบันทึกเป็นเลขยกเลิก"


@dataclass(frozen=True)
class LeaseChange:
    register: str
    year_be: int
    first: int
    last: int
    action: str  # leased | returned | voided


def lease_years(now: dt.datetime) -> list[int]:
    local = to_thai_time(now).date()
    years = [be_year(local)]
    if local.month == 12 and local.day >= 18:
        years.append(years[0] + 1)
    return years


class LeaseKeeper:
    def __init__(self, ctx: SyncContext, transport: HubTransport, retrier: Retrier) -> None:
        self.ctx = ctx
        self.transport = transport
        self.retrier = retrier
        self.block = max(1, min(1000, int(ctx.config["sync.lease_block"])))
        self.reserve = max(0, int(ctx.config["sync.lease_reserve"]))

    def maintain(self, now: dt.datetime | None = None) -> list[LeaseChange]:
        moment = now or utc_now()
        years = lease_years(moment)
        changes = self.release(lambda lease: lease.year_be < years[0])
        for year in years:
            for register in RegisterKind:
                changes += self.top_up(register, year)
        return changes

    def top_up(self, register: RegisterKind, year_be: int) -> list[LeaseChange]:
        with self.ctx.database.read() as s:
            remaining = RegisterNumbers(s).remaining_leased(register, year_be)
        if remaining >= max(1, self.reserve):
            return []
        data = self.retrier.call(lambda: self.transport.json(
            "POST", "/leases", expect=(201,),
            json={"register": register.value, "year": year_be, "size": self.block}))
        grant = LeaseGrant.model_validate(data)
        with self.ctx.database.write() as s:
            if s.get(NumberLease, grant.lease_id) is None:
                s.add(NumberLease(lease_id=grant.lease_id, register=register.value,
                                  year_be=year_be, first=grant.first, last=grant.last,
                                  next_number=grant.first, granted_at=grant.granted_at))
                s.flush()
                AuditLog(s, self.ctx.actor).append(
                    "sync.lease", "number_lease", grant.lease_id,
                    {"register": register.value, "year_be": year_be, "first": grant.first,
                     "last": grant.last})
        return [LeaseChange(register.value, year_be, grant.first, grant.last, "leased")]

    def release(self, which: Callable[[NumberLease], bool] | None = None
                ) -> list[LeaseChange]:
        """Give back the unused tails of leases (``which(lease)`` picks; None: all)."""
        with self.ctx.database.read() as s:
            leases = list(s.scalars(select(NumberLease).where(NumberLease.released_at.is_(None))))
        changes: list[LeaseChange] = []
        for lease in leases:
            if which is not None and not which(lease):
                continue
            changes += self._release_one(lease)
        return changes

    def _release_one(self, lease: NumberLease) -> list[LeaseChange]:
        next_unused = lease.next_number
        if next_unused <= lease.last:
            data = self.retrier.call(lambda: self.transport.json(
                "POST", f"/leases/{lease.lease_id}/release",
                json={"next_unused": next_unused}))
            result = LeaseReleaseResult.model_validate(data)
        else:
            result = LeaseReleaseResult(lease_id=lease.lease_id, returned=None, voided=None)
        changes = []
        with self.ctx.database.write() as s:
            row = s.get(NumberLease, lease.lease_id)
            assert row is not None
            row.released_at = utc_now()
            row.next_number = row.last + 1
            audit = AuditLog(s, self.ctx.actor)
            audit.append("sync.lease_release", "number_lease", lease.lease_id,
                         {"next_unused": next_unused,
                          "returned": result.returned.model_dump() if result.returned else None,
                          "voided": result.voided.model_dump() if result.voided else None})
            if result.returned is not None:
                changes.append(LeaseChange(lease.register, lease.year_be, result.returned.first,
                                           result.returned.last, "returned"))
            if result.voided is not None:
                self._record_voided(s, audit, lease, result.voided.first, result.voided.last)
                changes.append(LeaseChange(lease.register, lease.year_be, result.voided.first,
                                           result.voided.last, "voided"))
        return changes

    @staticmethod
    def _record_voided(s: Session, audit: AuditLog, lease: NumberLease, first: int,
                       last: int) -> None:
        """Voided numbers go in our register too, so the printed register has no gaps."""
        now = utc_now()
        for number in range(first, last + 1):
            exists = s.scalar(select(RegisterEntryRow.id).where(
                RegisterEntryRow.register == lease.register,
                RegisterEntryRow.year_be == lease.year_be, RegisterEntryRow.number == number))
            if exists is not None:
                continue
            row = RegisterEntryRow(register=lease.register, year_be=lease.year_be, number=number,
                                   document_id=None, registered_at=now, action="", remarks="",
                                   voided=True, void_reason=_RELEASED_REASON)
            s.add(row)
            s.flush()
            audit.append("register.void_number", "register_entry", row.id,
                         {"register": lease.register, "year_be": lease.year_be,
                          "number": number, "reason": _RELEASED_REASON})
