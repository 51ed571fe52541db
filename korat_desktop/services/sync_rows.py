"""The rows of the inbox, outbox and delivery views (built in :mod:`.sync_lines`).

Plain frozen data, cheap to import: the views name these types when they load, before
the store and the wire format are needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from korat_desktop.services.results import DeliveryReceiptInfo
    from korat_desktop.sync.inbox import InboxItem
    from korat_desktop.sync.outbox import OutboxOperation, SyncIssue

__all__ = ["Delivery", "InboxLine", "OutboxLine"]


@dataclass(frozen=True)
class InboxLine:
    """A letter another office sent us; ``receive_number`` once we registered it."""

    item: InboxItem
    receive_number: str = ""  # "12/2569"

    @property
    def key(self) -> int:
        return self.item.id


@dataclass(frozen=True)
class OutboxLine:
    """One outgoing operation and, for a letter, the agencies it is addressed to."""

    op: OutboxOperation
    subject: str = ""
    letter_number: str = ""
    recipients: tuple[str, ...] = ()
    bundles: tuple[str, ...] = ()  # courier bundles (file names) it went out on
    secrecy: str = "none"  # a letter's ชั้นความลับ (Secrecy value)

    @property
    def key(self) -> str:
        return self.op.op_id


@dataclass(frozen=True)
class Delivery:
    """How a sent letter is doing: whom it goes to, where it is, who registered it."""

    recipients: tuple[tuple[str, str], ...]  # (code, name)
    state: str | None  # queued | committed | failed | refused, None: not queued yet
    error: SyncIssue | None
    receipts: tuple[DeliveryReceiptInfo, ...]
    connected: bool

    @property
    def can_queue(self) -> bool:
        return self.connected and self.state is None and bool(self.recipients)
