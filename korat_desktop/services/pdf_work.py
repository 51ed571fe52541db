"""PDF work for batches, spread over the machine's cores.

Checking, text extraction and receipt stamping are pure CPU work on bytes, so a batch
of letters (a clerk dropping fifty PDFs, an import) runs them in worker processes
while the main process keeps the database. Small batches stay in-process: starting
workers costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from korat_desktop.errors import KoratError, PdfError

__all__ = ["Prepared", "PdfWorkers", "prepare_pdf", "PARALLEL_THRESHOLD"]

PARALLEL_THRESHOLD = 16


@dataclass(frozen=True)
class Prepared:
    """A checked PDF and its text, or the reason it was refused."""

    text: str = ""
    signature_level: str | None = None  # a letter that arrives already signed
    error_code: str | None = None
    error_params: tuple[tuple[str, str], ...] = ()

    def raise_if_failed(self) -> None:
        if self.error_code is not None:
            raise PdfError(self.error_code, **dict(self.error_params))


def prepare_pdf(pdf: bytes) -> Prepared:
    from korat_desktop.pdf.inspect import check_pdf
    from korat_desktop.pdf.text import extract_text

    try:
        info = check_pdf(pdf)
    except KoratError as e:  # returned, not raised: KoratError does not pickle its params
        return Prepared(error_code=e.code,
                        error_params=tuple((k, str(v)) for k, v in e.params.items()))
    level = None
    if info.has_signatures:
        from korat_desktop.services.signing_ops import recorded_level

        level = recorded_level(pdf)
    return Prepared(text=extract_text(pdf), signature_level=level)


def _stamp(args: tuple[bytes, Any]) -> bytes:
    from korat_desktop.pdf.receipt_stamp import stamp_receipt

    pdf, stamp = args
    return stamp_receipt(pdf, stamp)


class PdfWorkers:
    """A lazily started process pool; in-process for small batches."""

    def __init__(self) -> None:
        self._pool: Executor | None = None

    def _executor(self) -> Executor:
        if self._pool is None:
            # spawn: never fork a process that may hold Qt, threads or SQLite handles.
            self._pool = ProcessPoolExecutor(max_workers=max(1, os.cpu_count() or 1),
                                             mp_context=multiprocessing.get_context("spawn"))
        return self._pool

    def prepare(self, pdfs: Sequence[bytes]) -> list[Prepared]:
        if len(pdfs) < PARALLEL_THRESHOLD:
            return [prepare_pdf(p) for p in pdfs]
        return list(self._executor().map(prepare_pdf, pdfs, chunksize=4))

    def stamp_stream(self, jobs: Sequence[tuple[bytes, Any]]) -> Iterator[bytes]:
        """Stamped PDFs in order, yielded as they are ready (lazily for small batches)."""
        if len(jobs) < PARALLEL_THRESHOLD:
            return (_stamp(j) for j in jobs)
        return self._executor().map(_stamp, jobs, chunksize=2)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
