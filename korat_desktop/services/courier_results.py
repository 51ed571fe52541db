"""What the courier service answers: frozen rows for the CLI, the window and ``--json``.

Cheap to import (no store, no crypto): the window names these types when it loads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from korat_desktop.services.results import Changes, OpError

__all__ = ["CourierBundleView", "CourierOpView", "CourierProgress", "ExportRefusal",
           "ExportResult", "ImportItem", "ImportResult", "OpError"]


@dataclass(frozen=True)
class CourierProgress:
    """Where an export or import is. Export: ``plan`` (or ``fetch`` from the hub, relay
    outward), ``write``, ``verify``, ``record``; import: ``open``, ``store``, ``apply``.
    ``file`` is the bundle."""

    phase: str
    file: str = ""
    done: int = 0
    total: int = 0


@dataclass(frozen=True)
class CourierOpView:
    """One operation a bundle carried. ``role``: carried (out), applied (in, for us),
    relayed (in, for the hub to route). ``acknowledged``: out, the hub committed it
    or every recipient's receipt came back; in, stored here or accepted by the hub."""

    op_id: str
    kind: str
    role: str
    subject: str
    acknowledged: bool


@dataclass(frozen=True)
class CourierBundleView:
    bundle_id: str
    direction: str  # out | in
    file_name: str
    size: int
    sender_agency: str
    recipients: tuple[str, ...]
    signer: str
    created_at: dt.datetime
    expires_at: dt.datetime
    recorded_at: dt.datetime
    part: int
    parts: int
    operations: tuple[CourierOpView, ...]


@dataclass(frozen=True)
class ExportRefusal:
    """Operations that did not go (a ลับที่สุด letter, a recipient without an
    encryption certificate, a letter too big for one bundle), with the reason."""

    op_ids: tuple[str, ...]
    recipients: tuple[str, ...]
    error: OpError


@dataclass(frozen=True)
class ExportResult:
    files: tuple[Path, ...]
    bundles: tuple[CourierBundleView, ...]
    operations: int
    bytes: int
    changes: Changes
    refused: tuple[ExportRefusal, ...] = ()


@dataclass(frozen=True)
class ImportItem:
    """One bundle file: ``ok`` with what it brought (``applied`` stored here,
    ``relayed`` queued for the hub, ``already`` here before), or its ``error``."""

    path: Path
    ok: bool
    bundle_id: str | None = None
    applied: int = 0
    relayed: int = 0
    already: int = 0
    error: OpError | None = None


@dataclass(frozen=True)
class ImportResult:
    items: tuple[ImportItem, ...]
    changes: Changes = field(default_factory=Changes)
