"""Every error leaves the hub as JSON ``{code, message, params}``, never as HTML or a 5xx
for bad input. Validation problems are 422 ``request.invalid`` (a missing or wrong
``Tus-Resumable`` is tus's 412); unknown paths 404."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from korat_desktop.protocol.errors import ErrorBody, ErrorCode
from korat_desktop.protocol.ops import ENCRYPTION_ERROR
from korat_desktop.protocol.tus import TUS_VERSION
from korat_desktop.server.errors import HubError, render_message

__all__ = ["error_response", "install_error_handlers"]

log = logging.getLogger(__name__)

_STATUS_CODES = {
    404: ErrorCode.REQUEST_NOT_FOUND,
    405: ErrorCode.REQUEST_METHOD,
    413: ErrorCode.REQUEST_TOO_LARGE,
}


def error_response(code: ErrorCode, status: int, headers: dict[str, str] | None = None,
                   **params: object) -> JSONResponse:
    body = ErrorBody(code=code.value, message=render_message(code.value, params),
                     params={k: str(v) for k, v in params.items()})
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


async def _hub_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HubError)
    return JSONResponse(exc.body().model_dump(), status_code=exc.status, headers=exc.headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    if any(tuple(err.get("loc", ()))[:2] == ("header", "Tus-Resumable")
           for err in exc.errors()):
        # tus core: a request without our version is 412 with Tus-Version, whatever
        # else is wrong with it (the header is declared required in the OpenAPI).
        return error_response(ErrorCode.TUS_VERSION, 412, {"Tus-Version": TUS_VERSION},
                              version="-")
    errors = exc.errors()
    encryption = [err for err in errors if _about_encryption(err)]
    if encryption:
        # Encrypted payload fields the hub does not understand: its own code, so an
        # older or newer client knows the hub (not the letter) is the problem.
        return error_response(ErrorCode.OP_ENCRYPTION, 422, detail=_describe(encryption))
    return error_response(ErrorCode.REQUEST_INVALID, 422, detail=_describe(errors))


def _about_encryption(err: Any) -> bool:
    loc = tuple(err.get("loc", ()))
    return err.get("type") == ENCRYPTION_ERROR or (
        loc[:1] == ("body",) and bool({"encryption", "sealed"} & set(loc[-1:])))


def _describe(errors: Sequence[Any]) -> str:
    """Where and what, never the input (it may be a secret letter's subject)."""
    parts = []
    for err in errors[:5]:
        where = ".".join(str(x) for x in err.get("loc", ()))
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _STATUS_CODES.get(exc.status_code, ErrorCode.REQUEST_INVALID)
    if code is ErrorCode.REQUEST_INVALID:
        return error_response(code, exc.status_code, dict(exc.headers or {}),
                              detail=str(exc.detail))
    return error_response(code, exc.status_code, dict(exc.headers or {}))


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected hub error", exc_info=exc)
    return error_response(ErrorCode.SERVER_INTERNAL, 500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(HubError, _hub_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
