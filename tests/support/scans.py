"""Scanned letters for the OCR tests and bench: a letter from our own writer, rendered
to page images and put back into a PDF with no text at all, as a scanner makes it.

pypdfium2 renders (grayscale, ``dpi``), img2pdf wraps each image in a page of the
original size: no fonts, no text objects, only the picture of the letter.
"""

from __future__ import annotations

import io

__all__ = ["scan_of", "page_images"]


def page_images(pdf: bytes, dpi: int = 300) -> list[bytes]:
    """Each page of ``pdf`` as a grayscale PNG at ``dpi``."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        out = []
        for page in doc:
            image = page.render(scale=dpi / 72, grayscale=True).to_pil()
            buf = io.BytesIO()
            image.save(buf, format="PNG")
            out.append(buf.getvalue())
        return out
    finally:
        doc.close()


def scan_of(pdf: bytes, dpi: int = 300) -> bytes:
    """``pdf`` as an image-only PDF (a scan of its printout)."""
    import img2pdf

    layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
    return bytes(img2pdf.convert(page_images(pdf, dpi), layout_fun=layout))
