"""Where the receipt stamp goes on a letter, and the place remembered per sender.

A clerk who moves the stamp on a letter from an office usually wants it there on that
office's next letter too (its letterhead is the same), so the place is kept per sender:
its agency code when the letter came through the hub, else the จาก text. It is used
on the next letter only where that page is blank; elsewhere the free-space search of
pdf/free_space.py decides. Kept in the local store (table ``stamp_position``), per
device: it is the clerk's preference, not a record, and never travels.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from korat_desktop.pdf.free_space import StampPlace, StampRequest, choose_place, ink_map
from korat_desktop.store.db import raw_connection
from korat_desktop.store.models import sql_timestamp

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp

__all__ = ["StampProposal", "propose_stamp", "remember", "remembered", "sender_key"]


@dataclass(frozen=True)
class StampProposal:
    """Where the stamp would go on page 1 (sizes in mm, page as displayed)."""

    page_mm: tuple[float, float]
    size_mm: tuple[float, float]
    place: StampPlace


def sender_key(sender: str, sender_code: str = "") -> str:
    """The key a sender's place is kept under ('' when the letter names no sender)."""
    code = " ".join(sender_code.split())
    return f"code:{code}" if code else " ".join(sender.split())[:300]


def remembered(s: Session, key: str) -> tuple[float, float] | None:
    if not key:
        return None
    row = raw_connection(s).execute(
        "SELECT x_mm, y_mm FROM stamp_position WHERE sender_key = ?", (key,)).fetchone()
    return (float(row[0]), float(row[1])) if row is not None else None


def remember(s: Session, key: str, place: tuple[float, float], now: dt.datetime) -> None:
    """Keep ``place`` for this sender, inside the caller's transaction (plain SQL, as
    registration's batch savepoint rolls back beneath the ORM)."""
    if key:
        raw_connection(s).execute(
            "INSERT INTO stamp_position (sender_key, x_mm, y_mm, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (sender_key) DO UPDATE SET "
            "x_mm = excluded.x_mm, y_mm = excluded.y_mm, updated_at = excluded.updated_at",
            (key, float(place[0]), float(place[1]), sql_timestamp(now)))


def propose_stamp(app: KoratApp, pdf: bytes, sender: str, sender_code: str = ""
                  ) -> StampProposal:
    """Where registering ``pdf`` from this sender would put the stamp (nothing stored)."""
    size = (float(app.config["stamp.receipt_width_mm"]),
            float(app.config["stamp.receipt_height_mm"]))
    with app.database.read() as s:
        request = StampRequest(remembered=remembered(s, sender_key(sender, sender_code)))
    ink = ink_map(pdf)
    return StampProposal(ink.page_mm, size, choose_place(ink, *size, request))
