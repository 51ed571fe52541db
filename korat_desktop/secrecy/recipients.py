"""PLACEHOLDER until h/secret-hub is merged (it owns this module)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from asn1crypto import x509

from korat_desktop.courier.keys import CourierKeys
from korat_desktop.errors import CourierError, SecrecyError

__all__ = ["recipient_certificates"]


def recipient_certificates(keys: CourierKeys, agencies: Sequence[str], *,
                           now: dt.datetime) -> dict[str, list[x509.Certificate]]:
    found: dict[str, list[x509.Certificate]] = {}
    for code in agencies:
        try:
            found[code] = [keys.encryption_certificates([code])[code]]
        except CourierError as e:
            raise SecrecyError(e.code.replace("courier.", "secrecy."), agency=code) from e
    return found
