"""Plain results of operations: what the UI and CLI receive."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from korat_desktop.domain.registers import RegisterEntry, RegisterKind

__all__ = ["Changes", "RegisterResult", "VersionInfo", "HistoryItem", "DocumentDetail",
           "OfficeInfo", "DeliveryReceiptInfo"]


@dataclass(frozen=True)
class Changes:
    """What a mutation changed, so views refresh from one signal (house rule 3)."""

    registers: frozenset[RegisterKind] = frozenset()
    entries: frozenset[int] = frozenset()
    documents: frozenset[int] = frozenset()
    office: bool = False
    drafts: bool = False  # a draft (ร่าง) was made, changed, issued or deleted

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.registers | other.registers, self.entries | other.entries,
                       self.documents | other.documents, self.office or other.office,
                       self.drafts or other.drafts)

    @property
    def empty(self) -> bool:
        return not (self.registers or self.entries or self.documents or self.office
                    or self.drafts)


@dataclass(frozen=True)
class RegisterResult:
    entry: RegisterEntry
    changes: Changes


@dataclass(frozen=True)
class VersionInfo:
    seq: int
    role: str
    sha256: str
    size: int
    signature_level: str | None
    created_at: dt.datetime


@dataclass(frozen=True)
class HistoryItem:
    seq: int
    at: dt.datetime
    actor: str
    action: str
    details: str


@dataclass(frozen=True)
class DeliveryReceiptInfo:
    """A receiving agency registered our letter: their receive number, date and time."""

    agency_code: str
    agency_name: str
    receive_year: int
    receive_number: int
    received_date: dt.date
    received_time: str  # HH:MM, Thai time
    committed_at: dt.datetime


@dataclass(frozen=True)
class DocumentDetail:
    entry: RegisterEntry
    notes: str
    document_uid: str
    versions: tuple[VersionInfo, ...] = field(default_factory=tuple)
    history: tuple[HistoryItem, ...] = field(default_factory=tuple)
    receipts: tuple[DeliveryReceiptInfo, ...] = field(default_factory=tuple)
    # What another reader may run or open in this letter's PDF (pdf.active_content).
    active_content: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class OfficeInfo:
    agency_code: str
    agency_name: str
    device_id: str
    created_at: dt.datetime
