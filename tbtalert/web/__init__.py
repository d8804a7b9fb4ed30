"""The web UI: officials' pages, exporters' preference links, open data."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy.engine import Engine

from tbtalert.config import Settings
from tbtalert.templating import make_environment
from tbtalert.tokens import TokenError
from tbtalert.web import api, apidocs, calendar, feeds, officials, status, subscriptions


def create_app(settings: Settings, engine: Engine) -> FastAPI:
    """Build the application for these settings and this database."""
    # No /docs, /redoc or /openapi.json: only the open data is documented, under /api.
    app = FastAPI(title="tbtalert", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.engine = engine
    app.state.templates = make_environment(settings)
    app.include_router(status.router)
    app.include_router(subscriptions.router)
    for router in (api.router, feeds.router, calendar.router):
        app.include_router(router)
    apidocs.install(app, [api.router, feeds.router, calendar.router])
    app.add_exception_handler(TokenError, subscriptions.link_error)
    officials.install(app)
    return app
