"""Checks the keys tests share: what ``korat keys list --json`` says of an office, and
whether a letter one office seals to another opens there."""

from __future__ import annotations

import io

from tests.sync.harness import Device

__all__ = ["agencies", "listing", "opens_at"]


def listing(device: Device) -> dict[str, object]:
    run = device.korat("keys", "list", "--json", "--no-tokens")
    assert run.code == 0, run.err
    data: dict[str, object] = run.json
    return data


def agencies(device: Device) -> dict[str, dict[str, object]]:
    """The cached agencies by code: name, sign (count), encrypt (yes/no), relay."""
    found = listing(device)["agencies"]
    assert isinstance(found, list)
    return {a["code"]: a for a in found}


def opens_at(sender: Device, recipient: Device, letter: bytes) -> bytes:
    """Seal ``letter`` at ``sender`` to ``recipient``'s agency (its cached encryption
    certificate) and open it with ``recipient``'s own keys."""
    from korat_desktop.courier.envelope import open_envelope, seal

    with sender.app() as app:
        cert = app.courier_keys.encryption_certificates([recipient.agency])[recipient.agency]
    sealed = io.BytesIO()
    seal(io.BytesIO(letter), len(letter), sealed, [cert])
    opened = io.BytesIO()
    with recipient.app() as app:
        open_envelope(io.BytesIO(sealed.getvalue()), len(sealed.getvalue()), opened,
                      app.courier_keys.recipient_key())
    return opened.getvalue()
