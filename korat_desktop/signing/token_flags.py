"""The PKCS#11 token flags (``CK_TOKEN_INFO.flags``) that change what we ask of the user.

On their own so that both the token listing (:mod:`.tokens`) and the reading of PKCS#11
failures (:mod:`.pkcs11_errors`) can use them without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CKF_LOGIN_REQUIRED", "CKF_PROTECTED_AUTHENTICATION_PATH", "CKF_USER_PIN_COUNT_LOW",
           "CKF_USER_PIN_FINAL_TRY", "CKF_USER_PIN_LOCKED", "CKF_USER_PIN_TO_BE_CHANGED",
           "TokenFlags"]

# PKCS#11 token flags (CK_TOKEN_INFO.flags) we act on
CKF_LOGIN_REQUIRED = 0x00000004
CKF_PROTECTED_AUTHENTICATION_PATH = 0x00000100
CKF_USER_PIN_COUNT_LOW = 0x00010000
CKF_USER_PIN_FINAL_TRY = 0x00020000
CKF_USER_PIN_LOCKED = 0x00040000
CKF_USER_PIN_TO_BE_CHANGED = 0x00080000


@dataclass(frozen=True)
class TokenFlags:
    """The token flags that change what we ask of the user."""

    raw: int

    @property
    def login_required(self) -> bool:
        return bool(self.raw & CKF_LOGIN_REQUIRED)

    @property
    def protected_authentication_path(self) -> bool:
        """A PIN pad on the reader: the PIN is typed there, never into the app."""
        return bool(self.raw & CKF_PROTECTED_AUTHENTICATION_PATH)

    @property
    def pin_count_low(self) -> bool:
        return bool(self.raw & CKF_USER_PIN_COUNT_LOW)

    @property
    def pin_final_try(self) -> bool:
        return bool(self.raw & CKF_USER_PIN_FINAL_TRY)

    @property
    def pin_locked(self) -> bool:
        return bool(self.raw & CKF_USER_PIN_LOCKED)

    @property
    def pin_to_be_changed(self) -> bool:
        return bool(self.raw & CKF_USER_PIN_TO_BE_CHANGED)
