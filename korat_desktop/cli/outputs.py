"""Where a command's output file goes: a path, or ``-`` for standard output.

Files go through :func:`korat_desktop.files.write_file` (whole or not at all; devices,
FIFOs and symbolic links written into or through, never replaced). ``-`` writes the
bytes to stdout, so ``korat export 12 -o - | lp`` works; the command's summary then
goes to stderr (see :attr:`Output.stdout_taken`) to keep the bytes clean.
"""

from __future__ import annotations

import sys

from korat_desktop.errors import FileError
from korat_desktop.files import file_error, write_file

__all__ = ["STDOUT", "write_output"]

STDOUT = "-"


def write_output(path: str, data: bytes) -> bool:
    """Write ``data`` to ``path``; True when it went to standard output."""
    if path != STDOUT:
        write_file(path, data)
        return False
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as e:  # a closed pipe, a full disk behind a redirection
        raise file_error(e, "stdout") from e
    except (AttributeError, ValueError) as e:  # no binary stdout (closed or replaced)
        raise FileError("file.io_error", path="stdout", detail=str(e)) from e
    return True
