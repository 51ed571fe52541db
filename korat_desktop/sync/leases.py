"""Keeping leased blocks of register numbers: a reserve ahead, unused tails given back.

While online, each register of the current Buddhist-Era year (and of the next one
in the last two weeks of December, for offices that stay offline over New Year)
keeps at least ``sync.lease_reserve`` unused numbers, leasing ``sync.lease_block``
more when it runs low. Blocks of past years are released: the hub returns an
unused tail to the pool when nothing was leased after it, or records it as voided;
voided numbers are then also entered in our register as voided, so the printed
register shows every number.

A lease request is idempotent: before asking, the device stores a request id
(UUIDv7) and sends it as ``Idempotency-Key``, so when the answer is lost (the link
drops, the app is killed) the next attempt asks with the same id and the hub answers
the block it granted then, instead of carving another and stranding the first. The
request in flight is stored as a ``number_lease`` row that holds no numbers (``first``
0, which the hub never grants, ``last`` minus the size asked for): every query that
issues or counts numbers requires ``next_number <= last``, so it is invisible to
them, and no column had to be added. Once the grant arrives, the row is replaced by
the real lease in one transaction. A hub that refuses for good (numbers exhausted)
removes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from korat_desktop.domain.registers import RegisterKind
from korat_desktop.domain.thai_dates import be_year, to_thai_time
from korat_desktop.errors import SyncError
from korat_desktop.protocol.leases import IDEMPOTENCY_KEY_HEADER, LeaseGrant, LeaseReleaseResult
from korat_desktop.protocol.uuid7 import uuid7
from korat_desktop.store.audit import AuditLog
from korat_desktop.store.models import NumberLease, RegisterEntryRow
from korat_desktop.store.numbering import RegisterNumbers
from korat_desktop.sync.backoff import Retrier
from korat_desktop.sync.context import SyncContext, utc_now
from korat_desktop.sync.failures import is_transient
from korat_desktop.sync.transport import HubTransport

__all__ = ["LeaseChange", "LeaseKeeper", "PendingLeaseRequest", "lease_years"]

_RELEASED_REASON = "เลขที่จองไว้แต่ไม่ได้ใช้ ระบบกลางบันทึกเป็นเลขยกเลิก"
_PENDING_FIRST = 0
"""``number_lease.first`` of a request in flight: the hub's numbers start at 1."""


@dataclass(frozen=True)
class LeaseChange:
    register: str
    year_be: int
    first: int
    last: int
    action: str  # leased | returned | voided


@dataclass(frozen=True)
class PendingLeaseRequest:
    """A ``POST /leases`` stored before it was sent, until its grant is stored."""

    request_id: str
    register: str
    year_be: int
    size: int

    @classmethod
    def of(cls, lease: NumberLease) -> PendingLeaseRequest:
        return cls(lease.lease_id, lease.register, lease.year_be, -lease.last)

    def row(self, now: dt.datetime) -> NumberLease:
        """The placeholder row: no numbers (``next_number`` 0 > ``last`` < 0)."""
        return NumberLease(lease_id=self.request_id, register=self.register,
                           year_be=self.year_be, first=_PENDING_FIRST, last=-self.size,
                           next_number=0, granted_at=now)


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
        changes = self.release(lambda lease: lease.year_be < years[0])  # resolves pending
        for year in years:
            for register in RegisterKind:
                changes += self.top_up(register, year)
        return changes

    def top_up(self, register: RegisterKind, year_be: int) -> list[LeaseChange]:
        with self.ctx.database.read() as s:
            remaining = RegisterNumbers(s).remaining_leased(register, year_be)
        if remaining >= max(1, self.reserve):
            return []
        pending = self._pending(register.value, year_be)
        if not pending:
            pending = [self._store_request(PendingLeaseRequest(
                uuid7(), register.value, year_be, self.block))]
        changes: list[LeaseChange] = []
        for request in pending:
            changes += self._ask(request)
        return changes

    def resolve_pending(self) -> list[LeaseChange]:
        """Ask again for every stored request whose answer never arrived."""
        changes: list[LeaseChange] = []
        for request in self._pending():
            changes += self._ask(request)
        return changes

    def _pending(self, register: str | None = None, year_be: int | None = None
                 ) -> list[PendingLeaseRequest]:
        with self.ctx.database.read() as s:
            q = select(NumberLease).where(NumberLease.first == _PENDING_FIRST,
                                          NumberLease.released_at.is_(None))
            if register is not None:
                q = q.where(NumberLease.register == register, NumberLease.year_be == year_be)
            return [PendingLeaseRequest.of(row) for row in s.scalars(q.order_by(
                NumberLease.lease_id))]

    def _store_request(self, request: PendingLeaseRequest) -> PendingLeaseRequest:
        """Durable before it is sent: a lost answer is then asked for again, by id."""
        with self.ctx.database.write() as s:
            s.add(request.row(utc_now()))
            s.flush()
            AuditLog(s, self.ctx.actor).append(
                "sync.lease_request", "number_lease", request.request_id,
                {"register": request.register, "year_be": request.year_be,
                 "size": request.size})
        return request

    def _ask(self, request: PendingLeaseRequest) -> list[LeaseChange]:
        try:
            data = self.retrier.call(lambda: self.transport.json(
                "POST", "/leases", expect=(200, 201),
                headers={IDEMPOTENCY_KEY_HEADER: request.request_id},
                json={"register": request.register, "year": request.year_be,
                      "size": request.size}))
        except SyncError as e:
            if not is_transient(e) and str(e.params.get("status", "")).startswith("4"):
                self._drop_request(request, e)  # refused for good: nothing was granted
            raise
        grant = LeaseGrant.model_validate(data)
        with self.ctx.database.write() as s:
            s.execute(delete(NumberLease).where(NumberLease.lease_id == request.request_id,
                                                NumberLease.first == _PENDING_FIRST))
            if s.get(NumberLease, grant.lease_id) is None:
                s.add(NumberLease(lease_id=grant.lease_id, register=request.register,
                                  year_be=request.year_be, first=grant.first, last=grant.last,
                                  next_number=grant.first, granted_at=grant.granted_at))
                s.flush()
                AuditLog(s, self.ctx.actor).append(
                    "sync.lease", "number_lease", grant.lease_id,
                    {"register": request.register, "year_be": request.year_be,
                     "first": grant.first, "last": grant.last,
                     "request_id": request.request_id})
        return [LeaseChange(request.register, request.year_be, grant.first, grant.last,
                            "leased")]

    def _drop_request(self, request: PendingLeaseRequest, error: SyncError) -> None:
        with self.ctx.database.write() as s:
            s.execute(delete(NumberLease).where(NumberLease.lease_id == request.request_id,
                                                NumberLease.first == _PENDING_FIRST))
            AuditLog(s, self.ctx.actor).append(
                "sync.lease_refused", "number_lease", request.request_id,
                {"code": error.code})

    def release(self, which: Callable[[NumberLease], bool] | None = None
                ) -> list[LeaseChange]:
        """Give back the unused tails of leases (``which(lease)`` picks; None: all).

        Requests whose answer never arrived are asked for again first, so a block the
        hub granted in a lost answer is given back too, not stranded.
        """
        changes = self.resolve_pending()
        with self.ctx.database.read() as s:
            leases = list(s.scalars(select(NumberLease).where(
                NumberLease.released_at.is_(None), NumberLease.first != _PENDING_FIRST)))
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
