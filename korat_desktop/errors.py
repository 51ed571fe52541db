"""One error root for the whole app, with one subclass per layer.

Every error carries a stable ``code`` (scripts and the UI key on it, never on the
text) and ``params`` used to fill the Thai/English message in
:mod:`korat_desktop.messages`. Third-party exceptions are wrapped where they enter
our code (``raise StoreError(...) from e``) so callers only ever catch ``KoratError``.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "KoratError",
    "ConfigError",
    "DomainError",
    "StoreError",
    "FileError",
    "PdfError",
    "SigningError",
    "SyncError",
    "CourierError",
    "UpdateError",
    "SecrecyError",
    "UsageError",
]


class KoratError(Exception):
    """Root of every error the app raises on purpose."""

    layer = "korat"

    def __init__(self, code: str, /, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(code)

    def message(self, lang: str = "en") -> str:
        """The human message for this error in ``lang`` ("th" or "en")."""
        from korat_desktop.messages import render

        return render(self.code, lang, self.params)

    def __str__(self) -> str:
        return self.message("en")

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "code": self.code,
            "layer": self.layer,
            "message": self.message(lang),
            "params": {k: str(v) for k, v in self.params.items()},
        }


class ConfigError(KoratError):
    layer = "config"


class DomainError(KoratError):
    layer = "domain"


class StoreError(KoratError):
    layer = "store"


class FileError(KoratError):
    """A file the app writes or reads outside its data folder (exports, settings)."""

    layer = "file"


class PdfError(KoratError):
    layer = "pdf"


class SigningError(KoratError):
    layer = "signing"


class SyncError(KoratError):
    layer = "sync"


class CourierError(KoratError):
    layer = "courier"


class UpdateError(KoratError):
    """Checking, verifying (TUF) or installing an update of the app itself."""

    layer = "update"


class SecrecyError(KoratError):
    """Secret letters: a recipient that cannot be sealed to, an envelope that will not open."""

    layer = "secrecy"


class UsageError(KoratError):
    """The caller asked for something malformed (CLI exit code 2)."""

    layer = "usage"
