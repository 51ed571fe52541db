"""The hub's error type: a :class:`KoratError` that knows its HTTP status.

Service code raises ``HubError(ErrorCode.X, status, **params)``; one exception handler
turns it into the JSON error body. Texts come from the protocol's catalogue so the
hub's English ``message`` and the client's Thai text share one source.
"""

from __future__ import annotations

from typing import Any

from korat_desktop.errors import KoratError
from korat_desktop.protocol.errors import ErrorBody, ErrorCode
from korat_desktop.protocol.messages import MESSAGES
from korat_desktop.server import provisioning_messages

__all__ = ["ADMIN_MESSAGES", "HubAdminError", "HubError", "render_message"]

ADMIN_MESSAGES: dict[str, tuple[str, str]] = {
    "hub.no_such_device": ("ไม่พบเครื่อง {device_id} ที่ยังไม่ถูกเพิกถอน",
                           "No unrevoked device with id {device_id}"),
    "hub.key_exists": ("ระบบกลางมีกุญแจลงนามแล้วที่ {path} (ใช้ --replace เพื่อแทนที่)",
                       "The hub already has a signing key at {path} (--replace to replace it)"),
    "hub.key_invalid": ("กุญแจหรือใบรับรองของระบบกลางใช้ไม่ได้: {detail}",
                        "The hub key or certificate cannot be used: {detail}"),
    "hub.no_certificates_in_file": ("ไฟล์ {path} ไม่มีใบรับรองของหน่วยงาน {agency}",
                                    "{path} holds no certificate of agency {agency}"),
    **provisioning_messages.MESSAGES,
}
"""Texts for errors of the admin console (never sent over the wire)."""


def render_message(code: str, params: dict[str, Any], lang: str = "en") -> str:
    texts = MESSAGES.get(code) or ADMIN_MESSAGES.get(code)
    if texts is None:
        return code
    try:
        return (texts[0] if lang == "th" else texts[1]).format(**params)
    except (KeyError, IndexError, ValueError):
        return texts[1]


class HubError(KoratError):
    """An error the hub answers to a client, with its HTTP status and extra headers."""

    layer = "hub"

    def __init__(self, code: ErrorCode, status: int, /,
                 headers: dict[str, str] | None = None, **params: Any) -> None:
        super().__init__(str(code), **params)
        self.status = status
        self.headers = headers or {}

    def message(self, lang: str = "en") -> str:
        return render_message(self.code, self.params, lang)

    def body(self) -> ErrorBody:
        return ErrorBody(code=self.code, message=self.message("en"),
                         params={k: str(v) for k, v in self.params.items()})


class HubAdminError(KoratError):
    """A failed ``korat-hub`` admin command (exit status 1)."""

    layer = "hub"

    def message(self, lang: str = "en") -> str:
        return render_message(self.code, self.params, lang)
