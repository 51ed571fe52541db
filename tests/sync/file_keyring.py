"""A real keyring backend that keeps passwords in one JSON file, for tests.

Selected in subprocesses with ``PYTHON_KEYRING_BACKEND=tests.sync.file_keyring.FileKeyring``
and ``KORAT_TEST_KEYRING=/path/file.json`` (keyring imports it by name), and in the
test process with :func:`use_file_keyring`. The file is locked around each change, so
several ``korat`` processes can share it. Never use it outside tests: it is plain text.
"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

__all__ = ["ENV_FILE", "FileKeyring", "keyring_env", "use_file_keyring"]

ENV_FILE = "KORAT_TEST_KEYRING"


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self, path: str | Path | None = None) -> None:
        super().__init__()
        self.path = Path(path or os.environ[ENV_FILE])

    def _update(self, change: object = None) -> dict[str, str]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a+", encoding="utf-8") as fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            fh.seek(0)
            text = fh.read()
            data: dict[str, str] = json.loads(text) if text.strip() else {}
            if callable(change):
                change(data)
                fh.seek(0)
                fh.truncate()
                fh.write(json.dumps(data))
                fh.flush()
                os.fsync(fh.fileno())
            return data

    @staticmethod
    def _key(service: str, username: str) -> str:
        return f"{service}\x1f{username}"

    def get_password(self, service: str, username: str) -> str | None:
        return self._update().get(self._key(service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._update(lambda d: d.__setitem__(self._key(service, username), password))

    def delete_password(self, service: str, username: str) -> None:
        key = self._key(service, username)
        if key not in self._update():
            raise PasswordDeleteError("no such password")
        self._update(lambda d: d.pop(key, None))


def keyring_env(path: Path) -> dict[str, str]:
    """Environment for a subprocess that should use the same file keyring."""
    return {"PYTHON_KEYRING_BACKEND": "tests.sync.file_keyring.FileKeyring", ENV_FILE: str(path)}


def use_file_keyring(path: Path) -> FileKeyring:
    backend = FileKeyring(path)
    keyring.set_keyring(backend)
    return backend
