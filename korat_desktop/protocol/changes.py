"""The change feed a device pulls: what happened that its agency should know.

``GET /changes?since=<cursor>&limit=N`` answers a :class:`ChangePage` in the
agency's own order. Cursors are opaque strings: store ``next_cursor`` after applying
the page in one transaction, send it back as ``since``. Cursors only move forward.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from korat_desktop.protocol.ops import LetterReceiptOp, LetterSendOp, NumberVoidOp
from korat_desktop.protocol.types import AgencyCode, OpId, ResponseModel

__all__ = ["DEFAULT_PAGE", "MAX_PAGE", "Change", "ChangeKind", "ChangePage", "CURSOR_PATTERN"]

CURSOR_PATTERN = r"^[A-Za-z0-9_-]{0,64}$"
"""A changes cursor as the hub makes them: URL-safe base64 without padding (opaque)."""


MAX_PAGE = 500
DEFAULT_PAGE = 100


class ChangeKind(StrEnum):
    """Why this agency sees the operation."""

    INBOX = "inbox"  # a letter.send addressed to this agency
    DELIVERY_RECEIPT = "delivery_receipt"  # a letter.receipt for a letter this agency sent
    OWN = "own"  # committed by this agency (maybe by another of its devices)


class Change(ResponseModel):
    cursor: str
    kind: ChangeKind
    op_id: OpId
    agency: AgencyCode = Field(description="The agency that committed the operation")
    committed_at: dt.datetime
    op: LetterSendOp | LetterReceiptOp | NumberVoidOp = Field(discriminator="kind")


class ChangePage(ResponseModel):
    changes: list[Change]
    next_cursor: str = Field(description="Send as `since` next time (same as `since` when empty)")
    has_more: bool
