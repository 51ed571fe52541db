"""What a hub can do beyond protocol version 1, announced by ``GET /health``.

The client probes ``/health`` at the start of every sync pass, so the answer carries
the optional capabilities too: an additive feature (here, end-to-end encrypted secret
letters) needs no protocol bump, and a client meeting an older hub (whose answer has
no ``encryption`` list) keeps its encrypted letters waiting instead of having them
refused or, worse, stored in a shape the hub does not understand.
"""

from __future__ import annotations

from pydantic import Field

from korat_desktop.protocol.types import ResponseModel

__all__ = ["HUB_ENCRYPTION", "HubHealth"]

HUB_ENCRYPTION: tuple[str, ...] = ("cms",)
"""The ``LetterSendPayload.encryption`` values this version of the hub stores and routes."""


class HubHealth(ResponseModel):
    """The body of ``GET /health`` (no token needed)."""

    status: str = Field(description='"ok"')
    protocol: str = Field(description="The protocol version the hub speaks")
    encryption: list[str] = Field(
        default_factory=list, description='Payload encryptions the hub accepts, e.g. ["cms"] '
        "(absent on hubs older than secret-letter support)")
