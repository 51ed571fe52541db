"""A :class:`~korat_desktop.courier.keys.CourierKeys` made of fixed certificates, for tests
of the courier pieces that only need to be told which keys are which."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from asn1crypto import x509

from korat_desktop.courier.envelope import RecipientKey
from korat_desktop.errors import CourierError
from tests.courier.pki import Identity

__all__ = ["FixedKeys", "asn1"]


def asn1(identity: Identity) -> x509.Certificate:
    return x509.Certificate.load(identity.cert_der)


@dataclass
class FixedKeys:
    agency: str
    roots: list[x509.Certificate]
    hub: x509.Certificate | None = None
    encryption: dict[str, x509.Certificate] = field(default_factory=dict)
    signing: dict[str, list[x509.Certificate]] = field(default_factory=dict)
    key: RecipientKey | None = None
    relays: dict[str, str] = field(default_factory=dict)

    @property
    def agency_code(self) -> str:
        return self.agency

    def encryption_certificates(self, codes: Sequence[str]) -> dict[str, x509.Certificate]:
        missing = [c for c in codes if c not in self.encryption]
        if missing:
            raise CourierError("courier.no_certificate", agency=missing[0])
        return {c: self.encryption[c] for c in codes}

    def signing_certificates(self, code: str) -> list[x509.Certificate]:
        return list(self.signing.get(code, []))

    def recipient_key(self) -> RecipientKey:
        if self.key is None:
            raise CourierError("courier.no_office_key")
        return self.key

    def trust_roots(self) -> list[x509.Certificate]:
        return list(self.roots)

    def hub_certificate(self) -> x509.Certificate | None:
        return self.hub

    def relay_of(self, code: str) -> str | None:
        return self.relays.get(code)
