"""``/fleet``: the read-only fleet page for the province's IT, behind an admin sign-in.

Plain server-rendered HTML with no script. Sign-in is CSRF-safe: the form carries a
random token that must equal the one in its own cookie (SameSite=Strict, HttpOnly),
and a POST whose ``Origin`` is another site is refused. The session cookie is
HttpOnly, SameSite=Strict, limited to ``/fleet`` and always Secure (browsers take
Secure cookies from plain http only on this computer, the one place the hub may run
without TLS). Every answer forbids framing, caching and scripts.
Agency accounts are refused with 403 and never see a device.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
import secrets
from typing import Annotated

from fastapi import APIRouter, Cookie, Form, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from korat_desktop.resources import thai_font_path
from korat_desktop.server.accounts import list_agencies
from korat_desktop.server.admins import (
    SESSION_LIFETIME,
    AdminSession,
    SignIn,
    admin_session,
    end_session,
    sign_in,
)
from korat_desktop.server.errors import HubError
from korat_desktop.server.fleet import (
    FleetFilter,
    common_errors,
    fleet_devices,
    newest_version,
    select_devices,
)
from korat_desktop.server.fleet_html import TEXTS, FleetView, error_page, fleet_page, signin_page
from korat_desktop.server.http.deps import HubDep

__all__ = ["CSRF_COOKIE", "SESSION_COOKIE", "router"]

router = APIRouter(prefix="/fleet", include_in_schema=False)

SESSION_COOKIE = "korat_fleet_session"
CSRF_COOKIE = "korat_fleet_signin"
_VERSION = re.compile(r"^[0-9A-Za-z.+\-]{1,40}$")
_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                               "font-src 'self'; form-action 'self'; base-uri 'none'; "
                               "frame-ancestors 'none'",
    "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin", "Cache-Control": "no-store",
}
LangQuery = Annotated[str, Query(max_length=2)]


def _lang(value: str | None) -> str:
    return value if value in TEXTS else "th"


def _html(content: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(content, status_code=status, headers=_HEADERS)


def _same_origin(request: Request) -> bool:
    """No ``Origin`` (an old browser, a script) passes: the CSRF token still must match."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    own = f"{request.url.scheme}://{request.url.netloc}"
    return hmac.compare_digest(origin.encode(), own.encode())


def _session(request: Request, hub: HubDep) -> AdminSession | None:
    with hub.db.reading() as conn:
        return admin_session(conn, request.cookies.get(SESSION_COOKIE))


def _signin_form(lang: str, message: str = "", status: int = 200) -> HTMLResponse:
    csrf = secrets.token_urlsafe(32)
    response = _html(signin_page(lang, csrf, message), status)
    response.set_cookie(CSRF_COOKIE, csrf, max_age=3600, path="/fleet/signin",
                        secure=True, httponly=True, samesite="strict")
    return response


@router.get("/signin")
def get_signin(lang: LangQuery = "th") -> Response:
    return _signin_form(_lang(lang))


@router.post("/signin")
def post_signin(request: Request, hub: HubDep,
                username: Annotated[str, Form(max_length=128)] = "",
                password: Annotated[str, Form(max_length=1024)] = "",
                csrf: Annotated[str, Form(max_length=100)] = "",
                lang: Annotated[str, Form(max_length=2)] = "th",
                cookie: Annotated[str | None, Cookie(alias=CSRF_COOKIE)] = None) -> Response:
    lang = _lang(lang)
    t = TEXTS[lang]
    if not cookie or not csrf or not hmac.compare_digest(cookie.encode(), csrf.encode()) \
            or not _same_origin(request):
        return _signin_form(lang, t["csrf"], 403)
    address = request.client.host if request.client else "unknown"
    try:
        result = sign_in(hub.db, hub.throttle, username, password, address)
    except HubError as e:  # locked by the throttle
        locked = _signin_form(lang, t["locked"].format(
            seconds=e.params.get("retry_after", "")), 429)
        locked.headers.update(e.headers)
        return locked
    if result.outcome is SignIn.REFUSED:
        return _signin_form(lang, t["bad_signin"], 401)
    if result.outcome is SignIn.AGENCY_USER or result.token is None:
        return _html(error_page(lang, t["forbidden"]), 403)
    response = RedirectResponse(f"/fleet?lang={lang}", status_code=303, headers=_HEADERS)
    response.set_cookie(SESSION_COOKIE, result.token, path="/fleet",
                        max_age=int(SESSION_LIFETIME.total_seconds()),
                        secure=True, httponly=True, samesite="strict")
    response.delete_cookie(CSRF_COOKIE, path="/fleet/signin")
    return response


@router.post("/signout")
def post_signout(request: Request, hub: HubDep,
                 csrf: Annotated[str, Form(max_length=100)] = "",
                 lang: Annotated[str, Form(max_length=2)] = "th") -> Response:
    lang = _lang(lang)
    session = _session(request, hub)
    if session is not None:
        if not hmac.compare_digest(session.csrf_token.encode(), csrf.encode()) \
                or not _same_origin(request):
            return _html(error_page(lang, TEXTS[lang]["csrf"]), 403)
        with hub.db.writing() as conn:
            end_session(conn, request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse(f"/fleet/signin?lang={lang}", status_code=303,
                                headers=_HEADERS)
    response.delete_cookie(SESSION_COOKIE, path="/fleet")
    return response


@router.get("")
def get_fleet(request: Request, hub: HubDep, lang: LangQuery = "th",
              days: Annotated[str, Query(max_length=5)] = "7",
              below: Annotated[str, Query(max_length=40)] = "") -> Response:
    lang = _lang(lang)
    session = _session(request, hub)
    if session is None:
        return RedirectResponse(f"/fleet/signin?lang={lang}", status_code=303,
                                headers=_HEADERS)
    stale_days = int(days) if days.isdigit() and 1 <= int(days) <= 3650 else 7
    now = dt.datetime.now(dt.UTC)
    with hub.db.reading() as conn:
        agencies = list_agencies(conn)
        found = fleet_devices(conn, now)
    version = below if _VERSION.match(below) else newest_version(found)
    stale = select_devices(found, now, FleetFilter(stale_for=dt.timedelta(days=stale_days)))
    old = select_devices(found, now, FleetFilter(version_below=version)) if version else []
    view = FleetView(now=now, admin=session.username, csrf=session.csrf_token,
                     agencies=agencies, devices=found, stale_days=stale_days, stale=stale,
                     version_below=version, old=old, errors=common_errors(found))
    return _html(fleet_page(view, lang))


@router.get("/fonts/{name}")
def get_font(name: str) -> Response:
    """Sarabun (OFL, shipped with the app), so Thai looks the same on every IT PC."""
    if name not in ("Sarabun-Regular.ttf", "Sarabun-Bold.ttf"):
        return Response(status_code=404)
    return FileResponse(thai_font_path(bold=name == "Sarabun-Bold.ttf"),
                        media_type="font/ttf",
                        headers={"Cache-Control": "max-age=86400",
                                 "X-Content-Type-Options": "nosniff"})
