"""The signing tokens present now, and the certificates to embed with a signature.

``korat tokens`` and the desktop's token picker list tokens the same way, through
:func:`token_listings`: a token whose certificates cannot be read is still listed,
with the error's code, so one broken reader does not hide the clerk's own token.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from korat_desktop.errors import SigningError
from korat_desktop.signing import configured_module_paths, find_modules, list_tokens
from korat_desktop.signing.settings import SigningSettings
from korat_desktop.signing.tokens import TokenCertificate, TokenSlot, list_certificates
from korat_desktop.signing.trust import load_trust_roots

if TYPE_CHECKING:
    from asn1crypto import x509

    from korat_desktop.config import Config

__all__ = ["TokenListing", "signing_chain", "token_listings"]


@dataclass(frozen=True)
class TokenListing:
    """A token present now, with its certificates (public objects: no PIN needed)."""

    token: TokenSlot
    certificates: tuple[TokenCertificate, ...]
    error_code: str | None = None  # the token is there but its certificates could not be read


def token_listings(config: Config, module: str | None = None) -> list[TokenListing]:
    """Every token of ``module`` (or of the configured PKCS#11 modules)."""
    modules = find_modules([] if module else configured_module_paths(config), module)
    listings = []
    for token in list_tokens(modules):
        try:
            listings.append(TokenListing(token, tuple(list_certificates(token))))
        except SigningError as e:
            listings.append(TokenListing(token, (), e.code))
    return listings


def signing_chain(config: Config) -> list[x509.Certificate]:
    """Intermediate certificates a token may lack, to embed with the signature; none
    when the configured trust roots cannot be read (signing still works without)."""
    try:
        return load_trust_roots(SigningSettings.from_config(config))
    except SigningError:
        return []
