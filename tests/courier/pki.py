"""Agency certificates for courier tests: a small CA, encryption and signing identities
(made with ``cryptography``; the trust and chaining rules are under test, not the CA)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from korat_desktop.courier.envelope import SoftwareRecipientKey

__all__ = ["Identity", "make_ca", "make_identity", "recipient_key"]


@dataclass(frozen=True)
class Identity:
    cert: x509.Certificate
    key: rsa.RSAPrivateKey

    @property
    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def cert_der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    @property
    def key_pem(self) -> bytes:
        return self.key.private_bytes(serialization.Encoding.PEM,
                                      serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption())

    def write(self, folder: Path, name: str) -> tuple[Path, Path]:
        folder.mkdir(parents=True, exist_ok=True)
        cert, key = folder / f"{name}.crt", folder / f"{name}.key"
        cert.write_bytes(self.cert_pem)
        key.write_bytes(self.key_pem)
        return cert, key


def _name(cn: str, org: str = "จังหวัดนครราชสีมา") -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)])


def make_ca(cn: str = "Korat Test Root CA") -> Identity:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(_name(cn)).issuer_name(_name(cn))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False,
                                         False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                           critical=False)
            .sign(key, hashes.SHA256()))
    return Identity(cert, key)


def make_identity(ca: Identity, cn: str, *, encryption: bool) -> Identity:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.UTC)
    usage = (x509.KeyUsage(False, False, True, False, False, False, False, False, False)
             if encryption else
             x509.KeyUsage(True, True, False, False, False, False, False, False, False))
    builder = (x509.CertificateBuilder().subject_name(_name(cn)).issuer_name(ca.cert.subject)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(days=1))
               .not_valid_after(now + dt.timedelta(days=365))
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(usage, critical=True)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                   ca.key.public_key()), critical=False))
    if not encryption:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
    return Identity(builder.sign(ca.key, hashes.SHA256()), key)


_KEYS: dict[bytes, SoftwareRecipientKey] = {}


def recipient_key(identity: Identity) -> SoftwareRecipientKey:
    """The identity as a SoftwareRecipientKey, loaded once (loading an RSA key checks it:
    tens of milliseconds, which the byte-flip loops would pay thousands of times). Keyed
    by the certificate itself: an ``id()`` is reused once an earlier module's identity is
    collected, which handed out another office's key (CI ran the modules in that order)."""
    der = identity.cert_der
    if der not in _KEYS:
        _KEYS[der] = SoftwareRecipientKey.from_pem(identity.cert_pem, identity.key_pem)
    return _KEYS[der]
