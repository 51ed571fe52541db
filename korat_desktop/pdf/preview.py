"""The copy of a PDF the app shows on screen: every visible annotation drawn into its page.

Qt Pdf (PDFium without its form-filling layer) draws a page's content and plain
annotations, but never a form widget's appearance: a visible signature is a widget, so
a signed letter's stamp was in the exported PDF and missing from our own preview.
The preview therefore renders a flattened copy (QPDF's flattenAnnotations through
pikepdf: each annotation's appearance stream becomes page content), the same way a
printed page shows it. The stored PDF is never touched: signatures live in its bytes.
"""

from __future__ import annotations

import io
import logging
import warnings

__all__ = ["preview_copy"]

log = logging.getLogger(__name__)


def preview_copy(data: bytes) -> bytes:
    """``data`` with its annotations and widgets that show on screen flattened into the
    pages; the original bytes when it cannot be flattened (the page still shows)."""
    try:
        import pikepdf
    except ImportError:  # a trimmed install: the preview lacks stamps, nothing worse
        return data
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if not any("/Annots" in page.obj for page in pdf.pages):
                return data  # nothing to draw: skip the rewrite
            pdf.flatten_annotations(mode="screen")
            out = io.BytesIO()
            with warnings.catch_warnings():  # the flattened widgets leave /AcroForm
                warnings.simplefilter("ignore")  # dangling: harmless in a screen copy
                pdf.save(out, compress_streams=False)
            return out.getvalue()
    except Exception as e:  # whatever a damaged PDF makes QPDF raise: show it as it is
        log.info("preview: cannot flatten annotations (%s)", type(e).__name__)
        return data
