"""The hub's signing key: what signs the offline directory and the pages a relay carries.

An office that never connects checks everything the hub says through a courier by
this key, so its certificate should come from the province CA that the offices
already trust (``korat-hub keys init --cert CERT.pem --key KEY.pem``); a self-signed
one works only where IT adds it to the offices' roots. The key lives in the hub's data
folder (``hub-signing.key``, mode 0600, written whole through
:mod:`korat_desktop.files`) beside its certificate chain (``hub-signing.crt``, the hub's
certificate first). The serving hub re-reads them when they change, so ``keys init``
needs no restart.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import keys, pem, x509
from cryptography import x509 as cx509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.sign.signers import SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore

from korat_desktop.files import write_files
from korat_desktop.server.certificates import load_pem_certificates
from korat_desktop.server.errors import HubAdminError

__all__ = ["CERT_FILE", "KEY_FILE", "HubKey", "HubKeyFiles", "init_hub_key"]

CERT_FILE = "hub-signing.crt"
KEY_FILE = "hub-signing.key"


@dataclass(frozen=True)
class HubKey:
    """The loaded key: signs attached (directory) or detached (pages) CMS SignedData."""

    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]
    signer: SimpleSigner

    @property
    def sha256(self) -> str:
        return self.certificate.sha256.hex()

    @property
    def self_signed(self) -> bool:
        return self.certificate.self_signed != "no"

    def sign(self, data: bytes, *, detached: bool) -> bytes:
        """DER ContentInfo(SignedData) over ``data`` (content inside when not detached)."""
        signed = asyncio.run(self.signer.async_sign_general_data(
            data, "sha256", detached=detached, use_cades=True))
        return bytes(signed.dump())

    def describe(self) -> dict[str, object]:
        c = self.certificate
        return {"sha256": self.sha256, "subject": c.subject.human_friendly,
                "issuer": c.issuer.human_friendly, "self_signed": self.self_signed,
                "not_before": c.not_valid_before.isoformat(),
                "not_after": c.not_valid_after.isoformat(),
                "chain": [x.subject.human_friendly for x in self.chain]}


def _load(cert_pem: bytes, key_pem: bytes) -> HubKey:
    certs = load_pem_certificates(cert_pem)
    if not certs:
        raise HubAdminError("hub.key_invalid", detail="no certificate in the file")
    try:
        private = serialization.load_pem_private_key(key_pem, password=None)
    except (ValueError, TypeError) as e:
        raise HubAdminError("hub.key_invalid", detail=f"private key: {e}") from e
    leaf = cx509.load_der_x509_certificate(certs[0].dump())
    ours = private.public_key().public_bytes(serialization.Encoding.DER,
                                             serialization.PublicFormat.SubjectPublicKeyInfo)
    theirs = leaf.public_key().public_bytes(serialization.Encoding.DER,
                                            serialization.PublicFormat.SubjectPublicKeyInfo)
    if ours != theirs:
        raise HubAdminError("hub.key_invalid", detail="the key does not match the certificate")
    der = private.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    signer = SimpleSigner(certs[0], keys.PrivateKeyInfo.load(der),
                          SimpleCertificateStore.from_certs(certs))
    return HubKey(certs[0], tuple(certs[1:]), signer)


def _self_signed(common_name: str) -> tuple[bytes, bytes]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    name = cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    cert = (cx509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(cx509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=5 * 365))
            .add_extension(cx509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(cx509.KeyUsage(True, True, False, False, False, False, False,
                                          False, False), critical=True)
            .sign(key, hashes.SHA256()))
    return (cert.public_bytes(serialization.Encoding.PEM),
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption()))


class HubKeyFiles:
    """The key files in one data folder, loaded again whenever they change."""

    def __init__(self, data_dir: Path) -> None:
        self.cert_path = data_dir / CERT_FILE
        self.key_path = data_dir / KEY_FILE
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._key: HubKey | None = None

    def current(self) -> HubKey | None:
        """The hub key, or None before ``korat-hub keys init``."""
        try:
            stamp = (self.cert_path.stat().st_mtime_ns, self.key_path.stat().st_mtime_ns)
        except FileNotFoundError:
            return None
        with self._lock:
            if stamp != self._stamp:
                self._key = _load(self.cert_path.read_bytes(), self.key_path.read_bytes())
                self._stamp = stamp
            return self._key


def init_hub_key(data_dir: Path, *, cert_pem: bytes | None = None, key_pem: bytes | None = None,
                 common_name: str = "Korat e-Office hub", replace: bool = False) -> HubKey:
    """Install the hub key: the one IT got from the province CA, or a new self-signed one.
    A key already there stays unless ``replace`` (offices holding pages signed by the
    old one keep them; new pages carry the new certificate in the directory)."""
    files = HubKeyFiles(data_dir)
    if not replace and (files.cert_path.exists() or files.key_path.exists()):
        raise HubAdminError("hub.key_exists", path=str(files.key_path))
    if (cert_pem is None) != (key_pem is None):
        raise HubAdminError("hub.key_invalid", detail="give both --cert and --key, or neither")
    if cert_pem is None or key_pem is None:
        cert_pem, key_pem = _self_signed(common_name)
    loaded = _load(cert_pem, key_pem)  # refuse a bad pair before anything is written
    chain = b"".join(pem.armor("CERTIFICATE", c.dump())
                     for c in (loaded.certificate, *loaded.chain))
    data_dir.mkdir(parents=True, exist_ok=True)
    key_der = loaded.signer.signing_key.dump()
    write_files([(files.key_path, pem.armor("PRIVATE KEY", key_der))], mode=0o600)
    files.key_path.chmod(0o600)  # also when an old file with looser bits was replaced
    write_files([(files.cert_path, chain)], mode=0o644)
    return loaded
