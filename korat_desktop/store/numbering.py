"""Register numbers: consecutive per register and calendar year (BE), never reused.

Called inside a write transaction that began with BEGIN IMMEDIATE, so reading and
bumping the counter cannot interleave with another process doing the same.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from korat_desktop.domain.registers import RegisterKind
from korat_desktop.store.db import raw_connection
from korat_desktop.store.models import RegisterCounter

__all__ = ["RegisterNumbers"]


class RegisterNumbers:
    def __init__(self, session: Session) -> None:
        self.session = session

    def take(self, register: RegisterKind, year_be: int) -> int:
        """The next number of ``register`` in ``year_be``; numbering starts at 1 each year."""
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

    def peek(self, register: RegisterKind, year_be: int) -> int:
        counter = self.session.get(RegisterCounter, (register.value, year_be))
        return 1 if counter is None else counter.next_number
