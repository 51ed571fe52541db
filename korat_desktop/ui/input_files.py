"""Reading a file the clerk picked (a PDF to receive or send), with the CLI's errors."""

from __future__ import annotations

from pathlib import Path

from korat_desktop.errors import UsageError

__all__ = ["read_file"]


def read_file(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as e:
        raise UsageError("usage.file_not_found", path=str(path)) from e
    except OSError as e:
        raise UsageError("usage.bad_argument", name=str(path), detail=e.strerror or "") from e
