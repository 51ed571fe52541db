"""Secret letters (ลับ / ลับมาก): sealing to recipient agencies' encryption certificates.

Core layer (no Qt). Errors are :class:`korat_desktop.errors.SecrecyError` with
``secrecy.*`` codes (Thai and English in :mod:`korat_desktop.secrecy.messages`).
The wire shape (``encryption="cms"``, ``sealed``, the placeholder) is in
:mod:`korat_desktop.protocol.ops`.
"""

from korat_desktop.protocol.ops import SEALED_PLACEHOLDER

__all__ = ["SEALED_PLACEHOLDER"]
