"""The signing tokens present now, and the certificates to embed with a signature.

``korat tokens``, ``korat sign`` and the desktop's token picker list tokens the same
way, through :func:`token_listings`: a token whose certificates cannot be read is still
listed, with the error's code, so one broken reader does not hide the clerk's own token.
Each certificate carries why it cannot sign now (expired, not yet valid, not issued for
signing), and at most one certificate of all is marked the default
(:mod:`korat_desktop.services.signer_choice`), so the CLI and the window agree on it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from korat_desktop.errors import SigningError
from korat_desktop.signing import configured_module_paths, find_modules, list_tokens
from korat_desktop.signing.certificates import signing_problem
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
    problems: tuple[str | None, ...] = ()
    """Per certificate (same order): the error code why it cannot sign now, or None."""
    default_label: str | None = None
    """The certificate to offer first (on at most one listing of all), see signer_choice."""

    def problem(self, index: int) -> str | None:
        return self.problems[index] if index < len(self.problems) else None

    def usable(self) -> list[TokenCertificate]:
        """The certificates that can sign now, on a token that can be logged in to."""
        if self.error_code or self.token.flags.pin_locked:
            return []
        return [c for i, c in enumerate(self.certificates) if self.problem(i) is None]


def token_listings(config: Config, module: str | None = None,
                   when: dt.datetime | None = None) -> list[TokenListing]:
    """Every token of ``module`` (or of the configured PKCS#11 modules), the default
    certificate marked (the one signed with last, else the only usable one)."""
    from korat_desktop.services.signer_choice import default_certificate

    modules = find_modules([] if module else configured_module_paths(config), module)
    listings = []
    for token in list_tokens(modules):
        try:
            certs = tuple(list_certificates(token))
        except SigningError as e:
            listings.append(TokenListing(token, (), e.code))
            continue
        listings.append(TokenListing(token, certs, None,
                                     tuple(signing_problem(c.info, when) for c in certs)))
    chosen = default_certificate(listings, str(config["signing.last_certificate"] or ""))
    if chosen is not None:
        index, cert = chosen
        listings[index] = replace(listings[index], default_label=cert.label)
    return listings


def signing_chain(config: Config) -> list[x509.Certificate]:
    """Intermediate certificates a token may lack, to embed with the signature; none
    when the configured trust roots cannot be read (signing still works without)."""
    try:
        return load_trust_roots(SigningSettings.from_config(config))
    except SigningError:
        return []
