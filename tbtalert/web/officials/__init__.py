"""The officials' workspace: ``/login``, ``/logout`` and every page under ``/officials/``.

Every route under ``/officials/`` depends on a signed-in official and, for
anything but GET, on the form's CSRF token (router-level dependencies, so a
new page cannot forget them). Handlers are plain ``def``: FastAPI runs them
in its thread pool, off the event loop.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, FastAPI

from tbtalert.web.officials import (
    assets,
    auth,
    home,
    notifications,
    review,
    sectors,
    service,
    stats,
    subscribers,
)
from tbtalert.web.officials.pages import EXCEPTION_HANDLERS
from tbtalert.web.officials.session import csrf_guard, current_official

PAGES = (home, notifications, review, sectors, subscribers, service, stats)


def install(app: FastAPI) -> None:
    """Add the sign-in routes, the workspace and their error handlers to ``app``."""
    workspace = APIRouter(
        prefix="/officials", dependencies=[Depends(current_official), Depends(csrf_guard)]
    )
    for module in PAGES:
        workspace.include_router(module.router)
    app.state.manual_runs = service.ManualRuns()
    app.include_router(auth.router)
    app.include_router(assets.router)
    app.include_router(workspace)
    for error, handler in EXCEPTION_HANDLERS.items():
        app.add_exception_handler(error, handler)
