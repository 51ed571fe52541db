"""Register numbers: consecutive per register and calendar year (BE), never reused.

Called inside a write transaction that began with BEGIN IMMEDIATE, so reading and
bumping the counter cannot interleave with another process doing the same.

Two sources of numbers:

* A standalone install (not enrolled at a hub) counts locally: it is the only
  device of its agency, so its own counter is the register.
* An enrolled device takes numbers only from blocks leased from the hub
  (``number_lease``), in order. Several devices of one agency then never issue the
  same number even while all are offline. When no leased number is left the device
  refuses with a clear message: inventing a number would risk a duplicate.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from korat_desktop.domain.registers import RegisterKind
from korat_desktop.errors import StoreError
from korat_desktop.store.db import raw_connection

__all__ = ["RegisterNumbers", "is_enrolled"]


def is_enrolled(session: Session) -> bool:
    """Whether this device is enrolled at a hub (numbers then come from leases)."""
    conn = raw_connection(session)
    return conn.execute("SELECT 1 FROM sync_enrollment WHERE id = 1").fetchone() is not None


class RegisterNumbers:
    def __init__(self, session: Session) -> None:
        self.session = session

    def take(self, register: RegisterKind, year_be: int) -> int:
        """The next number of ``register`` in ``year_be``; numbering starts at 1 each year."""
        if is_enrolled(self.session):
            return self._take_leased(register, year_be)
        conn = raw_connection(self.session)
        row = conn.execute(
            "UPDATE register_counter SET next_number = next_number + 1 "
            "WHERE register = ? AND year_be = ? RETURNING next_number - 1",
            (register.value, year_be)).fetchone()
        if row is not None:
            return int(row[0])
        conn.execute(
            "INSERT INTO register_counter (register, year_be, next_number) VALUES (?, ?, 2)",
            (register.value, year_be))
        return 1

    def _take_leased(self, register: RegisterKind, year_be: int) -> int:
        """The lowest unused number of this device's leased blocks.

        A leased number already in the local register (issued before the device was
        enrolled) is passed over: the block is this device's, so nobody else has it.
        """
        conn = raw_connection(self.session)
        while True:
            row = conn.execute(
                "SELECT lease_id, next_number FROM number_lease WHERE register = ? AND "
                "year_be = ? AND released_at IS NULL AND next_number <= last "
                "ORDER BY first LIMIT 1", (register.value, year_be)).fetchone()
            if row is None:
                raise StoreError("store.no_leased_numbers", register=register.value,
                                 year=year_be)
            lease_id, number = row[0], int(row[1])
            conn.execute("UPDATE number_lease SET next_number = next_number + 1 "
                         "WHERE lease_id = ?", (lease_id,))
            taken = conn.execute(
                "SELECT 1 FROM register_entry WHERE register = ? AND year_be = ? AND number = ?",
                (register.value, year_be, number)).fetchone()
            if taken is None:
                return number

    def remaining_leased(self, register: RegisterKind, year_be: int) -> int:
        """How many leased numbers this device can still issue offline."""
        conn = raw_connection(self.session)
        row = conn.execute(
            "SELECT COALESCE(SUM(last - next_number + 1), 0) FROM number_lease WHERE "
            "register = ? AND year_be = ? AND released_at IS NULL AND next_number <= last",
            (register.value, year_be)).fetchone()
        return int(row[0])

    def peek(self, register: RegisterKind, year_be: int) -> int:
        """The number :meth:`take` would give next (0 when an enrolled device has none)."""
        conn = raw_connection(self.session)
        if is_enrolled(self.session):
            row = conn.execute(
                "SELECT next_number FROM number_lease WHERE register = ? AND year_be = ? "
                "AND released_at IS NULL AND next_number <= last ORDER BY first LIMIT 1",
                (register.value, year_be)).fetchone()
            return 0 if row is None else int(row[0])
        row = conn.execute("SELECT next_number FROM register_counter WHERE register = ? "
                           "AND year_be = ?", (register.value, year_be)).fetchone()
        return 1 if row is None else int(row[0])
