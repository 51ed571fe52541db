"""The test PKI (certomancer), served live on 127.0.0.1 from a background thread.

It lives in the package (the ``demo`` extra) so an installed ``korat-desktop --demo``
signs with it too; the signing tests use the very same one.

Root → issuing CA → people's certificates; an OCSP responder and CRLs for both CAs;
a TSA under the root. CA keys are generated per run; people's keys are generated on
the SoftHSM tokens and only their public halves are handed to certomancer.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import x509
from certomancer.integrations.animator import Animator, AnimatorArchStore
from certomancer.registry import ArchLabel, CertLabel, CertomancerConfig, PKIArchitecture
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from werkzeug.serving import BaseWSGIServer, make_server

__all__ = ["PKI_CONFIG", "TestPki", "free_port", "write_private_key"]

PKI_CONFIG = Path(__file__).resolve().parent / "korat-test-pki.yml"  # package data
ARCH = ArchLabel("korat")
CA_KEYS = {"root": "rsa", "interm": "rsa", "ocsp": "ec", "tsa": "rsa", "file-signer": "rsa"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_private_key(path: Path, kind: str) -> None:
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    if kind == "rsa":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    else:
        key = ec.generate_private_key(ec.SECP256R1())
    path.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))


@dataclass
class TestPki:
    """A built PKI plus the server that answers OCSP, CRL and TSA requests."""

    __test__ = False  # not a pytest test class

    key_dir: Path
    port: int
    arch: PKIArchitecture
    _server: BaseWSGIServer | None = field(default=None, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)

    @classmethod
    def build(cls, key_dir: Path) -> TestPki:
        """Load the YAML with the keys in ``key_dir`` (public keys must already be there)."""
        for name, kind in CA_KEYS.items():
            if not (key_dir / f"{name}.key.pem").exists():
                write_private_key(key_dir / f"{name}.key.pem", kind)
        port = free_port()
        cfg = CertomancerConfig.from_file(
            str(PKI_CONFIG), key_search_dir=str(key_dir),
            external_url_prefix=f"http://127.0.0.1:{port}",
        )
        return cls(key_dir, port, cfg.get_pki_arch(ARCH))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def tsa_url(self) -> str:
        return f"{self.url}/korat/tsa/tsa"

    def cert(self, label: str) -> x509.Certificate:
        return self.arch.get_cert(CertLabel(label))

    @property
    def root(self) -> x509.Certificate:
        return self.cert("root")

    def write_pem(self, label: str, path: Path) -> Path:
        from asn1crypto import pem

        path.write_bytes(pem.armor("CERTIFICATE", self.cert(label).dump()))
        return path

    # -- the live server -------------------------------------------------------------
    def start(self) -> None:
        if self._server is not None:
            return
        app = Animator(AnimatorArchStore({ARCH: self.arch}), with_web_ui=False)
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        self._server = make_server("127.0.0.1", self.port, app, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        name="test-pki", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    @property
    def running(self) -> bool:
        return self._server is not None

    @contextlib.contextmanager
    def offline(self) -> Iterator[None]:
        """The network is gone: nothing answers on the PKI's port until the block ends."""
        was_running = self.running
        self.stop()
        try:
            yield
        finally:
            if was_running:
                self.start()
