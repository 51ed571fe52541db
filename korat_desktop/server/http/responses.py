"""OpenAPI descriptions of the error answers, shared by the route modules."""

from __future__ import annotations

from typing import Any

from korat_desktop.protocol.errors import ErrorBody

__all__ = ["errors"]


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: each status answers an :class:`ErrorBody`."""
    return {status: {"model": ErrorBody} for status in (422, *statuses)}
