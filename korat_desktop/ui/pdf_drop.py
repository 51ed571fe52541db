"""Which dropped or picked files are PDFs we can register."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData

__all__ = ["pdf_paths"]


def pdf_paths(mime: QMimeData) -> list[Path]:
    """Local PDF files named by a drag and drop (folders and other files are skipped)."""
    if not mime.hasUrls():
        return []
    found = []
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() == ".pdf" and path.is_file():
                found.append(path)
    return found
