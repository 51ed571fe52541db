"""The wire protocol's version, carried in a header on every request and response.

The hub answers every response with ``Korat-Protocol: <PROTOCOL_VERSION>``. A client
that sends a version the hub does not speak gets a 400 ``protocol.unsupported_version``
instead of a misread request: a breaking change bumps the number, an additive one
(a new optional field, a new operation kind) does not.
"""

from __future__ import annotations

__all__ = ["PROTOCOL_HEADER", "PROTOCOL_VERSION", "SUPPORTED_VERSIONS"]

PROTOCOL_HEADER = "Korat-Protocol"
PROTOCOL_VERSION = "1"
SUPPORTED_VERSIONS: frozenset[str] = frozenset({PROTOCOL_VERSION})
