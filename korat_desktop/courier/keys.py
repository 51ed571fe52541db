"""What the courier needs to know about keys, as one interface.

Export seals a bundle to the recipient agencies' encryption certificates and signs it
with this office's signing identity; import opens it with this office's encryption
key and accepts its signer only if that certificate chains to the trust roots *and*
is listed in the directory for the agency the bundle claims. Relayed hub pages are
accepted only under the hub's signing certificate. The implementation reads the
cached agency directory and the office's key in the OS keyring
(:mod:`korat_desktop.courier.office_keys`); tests may build one from files.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from asn1crypto import x509

from korat_desktop.courier.envelope import RecipientKey

__all__ = ["CourierKeys"]


class CourierKeys(Protocol):
    @property
    def agency_code(self) -> str:
        """This office's agency."""
        ...

    def encryption_certificates(self, codes: Sequence[str]) -> dict[str, x509.Certificate]:
        """Each agency's current encryption certificate; raises
        ``CourierError("courier.no_certificate", agency=code)`` for one without."""
        ...

    def signing_certificates(self, code: str) -> list[x509.Certificate]:
        """The certificates the directory lists as signers for ``code``."""
        ...

    def recipient_key(self) -> RecipientKey:
        """This office's decryption key; raises ``CourierError("courier.no_office_key")``
        when this office has none (``korat keys new``)."""
        ...

    def trust_roots(self) -> list[x509.Certificate]:
        """The configured roots signers (and the hub's certificate) must chain to."""
        ...

    def hub_certificate(self) -> x509.Certificate | None:
        """The hub's signing certificate from the directory (signed pages)."""
        ...

    def relay_of(self, code: str) -> str | None:
        """The agency that relays for ``code`` (directory), if any."""
        ...
