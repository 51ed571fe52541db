"""The store's health check IT runs (``korat check``) and diagnostics include.

One place answers "is this office's data intact?": SQLite's own integrity check, every
blob a row names present and hashing to its name, blobs no row names (left by a crash
before commit; harmless, listed), and the audit chain. The CLI prints it; the
diagnostics zip carries it; neither repeats the queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select, text

from korat_desktop.store.models import Blob

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp

__all__ = ["IntegrityReport", "check_integrity"]


@dataclass(frozen=True)
class IntegrityReport:
    sqlite: str
    blobs: int
    missing_blobs: tuple[str, ...]
    damaged_blobs: tuple[str, ...]
    orphan_blobs: tuple[str, ...]
    audit_ok: bool
    audit_records: int

    @property
    def ok(self) -> bool:
        return (self.sqlite == "ok" and not self.missing_blobs and not self.damaged_blobs
                and self.audit_ok)

    def summary(self) -> str:
        return (f"sqlite: {self.sqlite}; blobs: {self.blobs} ({len(self.missing_blobs)} "
                f"missing, {len(self.damaged_blobs)} damaged, {len(self.orphan_blobs)} "
                f"orphan); audit: {'OK' if self.audit_ok else 'BROKEN'}")


def check_integrity(app: KoratApp) -> IntegrityReport:
    with app.database.read() as s:
        integrity = str(s.execute(text("PRAGMA integrity_check")).scalar())
        hashes = list(s.scalars(select(Blob.sha256)))
    missing = tuple(h for h in hashes if not app.blobs.exists(h))
    damaged = tuple(h for h in hashes if h not in missing and not app.blobs.verify(h))
    audit = app.queries.verify_audit()
    orphans = tuple(sorted(set(app.blobs.all_hashes()) - set(hashes)))
    return IntegrityReport(integrity, len(hashes), missing, damaged, orphans, audit.ok,
                           audit.records)
