"""Which certificate signing offers first: the one used last, else the only usable one.

A clerk's card may carry an expired certificate beside the new one, or one issued for
logging in rather than signing; a test or spare token may sit in another reader.
Defaulting to any of those costs a PIN try and a confusing refusal, so the default is
never a certificate that cannot sign now, and when several could, the one the person
signed with last wins (``signing.last_certificate``, saved after each signed batch).
With several usable ones and no memory there is no default: the person chooses.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from korat_desktop.config import Config
    from korat_desktop.services.token_listing import TokenListing
    from korat_desktop.signing.tokens import TokenCertificate

__all__ = ["default_certificate", "remember_certificate"]


def default_certificate(listings: Sequence[TokenListing], last_sha256: str = ""
                        ) -> tuple[int, TokenCertificate] | None:
    """``(listing index, certificate)`` to offer first, or None when the person must choose."""
    usable = [(i, c) for i, listing in enumerate(listings) for c in listing.usable()]
    if last_sha256:
        for index, cert in usable:
            if cert.info.sha256 == last_sha256:
                return index, cert
    return usable[0] if len(usable) == 1 else None


def remember_certificate(config: Config, sha256: str) -> None:
    """Save the certificate just signed with as the next default (policy may lock it)."""
    from korat_desktop.errors import ConfigError

    if not sha256 or config["signing.last_certificate"] == sha256:
        return
    # locked or unwritable: the rule still falls back to the only usable one
    with contextlib.suppress(ConfigError):
        config.set_user("signing.last_certificate", sha256)
