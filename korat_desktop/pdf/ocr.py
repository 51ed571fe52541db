"""Thai+English OCR of scanned letters, with Tesseract through OCRmyPDF.

A scan is a PDF of page images: it has no text, so it cannot be searched and intake
has nothing to read. Two ways to give it text:

* :func:`add_text_layer` (an unsigned scan): OCRmyPDF writes a new PDF with an
  invisible text layer over the page images (``redo_ocr``: a page that already carries
  visible text, such as our receipt stamp drawn into the content, keeps it and only its
  images are read). The caller keeps it as a new version; the scan stays version 1.
* :func:`read_text` (a signed scan, or just the first page for intake): the pages are
  read to text only and nothing is written, so a signature's bytes are never touched.

The text comes from Tesseract's own output (OCRmyPDF's sidecar), not from extracting
the new layer again: the layer places each Thai character on its own, so an extractor
returns "ป ร ะ ชุ ม" where the page says "ประชุม". It is normalised as extracted text
is (:func:`korat_desktop.pdf.text.normalise_text`).

OCRmyPDF runs in a spawned child process: it starts its own workers, logs and
handles signals as a command-line tool does, none of which belongs in the window's
process (or beside Qt's threads). Tesseract missing, or its ``tha`` model, is
``pdf.ocr_unavailable`` with the package to install.
"""

from __future__ import annotations

import logging
import multiprocessing
import re
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from korat_desktop.errors import PdfError

__all__ = ["OcrText", "OcrLayer", "DEFAULT_LANGUAGES", "ocr_available", "add_text_layer",
           "read_text", "is_image_only", "repair_labels"]

log = logging.getLogger(__name__)

DEFAULT_LANGUAGES = ("tha", "eng")
# a page's own text below this many letters (a page number, a scanner's footer) still
# counts as a scan
_MIN_TEXT_CHARS = 16


@dataclass(frozen=True)
class OcrText:
    """What Tesseract read, page by page (form feeds between pages, as Tesseract writes)."""

    text: str
    pages: int


@dataclass(frozen=True)
class OcrLayer:
    """The scan with its text layer, and the text that layer holds."""

    pdf: bytes
    text: str
    pages: int


# The printed labels of an official letter, as Tesseract's tha model misreads them at a
# line's start: the tone mark over an upper vowel is lost (เรือง, ด่วนทีสุด), sara ii may
# go (เรยน), ที่ comes back as ที or a Latin N. Only these fixed words are mended, and
# only where the label stands.
_LABELS = (
    (re.compile(r"^(\s*)เรือง(?=\s)", re.MULTILINE), r"\1เรื่อง"),
    (re.compile(r"^(\s*)(?:ที|N|H|n)(?=\s+[ก-ฮ]{1,4}\.?\s*[0-9๐-๙])", re.MULTILINE),
     r"\1ที่"),
    (re.compile(r"^(\s*)(ลง)?วันที(?=\s)", re.MULTILINE), r"\1\2วันที่"),
    (re.compile(r"^(\s*)เร(?:ย|ี)น(?=\s)", re.MULTILINE), r"\1เรียน"),
    (re.compile(r"^(\s*)ด่วนทีสุด(?=\s|$)", re.MULTILINE), r"\1ด่วนที่สุด"),
)


def repair_labels(text: str) -> str:
    """OCR text with the letter's labels (เรื่อง, ที่, วันที่) spelt as printed, so
    intake finds them."""
    for pattern, replacement in _LABELS:
        text = pattern.sub(replacement, text)
    return text


