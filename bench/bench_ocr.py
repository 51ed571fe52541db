"""Scanned letters: OCR seconds per A4 page, against Tesseract run directly, and how
well intake reads the scans.

The pages are the intake corpus's letters (tests/support/intake_corpus.py) as scans:
rendered at 300 dpi grayscale and put back into PDFs with no text (tests/support/
scans.py). Per page, with the default settings (``ocr.languages`` tha+eng):

  reference        ``tesseract PAGE.png - -l tha+eng``, on the very page image the scan
                   holds: the OCR engine alone
  text layer       pdf/ocr.py ``add_text_layer`` (what an unsigned scan gets: a spawned
                   child, OCRmyPDF, Tesseract, the new PDF)
  text only        ``read_text`` of all pages (a signed scan: nothing written)
  intake page 1    ``read_text(first_page_only=True)``, what the receive dialog waits for

each as seconds per page and a ratio to the reference measured in the same run. Then
intake accuracy on the scans (fields right / proposed / present, as bench_intake.py
counts them on the born-digital letters). On a shared machine single figures move
with the load; the ratios are taken within one run.

Run: PYTHONPATH=. python bench/bench_ocr.py [--letters N]   (default 4; 10 = all)
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.bench_intake import accuracy
from korat_desktop.pdf.ocr import DEFAULT_LANGUAGES, add_text_layer, read_text
from korat_desktop.pdf.text import normalise_text
from tests.support.intake_corpus import corpus
from tests.support.scans import page_images, scan_of


def _seconds(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _tesseract(png: bytes, folder: Path) -> str:
    image = folder / "page.png"
    image.write_bytes(png)
    out = subprocess.run(["tesseract", str(image), "-", "-l", "+".join(DEFAULT_LANGUAGES)],
                         capture_output=True, text=True, check=True)
    return out.stdout


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=4)
    args = parser.parse_args()
    letters = corpus()[:args.letters]
    scans = {s.name: scan_of(s.pdf) for s in letters}
    pages = 0
    times = {"reference": 0.0, "text layer": 0.0, "text only": 0.0, "intake page 1": 0.0}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for sample in letters:
            scan = scans[sample.name]
            images = page_images(sample.pdf)
            pages += len(images)
            times["reference"] += sum(_seconds(lambda p=png: _tesseract(p, folder))
                                      for png in images)
            times["text layer"] += _seconds(lambda s=scan: add_text_layer(s))
            times["text only"] += _seconds(lambda s=scan: read_text(s))
            times["intake page 1"] += _seconds(lambda s=scan: read_text(s, first_page_only=True))
        reference = times["reference"] / pages
        print(f"OCR of {pages} A4 page(s) at 300 dpi, languages {'+'.join(DEFAULT_LANGUAGES)}")
        for name, total in times.items():
            per_page = total / pages
            print(f"  {name:15s} {per_page:7.2f} s/page   x{per_page / reference:5.2f}")

        texts = {}
        for sample in letters:
            texts[sample.pdf] = read_text(scans[sample.name], first_page_only=True).text
        accuracy("scans, read by OCR (page 1)", tuple(letters),
                 lambda pdf: texts[pdf])
        raw = {}
        for sample in letters:
            raw[sample.pdf] = normalise_text(_tesseract(page_images(sample.pdf)[0], folder))
        accuracy("scans, plain Tesseract text (labels not mended)", tuple(letters),
                 lambda pdf: raw[pdf])


if __name__ == "__main__":
    main()
