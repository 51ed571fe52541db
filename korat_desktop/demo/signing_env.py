"""One signing test environment: SoftHSM tokens with keys made on the token, the test
PKI that certified them, a PKCS#12 file, and the live OCSP/CRL/TSA server.

Build it once per pytest session (per xdist worker) with :func:`build_signing_env`;
the bench and the demo token (:mod:`korat_desktop.demo.token`) build one the same way.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pkcs11
from asn1crypto import keys, pem
from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    load_pem_private_key,
    pkcs12,
)
from cryptography.x509 import load_der_x509_certificate
from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass
from pkcs11.util.ec import encode_ec_public_key, encode_named_curve_parameters
from pkcs11.util.rsa import encode_rsa_public_key

from korat_desktop.demo.pki import TestPki
from korat_desktop.demo.softhsm import CKF_USER_PIN_LOCKED, SoftHsm

__all__ = [
    "PIN",
    "PKCS12_PASSWORD",
    "SO_PIN",
    "DEMO_TOKENS",
    "TOKENS",
    "SigningEnv",
    "build_signing_env",
    "key_id",
]

PIN = "947261"  # distinctive, so a test can look for it in logs and output
SO_PIN = "31415926"
PKCS12_PASSWORD = "p12-secret"

# token label -> keys generated on it (label -> "rsa" | "ec")
TOKENS: dict[str, dict[str, str]] = {
    "KORAT-A": {"somchai-rsa": "rsa", "somchai-ec": "ec"},
    "KORAT-B": {"somying-rsa": "rsa", "expired-ec": "ec", "future-ec": "ec",
                "nousage-ec": "ec"},
    "KORAT-PIN": {"pin-ec": "ec"},
    "KORAT-LOCKED": {},
    "KORAT-GONE": {"gone-ec": "ec"},
}
CHAIN_ON_TOKEN = ("KORAT-A", ("root", "interm"))
# The demo's only token: one certificate that can sign, so the dialog and the status
# bar name the same one. The suite's other tokens (PIN pad, locked, pulled out, expired
# certificates) are test cases, not something a newcomer should pick from.
DEMO_TOKENS: dict[str, dict[str, str]] = {"KORAT-A": {"somchai-rsa": "rsa"}}


def key_id(label: str) -> bytes:
    return hashlib.sha1(label.encode()).digest()[:8]


@dataclass
class SigningEnv:
    root: Path
    hsm: SoftHsm
    pki: TestPki
    serials: dict[str, str]
    pkcs12_file: Path
    trust_root_pem: Path
    lib: Any = field(repr=False)  # pkcs11.lib: the extension has no useful stubs

    @property
    def module(self) -> str:
        return self.hsm.module

    def token(self, label: str) -> Any:  # pkcs11.Token
        return self.lib.get_token(token_label=label)


def _generate_keys(lib: Any, key_dir: Path, tokens: dict[str, dict[str, str]]) -> None:
    for label, key_specs in tokens.items():
        if not key_specs:
            continue
        token = lib.get_token(token_label=label)
        with token.open(rw=True, user_pin=PIN) as session:
            for key_label, kind in key_specs.items():
                common = {Attribute.TOKEN: True, Attribute.LABEL: key_label,
                          Attribute.ID: key_id(key_label)}
                if kind == "rsa":
                    pub, _priv = session.generate_keypair(
                        KeyType.RSA, 2048, store=True, label=key_label, id=key_id(key_label))
                    spki = keys.PublicKeyInfo.wrap(
                        keys.RSAPublicKey.load(encode_rsa_public_key(pub)), "rsa").dump()
                else:
                    params = session.create_domain_parameters(
                        KeyType.EC,
                        {Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")},
                        local=True)
                    pub, _priv = params.generate_keypair(
                        store=True, public_template=dict(common),
                        private_template={**common, Attribute.SIGN: True,
                                          Attribute.SENSITIVE: True,
                                          Attribute.EXTRACTABLE: False})
                    spki = encode_ec_public_key(pub)
                (key_dir / f"{key_label}.pub.pem").write_bytes(pem.armor("PUBLIC KEY", spki))


def _stand_in_keys(key_dir: Path) -> None:
    """Public keys for the people the PKI names but no token here holds (the demo's
    PKI still issues every test certificate; nobody can sign with these)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    for key_specs in TOKENS.values():
        for key_label, kind in key_specs.items():
            path = key_dir / f"{key_label}.pub.pem"
            if path.exists():
                continue
            key = (rsa.generate_private_key(public_exponent=65537, key_size=2048)
                   if kind == "rsa" else ec.generate_private_key(ec.SECP256R1()))
            path.write_bytes(key.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))


def _write_certificates(lib: Any, pki: TestPki, tokens: dict[str, dict[str, str]]) -> None:
    for label, key_specs in tokens.items():
        wanted = [(k, key_id(k)) for k in key_specs]
        if label == CHAIN_ON_TOKEN[0]:
            wanted += [(ca, key_id(ca)) for ca in CHAIN_ON_TOKEN[1]]
        if not wanted:
            continue
        token = lib.get_token(token_label=label)
        with token.open(rw=True, user_pin=PIN) as session:
            for cert_label, cert_id in wanted:
                cert = pki.cert(cert_label)
                session.create_object({
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                    Attribute.TOKEN: True,
                    Attribute.PRIVATE: False,
                    Attribute.LABEL: cert_label,
                    Attribute.ID: cert_id,
                    Attribute.SUBJECT: cert.subject.dump(),
                    Attribute.ISSUER: cert.issuer.dump(),
                    Attribute.SERIAL_NUMBER: cert["tbs_certificate"]["serial_number"].dump(),
                    Attribute.VALUE: cert.dump(),
                })


def _write_pkcs12(pki: TestPki, key_dir: Path, target: Path) -> None:
    key = load_pem_private_key((key_dir / "file-signer.key.pem").read_bytes(), None)
    cert = load_der_x509_certificate(pki.cert("file-signer").dump())
    cas = [load_der_x509_certificate(pki.cert(c).dump()) for c in ("interm", "root")]
    target.write_bytes(pkcs12.serialize_key_and_certificates(
        b"file-signer", key, cert, cas,  # type: ignore[arg-type]
        BestAvailableEncryption(PKCS12_PASSWORD.encode())))


def build_signing_env(root: Path, *, serve: bool = True,
                      tokens: dict[str, dict[str, str]] | None = None) -> SigningEnv:
    """Tokens, keys, PKI and server under ``root``. Loads the PKCS#11 module: call once.

    ``tokens``: which of :data:`TOKENS` to make (default all; the demo makes
    :data:`DEMO_TOKENS`)."""
    wanted = TOKENS if tokens is None else tokens
    hsm = SoftHsm.create(root / "softhsm")
    for label in wanted:
        hsm.init_token(label, PIN, SO_PIN)
    lib = pkcs11.lib(hsm.module)
    serials = {label: lib.get_token(token_label=label).serial.decode() for label in wanted}
    key_dir = root / "pki-keys"
    key_dir.mkdir()
    _generate_keys(lib, key_dir, wanted)
    _stand_in_keys(key_dir)
    pki = TestPki.build(key_dir)
    _write_certificates(lib, pki, wanted)
    if "KORAT-LOCKED" in serials:
        hsm.set_token_flags(serials["KORAT-LOCKED"], CKF_USER_PIN_LOCKED)
    p12 = root / "file-signer.p12"
    _write_pkcs12(pki, key_dir, p12)
    trust_root = pki.write_pem("root", root / "test-root.pem")
    if serve:
        pki.start()
    return SigningEnv(root, hsm, pki, serials, p12, trust_root, lib)
