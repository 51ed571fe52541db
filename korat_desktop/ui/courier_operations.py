"""Couriers (พนักงานนำสาร) for the UI: ``app.courier`` on the database lane.

Export and import are mutations: their Changes go out on the one ``changes`` signal.
Both report progress. An export signs with the clerk's token session (or the office's
PKCS#12 certificate), so while it runs the token poller stays away, as for signing
letters. Before anyone types a PIN the chosen folder is tried with a small write, so a
read-only or missing stick is said at once, in the core's own words (``file.*``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from korat_desktop.errors import UsageError
from korat_desktop.ui.jobs import Job, Lane, Progress
from korat_desktop.ui.signer_handle import SignerHandle

if TYPE_CHECKING:  # the core's types load with the first answer
    from korat_desktop.app import KoratApp
    from korat_desktop.services.courier_results import (
        CourierBundleView,
        CourierProgress,
        ExportResult,
        ImportResult,
    )
    from korat_desktop.services.sync_rows import OutboxLine
    from korat_desktop.ui.operations import Operations

__all__ = ["CourierOperations", "check_writable"]


class CourierOperations:
    """``operations.courier``: what may go, export, import, and the courier log."""

    def __init__(self, operations: Operations) -> None:
        self._ops = operations

    def pending(self, to_agencies: Sequence[str] | None = None) -> Job[list[OutboxLine]]:
        """The operations a courier may carry, each with its letter's subject and number."""
        codes = list(to_agencies) if to_agencies else None
        return self._ops.database_job("courier-pending", lambda app: _pending(app, codes))

    def check_destination(self, folder: Path) -> Job[Path]:
        """Try writing in ``folder`` (off the UI thread: a stick can be slow or gone)."""
        return self._ops.submit("courier-check", Lane.DATABASE,
                                lambda _p: check_writable(Path(folder)))

    def export(self, dest: Path, signer: SignerHandle, *, op_ids: Sequence[str] = (),
               to_agencies: Sequence[str] = (), for_agency: str | None = None
               ) -> Job[ExportResult]:
        """Write the bundle(s) into ``dest``; progress counts what the service reports.
        ``for_agency``: what waits at the hub for an agency we relay for (fetched from
        the hub on this lane, so the store is not used by two threads at once)."""
        ops, codes = tuple(op_ids), tuple(to_agencies)

        def work(progress: Progress) -> ExportResult:
            session = signer._session
            if session is None:
                raise UsageError("usage.bad_argument", name="signer", detail="closed")
            app = self._ops.require_app()
            self._ops.signing_active = True
            try:
                return app.courier.export(Path(dest), to_agencies=codes, op_ids=ops,
                                          for_agency=for_agency, signer=session,
                                          progress=_reporter(progress))
            finally:
                self._ops.signing_active = False

        return self._ops.announcing(self._ops.submit("courier-export", Lane.DATABASE, work))

    def import_files(self, paths: Sequence[Path]) -> Job[ImportResult]:
        """Import bundles; one bad file fails alone (its item carries the error)."""
        files = [Path(p) for p in paths]

        def work(progress: Progress) -> ImportResult:
            return self._ops.require_app().courier.import_files(
                files, progress=_reporter(progress))

        return self._ops.announcing(self._ops.submit("courier-import", Lane.DATABASE, work))

    def log(self, limit: int = 200) -> Job[list[CourierBundleView]]:
        """Bundles out and in, newest first, each with its operations."""
        return self._ops.database_job("courier-log", lambda app: app.courier.log(limit=limit))

    def open_file_signer(self, path: Path, password: str | None) -> Job[SignerHandle]:
        """The office's PKCS#12 certificate as a signer (no token). The password is
        held in a one-slot list the worker empties, as PINs are."""
        secret = [password]

        def work(_progress: Progress) -> SignerHandle:
            from korat_desktop.signing.signers import Pkcs12Signer

            typed = secret.pop() if secret else None
            try:
                return SignerHandle(Pkcs12Signer(Path(path), typed))
            finally:
                del typed

        return self._ops.submit("open-file-signer", Lane.TOKEN, work)


# -- work done on the lanes ------------------------------------------------------------------
def check_writable(folder: Path) -> Path:
    """``folder`` if a file can be made there; else the core's FileError for it."""
    from korat_desktop.files import file_error

    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".korat-check-") as probe:
            probe.write(b"\0")
            probe.flush()
    except OSError as e:
        raise file_error(e, folder) from e
    return folder


def _pending(app: KoratApp, codes: list[str] | None) -> list[OutboxLine]:
    from korat_desktop.services.sync_rows import OutboxLine

    ops = app.courier.pending(to_agencies=codes)
    lines = {line.op.op_id: line for line in (app.sync.outbox_lines(limit=None) or ())}
    return [lines.get(op.op_id) or OutboxLine(op) for op in ops]


def _reporter(progress: Progress) -> Callable[[CourierProgress], None]:
    """The service's progress steps as the job's (done, total, phase)."""
    def report(step: CourierProgress) -> None:
        progress(step.done, step.total, step.phase)

    return report
