"""The device token, kept in the OS keyring and nowhere else.

Never in the database, the config files or logs: a copied data folder must not let
anyone act as this device. One keyring entry per data folder (its local device id)
and hub, so several installs on one PC (tests, training copies) do not collide.
"""

from __future__ import annotations

import keyring
import keyring.errors

from korat_desktop.errors import SyncError

__all__ = ["KEYRING_SERVICE", "DeviceToken"]

KEYRING_SERVICE = "korat-desktop"


class DeviceToken:
    def __init__(self, hub_url: str, local_device_id: str) -> None:
        self.account = f"{local_device_id}@{hub_url}"

    def get(self) -> str | None:
        try:
            return keyring.get_password(KEYRING_SERVICE, self.account)
        except keyring.errors.KeyringError as e:
            raise SyncError("sync.keyring", detail=str(e)[:200]) from e

    def store(self, token: str) -> None:
        try:
            keyring.set_password(KEYRING_SERVICE, self.account, token)
        except keyring.errors.KeyringError as e:
            raise SyncError("sync.keyring", detail=str(e)[:200]) from e

    def forget(self) -> None:
        try:
            keyring.delete_password(KEYRING_SERVICE, self.account)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as e:
            raise SyncError("sync.keyring", detail=str(e)[:200]) from e
