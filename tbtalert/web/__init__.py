"""The web UI: the public status page, exporters' links and sign-up, open data.

Routes are plain ``def`` functions: FastAPI runs them in worker threads, so
a database call that waits for a lock never stalls the event loop, and the
web engine waits at most ``web_db_timeout`` for a lock before the visitor
gets a 503 "busy" page (:mod:`tbtalert.web.pages`). ``/docs`` and
``/openapi.json`` are not served.
"""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from tbtalert.config import Settings
from tbtalert.db import make_engine
from tbtalert.errors import BodyTooLarge, SignupLimited, TokenError
from tbtalert.templating import make_environment
from tbtalert.web import (
    api,
    apidocs,
    bulletins,
    calendar,
    feeds,
    officials,
    pages,
    signup,
    static,
    status,
    subscriptions,
)
from tbtalert.web.security import SecurityHeaders


def web_engine(settings: Settings, engine: Engine) -> Engine:
    """An engine on ``engine``'s database that waits at most ``web_db_timeout`` for a lock."""
    url = engine.url.render_as_string(hide_password=False)
    return make_engine(url, busy_timeout=settings.web_db_timeout)


def create_app(settings: Settings, engine: Engine) -> FastAPI:
    """Build the application for these settings and this database.

    The app opens two engines of its own on the database (see
    :func:`web_engine`): ``app.state.engine`` for the pages, and
    ``app.state.health_engine`` for ``/healthz`` alone, so that pages
    holding every pooled connection while they wait for a lock do not stop
    it. :func:`close_app` closes both.
    """
    # No /docs, /redoc or /openapi.json: only the open data is documented, under /api.
    app = FastAPI(title="tbtalert", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.engine = web_engine(settings, engine)
    app.state.health_engine = web_engine(settings, engine)
    app.state.templates = make_environment(settings)
    app.add_middleware(SecurityHeaders, upload_cap=settings.import_max_bytes)
    for router in (status.router, static.router, bulletins.router):
        app.include_router(router)
    for router in (subscriptions.router, signup.router):
        app.include_router(router)
    for router in (api.router, feeds.router, calendar.router):
        app.include_router(router)
    apidocs.install(app, [api.router, feeds.router, calendar.router])
    app.add_exception_handler(TokenError, pages.link_error)
    app.add_exception_handler(SQLAlchemyError, pages.database_busy)
    app.add_exception_handler(SignupLimited, pages.too_many)
    app.add_exception_handler(BodyTooLarge, pages.body_too_large)
    officials.install(app)
    return app


def close_app(app: FastAPI) -> None:
    """Close the app's database engines."""
    app.state.engine.dispose()
    app.state.health_engine.dispose()
