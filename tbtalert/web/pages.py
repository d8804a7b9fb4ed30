"""Rendering a page, and the pages for what went wrong: a bad link, a busy database, a limit.

The error pages never show a raw error: a database problem is logged in one
line (:func:`tbtalert.db.describe_error`) and the visitor reads that the
service is busy and when to try again.
"""

from __future__ import annotations

import logging
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from sqlalchemy.exc import SQLAlchemyError

from tbtalert.db import describe_error
from tbtalert.errors import SignupLimited, TokenError

log = logging.getLogger(__name__)

BUSY_RETRY_AFTER = 10
"""Seconds a visitor is asked to wait when the database is busy."""


def page(templates: Any, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """``templates/web/<name>`` rendered as an HTML response."""
    html = templates.get_template(f"web/{name}").render(**context)
    return HTMLResponse(html, status_code=status)


def _templates(request: Request) -> jinja2.Environment:
    env = request.app.state.templates
    assert isinstance(env, jinja2.Environment)
    return env


def link_error(request: Request, err: Exception) -> HTMLResponse:
    """The page for a forged, broken or expired link (any route: a TokenError escaped it)."""
    assert isinstance(err, TokenError)
    return page(_templates(request), "link_error.html", 400, expired=err.expired)


def database_busy(request: Request, err: Exception) -> HTMLResponse:
    """503 with a Retry-After when the database is locked, slow or gone."""
    assert isinstance(err, SQLAlchemyError)
    log.warning("web: %s %s: %s", request.method, request.url.path, describe_error(err))
    response = page(_templates(request), "busy.html", 503, retry_after=BUSY_RETRY_AFTER)
    response.headers["Retry-After"] = str(BUSY_RETRY_AFTER)
    return response


def too_many(request: Request, err: Exception) -> HTMLResponse:
    """429 for a client past a sign-up limit."""
    assert isinstance(err, SignupLimited)
    response = page(_templates(request), "too_many.html", 429)
    response.headers["Retry-After"] = str(err.retry_after)
    return response


def body_too_large(_request: Request, _err: Exception) -> Response:
    """413 for a request body that went past the cap while it was read."""
    return PlainTextResponse("request body too large\n", 413)
