"""Plain results of operations: what the UI and CLI receive."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Protocol

from korat_desktop.domain.registers import RegisterEntry, RegisterKind

if TYPE_CHECKING:
    from korat_desktop.config import Paths, SettingValue
    from korat_desktop.errors import KoratError

__all__ = ["Changed", "Changes", "RegisterResult", "VersionInfo", "HistoryItem",
           "DocumentDetail", "OfficeInfo", "OfficeResult", "DeliveryReceiptInfo",
           "SettingsResult", "SettingsView", "OpError"]


@dataclass(frozen=True)
class OpError:
    """An error as plain data (code + parameters), so results stay frozen and JSON-able."""

    code: str
    params: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, error: KoratError) -> OpError:
        return cls(error.code, {k: str(v) for k, v in error.params.items()})

    def message(self, lang: str = "en") -> str:
        from korat_desktop.messages import render

        return render(self.code, lang, self.params)


@dataclass(frozen=True)
class Changes:
    """What a mutation changed, so views refresh from one signal (house rule 3).

    Like Anki's ``OpChanges``: each view looks at the kinds of data it shows and
    refreshes only when one of them changed.
    """

    registers: frozenset[RegisterKind] = frozenset()
    entries: frozenset[int] = frozenset()
    documents: frozenset[int] = frozenset()
    office: bool = False  # the office, or this device's sign-in to the hub
    drafts: bool = False  # a draft (ร่าง) was made, changed, issued or deleted
    outbox: bool = False  # something was queued, retried, sent or refused
    inbox: bool = False  # a letter arrived from the hub, or one was registered
    receipts: bool = False  # a delivery receipt arrived for a letter we sent
    signatures: bool = False  # a document was signed or its signature upgraded
    settings: bool = False  # a user setting changed
    couriers: bool = False  # a courier bundle was written or imported (the courier log)

    def __or__(self, other: Changes) -> Changes:
        merged = {}
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            merged[f.name] = mine | theirs
        return Changes(**merged)

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))


class Changed(Protocol):
    """A mutation's result: whatever else it carries, it says what changed."""

    @property
    def changes(self) -> Changes: ...


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
    details: str  # the audit record's JSON, as stored (and hash-chained)

    @property
    def params(self) -> dict[str, str]:
        """The details as words to fill a sentence with; {} when there are none."""
        try:
            data = json.loads(self.details) if self.details else {}
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


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


@dataclass(frozen=True)
class OfficeResult:
    office: OfficeInfo
    changes: Changes


@dataclass(frozen=True)
class SettingsResult:
    """User settings were written; ``settings`` is the new description of all of them."""

    settings: tuple[SettingValue, ...]
    changes: Changes = Changes(settings=True)


@dataclass(frozen=True)
class SettingsView:
    """Every setting as in force now, and the office this data folder belongs to (its
    agency code and name are the office's, set at first start; the settings of the same
    name only seed that first start), or None before the office is set."""

    settings: tuple[SettingValue, ...]
    office: OfficeInfo | None
    paths: Paths
