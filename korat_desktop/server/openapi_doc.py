"""The hub's OpenAPI document, as kept in ``docs/openapi.json``.

The client team reads the committed copy; a test checks it equals what the hub
serves. After changing an endpoint or a wire type, regenerate it with::

    python -m korat_desktop.server.openapi_doc docs/openapi.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from korat_desktop.server.app import build_app

__all__ = ["main", "openapi_document", "render"]


def openapi_document() -> dict[str, Any]:
    document: dict[str, Any] = build_app(None).openapi()
    return document


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = render(openapi_document())
    if args:
        Path(args[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
