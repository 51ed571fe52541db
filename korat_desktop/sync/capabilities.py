"""Whether the hub can take what we are about to send (its ``/health`` capabilities).

An encrypted secret letter (``encryption="cms"``) goes only to a hub that announces
``"cms"``: an older hub would refuse the unknown fields, and the letter must then stay
waiting in the outbox with that reason (``sync.hub_no_encryption``, retried every
pass) until the hub is upgraded; it is never sent again in clear.
"""

from __future__ import annotations

from korat_desktop.errors import SyncError
from korat_desktop.protocol.ops import LetterReceiptOp, LetterSendOp, NumberVoidOp
from korat_desktop.sync.transport import HubTransport, read_health

__all__ = ["check_hub_accepts", "hub_supports_cms"]


def hub_supports_cms(transport: HubTransport) -> bool:
    """Whether the hub stores and routes CMS-encrypted letters.

    Reads the answer of the pass's connectivity probe, or probes once when there was
    none (a transport used outside the engine)."""
    health = transport.health
    if health is None:
        health = transport.health = read_health(transport.request("GET", "/health"))
    return "cms" in health.encryption


def check_hub_accepts(transport: HubTransport,
                      op: LetterSendOp | LetterReceiptOp | NumberVoidOp) -> None:
    """Raise ``sync.hub_no_encryption`` (transient: the op waits) for an encrypted
    letter the hub cannot take."""
    if isinstance(op, LetterSendOp) and op.payload.encryption is not None \
            and not hub_supports_cms(transport):
        raise SyncError("sync.hub_no_encryption", encryption=op.payload.encryption,
                        hub=transport.hub_url)
