"""What may leave the office electronically (SARABAN.md, Secrecy).

Amendment No. 4 of the correspondence regulation makes electronic channels the main
channel *except* for ลับที่สุด: a top-secret letter is never synced. The queue refuses
it, and the engine checks again before sending anything, so an operation that got
into the outbox some other way (an older version, a restored backup) still never
leaves.
"""

from __future__ import annotations

from korat_desktop.errors import SyncError
from korat_desktop.protocol.ops import LetterReceiptOp, LetterSendOp, NumberVoidOp, Secrecy

__all__ = ["refusal"]


def refusal(op: LetterSendOp | LetterReceiptOp | NumberVoidOp) -> SyncError | None:
    """Why ``op`` must not be sent, or None when it may."""
    if isinstance(op, LetterSendOp) and op.payload.secrecy is Secrecy.TOP_SECRET:
        return SyncError("sync.top_secret")
    return None
