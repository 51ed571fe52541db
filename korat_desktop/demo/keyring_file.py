"""A plain-text keyring for the demo only: device tokens of a throw-away loopback hub.

A real install keeps its device token in the OS keyring (Windows Credential Manager,
Secret Service). The demo must also run where there is none (a fresh VM, a kiosk
session), and must not leave test tokens in a clerk's real keyring, so each demo
process (this office, the simulated peer) gets its own JSON file in the demo folder.
Selected with :func:`use_demo_keyring`, or in a child process by the environment of
:func:`demo_keyring_env`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from korat_desktop.files import write_file

__all__ = ["ENV_FILE", "DemoKeyring", "demo_keyring_env", "use_demo_keyring"]

ENV_FILE = "KORAT_DEMO_KEYRING"


class DemoKeyring(KeyringBackend):
    priority = 1

    def __init__(self, path: str | Path | None = None) -> None:
        super().__init__()
        self.path = Path(path or os.environ[ENV_FILE])

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_file(self.path, json.dumps(data).encode("utf-8"), mode=0o600)

    @staticmethod
    def _key(service: str, username: str) -> str:
        return f"{service}\x1f{username}"

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(self._key(service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._read()
        data[self._key(service, username)] = password
        self._write(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._read()
        if data.pop(self._key(service, username), None) is None:
            raise PasswordDeleteError("no such password")
        self._write(data)


def demo_keyring_env(path: Path) -> dict[str, str]:
    return {"PYTHON_KEYRING_BACKEND": "korat_desktop.demo.keyring_file.DemoKeyring",
            ENV_FILE: str(path)}


def use_demo_keyring(path: Path) -> None:
    keyring.set_keyring(DemoKeyring(path))
