"""Composition root: reads config, opens the store, builds the services. Nothing else.

The CLI and the UI both start here, so they run the very same operations.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from korat_desktop.config import Config, load_config
from korat_desktop.store.blobs import BlobStore
from korat_desktop.store.db import Database
from korat_desktop.store.lock import InstanceLock
from korat_desktop.store.recovery import RecoveryReport, WriterMark, recover

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from korat_desktop.courier.directory_keys import DirectoryKeys
    from korat_desktop.services.courier import CourierService
    from korat_desktop.services.drafts import Drafts
    from korat_desktop.services.intake import IntakeService
    from korat_desktop.services.keys import KeysService
    from korat_desktop.services.ocr import ScanOcr
    from korat_desktop.services.office import OfficeSetup
    from korat_desktop.services.pdf_work import PdfWorkers
    from korat_desktop.services.printing import Printing
    from korat_desktop.services.queries import RegisterQueries
    from korat_desktop.services.registration import Registration
    from korat_desktop.services.reports import RegisterReport
    from korat_desktop.services.secrets import SecretLetters
    from korat_desktop.services.signing_ops import DocumentSigning
    from korat_desktop.services.sync_ops import SyncOperations

__all__ = ["KoratApp", "open_app"]


@dataclass
class KoratApp:
    config: Config
    database: Database
    blobs: BlobStore
    lock: InstanceLock | None = None
    recovery: RecoveryReport | None = None
    _mark: WriterMark | None = field(default=None, repr=False)
    _pdf_workers: PdfWorkers | None = field(default=None, repr=False)

    @property
    def pdf_workers(self) -> PdfWorkers:
        if self._pdf_workers is None:
            from korat_desktop.services.pdf_work import PdfWorkers

            self._pdf_workers = PdfWorkers()
        return self._pdf_workers

    @property
    def data_dir(self) -> Path:
        return self.config.paths.data_dir

    # The services, each built once on first use (they keep no state of their own
    # beyond the app): the CLI and the UI reach every one of them here, never by
    # constructing it themselves, so both run the very same operations.
    @cached_property
    def registration(self) -> Registration:
        from korat_desktop.services.registration import Registration

        return Registration(self)

    @cached_property
    def queries(self) -> RegisterQueries:
        from korat_desktop.services.queries import RegisterQueries

        return RegisterQueries(self)

    @cached_property
    def signing(self) -> DocumentSigning:
        from korat_desktop.services.signing_ops import DocumentSigning

        return DocumentSigning(self)

    @cached_property
    def sync(self) -> SyncOperations:
        from korat_desktop.services.sync_ops import SyncOperations

        return SyncOperations(self)

    @cached_property
    def courier(self) -> CourierService:
        from korat_desktop.services.courier import CourierService

        return CourierService(self)

    @cached_property
    def office(self) -> OfficeSetup:
        from korat_desktop.services.office import OfficeSetup

        return OfficeSetup(self)

    @cached_property
    def drafts(self) -> Drafts:
        from korat_desktop.services.drafts import Drafts

        return Drafts(self)

    @cached_property
    def intake(self) -> IntakeService:
        from korat_desktop.services.intake import IntakeService

        return IntakeService(self)

    @cached_property
    def ocr(self) -> ScanOcr:
        from korat_desktop.services.ocr import ScanOcr

        return ScanOcr(self)

    @cached_property
    def printing(self) -> Printing:
        from korat_desktop.services.printing import Printing

        return Printing(self)

    @cached_property
    def reports(self) -> RegisterReport:
        from korat_desktop.services.reports import RegisterReport

        return RegisterReport(self)

    @cached_property
    def keys(self) -> KeysService:
        from korat_desktop.services.keys import KeysService

        return KeysService(self)

    @cached_property
    def secrets(self) -> SecretLetters:
        """Secret letters: the office key unlocked for this session, opening them."""
        from korat_desktop.services.secrets import SecretLetters

        return SecretLetters(self)

    @property
    def courier_keys(self) -> DirectoryKeys:
        """The courier's keys (directory, our keyring keys, trust roots), built afresh
        each time so changed trust-root settings count."""
        from korat_desktop.courier.directory_keys import DirectoryKeys
        from korat_desktop.signing.settings import SigningSettings
        from korat_desktop.signing.trust import load_trust_roots

        roots = load_trust_roots(SigningSettings.from_config(self.config))
        return DirectoryKeys(self.database, self.keys.office_keys, roots)

    def keep_writer_mark(self) -> None:
        """A write failed after blobs may have reached the disk: leave the mark so the next
        exclusive opener sweeps them (deleting them now could race another writer)."""
        self._mark = None

    @contextmanager
    def blob_write(self) -> Iterator[Session]:
        """A write transaction that may put blobs on disk before it commits (a letter's
        PDF, a signed version): if it fails, the writer mark stays so the next exclusive
        opener sweeps what reached the disk."""
        try:
            with self.database.write() as s:
                yield s
        except BaseException:
            self.keep_writer_mark()
            raise

    def close(self) -> None:
        if self._pdf_workers is not None:
            self._pdf_workers.close()
            self._pdf_workers = None
        if self._mark is not None:
            self._mark.clear()
            self._mark = None
        self.database.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def open_app(data_dir: str | Path | None = None, *, write: bool = False,
             exclusive: bool = False, create: bool = False,
             purpose: str = "korat") -> KoratApp:
    """Open the data dir.

    ``write`` takes the instance lock shared (scripts may write side by side);
    ``exclusive`` takes it exclusively (the desktop app, daemons). Either way, if no
    one else holds it, crash leftovers are cleaned up first.
    """
    config = load_config(data_dir)
    paths = config.paths
    lock = None
    if write or exclusive:
        lock = InstanceLock(paths.lock_file, exclusive=exclusive, purpose=purpose).acquire()
    try:
        database = Database(paths.database_file, create=create)
        blobs = BlobStore(paths.blob_dir)
        app = KoratApp(config, database, blobs, lock)
        if lock is not None:
            marks_dir = paths.data_dir / "writers"
            if exclusive:
                app.recovery = recover(database, blobs, marks_dir)
            elif lock.try_upgrade():
                try:
                    app.recovery = recover(database, blobs, marks_dir)
                finally:
                    lock.downgrade()
            app._mark = WriterMark(marks_dir)
            app._mark.set()
        return app
    except BaseException:
        if lock is not None:
            lock.release()
        raise
