"""The four TUF role keys of the update repository, as PEM files.

Ed25519, one key per role. ``init`` writes root, targets and snapshot keys into the
folder IT keeps offline (a USB stick in a safe, not the hub) and the timestamp key
into the hub's data folder: the hub re-signs only the timestamp, so a stolen hub can
at most delay updates (freeze until the timestamp expires), never ship one. Key
files are created 0600 and are never overwritten.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.serialization import load_pem_private_key
from securesystemslib.signer import CryptoSigner, Signer
from tuf.api.metadata import Root

from korat_desktop.errors import UpdateError
from korat_desktop.files import write_file

__all__ = ["OFFLINE_ROLES", "ROLES", "generate_key", "key_file", "load_signer"]

ROLES = ("root", "targets", "snapshot", "timestamp")
OFFLINE_ROLES = ("root", "targets", "snapshot")


def key_file(folder: Path, role: str) -> Path:
    return folder / f"{role}.key"


def generate_key(path: Path) -> CryptoSigner:
    """A new Ed25519 key written to ``path`` (refused if a file is there)."""
    if path.exists():
        raise UpdateError("update.repository_exists", path=str(path))
    signer = CryptoSigner.generate_ed25519()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file(path, signer.private_bytes, mode=0o600)
    return signer


def load_signer(folder: Path, role: str, root: Root) -> Signer:
    """The signer for ``role`` from ``folder``, checked against the keys root names."""
    path = key_file(folder, role)
    try:
        private = load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError as e:
        raise UpdateError("update.key_missing", role=role, path=str(path)) from e
    except (OSError, ValueError, TypeError) as e:
        raise UpdateError("update.wrong_key", role=role, path=str(path)) from e
    signer = CryptoSigner(private)
    if signer.public_key.keyid not in root.roles[role].keyids:
        raise UpdateError("update.wrong_key", role=role, path=str(path))
    return signer
