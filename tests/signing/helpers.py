"""Shortcuts the signing tests share."""

from __future__ import annotations

from asn1crypto import x509

from korat_desktop.signing import TokenSession, find_token
from korat_desktop.signing.modules import Pkcs11Module
from tests.support.env import PIN


def open_session(modules: list[Pkcs11Module], token: str, cert: str,
                 pin: str | None = PIN, chain: list[x509.Certificate] | None = None,
                 ) -> TokenSession:
    return TokenSession.open(find_token(modules, label=token), cert_label=cert, pin=pin,
                             chain_candidates=chain or ())