def ocr_available(languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> str | None:
    """None when OCR can run; else the code of what is missing (for the message)."""
    try:
        import ocrmypdf  # noqa: F401
    except ImportError:
        return "ocrmypdf"
    exe = shutil.which("tesseract")
    if exe is None:
        return "tesseract-ocr"
    import subprocess

    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True,
                             timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return "tesseract-ocr"
    have = {line.strip() for line in out.splitlines()[1:]}
    for lang in languages:
        if lang not in have:
            return f"tesseract-ocr-{lang}"
    return None


def is_image_only(pdf: bytes, text: str | None = None) -> bool:
    """A scan: some page shows an image and no page has text of its own.

    ``text`` is the document's extracted text when the caller has it (registration
    does): with enough of it the file is not a scan and is not parsed again.
    """
    if text is not None and len(text.strip()) >= _MIN_TEXT_CHARS:
        return False
    try:
        import io

        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(pdf), strict=False)
        if reader.is_encrypted:
            return False
        images = False
        chars = 0
        for index, page in enumerate(reader.pages):
            if index >= 2000:
                break
            chars += len((page.extract_text() or "").strip())
            if chars >= _MIN_TEXT_CHARS:
                return False
            images = images or _has_image(page)
        return images
    except Exception as e:  # an unreadable file is simply not a scan we can read
        log.debug("scan check failed: %s", e)
        return False


def _has_image(page: object) -> bool:
    resources = page.get("/Resources")  # type: ignore[attr-defined]
    if resources is None:
        return False
    xobjects = resources.get_object().get("/XObject")
    if xobjects is None:
        return False
    for ref in xobjects.get_object().values():
        if ref.get_object().get("/Subtype") == "/Image":
            return True
    return False


def add_text_layer(pdf: bytes, languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> OcrLayer:
    """The scan with an OCR text layer (``pdf.ocr_*`` when it cannot be made)."""
    result = _in_child(pdf, languages, layer=True, first_page_only=False)
    assert isinstance(result, OcrLayer)
    return result


def read_text(pdf: bytes, languages: tuple[str, ...] = DEFAULT_LANGUAGES,
              first_page_only: bool = False) -> OcrText:
    """The scan's text; nothing is written and ``pdf`` is not changed."""
    result = _in_child(pdf, languages, layer=False, first_page_only=first_page_only)
    assert isinstance(result, OcrText)
    return result


def _in_child(pdf: bytes, languages: tuple[str, ...], *, layer: bool,
              first_page_only: bool) -> OcrLayer | OcrText:
    missing = ocr_available(languages)
    if missing is not None:
        raise PdfError("pdf.ocr_unavailable", package=missing)
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            outcome = pool.submit(_run_ocrmypdf, pdf, languages, layer,
                                  first_page_only).result()
    except BrokenProcessPool as e:  # the child died (killed, out of memory)
        raise PdfError("pdf.ocr_failed", detail="the OCR process stopped") from e
    if isinstance(outcome, str):
        raise PdfError("pdf.ocr_failed", detail=outcome)
    return outcome


def _run_ocrmypdf(pdf: bytes, languages: tuple[str, ...], layer: bool,
                  first_page_only: bool) -> OcrLayer | OcrText | str:
    """In the child: OCRmyPDF on ``pdf``; a failure as its text (exceptions from the
    library need not pickle)."""
    import ocrmypdf

    from korat_desktop.pdf.text import normalise_text

    logging.getLogger("ocrmypdf").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="korat-ocr-") as tmp:
        src, out, side = Path(tmp, "in.pdf"), Path(tmp, "out.pdf"), Path(tmp, "text.txt")
        src.write_bytes(pdf)
        options: dict[str, Any] = {
            "language": list(languages), "sidecar": str(side), "progress_bar": False,
            "use_threads": True,
        }
        if layer:
            # keep visible text (our receipt stamp) and read only the images
            options.update(redo_ocr=True, output_type="pdf", rasterizer="pypdfium", optimize=0)
        else:
            # text only, the file untouched: a signed scan may be read, never rewritten
            options.update(force_ocr=True, output_type="none", rasterizer="pypdfium",
                           invalidate_digital_signatures=True)
            if first_page_only:
                options["pages"] = "1"
        try:
            code = ocrmypdf.ocr(src, out if layer else "-", **options)
        except Exception as e:  # the library's refusal, as text for the parent
            return f"{type(e).__name__}: {e}"[:300]
        if int(code) != 0:
            return f"ocrmypdf exit {int(code)}"
        raw = side.read_text(encoding="utf-8", errors="replace") if side.exists() else ""
        pages = raw.count("\f") or 1
        text = repair_labels(normalise_text(raw.replace("\f", "\n")))
        if layer:
            return OcrLayer(out.read_bytes(), text, pages)
        return OcrText(text, pages)
