"""Scanned letters in the window: OCR on a lane of its own (ui/jobs.py ``Lane.OCR``).

Reading a page takes seconds, so it never runs on the database lane, where it would
hold up every register page and search behind it. Each letter is planned and kept on
the database lane (quick reads and one write) and read in between on the OCR lane,
the way the command line runs the same three steps of services/ocr.py in one go.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from korat_desktop.errors import KoratError, PdfError, StoreError
from korat_desktop.ui.input_files import read_file
from korat_desktop.ui.jobs import Job, Lane, Progress

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp
    from korat_desktop.services.intake import IntakeResult
    from korat_desktop.services.ocr import OcrBatch
    from korat_desktop.ui.operations import Operations

__all__ = ["ScanOperations"]

T = TypeVar("T")


class ScanOperations:
    def __init__(self, operations: Operations) -> None:
        self._ops = operations

    def _on_database(self, name: str, fn: Callable[[KoratApp], T]) -> T:
        """``fn(app)`` on the database lane, waited for on this (worker) lane.

        Queued on the lane itself, never refused: a lane runs in order, so this runs
        before a close queued after it, and after one queued before it (then the app is
        gone and ``store.not_initialized`` comes back): the wait always ends.
        """
        if self._ops.closing:
            raise StoreError("store.closing")
        done: concurrent.futures.Future[T] = concurrent.futures.Future()

        def work() -> None:
            try:
                done.set_result(fn(self._ops.require_app()))
            except BaseException as e:  # handed to the waiting lane
                done.set_exception(e)

        self._ops.lanes.run_plain(Lane.DATABASE, work)
        return done.result()

    def intake_file(self, path: Path) -> Job[IntakeResult]:
        """Smart intake of a PDF file; a scan's first page is read here, on the OCR lane."""
        def work(_progress: Progress) -> IntakeResult:
            from korat_desktop.pdf.ocr import read_text
            from korat_desktop.services.pdf_work import prepare_pdf

            pdf = read_file(path)
            prepared = prepare_pdf(pdf)
            text: str | None = None
            error: str | None = None
            if prepared.error_code is None and prepared.scan:
                enabled, languages = self._on_database(
                    "ocr-settings", lambda app: (app.ocr.enabled, app.ocr.languages))
                if enabled:
                    try:
                        text = read_text(pdf, languages, first_page_only=True).text
                    except PdfError as e:
                        error = e.code
            return self._on_database("intake", lambda app: app.intake.propose(
                pdf, scan_text=text, scan_error=error))

        return self._ops.submit("intake", Lane.OCR, work)

    def read_waiting(self) -> Job[OcrBatch]:
        """OCR every scan that waits (after a receive, and at start for any left over
        by a closed window); the letters it read refresh their views. Fails only when
        OCR is not installed (``pdf.ocr_unavailable``: the letters keep waiting)."""
        def work(progress: Progress) -> OcrBatch:
            from korat_desktop.services.ocr import OcrBatch, read

            ids = self._on_database(
                "ocr-pending", lambda app: app.ocr.pending() if app.ocr.enabled else [])
            outcomes = []
            for n, entry_id in enumerate(ids):
                progress(n, len(ids))
                for _attempt in range(3):
                    try:
                        plan = self._on_database(
                            "ocr-plan", lambda app, i=entry_id: app.ocr.plan(i))  # type: ignore[misc]
                    except KoratError as e:
                        if e.code == "store.closing":
                            raise
                        break  # read meanwhile, or not a scan after all: nothing to do
                    reading = read(plan)
                    outcome = self._on_database(
                        "ocr-keep", lambda app, p=plan, r=reading: app.ocr.keep(p, r))  # type: ignore[misc]
                    if outcome is not None:
                        outcomes.append(outcome)
                        break
            progress(len(ids), len(ids))
            return OcrBatch(tuple(outcomes))

        return self._ops.announcing(self._ops.submit("ocr", Lane.OCR, work))
