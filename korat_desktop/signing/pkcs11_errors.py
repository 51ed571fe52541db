"""Turning PKCS#11 failures into our stable error codes.

The same low-level error means different things at different moments: a stale object
handle during signing usually means the card was pulled out, so before blaming the
token we look whether it is still there.
"""

from __future__ import annotations

from typing import Any

import pkcs11
from pkcs11 import exceptions as p11e

from korat_desktop.errors import SigningError
from korat_desktop.signing.token_flags import TokenFlags

__all__ = ["find_pkcs11_cause", "login_failure", "token_failure", "token_still_present"]

_GONE = (
    p11e.DeviceRemoved,
    p11e.TokenNotPresent,
    p11e.TokenNotRecognised,
    p11e.SessionClosed,
    p11e.SessionHandleInvalid,
    p11e.ObjectHandleInvalid,
    p11e.KeyHandleInvalid,
    p11e.SlotIDInvalid,
    p11e.DeviceError,
    p11e.GeneralError,
)


def token_still_present(token: Any) -> bool:
    """Ask the module afresh whether the same token is still in its slot."""
    try:
        fresh = token.handle().slot.get_token()
    except pkcs11.PKCS11Error:
        return False
    return bool(fresh.serial.decode("ascii", "replace").strip() == token.serial)


def fresh_flags(token: Any) -> int | None:
    try:
        return int(token.handle().slot.get_token().flags)
    except pkcs11.PKCS11Error:
        return None


def find_pkcs11_cause(exc: BaseException) -> pkcs11.PKCS11Error | None:
    """The PKCS#11 error behind ``exc`` (pyHanko sometimes wraps it)."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        if isinstance(cur, pkcs11.PKCS11Error):
            return cur
        seen.add(id(cur))
        cur = cur.__cause__ or cur.__context__
    return None


def login_failure(token: Any, exc: pkcs11.PKCS11Error) -> SigningError:
    """A failed ``C_Login``: wrong/locked PIN, with tries left when the token tells."""
    name = token.label
    if isinstance(exc, p11e.PinIncorrect):
        flags = fresh_flags(token) or 0
        state = TokenFlags(flags)
        if state.pin_locked:
            return SigningError("signing.pin_locked", token=name)
        if state.pin_final_try:
            return SigningError("signing.wrong_pin_final_try", token=name, tries_left=1)
        if state.pin_count_low:
            return SigningError("signing.wrong_pin_count_low", token=name)
        return SigningError("signing.wrong_pin", token=name)
    if isinstance(exc, p11e.PinLocked):
        return SigningError("signing.pin_locked", token=name)
    if isinstance(exc, p11e.PinInvalid | p11e.PinLenRange | p11e.ArgumentsBad):
        return SigningError("signing.pin_invalid", token=name)
    if isinstance(exc, p11e.FunctionCancelled):
        return SigningError("signing.pin_entry_cancelled", token=name)
    return token_failure(token, exc)


def token_failure(token: Any, exc: pkcs11.PKCS11Error) -> SigningError:
    """Any other token error: removed card, or a token fault worth reporting as such."""
    if isinstance(exc, _GONE) and not token_still_present(token):
        return SigningError("signing.token_removed", token=token.label)
    return SigningError("signing.token_error", token=token.label,
                        detail=type(exc).__name__)
