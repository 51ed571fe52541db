"""A throw-away SoftHSM2 installation in a temporary directory.

SoftHSM reads ``SOFTHSM2_CONF`` once, when the PKCS#11 module is first initialised in
a process, so :func:`SoftHsm.create` must run before anything loads the module. Each
pytest-xdist worker builds its own (tokens are directories under its tmp dir).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SOFTHSM_MODULE", "SoftHsm", "find_softhsm_module"]

_CANDIDATES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
)

# SoftHSM keeps the token flags as a vendor attribute in token.object:
# CKA_VENDOR_DEFINED + 0x5348 ("SH") + 3, stored as a big-endian ulong.
_TOKEN_FLAGS_ATTR = struct.pack(">Q", 0x80000000 + 0x5348 + 3)
CKF_USER_PIN_FINAL_TRY = 0x00020000
CKF_USER_PIN_LOCKED = 0x00040000


def find_softhsm_module() -> str | None:
    for path in _CANDIDATES:
        if os.path.exists(path):
            return path
    return None


SOFTHSM_MODULE = find_softhsm_module() or _CANDIDATES[0]


@dataclass
class SoftHsm:
    root: Path
    conf: Path
    module: str = SOFTHSM_MODULE

    @classmethod
    def create(cls, root: Path) -> SoftHsm:
        """Write a SoftHSM config under ``root`` and point this process at it."""
        tokens = root / "tokens"
        tokens.mkdir(parents=True, exist_ok=True)
        conf = root / "softhsm2.conf"
        conf.write_text(
            f"directories.tokendir = {tokens}\n"
            "objectstore.backend = file\n"
            "log.level = ERROR\n"
            "slots.removable = true\n",
            encoding="utf-8",
        )
        os.environ["SOFTHSM2_CONF"] = str(conf)
        return cls(root, conf)

    @property
    def token_root(self) -> Path:
        return self.root / "tokens"

    def init_token(self, label: str, pin: str, so_pin: str) -> None:
        """Initialise a new token in the free slot (before the module is loaded here)."""
        env = dict(os.environ, SOFTHSM2_CONF=str(self.conf))
        subprocess.run(
            ["softhsm2-util", "--init-token", "--free", "--label", label,
             "--pin", pin, "--so-pin", so_pin],
            check=True, capture_output=True, env=env,
        )

    def token_dir(self, serial: str) -> Path:
        """SoftHSM names a token's directory by a UUID ending in the serial number."""
        for d in self.token_root.iterdir():
            if d.name.replace("-", "").endswith(serial):
                return d
        raise FileNotFoundError(f"no SoftHSM token directory for serial {serial}")

    def set_token_flags(self, serial: str, add: int = 0, remove: int = 0) -> None:
        """Set token flags the way a card's firmware would (e.g. PIN locked).

        SoftHSM itself never locks a PIN, but it reports whatever flags its token file
        holds; bumping the file's generation makes the running module re-read it.
        """
        path = self.token_dir(serial) / "token.object"
        data = bytearray(path.read_bytes())
        at = data.find(_TOKEN_FLAGS_ATTR)
        if at < 0:
            raise ValueError("token flags attribute not found")
        _kind, flags = struct.unpack(">QQ", data[at + 8 : at + 24])
        data[at + 16 : at + 24] = struct.pack(">Q", (flags | add) & ~remove)
        (generation,) = struct.unpack(">Q", data[:8])
        data[:8] = struct.pack(">Q", generation + 1)
        path.write_bytes(bytes(data))

    def remove_token(self, serial: str) -> None:
        """Pull the card out: the token's directory disappears under the module."""
        shutil.rmtree(self.token_dir(serial))
