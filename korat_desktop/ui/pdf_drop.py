"""Which dropped or picked files we can take: PDFs to register, courier bundles to import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData

__all__ = ["BUNDLE_SUFFIX", "bundle_paths", "pdf_paths"]

# = korat_desktop.courier.bundle.BUNDLE_EXTENSION (a test says so); not imported from
# there, as that loads the crypto stack before the window's first paint
BUNDLE_SUFFIX = ".korat"


def _dropped(mime: QMimeData, suffix: str) -> list[Path]:
    if not mime.hasUrls():
        return []
    found = []
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() == suffix and path.is_file():
                found.append(path)
    return found


def pdf_paths(mime: QMimeData) -> list[Path]:
    """Local PDF files named by a drag and drop (folders and other files are skipped)."""
    return _dropped(mime, ".pdf")


def bundle_paths(mime: QMimeData) -> list[Path]:
    """Local courier bundles (``.korat``) named by a drag and drop."""
    return _dropped(mime, BUNDLE_SUFFIX)
