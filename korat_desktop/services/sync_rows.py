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

__all__ = ["Delivery", "DeliverySummary", "InboxLine", "OutboxLine"]


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
    recipient_names: tuple[str, ...] = ()  # the agencies' names (the code when unknown)
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


_STATE_WORDS = {  # state: (Thai, English)
    "not_queued": ("ยังไม่ได้ส่ง", "Not sent yet"),
    "waiting": ("รอส่ง", "Waiting to go"),
    "failed": ("ส่งไม่สำเร็จ", "Could not be sent"),
    "sent": ("ส่งแล้ว รอลงรับ", "Sent, not yet received"),
    "partly": ("ลงรับแล้ว {done}/{total}", "Received by {done} of {total}"),
    "received": ("ลงรับครบแล้ว", "Received by all"),
}


@dataclass(frozen=True)
class DeliverySummary:
    """A sent letter's delivery in one line, for the send register's column: where it
    is, and each recipient's receive number once they registered it."""

    entry_id: int
    recipients: tuple[str, ...]  # names
    state: str  # a key of _STATE_WORDS
    receipts: tuple[tuple[str, str], ...]  # (recipient name, its receive number "15/2569")

    def text(self, lang: str) -> str:
        th, en = _STATE_WORDS[self.state]
        words = (th if lang == "th" else en).format(done=len(self.receipts),
                                                    total=len(self.recipients))
        if len(self.recipients) == 1 and self.receipts:
            number = self.receipts[0][1]
            return f"{words} ({'เลขรับ' if lang == 'th' else 'no.'} {number})"
        return words

    def details(self, lang: str) -> str:
        """Every recipient on its own line with its receive number (the tooltip)."""
        numbers = dict(self.receipts)
        waiting = "ยังไม่ลงรับ" if lang == "th" else "not received yet"
        label = "เลขรับ" if lang == "th" else "receive no."
        return "\n".join([self.text(lang)] + [
            f"{name}: {label} {numbers[name]}" if name in numbers else f"{name}: {waiting}"
            for name in self.recipients])
