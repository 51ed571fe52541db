"""Thai and English text for every error code.

Each layer keeps its own catalogue in ``<layer>/messages.py`` as
``MESSAGES = {code: (thai, english)}`` with ``str.format`` placeholders, so a layer's
codes and words live next to the code that raises them. This module merges them once.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

__all__ = ["render", "catalogue", "LANGS"]

LANGS = ("th", "en")

_LAYERS = (
    "korat_desktop.config_messages",
    "korat_desktop.file_messages",
    "korat_desktop.domain.messages",
    "korat_desktop.store.messages",
    "korat_desktop.pdf.messages",
    "korat_desktop.signing.messages",
    "korat_desktop.sync.messages",
    "korat_desktop.courier.messages",
    "korat_desktop.updates.messages",
    "korat_desktop.secrecy.messages",
    "korat_desktop.protocol.messages",
    "korat_desktop.cli_messages",
)


@cache
def catalogue() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for name in _LAYERS:  # every layer is built: one that fails to import is an error
        module = importlib.import_module(name)
        for code, texts in module.MESSAGES.items():
            if code in merged:
                raise RuntimeError(f"error code {code!r} declared twice ({name})")
            merged[code] = texts
    return merged


def render(code: str, lang: str, params: dict[str, Any]) -> str:
    texts = catalogue().get(code)
    if texts is None:
        detail = ", ".join(f"{k}={v}" for k, v in params.items())
        return f"{code}: {detail}" if detail else code
    template = texts[0] if lang == "th" else texts[1]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
