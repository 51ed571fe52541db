"""Trust anchors: the bundled directory (Thai National Root CA) plus configured files."""

from __future__ import annotations

from pathlib import Path

from asn1crypto import pem, x509

from korat_desktop.errors import SigningError
from korat_desktop.signing.settings import SigningSettings

__all__ = ["load_certificates", "load_trust_roots"]

_SUFFIXES = {".pem", ".crt", ".cer", ".der"}


def load_certificates(path: Path) -> list[x509.Certificate]:
    """Every certificate in a PEM (one or many) or DER file."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SigningError("signing.trust_root_unreadable", file=str(path),
                           detail=e.strerror or str(e)) from e
    try:
        if pem.detect(data):
            return [x509.Certificate.load(der)
                    for kind, _headers, der in pem.unarmor(data, multiple=True)
                    if kind == "CERTIFICATE"]
        cert = x509.Certificate.load(data)
        cert.native  # noqa: B018 - force parsing so garbage fails here
        return [cert]
    except (ValueError, TypeError) as e:
        raise SigningError("signing.trust_root_unreadable", file=str(path),
                           detail=str(e) or "not a certificate") from e


def load_trust_roots(settings: SigningSettings) -> list[x509.Certificate]:
    roots: list[x509.Certificate] = []
    bundled = settings.bundled_trust_dir
    if bundled is not None and bundled.is_dir():
        for path in sorted(bundled.iterdir()):
            if path.suffix.lower() in _SUFFIXES:
                roots.extend(load_certificates(path))
    for name in settings.trust_roots:
        roots.extend(load_certificates(Path(name).expanduser()))
    seen: set[bytes] = set()
    unique = []
    for cert in roots:
        if cert.sha256 not in seen:
            seen.add(cert.sha256)
            unique.append(cert)
    return unique
