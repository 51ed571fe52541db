"""The ``korat`` command line: the core operations for IT staff and scripts.

Conventions (a contract IT scripts rely on): every command takes ``--data-dir DIR``
and ``--json``; exit 0 on success, 2 on bad usage, 1 on failure with the reason on
stderr (as ``{"error": {...}}`` with ``--json``). Each area of commands lives in its
own module with a ``register(subparsers, common)`` function.
"""

from __future__ import annotations

from korat_desktop.cli.main import main

__all__ = ["main"]
