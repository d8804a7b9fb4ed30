"""Rendering the officials' pages: one layout, both languages, the session cookie sent when new.

Templates live in ``templates/web/officials/``. Each gets ``tr(vi, en)``,
which picks the reader's language (Vietnamese unless they switched), the
signed-in ``user``, the form token ``csrf``, and ``when``/``day`` to show
times in the configured time zone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar
from urllib.parse import quote, unquote, urlencode
from zoneinfo import ZoneInfo

import jinja2
from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlmodel import Session, SQLModel

from tbtalert.config import Settings
from tbtalert.models import User
from tbtalert.web.officials.session import (
    LANG_COOKIE,
    CsrfRefused,
    SignInRequired,
    csrf_token,
    language,
    read_session,
    wants_json,
    write_session,
)

Row = TypeVar("Row", bound=SQLModel)
FLASH_COOKIE = "tbt_flash"

NAV = (
    ("notifications", "Thông báo", "Notifications"),
    ("review", "Cần xem xét", "Review"),
    ("sectors", "Ngành hàng", "Sectors"),
    ("subscribers", "Người nhận", "Subscribers"),
    ("service", "Nguồn & dịch vụ", "Sources & service"),
    ("stats", "Thống kê", "Statistics"),
)


def translator(lang: str) -> Callable[[str, str], str]:
    """``tr(vi, en)``: the text in the reader's language."""
    return (lambda vi, en: en) if lang == "en" else (lambda vi, en: vi)


def _when(zone: ZoneInfo) -> Callable[[datetime | None], str]:
    def when(value: datetime | None) -> str:
        return "—" if value is None else f"{value.astimezone(zone):%d/%m/%Y %H:%M}"

    return when


def _day(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    return f"{value:%d/%m/%Y}"


def finish(request: Request, response: Response) -> Response:
    """Send the session cookie if it is new, and remember a language switch."""
    settings = request.app.state.settings
    session = read_session(request)
    if session.fresh:
        write_session(response, settings, session)
        session.fresh = False
    asked = request.query_params.get("lang")
    if asked and asked == language(request):
        response.set_cookie(LANG_COOKIE, asked, max_age=365 * 86400, samesite="lax", path="/")
    return response


def render(request: Request, name: str, *, user: User | None, **ctx: Any) -> str:
    """The HTML of ``web/officials/<name>`` for this request."""
    settings: Settings = request.app.state.settings
    templates: jinja2.Environment = request.app.state.templates
    lang = language(request)
    return templates.get_template(f"web/officials/{name}").render(
        user=user,
        lang=lang,
        tr=translator(lang),
        csrf=csrf_token(settings, read_session(request)),
        nav=NAV,
        path=request.url.path,
        query=request.url.query,
        when=_when(ZoneInfo(settings.timezone)),
        day=_day,
        web_link=lambda url: str(url).lower().startswith(("https://", "http://")),
        flash=unquote(request.cookies.get(FLASH_COOKIE, ""))[:500],
        query_with=lambda **changes: urlencode(
            {**dict(request.query_params), **{k: v for k, v in changes.items()}}
        ),
        **ctx,
    )


def page(
    request: Request, name: str, *, user: User | None, status: int = 200, **ctx: Any
) -> Response:
    """A whole page (``render`` wrapped in a response that keeps the session)."""
    html = render(request, name, user=user, **ctx)
    response = finish(request, HTMLResponse(html, status_code=status))
    if FLASH_COOKIE in request.cookies:
        response.delete_cookie(FLASH_COOKIE, path="/")
    return response


def redirect(request: Request, url: str, flash: str = "") -> Response:
    """See-other to ``url`` (after a form), keeping the session; ``flash`` shows once there."""
    response = finish(request, RedirectResponse(url, status_code=303))
    if flash:
        response.set_cookie(
            FLASH_COOKIE, quote(flash), max_age=60, path="/", samesite="lax", httponly=True
        )
    return response


def get_or_404(session: Session, model: type[Row], key: object) -> Row:
    """The row of ``model`` with this primary key, or a 404 page."""
    row = session.get(model, key)
    if row is None:
        raise HTTPException(status_code=404, detail=f"no such {model.__name__.lower()}")
    return row


def local_target(value: str, default: str = "/officials/") -> str:
    """``value`` when it is a path on this site, else ``default`` (no open redirects)."""
    if value.startswith("/") and not value.startswith(("//", "/\\")):
        return value
    return default


def sign_in_required(request: Request, _err: Exception) -> Response:
    """Anonymous: pages go to /login (and back after), JSON gets 401."""
    if wants_json(request):
        return JSONResponse({"error": "sign in required"}, status_code=401)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target)}", status_code=303)


def csrf_refused(request: Request, _err: Exception) -> Response:
    """A form without this session's token: explain, and change nothing."""
    if wants_json(request):
        return JSONResponse({"error": "missing or wrong CSRF token"}, status_code=403)
    return page(request, "csrf.html", user=None, status=403)


EXCEPTION_HANDLERS = {SignInRequired: sign_in_required, CsrfRefused: csrf_refused}
