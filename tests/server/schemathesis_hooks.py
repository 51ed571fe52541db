"""Loaded by schemathesis (SCHEMATHESIS_HOOKS): lets it send tus PATCH bodies."""

from __future__ import annotations

from typing import Any

import schemathesis


@schemathesis.serializer("application/offset+octet-stream")
def offset_octet_stream(_ctx: Any, value: Any) -> bytes:
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8")
