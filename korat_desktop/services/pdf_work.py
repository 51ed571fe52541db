"""PDF work for batches, spread over the machine's cores.

Checking, text extraction and receipt stamping are pure CPU work on bytes, so a batch
of letters (a clerk dropping fifty PDFs, an import) runs them in worker processes
while the main process keeps the database. Small batches stay in-process: starting
workers costs more than it saves.

Every failure on one PDF is that PDF's alone: whatever a hostile or damaged file makes
a library raise comes back as a ``pdf.*`` refusal for that file (never an exception
that would take the rest of the batch down with it).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from korat_desktop.errors import KoratError, PdfError

__all__ = ["Prepared", "Stamped", "PdfWorkers", "prepare_pdf", "PARALLEL_THRESHOLD"]

PARALLEL_THRESHOLD = 16


@dataclass(frozen=True)
class Prepared:
    """A checked PDF and its text, or the reason it was refused."""

    text: str = ""
    signature_level: str | None = None  # a letter that arrives already signed
    active_content: tuple[str, ...] = ()  # pdf.active_content.ACTIVE_KINDS found
    scan: bool = False  # page images and no text of its own: OCR may read it (pdf/ocr.py)
    error_code: str | None = None
    error_params: tuple[tuple[str, str], ...] = ()

    def raise_if_failed(self) -> None:
        if self.error_code is not None:
            raise PdfError(self.error_code, **dict(self.error_params))


@dataclass(frozen=True)
class Stamped:
    """A receipt-stamped PDF, or the reason the stamp could not be added."""

    pdf: bytes = b""
    error_code: str | None = None
    error_params: tuple[tuple[str, str], ...] = ()


def _refusal(e: BaseException) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A failure as (code, params) that pickles (KoratError does not pickle its params).

    Anything that is not already a KoratError is a library tripping over the file.
    """
    if not isinstance(e, KoratError):
        text = str(e) or type(e).__name__
        e = PdfError("pdf.corrupt", detail=text if len(text) <= 160 else text[:157] + "...")
    return e.code, tuple((k, str(v)) for k, v in e.params.items())


def prepare_pdf(pdf: bytes) -> Prepared:
    from korat_desktop.pdf.inspect import check_pdf
    from korat_desktop.pdf.ocr import is_image_only
    from korat_desktop.pdf.text import extract_text

    try:
        info = check_pdf(pdf)
        level = None
        if info.has_signatures:
            from korat_desktop.services.signing_ops import recorded_level

            level = recorded_level(pdf)
        text = extract_text(pdf)
        return Prepared(text=text, signature_level=level, active_content=info.active_content,
                        scan=is_image_only(pdf, text))
    except Exception as e:  # this file's failure, whatever raised it
        code, params = _refusal(e)
        return Prepared(error_code=code, error_params=params)


def _stamp(args: tuple[bytes, Any]) -> Stamped:
    from korat_desktop.pdf.receipt_stamp import stamp_receipt

    pdf, stamp = args
    try:
        return Stamped(stamp_receipt(pdf, stamp))
    except Exception as e:  # this file's failure, whatever raised it
        code, params = _refusal(e)
        return Stamped(error_code=code, error_params=params)


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

    def stamp_stream(self, jobs: Sequence[tuple[bytes, Any]]) -> Iterator[Stamped]:
        """Stamped PDFs in order, yielded as they are ready (lazily for small batches)."""
        if len(jobs) < PARALLEL_THRESHOLD:
            return (_stamp(j) for j in jobs)
        return self._executor().map(_stamp, jobs, chunksize=2)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
