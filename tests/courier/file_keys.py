"""A CourierKeys made of files, for tests: each office's keys as one JSON in its data
folder, built from tests/courier/pki.py identities.

The service's default (``korat_desktop.services.courier.office_keys``) is swapped for
:func:`keys_for` in the test process (:func:`use_file_keys`) and in ``korat``
subprocesses (``python -m tests.courier.korat_with_keys``), so the real CLI runs with
real certificates, real CMS and real SQLite stores; only where the keys come from is
the test's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from korat_desktop.courier.envelope import RecipientKey, SoftwareRecipientKey
from korat_desktop.errors import CourierError
from tests.courier.pki import Identity, make_ca, make_identity

if TYPE_CHECKING:
    from korat_desktop.app import KoratApp

__all__ = ["KEYS_FILE", "P12_PASSWORD", "CourierPki", "FileCourierKeys", "keys_for",
           "use_file_keys"]

KEYS_FILE = "test-courier-keys.json"
P12_PASSWORD = "courier-pw"


def _asn1(pem_bytes: str) -> asn1_x509.Certificate:
    _, _, der = pem.unarmor(pem_bytes.encode())
    return asn1_x509.Certificate.load(der)


@dataclass
class FileCourierKeys:
    agency: str
    cert_pem: str
    key_pem: str
    roots: list[str]
    encrypt: dict[str, str]
    sign: dict[str, list[str]]
    relays: dict[str, str] = field(default_factory=dict)
    hub: str | None = None  # the hub's signing certificate (relayed pages)

    @property
    def agency_code(self) -> str:
        return self.agency

    def encryption_certificates(self, codes: Sequence[str]) -> dict[str, asn1_x509.Certificate]:
        out = {}
        for code in codes:
            if code not in self.encrypt:
                raise CourierError("courier.no_certificate", agency=code)
            out[code] = _asn1(self.encrypt[code])
        return out

    def signing_certificates(self, code: str) -> list[asn1_x509.Certificate]:
        return [_asn1(p) for p in self.sign.get(code, [])]

    def recipient_key(self) -> RecipientKey:
        return SoftwareRecipientKey.from_pem(self.cert_pem.encode(), self.key_pem.encode())

    def trust_roots(self) -> list[asn1_x509.Certificate]:
        return [_asn1(p) for p in self.roots]

    def hub_certificate(self) -> asn1_x509.Certificate | None:
        return None if self.hub is None else _asn1(self.hub)

    def relay_of(self, code: str) -> str | None:
        return self.relays.get(code)

    def save(self, folder: Path) -> Path:
        path = folder / KEYS_FILE
        path.write_text(json.dumps(self.__dict__, ensure_ascii=False), encoding="utf-8")
        return path

    @classmethod
    def load(cls, folder: Path) -> FileCourierKeys:
        path = folder / KEYS_FILE
        if not path.is_file():
            raise CourierError("courier.no_office_key")
        return cls(**json.loads(path.read_text(encoding="utf-8")))


def keys_for(app: KoratApp) -> FileCourierKeys:
    return FileCourierKeys.load(app.data_dir)


def use_file_keys() -> None:
    """In this process, every app's courier keys come from its data folder."""
    import korat_desktop.services.courier as courier

    courier.office_keys = keys_for  # type: ignore[assignment]


@dataclass
class CourierPki:
    """A CA and, per agency, an encryption and a signing identity (made on demand)."""

    ca: Identity = field(default_factory=make_ca)
    hub: Identity | None = None
    encryption: dict[str, Identity] = field(default_factory=dict)
    signing: dict[str, Identity] = field(default_factory=dict)

    def hub_identity(self) -> Identity:
        """The hub's signing identity (directory files, relayed pages), from the CA."""
        if self.hub is None:
            self.hub = make_identity(self.ca, "Korat hub", encryption=False)
        return self.hub

    def enc(self, agency: str) -> Identity:
        if agency not in self.encryption:
            self.encryption[agency] = make_identity(self.ca, f"{agency} encryption",
                                                    encryption=True)
        return self.encryption[agency]

    def signer(self, agency: str) -> Identity:
        if agency not in self.signing:
            self.signing[agency] = make_identity(self.ca, f"สารบรรณ {agency}", encryption=False)
        return self.signing[agency]

    def p12(self, agency: str, folder: Path, identity: Identity | None = None) -> Path:
        """The agency's signing identity (or ``identity``) as a PKCS#12 with the CA."""
        who = identity or self.signer(agency)
        path = folder / f"signer-{abs(hash((agency, who.cert_der)))}.p12"
        path.write_bytes(pkcs12.serialize_key_and_certificates(
            b"signer", who.key, who.cert, [self.ca.cert],
            serialization.BestAvailableEncryption(P12_PASSWORD.encode())))
        return path

    def install(self, folder: Path, agency: str, agencies: Iterable[str], *,
                without_encryption: Iterable[str] = (), relays: dict[str, str] | None = None
                ) -> FileCourierKeys:
        """Write ``agency``'s keys file: its own key, and the directory of ``agencies``."""
        lacking = set(without_encryption)
        codes = set(agencies) | {agency}
        keys = FileCourierKeys(
            agency=agency, cert_pem=self.enc(agency).cert_pem.decode(),
            key_pem=self.enc(agency).key_pem.decode(), roots=[self.ca.cert_pem.decode()],
            encrypt={c: self.enc(c).cert_pem.decode() for c in codes if c not in lacking},
            sign={c: [self.signer(c).cert_pem.decode()] for c in codes},
            relays=dict(relays or {}), hub=self.hub_identity().cert_pem.decode())
        keys.save(folder)
        return keys
