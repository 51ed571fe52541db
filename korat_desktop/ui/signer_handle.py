"""The window's ticket for an open signer (token session or PKCS#12 file).

Its own module so that the operation facades (``operations``, ``courier_operations``)
can both hand it out without importing each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the signing stack loads when a signer is opened, not at start-up
    from korat_desktop.signing.certificates import CertificateInfo
    from korat_desktop.signing.signers import DocumentSigner

__all__ = ["SignerHandle"]


class SignerHandle:
    """A logged-in token session (or the office's PKCS#12 signer), held by the UI only
    as a ticket to pass back.

    The UI reads :attr:`info` (who signs) and never touches the session itself.
    """

    def __init__(self, session: DocumentSigner) -> None:
        self._session: DocumentSigner | None = session
        self.info: CertificateInfo = session.info

    @property
    def open(self) -> bool:
        return self._session is not None
